#pragma once
/// The verifier's front door: proves a ruleset's checks with Z3 and runs its tests with the
/// evaluator, reporting findings as diagnostics. See docs/verification.md.

#include "compiler/ir/ruleset.h"
#include "compiler/support/diagnostic.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace ww::verify {

class ProofCache; // verifier/proof_cache.h

/// The default of `--solver-memory`: the most memory (MiB) that Z3 may hold.
inline constexpr unsigned kSolverMemoryMb = 4096;
/// The largest `--solver-memory` accepted (1 TiB).
inline constexpr unsigned kMaxSolverMemoryMb = 1048576;

struct Options {
  unsigned timeoutMs = 10000; ///< per solver call
  unsigned memoryMb = kSolverMemoryMb; ///< most memory the solver may hold (MiB)
  int maxRegions = 10;        ///< regions reported per gap or conflict
  bool testsOnly = false;     ///< `wegwijzer test`: run the tests, prove nothing
  /// Decisions whose rules are all boxes (conjunctions of ranges and answer sets, no
  /// exceptions) are checked by box arithmetic, each finding confirmed by the solver; the
  /// findings are the same as the solver path's. The environment variable
  /// `WW_NO_BOX_FAST_PATH=1` turns it off too (for tests). See docs/verification.md.
  bool boxFastPath = true;
  /// Show rules apply, remain and matter, questions and parts of conditions decide, and
  /// premises hold with the cases at hand (the tests' cases, one case of every class of alike
  /// cases, then the allowed ones among the first 1,024 cases, run through the evaluator)
  /// before asking the solver, which then answers only for what they do not show. The findings
  /// are the same either way; `WW_NO_RULE_WITNESS=1` turns it off too. See
  /// docs/verification.md.
  bool ruleWitness = true;
  /// A decision with at least this many rules asks whether two rules with different outcomes
  /// remain in some case per pair of outcomes (each a smaller query) instead of in one query
  /// over every pair; so does a decision whose one query is undecided. The findings are the same
  /// either way. At 10,000 rules the one query is undecided within 10 s, the 66 pairs take 0.2 to
  /// 0.7 s each (docs/performance.md).
  std::size_t consistencyByPairsFrom = 8000;
  /// Proofs already decided, and where new ones are kept (verifier/proof_cache.h); null:
  /// everything is solved.
  ProofCache *cache = nullptr;
  /// Set (by another thread) to stop: the run ends at its next solver call, its Stats say
  /// `cancelled`, and what it found is incomplete (a language server's check that the author's
  /// next keystroke made stale).
  const std::atomic<bool> *cancel = nullptr;
};

/// One check or test, as a CI report lists it (JUnit testcase, summary line).
struct CheckRecord {
  enum class Status { Proven, Failed, Inconclusive, Skipped, Passed, Warning };
  std::string kind; ///< "completeness", "consistency", "property", "rule", "test", ...
  std::string name; ///< what it is about, e.g. "`delen` is complete"
  Status status = Status::Proven;
  std::string message; ///< for failures: the first finding's message
  double seconds = 0;
  std::vector<std::string> findings; ///< the ids of the findings this check reported
  /// Where records of several periods are merged: the name without its periods (the same
  /// check in every period). Empty otherwise.
  std::string subject;
  std::size_t solverCalls = 0; ///< the solver calls the check asked
  std::size_t reused = 0;      ///< of those, answered by proofs an earlier run decided
};

/// What one ruleset's verification did.
struct Stats {
  std::string ruleset;
  std::size_t rules = 0, properties = 0, tests = 0, decisions = 0;
  std::size_t errors = 0, warnings = 0, inconclusive = 0;
  double seconds = 0;
  /// Over every check: solver calls asked, answered by proofs of an earlier run (reused), and
  /// answered without solving at all (shared: reused, or decided before in this run).
  std::size_t solverCalls = 0, reused = 0, shared = 0;
  std::vector<CheckRecord> checks;
  bool cancelled = false; ///< Options::cancel stopped the run: the rest was not checked
};

const char *statusName(CheckRecord::Status status);

/// Verifies one ruleset and runs its tests; every finding goes to sink.
Stats verify(const ir::Ruleset &ruleset, const Options &options, DiagnosticSink &sink);

/// One ruleset (one period) of verifyAll, with what its verification found.
struct Job {
  const ir::Ruleset *ruleset = nullptr;
  DiagnosticSink findings;
  Stats stats;
};

/// Verifies every job, on up to `threads` threads (each with a Z3 context of its own; 0: one
/// per core). `started(i)` is called (one call at a time) when job i begins. What each job
/// finds stays in the job, so the result is the same whatever the number of threads; an
/// exception in a job is rethrown here once all have ended.
void verifyAll(std::vector<Job> &jobs, const Options &options, unsigned threads,
               const std::function<void(std::size_t)> &started = {});

} // namespace ww::verify
