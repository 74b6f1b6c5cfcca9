// The driver's workspace and reports on hostile input: files past the size limit, and text that
// is not valid UTF-8 (a file name, a message) in every output format.
#include <doctest/doctest.h>

#include "engine/causes.h"
#include "cli/progress.h"
#include "cli/report.h"
#include "compiler/support/limits.h"
#include "compiler/support/terminal.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

/// A scratch folder, removed at the end of the test.
struct Scratch {
  fs::path dir;
  Scratch() {
    dir = fs::temp_directory_path() / ("ww_driver_test_" + std::to_string(::getpid()));
    fs::create_directories(dir);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

} // namespace

TEST_CASE("workspace: a file past the size limit is E0007 and is not parsed") {
  Scratch scratch;
  fs::path big = scratch.dir / "groot.ww";
  {
    std::ofstream out(big, std::ios::binary);
    out << "ruleset groot\n";
    std::string comment = "// " + std::string(1000, 'x') + "\n";
    while (static_cast<std::size_t>(out.tellp()) <= ww::kMaxFileBytes)
      out << comment;
  }
  ww::engine::Workspace ws;
  ww::engine::load(ws, {big.string()}, {});
  REQUIRE(ws.sink.all().size() == 1);
  const ww::Diagnostic &d = ws.sink.all()[0];
  CHECK(d.code == "E0007");
  CHECK(d.message.find("file too large") == 0);
  CHECK(d.span.valid());
  CHECK(ws.rulesets.empty());
  CHECK(ws.sources.file(d.span.file).text().empty());
}

TEST_CASE("reports: text that is not UTF-8 never makes a writer throw") {
  ww::engine::Workspace ws;
  ww::FileId id = ws.sources.add("caf\xE9.ww", "ruleset r\n");
  ws.requested.push_back(id);
  ws.asts.push_back(nullptr);
  ws.canonical.push_back("caf\xE9.ww");
  ws.sink.error("E0003", ww::Span{id, 0, 7}, "syntax error: unexpected `\xED\xA0\x80\xC3`");
  ww::cli::RunResult run;
  for (const char *format : {"text", "json", "sarif", "junit"}) {
    CAPTURE(format);
    std::string out;
    CHECK_NOTHROW(out = ww::cli::renderRun(ws, run, format, false));
    CHECK_FALSE(out.empty());
    if (std::string(format) != "text") {
      std::size_t bad = 0;
      CHECK(ww::isValidUtf8(out, bad));
    }
  }
}

namespace {

ww::Diagnostic finding(std::string code, std::string id, std::string message,
                       nlohmann::json regions, int moreCases = 0) {
  ww::Diagnostic d;
  d.code = std::move(code);
  d.id = std::move(id);
  d.ruleset = "r";
  d.message = std::move(message);
  d.details = {{"regions", std::move(regions)}, {"moreCases", moreCases}};
  return d;
}

nlohmann::json ageRegion(std::int64_t lo, std::int64_t hi) {
  return nlohmann::json::array({{{"answers", nlohmann::json::array(
                                                 {{{"question", "leeftijd"}, {"min", lo}, {"max", hi}},
                                                  {{"question", "kind"}, {"answers", {"yes"}}}})}}});
}

} // namespace

TEST_CASE("root causes: a finding inside a conflict's region follows from it, one beyond it not") {
  ww::SourceManager sources;
  std::vector<ww::Diagnostic> list{
      finding("E0502", "E0502:r:a:b", "conflict: rules `a` and `b` give different outcomes (`o` and `p`) for decision `d`",
              ageRegion(0, 15)),
      // Inside: ages 12..15 of the conflict's 0..15.
      finding("E0503", "E0503:r:p", "property “p” does not hold", ageRegion(12, 15)),
      // Partly outside: 12..17.
      finding("E0503", "E0503:r:q", "property “q” does not hold", ageRegion(12, 17)),
      // Inside, but there are more cases than the regions shown.
      finding("E0504", "E0504:r:x", "condition may be undefined", ageRegion(1, 2), 3),
      // A test that got the conflict of `a` and `b`, and one that got another outcome.
      finding("E0510", "E0510:r:t1",
              "test “t1” fails: expected `o` for `d`, got a conflict (rules: `a`, `b`)", nullptr),
      finding("E0510", "E0510:r:t2", "test “t2” fails: expected `o` for `d`, got `p` (rules: `c`)",
              nullptr)};
  list[0].details["rules"] = {"a", "b"}; // as the verifier gives them
  ww::engine::markConsequences(list, sources);
  CHECK(list[1].causedBy == "E0502:r:a:b");
  CHECK(list[2].causedBy.empty());
  CHECK(list[3].causedBy.empty());
  CHECK(list[4].causedBy == "E0502:r:a:b");
  CHECK(list[5].causedBy.empty());
  // The root names each consequence.
  std::size_t also = 0;
  for (const std::string &n : list[0].notes)
    also += n.rfind("also because of this: ", 0) == 0;
  CHECK(also == 2);
  // Another ruleset's conflict is never the cause.
  std::vector<ww::Diagnostic> other{list[0], finding("E0503", "E0503:s:p", "property “p” does not hold",
                                                     ageRegion(12, 15))};
  other[0].notes.clear();
  other[1].ruleset = "s";
  ww::engine::markConsequences(other, sources);
  CHECK(other[1].causedBy.empty());
}

TEST_CASE("progress: shown after the delay, in place, wiped at the end; never when disabled") {
  std::ostringstream shown, hidden, early;
  {
    ww::cli::Progress p(shown, true, std::chrono::milliseconds(0));
    p.step("checking `huisarts` (1 of 2)");
    p.step("checking `a` (2 of 2)");
  }
  // The second line overwrites the first (padded with spaces), and the end wipes it.
  std::string s = ww::terminalSafe(shown.str());
  CHECK(s.rfind("\rchecking `huisarts` (1 of 2)", 0) == 0);
  CHECK(s.find("\rchecking `a` (2 of 2)") != std::string::npos);
  CHECK(s.substr(s.size() - 1) == "\r");
  {
    ww::cli::Progress p(hidden, false, std::chrono::milliseconds(0));
    p.step("checking `huisarts` (1 of 1)");
  }
  CHECK(hidden.str().empty());
  {
    ww::cli::Progress p(early, true, std::chrono::hours(1));
    p.step("checking `huisarts` (1 of 1)"); // before the delay: nothing
  }
  CHECK(early.str().empty());
}

TEST_CASE("terminal: control characters from the input are shown, never acted on") {
  // An ESC sequence, a carriage return, a bell and a right-to-left override in a text.
  CHECK(ww::terminalSafe("a\x1b[31mred\rb\x07") == "a\\x1b[31mred\\x0db\\x07");
  CHECK(ww::terminalSafe("x\xe2\x80\xaey") == "x\\u{202e}y");
  CHECK(ww::terminalSafe("\xc2\x9b") == "\\x9b"); // C1 CSI
  // Tabs, newlines and other text pass; bytes that are not UTF-8 become `?`.
  CHECK(ww::terminalSafe("a\tb\nc “ë”") == "a\tb\nc “ë”");
  CHECK(ww::terminalSafe("\xff\xfe\xc3") == "???");
  // Only the tool's own markers become ESC and CR.
  std::string own = std::string(ww::kEsc) + "[1;31merror" + std::string(ww::kEsc) + "[0m" +
                    std::string(ww::kCr);
  CHECK(ww::terminalSafe(own) == "\x1b[1;31merror\x1b[0m\r");
}

TEST_CASE("terminal: the stream filter keeps a character split between writes together") {
  std::ostringstream target;
  {
    ww::TerminalSafeBuf buf(target.rdbuf());
    std::ostream out(&buf);
    out << "caf\xc3" << std::flush << "\xa9 " << "\x1b" << std::string(ww::kEsc).substr(0, 1)
        << std::flush << std::string(ww::kEsc).substr(1) << "[0m";
  }
  CHECK(target.str() == "café \\x1b\x1b[0m");
}
