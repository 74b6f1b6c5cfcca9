#pragma once
/// Running the checks of a whole workspace and rendering the run in every output format.

#include "compiler/driver/workspace.h"
#include "compiler/review/coverage.h"
#include "verifier/verify.h"

#include <boost/program_options.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ww::cli {

struct CheckOptions {
  verify::Options verify;
  double timeoutSeconds = 10;
  bool allowInconclusive = false;
  bool testsOnly = false;
  bool timings = false;     ///< add times to the summary (off by default: output is deterministic)
  bool listChecks = false;  ///< list every check and test with its status under its ruleset
  bool verbose = false;     ///< show notes (N-codes): text, one line each; SARIF results
  std::optional<Date> asOf; ///< check the period of this date only; none: every period
  std::string docsUrl = WW_DOCS_URL; ///< docs/diagnostics.md as published (SARIF helpUri)
  bool progress = false; ///< show what runs on standard error (set when it is a terminal)
  unsigned jobs = 0;     ///< rulesets and periods verified at once; 0: one per core
};

void addCheckOptions(boost::program_options::options_description &desc, CheckOptions &options);
void validateCheckOptions(CheckOptions &options);

/// `test --coverage`: one ruleset's decision coverage in every period checked.
struct CoverageReport {
  std::string ruleset;
  bool dated = false; ///< the ruleset has dates: each period is named
  std::vector<std::pair<Period, review::Coverage>> periods;
  std::size_t reached() const; ///< over every period
  std::size_t total() const;
  double percent() const; ///< reached of total; 100 when there is nothing to reach
};

struct RunResult {
  std::vector<verify::Stats> stats; ///< one per verified ruleset, in path order
  double seconds = 0;
  double loadSeconds = 0; ///< reading, parsing and analysing the files (the front end)
  bool coverageAsked = false;            ///< `--coverage` or `--min-coverage`
  double minCoverage = 0;                ///< `--min-coverage`, percent
  std::vector<CoverageReport> coverage;  ///< per ruleset, when asked
  double coverageSeconds = 0;
  bool coverageBelow() const;            ///< some ruleset is below minCoverage
};

/// Verifies (or only tests) every analysed ruleset of the workspace in every period of its
/// timeline (or in the period of `options.asOf`), each finding reported once with the
/// periods in which it holds. Rulesets and periods are verified on up to `options.jobs` threads;
/// the result is the same whatever their number.
RunResult runChecks(Workspace &ws, const CheckOptions &options);

/// Fills `run.coverage`: per ruleset and period checked (every period, or that of
/// `options.asOf`), the rules, exceptions and tree leaves the tests reach. A period with errors
/// has no tree: its leaves are not counted.
void addCoverage(const Workspace &ws, RunResult &run, const CheckOptions &options);

/// The whole run in one format: text, json, sarif or junit.
std::string renderRun(const Workspace &ws, const RunResult &run, const std::string &format,
                      bool color, const CheckOptions &options = {});

/// 2 for usage or I/O errors, 1 for errors in the rules, 3 when something was inconclusive
/// (unless allowed), else 0.
int exitCode(const Workspace &ws, const RunResult &run, const CheckOptions &options);

} // namespace ww::cli
