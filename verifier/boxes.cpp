#include "verifier/boxes.h"

#include <algorithm>
#include <numeric>

namespace ww::verify {
namespace {

using Interval = std::pair<std::int64_t, std::int64_t>;

ValueSet intersectSets(const ValueSet &a, const ValueSet &b) {
  ValueSet out;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    std::int64_t lo = std::max(a[i].first, b[j].first), hi = std::min(a[i].second, b[j].second);
    if (lo <= hi)
      out.push_back({lo, hi});
    if (a[i].second < b[j].second)
      ++i;
    else
      ++j;
  }
  return out;
}

/// The answers of lo..hi that are not in s.
ValueSet complementSet(const ValueSet &s, std::int64_t lo, std::int64_t hi) {
  ValueSet out;
  std::int64_t next = lo; // the first answer not yet accounted for
  bool done = false;
  for (const Interval &x : s) {
    if (x.second < lo || x.first > hi)
      continue;
    if (x.first > next)
      out.push_back({next, x.first - 1});
    if (x.second >= hi) {
      done = true;
      break;
    }
    next = x.second + 1;
  }
  if (!done && next <= hi)
    out.push_back({next, hi});
  return out;
}

bool setsMeet(const ValueSet &a, const ValueSet &b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::max(a[i].first, b[j].first) <= std::min(a[i].second, b[j].second))
      return true;
    if (a[i].second < b[j].second)
      ++i;
    else
      ++j;
  }
  return false;
}

/// Is every answer of `inner` in `outer`?
bool setContains(const ValueSet &outer, const ValueSet &inner) {
  std::size_t j = 0;
  for (const Interval &x : inner) {
    while (j < outer.size() && outer[j].second < x.first)
      ++j;
    if (j == outer.size() || outer[j].first > x.first || outer[j].second < x.second)
      return false;
  }
  return true;
}

bool boxContains(const Box &outer, const Box &inner) {
  for (std::size_t i = 0; i < outer.dims.size(); ++i)
    if (!setContains(outer.dims[i], inner.dims[i]))
      return false;
  return true;
}

/// A part of a condition read as a constant (W0516): these atoms are `value`.
struct Replacing {
  const std::vector<const ir::Expr *> *atoms = nullptr;
  bool value = false;
  bool replaces(const ir::Expr &e) const {
    return atoms && std::find(atoms->begin(), atoms->end(), &e) != atoms->end();
  }
};

/// The box of e (negated when `negated`), restricted to `dom`; false when it is not a box.
bool literalBox(const ir::Ruleset &rs, const ir::Expr &e, bool negated, Box &box,
                const Replacing &replacing = {}) {
  using K = ir::Expr::Kind;
  if (replacing.replaces(e)) {
    if (replacing.value == negated)
      for (ValueSet &d : box.dims)
        d.clear();
    return true;
  }
  switch (e.kind) {
  case K::Const:
    if (e.value == negated)
      for (ValueSet &d : box.dims)
        d.clear();
    return true;
  case K::Not:
    return literalBox(rs, *e.args[0], !negated, box, replacing);
  case K::And:
  case K::Or:
    // A conjunction, or a negated disjunction (De Morgan): one box.
    if ((e.kind == K::And) == !negated || e.args.size() == 1) {
      for (const auto &a : e.args)
        if (!literalBox(rs, *a, negated, box, replacing))
          return false;
      return true;
    }
    return false;
  case K::QuestionIn:
  case K::QuestionRange: {
    const ir::Question &q = rs.questions[static_cast<std::size_t>(e.question)];
    ValueSet s = e.kind == K::QuestionIn ? fromValues(e.values)
                 : e.lo <= e.hi          ? ValueSet{{e.lo, e.hi}}
                                         : ValueSet{};
    if (negated)
      s = complementSet(s, q.lo, q.hi);
    ValueSet &d = box.dims[static_cast<std::size_t>(e.question)];
    d = intersectSets(d, s);
    return true;
  }
  default:
    return false; // reads a decision
  }
}

/// Saturating arithmetic for counting cases (the count is only needed up to 101).
using Big = unsigned __int128;
constexpr Big kBig = static_cast<Big>(1) << 100;

Big boxCount(const Box &b) {
  Big n = 1;
  for (const ValueSet &d : b.dims) {
    Big w = 0;
    for (const Interval &x : d)
      w += static_cast<Big>(static_cast<std::uint64_t>(x.second) -
                            static_cast<std::uint64_t>(x.first)) +
           1;
    if (w == 0)
      return 0;
    n = n > kBig / w ? kBig : n * w;
  }
  return n;
}

void uncoveredIn(const Box &region, const std::vector<const Box *> &candidates,
                 std::vector<Box> &out) {
  std::vector<const Box *> here;
  for (const Box *b : candidates)
    if (meets(*b, region)) {
      if (boxContains(*b, region))
        return;
      here.push_back(b);
    }
  if (here.empty()) {
    out.push_back(region);
    return;
  }
  // Cut at the median of the inner bounds on the question that has the most of them.
  std::size_t bestDim = 0;
  std::vector<std::int64_t> best;
  for (std::size_t i = 0; i < region.dims.size(); ++i) {
    auto [lo, hi] = region.dims[i].front();
    std::vector<std::int64_t> cuts;
    for (const Box *b : here)
      for (const Interval &x : b->dims[i]) {
        if (x.first > lo && x.first <= hi)
          cuts.push_back(x.first);
        if (x.second >= lo && x.second < hi)
          cuts.push_back(x.second + 1);
      }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    if (cuts.size() > best.size()) {
      best = std::move(cuts);
      bestDim = i;
    }
  }
  std::int64_t cut = best[best.size() / 2];
  Box low = region, high = region;
  low.dims[bestDim] = {{region.dims[bestDim].front().first, cut - 1}};
  high.dims[bestDim] = {{cut, region.dims[bestDim].front().second}};
  uncoveredIn(low, here, out);
  uncoveredIn(high, here, out);
}

Box regionBox(const ir::Ruleset &rs, const Region &r) {
  Box b = domainBox(rs);
  for (const Literal &l : r.literals) {
    ValueSet &d = b.dims[static_cast<std::size_t>(l.question)];
    d = intersectSets(d, l.isRange ? ValueSet{{l.lo, l.hi}} : fromValues(l.values));
  }
  return b;
}

} // namespace

bool Box::empty() const {
  return std::any_of(dims.begin(), dims.end(), [](const ValueSet &d) { return d.empty(); });
}

bool Box::contains(const eval::Case &c) const {
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (!c.answers[i])
      return false;
    std::int64_t v = *c.answers[i];
    if (!std::any_of(dims[i].begin(), dims[i].end(),
                     [&](const Interval &x) { return x.first <= v && v <= x.second; }))
      return false;
  }
  return true;
}

ValueSet fromValues(std::vector<std::int64_t> values) {
  std::sort(values.begin(), values.end());
  ValueSet out;
  for (std::int64_t v : values) {
    if (!out.empty() && out.back().second != INT64_MAX && out.back().second + 1 >= v)
      out.back().second = std::max(out.back().second, v);
    else
      out.push_back({v, v});
  }
  return out;
}

Box domainBox(const ir::Ruleset &rs) {
  Box b;
  for (const ir::Question &q : rs.questions)
    b.dims.push_back({{q.lo, q.hi}});
  return b;
}

namespace {

std::optional<Box> boxReading(const ir::Ruleset &rs, const ir::Expr &condition,
                              const Replacing &replacing) {
  Box b = domainBox(rs);
  if (!literalBox(rs, condition, false, b, replacing))
    return std::nullopt;
  if (b.empty())
    for (ValueSet &d : b.dims)
      d.clear();
  return b;
}

} // namespace

std::optional<Box> boxOf(const ir::Ruleset &rs, const ir::Expr &condition) {
  return boxReading(rs, condition, {});
}

std::optional<bool> partChangesBox(const ir::Ruleset &rs, const Box &before,
                                   const ir::Expr &condition,
                                   const std::vector<const ir::Expr *> &atoms, bool value) {
  std::optional<Box> after = boxReading(rs, condition, {&atoms, value});
  if (!after)
    return std::nullopt;
  // Two boxes are the same cases when both are empty or each contains the other.
  if (before.empty() || after->empty())
    return before.empty() != after->empty();
  return !(boxContains(before, *after) && boxContains(*after, before));
}

bool meets(const Box &a, const Box &b) {
  for (std::size_t i = 0; i < a.dims.size(); ++i)
    if (!setsMeet(a.dims[i], b.dims[i]))
      return false;
  return true;
}

Box intersect(const Box &a, const Box &b) {
  Box out;
  for (std::size_t i = 0; i < a.dims.size(); ++i)
    out.dims.push_back(intersectSets(a.dims[i], b.dims[i]));
  return out;
}

void subtract(const Box &a, const Box &b, std::vector<Box> &out) {
  if (!meets(a, b)) {
    out.push_back(a);
    return;
  }
  Box rest = a;
  for (std::size_t i = 0; i < a.dims.size(); ++i) {
    const ValueSet &d = rest.dims[i];
    std::int64_t lo = d.front().first, hi = d.back().second;
    ValueSet outside = intersectSets(d, complementSet(b.dims[i], lo, hi));
    if (!outside.empty()) {
      Box piece = rest;
      piece.dims[i] = std::move(outside);
      out.push_back(std::move(piece));
    }
    rest.dims[i] = intersectSets(d, b.dims[i]);
  }
}

bool covered(const Box &a, const std::vector<const Box *> &cover) {
  std::vector<Box> pieces{a}, next;
  for (const Box *b : cover) {
    if (!meets(a, *b))
      continue;
    next.clear();
    for (const Box &p : pieces)
      subtract(p, *b, next);
    pieces.swap(next);
    if (pieces.empty())
      return true;
  }
  return pieces.empty();
}

std::vector<Box> uncovered(const Box &domain, const std::vector<const Box *> &boxes) {
  std::vector<Box> out;
  if (!domain.empty())
    uncoveredIn(domain, boxes, out);
  return out;
}

std::vector<std::pair<int, int>> meetingPairs(const std::vector<const Box *> &boxes) {
  std::vector<std::pair<int, int>> out;
  if (boxes.empty())
    return out;
  if (boxes.front()->dims.empty()) { // no questions: every box is the one case
    for (int i = 0; i < static_cast<int>(boxes.size()); ++i)
      for (int j = i + 1; j < static_cast<int>(boxes.size()); ++j)
        out.push_back({i, j});
    return out;
  }
  // Sweep on the question whose boxes start at the most different answers.
  std::size_t dims = boxes.front()->dims.size(), dim = 0, most = 0;
  for (std::size_t i = 0; i < dims; ++i) {
    std::vector<std::int64_t> starts;
    for (const Box *b : boxes)
      starts.push_back(b->dims[i].front().first);
    std::sort(starts.begin(), starts.end());
    std::size_t n =
        static_cast<std::size_t>(std::unique(starts.begin(), starts.end()) - starts.begin());
    if (n > most) {
      most = n;
      dim = i;
    }
  }
  std::vector<int> order(boxes.size());
  std::iota(order.begin(), order.end(), 0);
  auto lo = [&](int i) { return boxes[static_cast<std::size_t>(i)]->dims[dim].front().first; };
  auto hi = [&](int i) { return boxes[static_cast<std::size_t>(i)]->dims[dim].back().second; };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return lo(a) < lo(b); });
  std::vector<int> active;
  for (int i : order) {
    std::erase_if(active, [&](int a) { return hi(a) < lo(i); });
    for (int a : active)
      if (meets(*boxes[static_cast<std::size_t>(a)], *boxes[static_cast<std::size_t>(i)]))
        out.push_back(std::minmax(a, i));
    active.push_back(i);
  }
  std::sort(out.begin(), out.end());
  return out;
}

eval::Case BoxSpace::smallestLeft() {
  // The smallest case of a union of boxes is the smallest of their corners.
  std::vector<std::int64_t> smallest = corner(left_.front());
  for (const Box &b : left_)
    smallest = std::min(smallest, corner(b));
  eval::Case c;
  c.answers.assign(smallest.begin(), smallest.end());
  return c;
}

bool BoxSpace::holdsIn(const Region &r) {
  Box b = regionBox(rs_, r);
  if (finding_.complement)
    return std::none_of(finding_.complement->begin(), finding_.complement->end(),
                        [&](const Box *c) { return meets(*c, b); });
  std::vector<const Box *> parts;
  for (const Box &p : finding_.parts)
    parts.push_back(&p);
  return covered(b, parts);
}

bool BoxSpace::caseIn(const Region &r) {
  Box b = regionBox(rs_, r);
  return std::any_of(finding_.parts.begin(), finding_.parts.end(),
                     [&](const Box &p) { return meets(p, b); });
}

void BoxSpace::setAside(const Region &r) {
  Box block = regionBox(rs_, r);
  std::vector<Box> next;
  for (const Box &b : left_)
    subtract(b, block, next);
  left_.swap(next);
}

LeftCount BoxSpace::countLeft(std::size_t cap) {
  const Big limit = cap;
  Big n = 0;
  for (const Box &b : left_) {
    n += boxCount(b);
    if (n > limit)
      break;
  }
  LeftCount out;
  out.count = static_cast<std::size_t>(std::min(n, limit));
  out.capped = n > limit;
  return out;
}

RegionSearch boxRegions(const ir::Ruleset &rs, const BoxFinding &finding, int max) {
  BoxSpace space(rs, finding);
  return searchRegions(space, rs, max);
}

std::optional<BoxTable> boxTable(const ir::Ruleset &rs, int decision) {
  if (!rs.assumptions.empty())
    return std::nullopt;
  for (const ir::Question &q : rs.questions)
    if (q.askedWhen)
      return std::nullopt;
  BoxTable t;
  for (int r : rs.decisions[static_cast<std::size_t>(decision)].rules) {
    const ir::Rule &rule = rs.rules[static_cast<std::size_t>(r)];
    if (!rule.exceptionTo.empty())
      return std::nullopt;
    if (rule.inactive)
      continue;
    std::optional<Box> b = rule.guard ? boxOf(rs, *rule.guard) : std::nullopt;
    if (!b)
      return std::nullopt;
    t.rules.push_back(r);
    t.boxes.push_back(std::move(*b));
  }
  // Which boxes meet: a sort and sweep over the non-empty ones.
  std::vector<const Box *> live;
  std::vector<int> at;
  for (std::size_t i = 0; i < t.boxes.size(); ++i)
    if (!t.boxes[i].empty()) {
      live.push_back(&t.boxes[i]);
      at.push_back(static_cast<int>(i));
    }
  t.near.assign(t.boxes.size(), {});
  for (auto [a, b] : meetingPairs(live)) {
    int x = at[static_cast<std::size_t>(a)], y = at[static_cast<std::size_t>(b)];
    t.near[static_cast<std::size_t>(x)].push_back(y);
    t.near[static_cast<std::size_t>(y)].push_back(x);
  }
  for (auto &n : t.near)
    std::sort(n.begin(), n.end());
  return t;
}

BoxFinding gapFinding(const ir::Ruleset &rs, const BoxTable &table) {
  std::vector<const Box *> all;
  for (const Box &b : table.boxes)
    if (!b.empty())
      all.push_back(&b);
  BoxFinding f;
  f.parts = uncovered(domainBox(rs), all);
  f.complement = std::move(all);
  return f;
}

BoxFinding bothFinding(const BoxTable &table, int a, int b) {
  BoxFinding f;
  Box both =
      intersect(table.boxes[static_cast<std::size_t>(a)], table.boxes[static_cast<std::size_t>(b)]);
  if (!both.empty())
    f.parts.push_back(std::move(both));
  return f;
}

std::vector<std::pair<int, int>> conflictOrder(const ir::Ruleset &rs, const BoxTable &table,
                                               int limit, bool &more) {
  auto outcome = [&](int position) {
    return rs.rules[static_cast<std::size_t>(table.rules[static_cast<std::size_t>(position)])]
        .outcome;
  };
  // Every pair of positions that meet with different outcomes, in source order; and where.
  std::vector<std::pair<int, int>> pairs;
  for (std::size_t a = 0; a < table.near.size(); ++a)
    for (int b : table.near[a])
      if (b > static_cast<int>(a) && outcome(static_cast<int>(a)) != outcome(b))
        pairs.push_back({static_cast<int>(a), b});
  std::vector<std::vector<std::int64_t>> corners;
  for (auto [a, b] : pairs)
    corners.push_back(corner(intersect(table.boxes[static_cast<std::size_t>(a)],
                                       table.boxes[static_cast<std::size_t>(b)])));
  std::vector<bool> done(pairs.size(), false);
  std::vector<std::pair<int, int>> out;
  std::size_t open = pairs.size();
  while (static_cast<int>(out.size()) < limit && open > 0) {
    std::size_t least = pairs.size();
    for (std::size_t i = 0; i < pairs.size(); ++i)
      if (!done[i] && (least == pairs.size() || corners[i] < corners[least]))
        least = i;
    eval::Case c;
    for (std::int64_t v : corners[least])
      c.answers.push_back(v);
    for (std::size_t i = 0; i < pairs.size(); ++i)
      if (!done[i] && table.boxes[static_cast<std::size_t>(pairs[i].first)].contains(c) &&
          table.boxes[static_cast<std::size_t>(pairs[i].second)].contains(c)) {
        done[i] = true;
        --open;
        out.push_back({table.rules[static_cast<std::size_t>(pairs[i].first)],
                       table.rules[static_cast<std::size_t>(pairs[i].second)]});
        break;
      }
  }
  more = open > 0;
  return out;
}

bool redundant(const ir::Ruleset &rs, const BoxTable &table, int position) {
  const Box &box = table.boxes[static_cast<std::size_t>(position)];
  const ir::Rule &rule =
      rs.rules[static_cast<std::size_t>(table.rules[static_cast<std::size_t>(position)])];
  std::vector<const Box *> same, other;
  for (int n : table.near[static_cast<std::size_t>(position)]) {
    const ir::Rule &r =
        rs.rules[static_cast<std::size_t>(table.rules[static_cast<std::size_t>(n)])];
    (r.outcome == rule.outcome ? same : other).push_back(&table.boxes[static_cast<std::size_t>(n)]);
  }
  // Its outcome is given by another rule wherever it applies...
  if (!covered(box, same))
    return false;
  // ...and so is each obligation it adds, wherever the decision has that one outcome.
  const auto &own = rs.outcomes[static_cast<std::size_t>(rule.outcome)].obligations;
  for (int k : rule.obligations) {
    if (std::find(own.begin(), own.end(), k) != own.end())
      continue;
    std::vector<const Box *> cover = other;
    for (int n : table.near[static_cast<std::size_t>(position)]) {
      const auto &obl =
          rs.rules[static_cast<std::size_t>(table.rules[static_cast<std::size_t>(n)])].obligations;
      if (std::find(obl.begin(), obl.end(), k) != obl.end())
        cover.push_back(&table.boxes[static_cast<std::size_t>(n)]);
    }
    if (!covered(box, cover))
      return false;
  }
  return true;
}

std::vector<std::int64_t> corner(const Box &b) {
  std::vector<std::int64_t> out;
  for (const ValueSet &d : b.dims)
    out.push_back(d.front().first);
  return out;
}

eval::Case CellSpace::smallestLeft() {
  std::vector<std::int64_t> smallest = corner(left_.front());
  for (const Box &b : left_)
    smallest = std::min(smallest, corner(b));
  eval::Case c;
  for (std::size_t q = 0; q < smallest.size(); ++q)
    c.answers.push_back(smallest[q] < rs_.questions[q].lo ? std::nullopt
                                                          : std::optional(smallest[q]));
  return c;
}

bool CellSpace::holdsIn(const Region &r) {
  Box b = boxOf(r);
  return std::none_of(rest_.begin(), rest_.end(), [&](const Box *x) { return meets(*x, b); });
}

bool CellSpace::caseIn(const Region &r) {
  Box b = boxOf(r);
  return std::any_of(finding_.begin(), finding_.end(), [&](const Box &x) { return meets(x, b); });
}

void CellSpace::setAside(const Region &r) {
  Box b = boxOf(r);
  std::vector<Box> next;
  for (const Box &x : left_)
    subtract(x, b, next);
  left_.swap(next);
}

LeftCount CellSpace::countLeft(std::size_t cap) {
  Wide n = 0;
  for (const Box &b : left_) {
    Wide k = 1;
    for (const ValueSet &d : b.dims) {
      Wide w = 0;
      for (const auto &[lo, hi] : d)
        w += static_cast<Wide>(static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo)) +
             1;
      k = w != 0 && k > kMost / w ? kMost + 1 : k * w;
    }
    n += k;
    if (n > cap)
      break;
  }
  LeftCount out;
  out.count = static_cast<std::size_t>(std::min<Wide>(n, cap));
  out.capped = n > cap;
  return out;
}

Box CellSpace::boxOf(const Region &r) const {
  Box b;
  for (const ir::Question &q : rs_.questions)
    b.dims.push_back({{q.lo - 1, q.hi}});
  for (const Literal &l : r.literals)
    b.dims[static_cast<std::size_t>(l.question)] =
        l.isRange ? ValueSet{{l.lo, l.hi}} : fromValues(l.values);
  return b;
}

} // namespace ww::verify
