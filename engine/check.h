#pragma once
/// Checking a workspace: every analysed ruleset verified (or only tested) in every period of
/// its timeline, findings merged per period into the workspace's sink, and the decision
/// coverage of the tests. What `check`, `test`, `diff`, the benchmarks and the language server
/// run.

#include "engine/coverage.h"
#include "engine/workspace.h"
#include "verifier/verify.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ww::engine {

struct CheckOptions {
  verify::Options verify; ///< solver limits, regions; `testsOnly` runs the tests only
  /// Check the period of this date only (a ruleset that does not model it is left out);
  /// none: every period.
  std::optional<Date> asOf;
  unsigned jobs = 0; ///< rulesets and periods verified at once; 0: one per core
  /// Called (one call at a time) as each ruleset period begins: "checking `x`, from … (3 of 55)".
  std::function<void(const std::string &)> started;
  /// Set by another thread to abandon the run (a language server, when the author types
  /// again): no ruleset period starts after it, the ones running stop at their next solver
  /// call, and the result says `cancelled` (and is not kept).
  const std::atomic<bool> *cancel = nullptr;
};

/// `test --coverage`: one ruleset's decision coverage in every period checked.
struct CoverageReport {
  std::string ruleset;
  bool dated = false; ///< the ruleset has dates: each period is named
  std::vector<std::pair<Period, Coverage>> periods;
  std::size_t reached() const; ///< over every period
  std::size_t total() const;
  double percent() const; ///< reached of total; 100 when there is nothing to reach
};

struct RunResult {
  std::vector<verify::Stats> stats; ///< one per verified ruleset, in path order
  double seconds = 0;
  double loadSeconds = 0;               ///< reading, parsing and analysing the files
  bool coverageAsked = false;           ///< `--coverage` or `--min-coverage`
  double minCoverage = 0;               ///< `--min-coverage`, percent
  std::vector<CoverageReport> coverage; ///< per ruleset, when asked
  double coverageSeconds = 0;
  bool coverageBelow() const; ///< some ruleset is below minCoverage
  bool cancelled = false;     ///< CheckOptions::cancel stopped it: incomplete, discard it
};

/// Verifies (or only tests) every analysed ruleset of the workspace in every period of its
/// timeline (or in the period of `options.asOf`); each finding goes into `ws.sink` once, with
/// the periods in which it holds. Rulesets and periods are verified on up to `options.jobs`
/// threads; the result is the same whatever their number.
RunResult runChecks(Workspace &ws, const CheckOptions &options);

/// Fills `run.coverage`: per ruleset and period checked (every period, or that of
/// `options.asOf`), the rules, exceptions and tree leaves the tests reach. A period with errors
/// has no tree: its leaves are not counted.
void addCoverage(const Workspace &ws, RunResult &run, const CheckOptions &options);

} // namespace ww::engine
