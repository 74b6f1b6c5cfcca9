#include "verifier/region_search.h"

#include <algorithm>
#include <numeric>

namespace ww::verify {
namespace {

/// The region of exactly one case: every asked question at its answer.
Region pointRegion(const ir::Ruleset &rs, const eval::Case &example) {
  Region r;
  r.example = example;
  for (std::size_t q = 0; q < rs.questions.size(); ++q)
    if (example.answers[q]) {
      Literal l;
      l.question = static_cast<int>(q);
      l.isRange = rs.questions[q].type == ir::QuestionType::Range;
      l.lo = l.hi = *example.answers[q];
      l.values = {*example.answers[q]};
      r.literals.push_back(l);
    }
  return r;
}

/// Widens the number range of literal `i` of `r` by bisection (the region only grows as a
/// bound moves out): first the widest bounds where the finding still holds everywhere, then
/// back in to the outermost answers that have cases, so that no impossible answers are named.
void widenRange(CaseSpace &space, const ir::Question &q, Region &r, std::size_t i) {
  Literal &l = r.literals[i];
  auto with = [&](std::int64_t lo, std::int64_t hi, auto ask) {
    Literal saved = l;
    l.lo = lo;
    l.hi = hi;
    bool ok = ask(r);
    l = saved;
    return ok;
  };
  auto holdsWith = [&](std::int64_t lo, std::int64_t hi) {
    return with(lo, hi, [&](const Region &x) { return space.holdsIn(x); });
  };
  auto realWithin = [&](std::int64_t lo, std::int64_t hi) {
    return with(lo, hi, [&](const Region &x) { return space.caseIn(x); });
  };
  std::int64_t a = q.lo, b = l.lo; // smallest lower bound that holds is in [a, b]
  while (a < b) {
    std::int64_t mid = std::midpoint(a, b);
    if (holdsWith(mid, l.hi))
      b = mid;
    else
      a = mid + 1;
  }
  std::int64_t low = b;
  a = low, b = l.lo; // first answer from `low` up that has a case
  while (a < b) {
    std::int64_t mid = std::midpoint(a, b);
    if (realWithin(low, mid))
      b = mid;
    else
      a = mid + 1;
  }
  l.lo = b;
  a = l.hi, b = q.hi; // largest upper bound that holds is in [a, b]
  while (a < b) {
    std::int64_t mid = std::midpoint(b, a);
    if (holdsWith(l.lo, mid))
      a = mid;
    else
      b = mid - 1;
  }
  std::int64_t high = a;
  a = l.hi, b = high; // last answer up to `high` that has a case
  while (a < b) {
    std::int64_t mid = std::midpoint(b, a);
    if (realWithin(mid, high))
      a = mid;
    else
      b = mid - 1;
  }
  l.hi = a;
}

/// Widens the answer set of literal `i` of `r` by each other answer, in order, that has a case
/// (so that a region never names answers the assumptions rule out) and keeps the finding
/// everywhere.
void widenSet(CaseSpace &space, const ir::Question &q, Region &r, std::size_t i) {
  Literal &l = r.literals[i];
  for (std::int64_t v = q.lo; v <= q.hi; ++v) {
    if (std::find(l.values.begin(), l.values.end(), v) != l.values.end())
      continue;
    Region only = r;
    Literal &x = only.literals[i];
    x.values = {v};
    x.lo = x.hi = v;
    if (!space.caseIn(only))
      continue;
    Literal saved = l;
    l.values.push_back(v);
    std::sort(l.values.begin(), l.values.end());
    if (!space.holdsIn(r))
      l = saved;
  }
}

} // namespace

bool inRegion(const Region &r, const eval::Case &c) {
  for (const Literal &l : r.literals) {
    const auto &a = c.answers[static_cast<std::size_t>(l.question)];
    if (!a)
      return false;
    if (l.isRange ? (*a < l.lo || *a > l.hi)
                  : std::find(l.values.begin(), l.values.end(), *a) == l.values.end())
      return false;
  }
  return true;
}

RegionSearch searchRegions(CaseSpace &space, const ir::Ruleset &rs, int max) {
  RegionSearch out;
  // Once an answer was undecided, the search stops after the region at hand: the regions found
  // so far are sound (an undecided answer never claims one), the search is marked
  // inconclusive, and a solver limit never turns into a hang.
  while (static_cast<int>(out.regions.size()) < max) {
    CaseSpace::Left a = space.anyLeft();
    if (a == CaseSpace::Left::Undecided)
      out.inconclusive = true;
    if (a != CaseSpace::Left::Yes)
      return out;
    Region r = pointRegion(rs, space.smallestLeft());
    // Drop answers from the last question to the first while the finding holds everywhere.
    for (std::size_t i = r.literals.size(); i-- > 0;) {
      Region without = r;
      without.literals.erase(without.literals.begin() + static_cast<long>(i));
      if (space.holdsIn(without))
        r = std::move(without);
    }
    // Widen each kept answer to the neighbouring answers that also show the finding.
    for (std::size_t i = 0; i < r.literals.size(); ++i) {
      const ir::Question &q = rs.questions[static_cast<std::size_t>(r.literals[i].question)];
      if (r.literals[i].isRange)
        widenRange(space, q, r, i);
      else
        widenSet(space, q, r, i);
    }
    space.setAside(r);
    out.regions.push_back(std::move(r));
    if (space.gaveUp()) {
      out.inconclusive = true;
      return out;
    }
  }
  LeftCount left = space.countLeft(kLeftCap);
  out.more = left.count;
  out.moreCapped = left.capped;
  out.inconclusive = out.inconclusive || left.inconclusive;
  return out;
}

} // namespace ww::verify
