#pragma once
/// What `export` and `ask` share: load one ruleset, verify it, build and validate its tree for
/// one date (or for every period of its history).

#include "cli/cli.h"
#include "compiler/export/tree.h"
#include "verifier/proof_cache.h"
#include "verifier/verify.h"

#include <boost/program_options.hpp>

#include <nlohmann/json.hpp>

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ww::cli {

/// What one solver call may use (`--timeout`, `--solver-memory`).
struct SolverLimits {
  double timeoutSeconds = 10;
  unsigned memoryMb = verify::kSolverMemoryMb;
  std::string cacheDir; ///< `--cache DIR` (see cacheFolder)
  bool noCache = false; ///< `--no-cache`
};

/// Adds `--timeout`, `--solver-memory`, `--cache` and `--no-cache` for `export` and `ask`.
void addSolverLimits(boost::program_options::options_description &desc, SolverLimits &limits);

/// The one ruleset a command was given; a usage error when there are none or several.
const ir::History &singleRuleset(const Workspace &ws, const std::string &command);

/// One period's tree.
struct PeriodTree {
  const ir::Ruleset *ruleset = nullptr;
  exp::Tree tree;
};

struct VerifiedTree {
  Workspace ws;
  const ir::History *history = nullptr;
  const ir::Ruleset *ruleset = nullptr; ///< the period of `asOf`
  std::optional<exp::Tree> tree;        ///< its tree
  std::vector<PeriodTree> all;          ///< with `allPeriods`: every period's tree, in order
  bool verified = false;                ///< `check` found no error and nothing inconclusive
  Date asOf;                            ///< the date the answers are for
  /// startTree: `check`, then the tree's validation, running; gives the exit code (-1: ok).
  std::future<int> pending;
  /// Decided proofs, reused and kept (cli/report.h cacheFolder); outlives what runs on.
  std::unique_ptr<verify::ProofCache> cache;
  DiagnosticSink pendingSink; ///< the validation's diagnostics, until finishTree
};

/// Loads, verifies and builds the tree for the date of `options` (`--as-of`, else today), or
/// with `allPeriods` for every period. On failure prints why (with the diagnostics) to stderr
/// and returns the exit code; returns -1 when the tree is ready. An unverified ruleset is
/// refused unless `allowUnverified`.
int prepareTree(VerifiedTree &out, const InputOptions &options, const SolverLimits &limits,
                bool allowUnverified, const std::string &command, bool allPeriods = false);

/// `ask`'s way to the first question without waiting: loads, then builds the tree without
/// validating it, and starts `check` and the tree's validation on another thread (a Z3 context
/// of its own). The tree may be walked at once; nothing it decides may be shown before
/// finishTree. Returns -1 when the tree is ready; otherwise prints why to stderr and returns
/// the exit code. Falls back to prepareTree (waiting for everything) with `allowUnverified`.
int startTree(VerifiedTree &out, const InputOptions &options, const SolverLimits &limits,
              bool allowUnverified, const std::string &command);

/// Waits for what startTree left running. Returns -1 when the ruleset verified and the tree
/// was validated; otherwise prints why to stderr (as prepareTree would have) and returns the
/// exit code.
int finishTree(VerifiedTree &out, const InputOptions &options, const std::string &command);

/// The one line that says which date the answers hold for and since when they hold, in Dutch
/// (e.g. "Deze wegwijzer geeft de regels zoals die gelden op 1 december 2026; deze regels
/// gelden sinds 1 januari 2019."). Historical dates say so.
std::string dateLine(const ir::Ruleset &rs, const Date &asOf, const Date &today);

/// The `date` object of an export: `asOf` (null for a period that starts before any date),
/// `period`, `span`, `historical` and the `statement` of dateLine.
nlohmann::json dateJson(const ir::Ruleset &rs, std::optional<Date> asOf, const Date &today);

} // namespace ww::cli
