#include "compiler/export/tree.h"

#include <algorithm>

namespace ww::exp {

int walk(const Tree& tree, const std::vector<std::optional<std::int64_t>>& answers) {
  int n = tree.root;
  while (n >= 0 && tree.nodes[n].question >= 0) {
    const Node& node = tree.nodes[n];
    const auto& a = answers[node.question];
    int next = -1;
    if (a)
      for (const Edge& e : node.edges)
        if (std::find(e.values.begin(), e.values.end(), *a) != e.values.end()) next = e.child;
    n = next;
  }
  return n;
}

} // namespace ww::exp
