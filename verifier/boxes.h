#pragma once
/// Box arithmetic for decision tables: the fast path of the checks of a decision whose rules
/// are all boxes (a conjunction of answer constraints, one set of answers per question), with
/// no exceptions, in a ruleset without assumptions or `asked when` (every question is always
/// asked). Overlaps, gaps, dead and redundant rules are computed on the boxes; the regions are
/// found by the one region search (region_search.h), its questions answered by box arithmetic
/// instead of the solver, so the findings are the same. See docs/verification.md.

#include "compiler/ir/ruleset.h"
#include "verifier/region_search.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

namespace ww::verify {

/// A set of answers of one question: sorted, disjoint, non-adjacent closed intervals.
using ValueSet = std::vector<std::pair<std::int64_t, std::int64_t>>;

/// The answers given, as a set.
ValueSet fromValues(std::vector<std::int64_t> values);

/// A product of one answer set per question (in question order); empty when any set is empty.
struct Box {
  std::vector<ValueSet> dims;
  bool empty() const;
  bool contains(const eval::Case &c) const;
};

/// The whole answer space of the ruleset's questions.
Box domainBox(const ir::Ruleset &rs);
/// The box of a condition, or nothing when it is not a box: a conjunction of `Q in {…}`,
/// `Q in lo..hi`, comparisons, their negations and constants, over questions only.
std::optional<Box> boxOf(const ir::Ruleset &rs, const ir::Expr &condition);

/// W0516 on boxes: does reading `atoms` (a part of the box `condition`, whose box is `before`)
/// as the constant `value` change the cases the condition holds in? Nothing when that reading
/// is not a box. In a box table (no exceptions, every question asked) a rule's decision
/// changes exactly there.
std::optional<bool> partChangesBox(const ir::Ruleset &rs, const Box &before,
                                   const ir::Expr &condition,
                                   const std::vector<const ir::Expr *> &atoms, bool value);

bool meets(const Box &a, const Box &b);
Box intersect(const Box &a, const Box &b);
/// a \ b as disjoint boxes (at most two per question).
void subtract(const Box &a, const Box &b, std::vector<Box> &out);
/// Is `a` covered by the union of `cover` (whose boxes may overlap)?
bool covered(const Box &a, const std::vector<const Box *> &cover);

/// Counts of cases: products of wide intervals; past kMost (2^64 - 1) a count is not exact.
using Wide = unsigned __int128;
inline constexpr Wide kMost = std::numeric_limits<std::uint64_t>::max();

/// The smallest case of a non-empty box, in question order.
std::vector<std::int64_t> corner(const Box &b);

/// The region search's questions answered on classes of alike cases (the comparison's classes
/// of the union of two versions, or the verifier's of one ruleset): each class a box over the
/// ruleset's questions in which an unasked question has the answer one below its domain, so
/// that a box's smallest corner is the smallest case in question order (unasked first). A
/// case is a case of a class in `finding`; the base is every class (`finding` and `rest`, which
/// must be every class there is). Every answer is decided.
class CellSpace : public CaseSpace {
public:
  CellSpace(const ir::Ruleset &rs, std::vector<Box> finding, std::vector<const Box *> rest)
      : rs_(rs), finding_(std::move(finding)), rest_(std::move(rest)), left_(finding_) {}

  Left anyLeft() override { return left_.empty() ? Left::No : Left::Yes; }
  eval::Case smallestLeft() override;
  bool holdsIn(const Region &r) override;
  bool caseIn(const Region &r) override;
  void setAside(const Region &r) override;
  bool gaveUp() const override { return false; }
  LeftCount countLeft(std::size_t cap) override;

private:
  /// The box of the cases of region `r`: a question it names is asked, with an answer it names.
  Box boxOf(const Region &r) const;

  const ir::Ruleset &rs_;
  std::vector<Box> finding_;
  std::vector<const Box *> rest_;
  std::vector<Box> left_;
};

/// A set of cases given as disjoint boxes; `complement`, when known, lists boxes whose union is
/// exactly the rest of the answer space (the rules' boxes, for a gap).
struct BoxFinding {
  std::vector<Box> parts;
  std::optional<std::vector<const Box *>> complement;
};

/// The cases of `domain` that none of `boxes` covers, as disjoint boxes.
std::vector<Box> uncovered(const Box &domain, const std::vector<const Box *> &boxes);

/// Every pair (i, j), i < j, of boxes that meet, found by a sort and sweep on one question.
std::vector<std::pair<int, int>> meetingPairs(const std::vector<const Box *> &boxes);

/// The region search's questions answered by box arithmetic: a case is one of `finding`'s boxes
/// (the base is every case: a box table has no assumptions and asks every question). Every
/// answer is decided.
class BoxSpace : public CaseSpace {
public:
  BoxSpace(const ir::Ruleset &rs, const BoxFinding &finding)
      : rs_(rs), finding_(finding), left_(finding.parts) {}

  Left anyLeft() override { return left_.empty() ? Left::No : Left::Yes; }
  eval::Case smallestLeft() override;
  bool holdsIn(const Region &r) override;
  bool caseIn(const Region &r) override;
  void setAside(const Region &r) override;
  bool gaveUp() const override { return false; }
  LeftCount countLeft(std::size_t cap) override;

private:
  const ir::Ruleset &rs_;
  const BoxFinding &finding_;
  std::vector<Box> left_; ///< the cases left, as disjoint boxes
};

/// The region search over a BoxSpace: the same regions, examples and counts as
/// RegionFinder::find with the finding's formula.
RegionSearch boxRegions(const ir::Ruleset &rs, const BoxFinding &finding, int max);

/// The rules of one decision as boxes, when the fast path applies to it.
struct BoxTable {
  std::vector<int> rules;             ///< the active rules, in the decision's order
  std::vector<Box> boxes;             ///< by position in `rules`
  std::vector<std::vector<int>> near; ///< by position: the positions of the other boxes it meets
};

/// The decision's rules as boxes, or nothing when the fast path does not apply: the ruleset
/// has an assumption or an `asked when`, a rule of the decision has an exception or is an
/// exception, or a condition is not a box.
std::optional<BoxTable> boxTable(const ir::Ruleset &rs, int decision);
/// The cases in which no rule of the table applies (a gap).
BoxFinding gapFinding(const ir::Ruleset &rs, const BoxTable &table);
/// The cases in which both rules (positions in the table) apply.
BoxFinding bothFinding(const BoxTable &table, int a, int b);
/// The conflicting pairs (rule indices) in the order checkConsistency reports them: each time
/// the first pair not yet reported, in source order, that conflicts in the smallest case in
/// which any such pair conflicts; up to `limit` pairs. `more`: some pair is left over.
std::vector<std::pair<int, int>> conflictOrder(const ir::Ruleset &rs, const BoxTable &table,
                                               int limit, bool &more);
/// Without the rule at `position`, is every case decided the same way (same outcomes, same
/// obligations)? As Encoder::differs, for rules without exceptions.
bool redundant(const ir::Ruleset &rs, const BoxTable &table, int position);

} // namespace ww::verify
