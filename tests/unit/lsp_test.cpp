// The language server's parts: positions as LSP counts them, URIs, the JSON-RPC framing, and
// the index of names that hover, definition, references and rename read.

#include <doctest/doctest.h>

#include "engine/workspace.h"
#include "lsp/index.h"
#include "lsp/jsonrpc.h"
#include "lsp/text.h"

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace ww;
using namespace ww::lsp;

TEST_CASE("positions count UTF-16 code units, offsets count bytes") {
  std::string text = "ab\né𝄞x\n";
  // é is 2 bytes and 1 unit; 𝄞 is 4 bytes and 2 units.
  CHECK(positionOf(text, 3).line == 1);
  CHECK(positionOf(text, 3).character == 0);
  CHECK(positionOf(text, 5).character == 1);
  CHECK(positionOf(text, 9).character == 3);
  CHECK(offsetOf(text, {1, 3}) == 9);
  CHECK(offsetOf(text, {1, 1}) == 5);
  // Inside a sequence: its start. Past the end of a line: the line's end; past the text: its end.
  CHECK(positionOf(text, 6).character == 1);
  CHECK(offsetOf(text, {1, 99}) == 10);
  CHECK(offsetOf(text, {9, 0}) == text.size());
  LineMap map(text);
  for (std::size_t i = 0; i <= text.size(); ++i) {
    CHECK(map.positionOf(i).line == positionOf(text, i).line);
    CHECK(map.positionOf(i).character == positionOf(text, i).character);
  }
  CHECK(map.offsetOf({1, 3}) == 9);
}

TEST_CASE("file URIs") {
  CHECK(uriToPath("file:///a/b%20c.ww") == "/a/b c.ww");
  CHECK(uriToPath("file://localhost/a.ww") == "/a.ww");
  CHECK(uriToPath("file://elders/a.ww").empty());
  CHECK(uriToPath("untitled:Untitled-1").empty());
  CHECK(pathToUri("/a/b c/ë.ww") == "file:///a/b%20c/%C3%AB.ww");
  CHECK(uriToPath(pathToUri("/a/b c/ë.ww")) == "/a/b c/ë.ww");
}

TEST_CASE("the reader frames messages and survives what is not a message") {
  auto frame = [](const std::string &body) {
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  };
  std::string stream = frame(R"({"id":1})") + "Content-Type: x\r\n" + frame(R"({"id":2})") +
                       frame("{nope") + "Content-Length: zz\r\n\r\n" + frame(R"({"id":3})") +
                       "Content-Length: 99999999999\r\n\r\n" + frame(R"({"id":4})");
  std::vector<Incoming> all = Reader::all(stream);
  REQUIRE(all.size() >= 5);
  CHECK(all[0].kind == Incoming::Kind::Message);
  CHECK(all[0].message["id"] == 1);
  CHECK(all[1].message["id"] == 2);
  CHECK(all[2].kind == Incoming::Kind::Malformed);
  bool sawThree = false;
  for (const Incoming &in : all)
    sawThree = sawThree || (in.kind == Incoming::Kind::Message && in.message["id"] == 3);
  CHECK(sawThree);
  CHECK(all.back().kind == Incoming::Kind::Message);
  CHECK(all.back().message["id"] == 4);
  // A message that ends early is malformed, and then the input ends: never a hang.
  std::vector<Incoming> cut = Reader::all("Content-Length: 50\r\n\r\n{\"id\":");
  REQUIRE(cut.size() == 1);
  CHECK(cut.back().kind == Incoming::Kind::Malformed);
}

TEST_CASE("the index resolves names along the extends chain") {
  fs::path dir = fs::temp_directory_path() / "ww-lsp-index";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "m.ww") << "module m \"M\"\n"
                                 "question q \"Q?\" one of { a \"A\" b \"B\" }\n"
                                 "decision d \"D?\" { outcome ja \"Ja\" outcome nee \"Nee\" }\n"
                                 "rule r1 when q == a then ja\n";
  std::ofstream(dir / "p.ww") << "ruleset p \"P\" extends m\n"
                                 "rule r2 exception to r1 when q == b then nee\n"
                                 "rule r3 when q in {a} and d == ja then ja\n";
  engine::Workspace ws;
  engine::load(ws, {(dir / "p.ww").string()}, {});
  Index index(ws);
  FileId p = 0, m = 0;
  for (std::size_t i = 0; i < ws.located.size(); ++i)
    (ws.located[i].filename() == "p.ww" ? p : m) = static_cast<FileId>(i + 1);
  REQUIRE(p);
  REQUIRE(m);
  CHECK(index.chain(p) == std::vector<FileId>{p, m});
  const std::string &ptext = ws.sources.file(p).text();
  auto hit = index.at(p, ptext.find("q == b"));
  REQUIRE(hit);
  const Symbol &q = index.symbols()[hit->first];
  CHECK(q.kind == SymbolKind::Question);
  CHECK(q.file == m);
  // The answer `b` is the answer of `q`; `r1` the module's rule; `ja` after `d ==` an outcome.
  auto b = index.at(p, ptext.find("b then"));
  REQUIRE(b);
  CHECK(index.symbols()[b->first].kind == SymbolKind::Answer);
  CHECK(index.symbols()[b->first].container == "q");
  auto ja = index.at(p, ptext.find("ja then"));
  REQUIRE(ja);
  CHECK(index.symbols()[ja->first].kind == SymbolKind::Outcome);
  // References of `q`: its name in the module, its use there, and two in the ruleset.
  std::vector<Span> refs = index.references(hit->first, true);
  CHECK(refs.size() == 4);
  CHECK(refs.front().file == m);
  // A module never sees a ruleset's rules.
  CHECK_FALSE(index.lookup(m, "r2", {SymbolKind::Rule}));
  CHECK(index.lookup(p, "r1", {SymbolKind::Rule}));
  fs::remove_all(dir);
}
