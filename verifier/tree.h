#pragma once
/// Building the decision tree of a ruleset with the solver, and validating it (translation
/// validation) with Z3 and the evaluator before anything is written.

#include "compiler/export/tree.h"
#include "compiler/support/diagnostic.h"

namespace ww::verify {

struct TreeOptions {
  unsigned timeoutMs = 10000;
  std::size_t replayLimit = 2000000; ///< most cases the evaluator walks through the tree
};

/// The main decision of a ruleset: a decision no other reads (the last such, if several).
int mainDecision(const ir::Ruleset &rs);

/// Builds and validates the tree. Reports E0601 (solver gave up) or E0602 (validation failed)
/// into sink and returns nothing when the tree cannot be trusted.
std::optional<exp::Tree> buildTree(const ir::Ruleset &rs, const TreeOptions &options,
                                   DiagnosticSink &sink);

} // namespace ww::verify
