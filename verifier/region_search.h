#pragma once
/// The region search, written once: a case with the finding → the smallest such case →
/// generalised into a region ("situatie = volwassenen, doel = aangifte, any other answers") in
/// which the finding holds for every case → that region set aside → the next, up to a limit;
/// then the cases left are counted. The search only asks questions of a `CaseSpace` ("is there
/// a case with …"), which the solver answers (`SolverSpace`, regions.h), box arithmetic on a
/// decision table (`BoxSpace`, boxes.h), or the classes of alike cases of a comparison
/// (`CellSpace`, boxes.h: the verifier's regions when every class is at hand, and `diff`'s).

#include "compiler/eval/evaluator.h"
#include "compiler/ir/ruleset.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ww::verify {

/// One answer constraint of a region: the question is asked and its answer is in `values`
/// (yes/no and list questions) or in lo..hi (number questions).
struct Literal {
  int question = -1;
  std::vector<std::int64_t> values;
  std::int64_t lo = 0, hi = 0;
  bool isRange = false;
};

struct Region {
  std::vector<Literal> literals; ///< in question order; empty: every case
  eval::Case example;            ///< the smallest case of the region (question order)
};

/// Is case `c` in region `r` (every question the region names asked, with an answer it names)?
bool inRegion(const Region &r, const eval::Case &c);

struct RegionSearch {
  std::vector<Region> regions;
  std::size_t more = 0;      ///< cases with the finding outside the regions shown
  bool moreCapped = false;   ///< more is a lower bound
  bool inconclusive = false; ///< a solver call timed out: the search is incomplete
};

/// The cases with the finding that no region set aside holds, counted up to a cap.
struct LeftCount {
  std::size_t count = 0;     ///< up to the cap
  bool capped = false;       ///< there are more than `count` (or it is undecided whether)
  bool inconclusive = false; ///< undecided before the cap was reached
};

/// The questions the region search asks. A "case" is a case the search is about (the base:
/// well-formed, the assumptions hold) in which the finding holds; "left" is such a case that
/// no region set aside (`setAside`) holds. An answer that is undecided (the solver gave up)
/// is never taken as a yes that would claim a region: `holdsIn` and `caseIn` answer false,
/// and `gaveUp` says so from then on.
class CaseSpace {
public:
  enum class Left { Yes, No, Undecided };

  virtual ~CaseSpace() = default;
  /// Is any case left?
  virtual Left anyLeft() = 0;
  /// The smallest case left, in question order (unasked first, then the lowest answer); asked
  /// only right after `anyLeft` said yes. A space that cannot decide which is the smallest
  /// gives some case left.
  virtual eval::Case smallestLeft() = 0;
  /// Does the finding hold in every case (of the base) in region `r`?
  virtual bool holdsIn(const Region &r) = 0;
  /// Is there a case in region `r`, i.e. a case of the base in `r` with the finding?
  virtual bool caseIn(const Region &r) = 0;
  /// Sets `r` aside: its cases are no longer left.
  virtual void setAside(const Region &r) = 0;
  /// Has an answer been undecided since the search began? Then it stops, incomplete.
  virtual bool gaveUp() const = 0;
  /// The cases left, counted up to `cap`.
  virtual LeftCount countLeft(std::size_t cap) = 0;
};

/// The most cases left that a search counts (`RegionSearch::more`); beyond it, `moreCapped`.
inline constexpr std::size_t kLeftCap = 100;

/// Up to `max` regions of cases in which the finding holds everywhere, each one found from the
/// smallest case left, by dropping answers from the last question to the first while the
/// finding still holds everywhere, then widening each kept answer to the neighbouring answers
/// that also show it (number ranges by bisection); then the count of the cases left.
RegionSearch searchRegions(CaseSpace &space, const ir::Ruleset &rs, int max);

} // namespace ww::verify
