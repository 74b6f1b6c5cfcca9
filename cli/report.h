#pragma once
/// The options of `check` and `test`, and the rendering of a run in every output format (the
/// run itself is engine::runChecks).

#include "cli/cli.h"
#include "cli/progress.h"
#include "engine/check.h"
#include "engine/workspace.h"
#include "verifier/proof_cache.h"
#include "verifier/verify.h"

#include <boost/program_options.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ww::cli {

using engine::RunResult;
using engine::CoverageReport;

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
  std::string cacheDir;  ///< `--cache DIR`; empty: WEGWIJZER_CACHE, else the user's cache folder
  bool noCache = false;  ///< `--no-cache`: nothing read from or written to disk

  /// What the engine needs of these (progress goes to `progress` when it is not null).
  engine::CheckOptions toEngine(Progress *progress = nullptr) const;
};

/// Where decided proofs are kept: `--cache DIR`; else the environment variable WEGWIJZER_CACHE
/// (`off`: nowhere); else `$XDG_CACHE_HOME/wegwijzer` or `~/.cache/wegwijzer`. Nothing with
/// `--no-cache`: the cache is then in memory only, for this run.
std::optional<std::filesystem::path> cacheFolder(const std::string &cacheDir, bool noCache);

/// Says on standard error which cache packs were ignored and why (corrupt, truncated; with
/// `verbose` also those written by another version, which every upgrade leaves): they are never
/// trusted, and the run solves what they held.
void reportCacheNotes(const verify::ProofCache &cache, bool verbose = false);

/// The solver and run options; with `reports` also those of check's report (`--list-checks`,
/// `--verbose`, `--timings`, `--docs-url`), which `diff` does not have.
void addCheckOptions(boost::program_options::options_description &desc, CheckOptions &options,
                     bool reports = true);
void validateCheckOptions(CheckOptions &options);

/// The whole run in one format: text, json, sarif or junit.
std::string renderRun(const Workspace &ws, const RunResult &run, const std::string &format,
                      bool color, const CheckOptions &options = {});

/// 2 for usage or I/O errors, 1 for errors in the rules, 3 when something was inconclusive
/// (unless allowed), else 0.
int exitCode(const Workspace &ws, const RunResult &run, const CheckOptions &options);

} // namespace ww::cli
