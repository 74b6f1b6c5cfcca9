// Fuzz target: `wegwijzer check` with a small solver limit. The bytes are a ruleset file next
// to the shipped rulesets; it is loaded, verified (50 ms per solver call; a large ruleset, see
// common.h, is only loaded) and the run rendered in every format; each ruleset's neighbouring
// periods are then compared both ways, as `diff --as-of --against-as-of` does. A crash, an
// exception or a sanitizer report is a finding; so is a run that takes longer than libFuzzer's
// -timeout, and an output that does not parse or carries a control character (wellformed.h).

#include "cli/report.h"
#include "fuzz/common.h"
#include "fuzz/wellformed.h"
#include "verifier/compare.h"

namespace {
constexpr std::size_t kMaxCompareRules = 40; ///< rules of both periods together
constexpr int kMaxComparePairs = 3;          ///< pairs of periods compared per input
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string path = wwfuzz::writeInput(data, size);
  wwfuzz::onLargeStack([&] {
    ww::engine::Workspace ws;
    ww::engine::load(ws, {path}, {});
    wwfuzz::dropLarge(ws);
    ww::cli::CheckOptions options;
    options.timeoutSeconds = 0.05;
    options.verify.timeoutMs = 50;
    options.verify.maxRegions = 3;
    options.listChecks = true;
    ww::cli::RunResult run = ww::engine::runChecks(ws, options.toEngine());
    for (std::string format : {"text", "json", "sarif", "junit", "github"}) {
      std::string out = ww::cli::renderRun(ws, run, format, false, options);
      std::string problem = format == "json" || format == "sarif" ? wwfuzz::jsonProblem(out)
                            : format == "junit"                   ? wwfuzz::xmlProblem(out)
                            : format == "github"                  ? wwfuzz::githubProblem(out)
                                                                  : wwfuzz::terminalProblem(out);
      wwfuzz::require("fuzz_check", format, problem, out);
    }
    (void)ww::cli::exitCode(ws, run, options);
    ww::verify::CompareOptions compare;
    compare.timeoutMs = 50;
    compare.maxRegions = 2;
    compare.enumerateLimit = 20000;
    // Only small rulesets, and a few pairs per input: a shipped ruleset's periods take minutes
    // to compare under ASan, beyond libFuzzer's -timeout; the golden inputs with dates are small.
    int pairs = 0;
    for (const ww::ir::History &h : ws.rulesets)
      for (std::size_t p = 1; p < h.periods.size() && pairs < kMaxComparePairs; ++p) {
        if (h.periods[p - 1].rules.size() + h.periods[p].rules.size() > kMaxCompareRules)
          continue;
        ++pairs;
        (void)ww::verify::compare(h.periods[p - 1], h.periods[p], compare);
        (void)ww::verify::compare(h.periods[p], h.periods[p - 1], compare);
      }
  });
  return 0;
}
