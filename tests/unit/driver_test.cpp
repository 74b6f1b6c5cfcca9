// The driver's workspace and reports on hostile input: files past the size limit, and text that
// is not valid UTF-8 (a file name, a message) in every output format.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "compiler/driver/report.h"
#include "compiler/support/limits.h"

#include <filesystem>
#include <fstream>

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
  ww::Workspace ws;
  ww::load(ws, {big.string()}, {});
  REQUIRE(ws.sink.all().size() == 1);
  const ww::Diagnostic &d = ws.sink.all()[0];
  CHECK(d.code == "E0007");
  CHECK(d.message.find("file too large") == 0);
  CHECK(d.span.valid());
  CHECK(ws.rulesets.empty());
  CHECK(ws.sources.file(d.span.file).text().empty());
}

TEST_CASE("reports: text that is not UTF-8 never makes a writer throw") {
  ww::Workspace ws;
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
