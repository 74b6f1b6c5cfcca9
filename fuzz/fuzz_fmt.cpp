// Fuzz target: `wegwijzer fmt`. The bytes are a ruleset file; parse::formatFile lays it out,
// and lays out its own output again. Then the original and the formatted file are each
// written as `f.ww` next to the shipped rulesets and checked as `check` does: loaded, and when
// small (common.h) verified with 2 s per solver call.
//
// A finding, besides a crash or a sanitizer report: a second formatting that changes the text
// (or refuses it); a file fmt refuses that parses; findings before and after that differ in
// code, id, severity or message (line numbers left out), unless a check was inconclusive.

#include "cli/report.h"
#include "compiler/parse/format.h"
#include "compiler/parse/parse.h"
#include "fuzz/common.h"
#include "fuzz/wellformed.h"

#include <algorithm>
#include <regex>
#include <tuple>

namespace {

using Finding = std::tuple<std::string, std::string, int, std::string>;

/// The findings of `check` on `text` as `f.ww`, sorted; `inconclusive` when a check was.
std::vector<Finding> findings(std::string_view text, bool &inconclusive) {
  std::string path = wwfuzz::writeFile("f.ww", text);
  ww::engine::Workspace ws;
  ww::engine::load(ws, {path}, {});
  if (wwfuzz::smallEnough(ws) && !ws.sink.hasErrors()) {
    ww::cli::CheckOptions options;
    options.timeoutSeconds = 2;
    options.verify.timeoutMs = 2000;
    options.verify.maxRegions = 2;
    options.jobs = 1;
    (void)ww::engine::runChecks(ws, options.toEngine());
  }
  static const std::regex kLine(R"(\bline \d+)");
  std::vector<Finding> out;
  for (const ww::Diagnostic &d : ws.sink.all()) {
    inconclusive = inconclusive || d.code == "E0511";
    out.emplace_back(d.code, d.id, static_cast<int>(d.severity),
                     std::regex_replace(d.message, kLine, "line #"));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string listed(const std::vector<Finding> &fs) {
  std::string out;
  for (const auto &[code, id, severity, message] : fs)
    out += code + " " + id + " " + message + "\n";
  return out;
}

void run(const std::uint8_t *data, std::size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  ww::SourceManager sources;
  ww::DiagnosticSink sink;
  std::optional<std::string> once =
      ww::parse::formatFile(sources.file(sources.add("f.ww", text)), sink);
  if (!once) {
    ww::DiagnosticSink parsed;
    auto ast = ww::parse::parseFile(sources.file(sources.add("f.ww", text)), parsed);
    if (ast && !parsed.hasErrors())
      wwfuzz::finding("fuzz_fmt", "fmt refuses a file that parses");
    return;
  }
  ww::DiagnosticSink again;
  std::optional<std::string> twice =
      ww::parse::formatFile(sources.file(sources.add("f.ww", *once)), again);
  if (!twice)
    wwfuzz::finding("fuzz_fmt", "fmt refuses its own output", *once);
  if (*twice != *once)
    wwfuzz::finding("fuzz_fmt", "a second fmt changes the text",
                    *once + "\n==== again:\n" + *twice);

  bool inconclusive = false;
  std::vector<Finding> before = findings(text, inconclusive);
  std::vector<Finding> after = findings(*once, inconclusive);
  if (!inconclusive && before != after)
    wwfuzz::finding("fuzz_fmt", "check finds other findings after fmt",
                    "before:\n" + listed(before) + "after:\n" + listed(after) + "formatted:\n" +
                        *once);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  wwfuzz::onLargeStack([&] { run(data, size); });
  return 0;
}
