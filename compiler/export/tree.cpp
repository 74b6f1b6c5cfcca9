#include "compiler/export/tree.h"

#include <algorithm>

namespace ww::exp {

std::string valueRanges(std::vector<std::int64_t> v, const std::string &dash) {
  std::sort(v.begin(), v.end());
  std::string out;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i;
    while (j + 1 < v.size() && v[j + 1] == v[j] + 1)
      ++j;
    if (!out.empty())
      out += ", ";
    out += std::to_string(v[i]);
    if (j > i)
      out += dash + std::to_string(v[j]);
    i = j + 1;
  }
  return out;
}

int walk(const Tree &tree, const std::vector<std::optional<std::int64_t>> &answers) {
  int n = tree.root;
  while (n >= 0 && tree.nodes[n].question >= 0) {
    const Node &node = tree.nodes[n];
    const auto &a = answers[node.question];
    int next = -1;
    if (a)
      for (const Edge &e : node.edges)
        if (std::find(e.values.begin(), e.values.end(), *a) != e.values.end())
          next = e.child;
    n = next;
  }
  return n;
}

Leaf leafOf(const ir::Ruleset &rs, const eval::Evaluator &ev, int mainDecision,
            const eval::Case &c) {
  eval::Result r = ev.run(c);
  Leaf leaf;
  for (const auto &d : r.decisions) {
    leaf.outcomes.push_back(d.outcome);
    leaf.conflicts.push_back(d.conflict);
  }
  if (mainDecision < 0)
    return leaf;
  const auto &m = r.decisions[mainDecision];
  // The case's obligations: those of every decision (helper decisions such as the legal
  // ground carry obligations of their own).
  for (const auto &d : r.decisions)
    leaf.obligations.insert(leaf.obligations.end(), d.obligations.begin(), d.obligations.end());
  std::sort(leaf.obligations.begin(), leaf.obligations.end());
  leaf.obligations.erase(std::unique(leaf.obligations.begin(), leaf.obligations.end()),
                         leaf.obligations.end());
  leaf.rules = m.remaining;
  // The remaining exceptions and the applicable rules they set aside.
  for (int a : m.remaining)
    for (int t : rs.rules[a].exceptionTo)
      if (std::find(m.applicable.begin(), m.applicable.end(), t) != m.applicable.end())
        leaf.exceptionsWon.push_back({a, t});
  std::sort(leaf.exceptionsWon.begin(), leaf.exceptionsWon.end());
  return leaf;
}

} // namespace ww::exp
