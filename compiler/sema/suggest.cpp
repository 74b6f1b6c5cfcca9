#include "compiler/sema/suggest.h"

#include <algorithm>

namespace ww::sema {

std::size_t editDistance(const std::string &a, const std::string &b, std::size_t limit) {
  std::size_t lengthGap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (lengthGap > limit)
    return limit + 1;
  // Rows i-2, i-1 and i of the optimal-string-alignment table.
  std::vector<std::size_t> older(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  std::size_t prevMin = 0;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t rowMin = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], older[j - 2] + 1);
      rowMin = std::min(rowMin, cur[j]);
    }
    // Every later cell is at least the minimum of this row or the one before (a transposition
    // reaches back two rows).
    if (rowMin > limit && prevMin > limit)
      return limit + 1;
    prevMin = rowMin;
    std::swap(older, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], limit + 1);
}

std::string closest(const std::string &name, const std::vector<std::string> &candidates) {
  if (name.empty() || name.size() > kMaxSuggestedNameLength)
    return {};
  std::size_t limit = std::max<std::size_t>(1, name.size() / 3);
  std::string best;
  std::size_t bestDistance = limit + 1;
  std::size_t compared = 0;
  for (const std::string &c : candidates) {
    std::size_t gap = c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
    if (c.size() > kMaxSuggestedNameLength || gap > limit)
      continue;
    if (++compared > kMaxSuggestionCandidates)
      break;
    std::size_t dist = editDistance(name, c, std::min(limit, bestDistance));
    if (dist < bestDistance || (dist == bestDistance && c < best)) {
      best = c;
      bestDistance = dist;
    }
  }
  return bestDistance <= limit ? best : std::string();
}

} // namespace ww::sema
