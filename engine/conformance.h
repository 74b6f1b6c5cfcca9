#pragma once
/// Conformance vectors: the evaluator's result on cases of every root-to-leaf path of an
/// exported tree, for the runtimes that walk exported trees without a solver (runtime/js,
/// runtime/python) to replay and agree with (docs/runtime.md).

#include "compiler/export/tree.h"
#include "compiler/support/diagnostic.h"
#include "verifier/tree.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace ww::engine {

struct VectorOptions {
  /// Different cases per root-to-leaf path (found with the solver; fewer where fewer exist).
  std::size_t casesPerPath = 3;
  /// Solver limits and the most paths visited (tree.pathLimit).
  verify::TreeOptions tree;
};

/// The vectors of one period's tree (`rs` is the ruleset of that period):
/// `{"dates", "paths", "cases"}`. `dates` are days inside the period to evaluate on (its first
/// day, or 0000-01-01 when it has no start, and its last day when it ends); each case has
/// `path` (its depth-first index), `answers` (by question id: "yes"/"no", an answer id, or an
/// integer), `asked` (the questions the tree asks on the path, in order), `redirects` (old
/// answers given instead, each with the note the runtime must give) and `expect`, computed by
/// the evaluator from the rules, not from the tree: `outcome`, `decisions`, `obligations`,
/// `rules`, `exceptions`, `citations`, as in a leaf of the export. Every case whose answer has
/// old answers that `replaces` clauses redirect to it is repeated with each old answer.
/// `refusals` are answers the runtimes must refuse on the period's first date, each with the
/// message `explain` gives (ir::notAnAnswer): for every question some case's path asks, that
/// case with an unknown answer id (or the number above the range), and with each answer of
/// other periods of `history` that nothing redirects in this one.
/// Nothing when the solver gives up (E0601 in sink).
std::optional<nlohmann::json> conformanceVectors(const ir::Ruleset &rs, const exp::Tree &tree,
                                                 const VectorOptions &options,
                                                 DiagnosticSink &sink,
                                                 const ir::History *history = nullptr);

} // namespace ww::engine
