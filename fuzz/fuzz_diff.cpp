// Fuzz target: `wegwijzer diff OLD NEW`, both versions hostile. The bytes are cut at the first
// "\n%%\n" into `old/x.ww` and `new/x.ww` in a scratch folder that also holds the shipped
// rulesets (`-I`, so `extends basis` resolves); without the separator the one file is compared
// with itself. Both versions are loaded, verified and compared on every date either models
// (50 ms per solver call), as engine::diff does, and the report written as text, JSON and
// Markdown. Versions with a large ruleset (common.h) are only loaded.
//
// A finding, besides a crash or a sanitizer report: JSON that does not parse; text or Markdown
// with a control character; a file compared with itself that shows a changed declaration or
// case, or a finding only one side has (when nothing was inconclusive).

#include "engine/findings.h"
#include "engine/diff.h"
#include "fuzz/common.h"
#include "fuzz/wellformed.h"

namespace {

constexpr std::string_view kSeparator = "\n%%\n";

void run(const std::uint8_t *data, std::size_t size) {
  std::vector<std::string_view> parts = wwfuzz::split(data, size, kSeparator, 2);
  std::string oldPath = wwfuzz::writeFile("old/x.ww", parts[0]);
  std::string newPath = parts.size() > 1 ? wwfuzz::writeFile("new/x.ww", parts[1]) : oldPath;

  // Large versions (a shipped ruleset) take minutes to verify and compare under the sanitizers.
  for (const std::string &path : {oldPath, newPath}) {
    ww::engine::Workspace ws;
    ww::engine::load(ws, {path}, {{wwfuzz::scratchDir().string()}});
    if (!wwfuzz::smallEnough(ws))
      return;
  }

  ww::engine::DiffOptions options;
  options.includeDirs = {wwfuzz::scratchDir().string()};
  options.verify.timeoutMs = 50;
  options.verify.maxRegions = 2;
  options.compare.timeoutMs = 50;
  options.compare.maxRegions = 2;
  options.compare.enumerateLimit = 20000;
  options.today = ww::Date{2026, 1, 1};
  options.jobs = 1;
  ww::engine::DiffResult result;
  ww::engine::diff(result, {{oldPath}, nullptr, options.today}, {{newPath}, nullptr, options.today},
                   options);
  ww::engine::settleFindings(result.before);
  ww::engine::settleFindings(result.after);
  (void)result.incomplete();

  std::string text = ww::engine::toText(result);
  wwfuzz::require("fuzz_diff", "text", wwfuzz::terminalProblem(text), text);
  std::string json = ww::engine::toJson(result);
  wwfuzz::require("fuzz_diff", "json", wwfuzz::jsonProblem(json), json);
  std::string md = ww::engine::toMarkdown(result);
  wwfuzz::require("fuzz_diff", "markdown", wwfuzz::terminalProblem(md), md);

  if (parts.size() > 1 || result.inconclusive())
    return;
  for (const ww::Diagnostic &d : result.before.sink.all())
    if (d.code == "E0511")
      return;
  for (const ww::engine::RulesetDiff &r : result.rulesets)
    for (const ww::engine::PeriodDiff &p : r.periods) {
      if (!p.comparison)
        continue;
      if (!p.comparison->declarations.empty())
        wwfuzz::finding("fuzz_diff", "a file compared with itself has a changed declaration", text);
      if (p.comparison->anyCaseChanged())
        wwfuzz::finding("fuzz_diff", "a file compared with itself has a changed case", text);
    }
  if (!result.findings.empty())
    wwfuzz::finding("fuzz_diff", "a file compared with itself has a finding on one side only",
                    text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  wwfuzz::onLargeStack([&] { run(data, size); });
  return 0;
}
