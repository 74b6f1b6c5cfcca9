// Myers' difference algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986) in
// its linear-space form: find a point on a shortest edit path where the forward and the
// backward search meet, and solve the two halves on their own. Lines are compared as numbers.

#include "compiler/support/line_diff.h"

#include <fmt/format.h>

#include <cstdint>
#include <unordered_map>
#include <utility>

namespace ww {
namespace {

using Index = std::ptrdiff_t;

class Differ {
public:
  Differ(std::vector<int> a, std::vector<int> b)
      : a_(std::move(a)), b_(std::move(b)), removed_(a_.size()), added_(b_.size()) {}

  void run() { compare(0, static_cast<Index>(a_.size()), 0, static_cast<Index>(b_.size())); }
  const std::vector<char> &removed() const { return removed_; }
  const std::vector<char> &added() const { return added_; }

private:
  // Marks the lines of a[aLo, aHi) and b[bLo, bHi) that a shortest edit script changes.
  void compare(Index aLo, Index aHi, Index bLo, Index bHi) {
    while (aLo < aHi && bLo < bHi && a_[aLo] == b_[bLo])
      ++aLo, ++bLo;
    while (aLo < aHi && bLo < bHi && a_[aHi - 1] == b_[bHi - 1])
      --aHi, --bHi;
    if (aLo == aHi || bLo == bHi) {
      for (Index i = aLo; i < aHi; ++i)
        removed_[i] = 1;
      for (Index j = bLo; j < bHi; ++j)
        added_[j] = 1;
      return;
    }
    auto [x, y] = meet(aLo, aHi, bLo, bHi);
    if ((x == aLo && y == bLo) || (x == aHi && y == bHi)) {
      // Not reached (both ends differ, so the meeting point is inside); stay correct anyway.
      for (Index i = aLo; i < aHi; ++i)
        removed_[i] = 1;
      for (Index j = bLo; j < bHi; ++j)
        added_[j] = 1;
      return;
    }
    compare(aLo, x, bLo, y);
    compare(x, aHi, y, bHi);
  }

  // A point (x, y) on a shortest path through a[aLo, aHi) x b[bLo, bHi): the forward search
  // from the top left and the backward search from the bottom right, one edit at a time,
  // until their furthest reaching paths overlap. v[k] holds the furthest x on diagonal k.
  std::pair<Index, Index> meet(Index aLo, Index aHi, Index bLo, Index bHi) const {
    const Index n = aHi - aLo, m = bHi - bLo;
    const Index maxD = (n + m + 1) / 2, offset = maxD + 1, size = 2 * maxD + 3;
    std::vector<Index> forward(size, -1), backward(size, -1);
    forward[offset + 1] = 0;
    backward[offset + 1] = 0;
    const Index delta = n - m;
    const bool odd = delta % 2 != 0;
    // Diagonals that left the grid are not searched again.
    Index fStart = 0, fEnd = 0, bStart = 0, bEnd = 0;
    for (Index d = 0; d < maxD + 1; ++d) {
      for (Index k = -d + fStart; k <= d - fEnd; k += 2) {
        Index x = (k == -d || (k != d && forward[offset + k - 1] < forward[offset + k + 1]))
                      ? forward[offset + k + 1]
                      : forward[offset + k - 1] + 1;
        Index y = x - k;
        while (x < n && y < m && a_[aLo + x] == b_[bLo + y])
          ++x, ++y;
        forward[offset + k] = x;
        if (x > n) {
          fEnd += 2;
        } else if (y > m) {
          fStart += 2;
        } else if (odd) {
          Index kb = offset + delta - k;
          if (kb >= 0 && kb < size && backward[kb] != -1 && x >= n - backward[kb])
            return {aLo + x, bLo + y};
        }
      }
      for (Index k = -d + bStart; k <= d - bEnd; k += 2) {
        Index x = (k == -d || (k != d && backward[offset + k - 1] < backward[offset + k + 1]))
                      ? backward[offset + k + 1]
                      : backward[offset + k - 1] + 1;
        Index y = x - k;
        while (x < n && y < m && a_[aHi - x - 1] == b_[bHi - y - 1])
          ++x, ++y;
        backward[offset + k] = x;
        if (x > n) {
          bEnd += 2;
        } else if (y > m) {
          bStart += 2;
        } else if (!odd) {
          Index kf = offset + delta - k;
          if (kf >= 0 && kf < size && forward[kf] != -1) {
            Index fx = forward[kf], fy = fx - (kf - offset);
            if (fx >= n - x)
              return {aLo + fx, bLo + fy};
          }
        }
      }
    }
    return {aLo, bLo};
  }

  std::vector<int> a_, b_;
  std::vector<char> removed_, added_;
};

// Where a hunk's lines start, as diff prints it: `start,count`, `start` alone for one line,
// and for no lines the line before the hunk with `,0`.
std::string range(std::size_t first, std::size_t count) {
  if (count == 1)
    return fmt::format("{}", first + 1);
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

void line(std::string &out, char mark, std::string_view text) {
  out += mark;
  out += text;
  if (text.empty() || text.back() != '\n')
    out += "\n\\ No newline at end of file\n";
}

} // namespace

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

std::vector<LineEdit> diffLines(const std::vector<std::string_view> &oldLines,
                                const std::vector<std::string_view> &newLines) {
  std::unordered_map<std::string_view, int> ids;
  auto numbered = [&](const std::vector<std::string_view> &lines) {
    std::vector<int> out;
    out.reserve(lines.size());
    for (std::string_view l : lines)
      out.push_back(ids.emplace(l, static_cast<int>(ids.size())).first->second);
    return out;
  };
  std::vector<int> a = numbered(oldLines);
  std::vector<int> b = numbered(newLines);
  Differ differ(std::move(a), std::move(b));
  differ.run();
  std::vector<LineEdit> script;
  std::size_t i = 0, j = 0;
  while (i < oldLines.size() || j < newLines.size()) {
    if (i < oldLines.size() && differ.removed()[i]) {
      script.push_back({LineEdit::Kind::Removed, i++, j});
    } else if (j < newLines.size() && differ.added()[j]) {
      script.push_back({LineEdit::Kind::Added, i, j++});
    } else {
      script.push_back({LineEdit::Kind::Same, i++, j++});
    }
  }
  return script;
}

std::string unifiedDiff(std::string_view oldText, std::string_view newText,
                        std::string_view oldName, std::string_view newName, std::size_t context) {
  std::vector<std::string_view> a = splitLines(oldText), b = splitLines(newText);
  std::vector<LineEdit> script = diffLines(a, b);
  std::string out;
  std::size_t k = 0;
  while (k < script.size()) {
    if (script[k].kind == LineEdit::Kind::Same) {
      ++k;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last
    // change that is at most 2 * context unchanged lines from the one before it.
    std::size_t begin = k >= context ? k - context : 0, end = k;
    while (true) {
      while (end < script.size() && script[end].kind != LineEdit::Kind::Same)
        ++end;
      std::size_t next = end;
      while (next < script.size() && script[next].kind == LineEdit::Kind::Same)
        ++next;
      if (next < script.size() && next - end <= 2 * context) {
        end = next;
        continue;
      }
      end = std::min(end + context, script.size());
      break;
    }
    std::size_t oldCount = 0, newCount = 0;
    for (std::size_t s = begin; s < end; ++s) {
      oldCount += script[s].kind != LineEdit::Kind::Added;
      newCount += script[s].kind != LineEdit::Kind::Removed;
    }
    if (out.empty())
      out += fmt::format("--- {}\n+++ {}\n", oldName, newName);
    out += fmt::format("@@ -{} +{} @@\n", range(script[begin].oldLine, oldCount),
                       range(script[begin].newLine, newCount));
    for (std::size_t s = begin; s < end; ++s) {
      const LineEdit &e = script[s];
      if (e.kind == LineEdit::Kind::Same)
        line(out, ' ', a[e.oldLine]);
      else if (e.kind == LineEdit::Kind::Removed)
        line(out, '-', a[e.oldLine]);
      else
        line(out, '+', b[e.newLine]);
    }
    k = end;
  }
  return out;
}

} // namespace ww
