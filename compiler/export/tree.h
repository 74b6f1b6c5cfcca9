#pragma once
/// The decision tree that apps receive: questions in the author's order, skipped where they
/// are not asked or cannot change the result, leaves with the rules' result. Built and
/// validated by verifier/tree.h; written by the to_<format> exporters.

#include "compiler/eval/evaluator.h"
#include "compiler/ir/ruleset.h"

#include <optional>
#include <string>
#include <vector>

namespace ww::exp {

/// What the rules decide at a leaf.
struct Leaf {
  std::vector<std::optional<int>> outcomes; ///< by decision index; empty when undecided
  std::vector<bool> conflicts;              ///< by decision index
  std::vector<int> obligations;             ///< of every decision in the case, sorted
  std::vector<int> rules;                   ///< main decision: the remaining rules
  std::vector<std::pair<int, int>>
      exceptionsWon; ///< main decision: (exception, applicable rule it removed)
  friend bool operator==(const Leaf &, const Leaf &) = default;
};

/// An answer edge: the answers (values) that lead to `child`.
struct Edge {
  std::vector<std::int64_t> values;
  int child = -1;
  friend bool operator==(const Edge &, const Edge &) = default;
};

/// A question node (question >= 0) or a leaf (question == -1). Nodes are shared: the tree is
/// a DAG in which equal subtrees appear once.
struct Node {
  int question = -1;
  std::vector<Edge> edges;
  Leaf leaf;
  friend bool operator==(const Node &, const Node &) = default;
};

struct Tree {
  std::vector<Node> nodes;
  int root = -1;
  int mainDecision = -1;
  bool verified = false;           ///< the ruleset passed `check` and the tree was validated
  std::vector<std::string> proven; ///< what translation validation established
  std::size_t casesReplayed = 0;   ///< cases walked through the tree by the evaluator
  std::size_t paths = 0;           ///< root-to-leaf paths
};

/// Sorted whole numbers as ranges joined by `dash`: "0–11, 14, 16–17".
std::string valueRanges(std::vector<std::int64_t> values, const std::string &dash);

/// What the rules decide for case c, as a leaf holds it (the evaluator's result): every
/// decision's outcome, and for the main decision its remaining rules, the exceptions that won,
/// and the obligations of every decision in the case. The tree builder pins leaves to this;
/// the conformance vectors give it as what a runtime must find.
Leaf leafOf(const ir::Ruleset &rs, const eval::Evaluator &ev, int mainDecision,
            const eval::Case &c);

/// The leaf a case reaches (following answers; -1 if an answer has no edge).
int walk(const Tree &tree, const std::vector<std::optional<std::int64_t>> &answers);

} // namespace ww::exp
