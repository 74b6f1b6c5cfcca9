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

} // namespace ww::exp
