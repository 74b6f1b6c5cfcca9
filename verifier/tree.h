#pragma once
/// Building the decision tree of a ruleset with the solver, and validating it (translation
/// validation) with Z3 and the evaluator before anything is written.

#include "compiler/eval/evaluator.h"
#include "compiler/export/tree.h"
#include "compiler/support/diagnostic.h"

namespace ww::verify {

class ProofCache; // verifier/proof_cache.h

struct TreeOptions {
  unsigned timeoutMs = 10000;
  unsigned memoryMb = 4096; ///< most memory the solver may hold (MiB)
  ProofCache *cache = nullptr; ///< decided proofs to reuse; null: none
  /// Most enumerated cases the evaluator walks through the tree. When the ruleset has more, the
  /// evaluator also replays one case on every root-to-leaf path (up to pathLimit paths).
  std::size_t replayLimit = 2000;
  std::size_t pathLimit = 100000;
  /// false: build only; validateTree does the validation later (`ask` does so while the
  /// first questions are answered).
  bool validate = true;
};

/// A range of answers lo..hi (both included).
struct Interval {
  std::int64_t lo = 0, hi = 0;
  friend bool operator==(const Interval &, const Interval &) = default;
};

/// The main decision of a ruleset: a decision no other reads (the last such, if several).
int mainDecision(const ir::Ruleset &rs);

/// By question: its answers split where the ruleset's conditions can change value. A number
/// question is cut at the bounds that conditions compare it with (every answer in one interval
/// satisfies the same conditions); every answer of a yes/no or list question is its own.
std::vector<std::vector<Interval>> answerIntervals(const ir::Ruleset &rs);

/// Builds and (unless options.validate is false) validates the tree. Reports E0601 (solver
/// gave up) or E0602 (validation failed) into sink and returns nothing when the tree cannot be
/// trusted.
std::optional<exp::Tree> buildTree(const ir::Ruleset &rs, const TreeOptions &options,
                                   DiagnosticSink &sink);

/// Validates a tree built with options.validate false (fills tree.proven and
/// tree.casesReplayed); reports E0601 or E0602 and returns false when it cannot be trusted.
/// Uses a Z3 context of its own, so it may run on another thread than the builder.
bool validateTree(const ir::Ruleset &rs, exp::Tree &tree, const TreeOptions &options,
                  DiagnosticSink &sink);

/// Up to `perPath` different cases on each root-to-leaf path of a built tree (depth first, edges
/// in order, up to options.pathLimit paths), found with the solver; by path. Each next case of a
/// path differs from those before it in some answer. A path through a shared subtree that no
/// case takes has none. Nothing when the solver gives up (E0601 in sink).
std::optional<std::vector<std::vector<eval::Case>>>
casesOnPaths(const ir::Ruleset &rs, const exp::Tree &tree, const TreeOptions &options,
             std::size_t perPath, DiagnosticSink &sink);

} // namespace ww::verify
