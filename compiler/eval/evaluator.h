#pragma once
/// The direct evaluator: the semantics of docs/semantics.md on one concrete case. Every
/// command that needs a decision for a case uses this one (test, the oracle, export, explain).

#include "compiler/ir/ruleset.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <vector>

namespace ww::eval {

/// Kleene's three truth values; Undefined when a condition reads an unasked question or a
/// decision without a single outcome.
enum class Tri : std::uint8_t { False, True, Undefined };

/// A case: an answer for exactly the questions asked in it (by question index).
struct Case {
  std::vector<std::optional<std::int64_t>> answers;
  friend bool operator==(const Case &, const Case &) = default;
};

/// What the rules decide for one decision in one case.
struct DecisionResult {
  std::vector<int> applicable;  ///< rules whose condition holds
  std::vector<int> remaining;   ///< applicable rules no applicable exception removes
  std::optional<int> outcome;   ///< set when the remaining rules agree on one outcome
  bool conflict = false;        ///< remaining rules give different outcomes
  std::vector<int> obligations; ///< the outcome's and the remaining rules', sorted
};

struct Result {
  std::vector<DecisionResult> decisions; ///< by decision index
  std::vector<int> undefinedRules;       ///< rules whose condition was undefined
};

class Evaluator {
public:
  explicit Evaluator(const ir::Ruleset &ruleset) : rs_(ruleset) {}

  /// A condition on a case; `decided` gives the decisions computed so far (may be null).
  Tri eval(const ir::Expr &e, const Case &c, const Result *decided) const;
  /// The rules' decisions; `without` removes one rule entirely (for the redundancy check).
  Result run(const Case &c, int without = -1) const;
  /// The same for the decisions `only` marks (by decision index; the decisions their rules read
  /// must be marked too), the others left without applicable rules or outcome.
  Result runOnly(const Case &c, const std::vector<char> &only) const;
  /// One decision's result from the rules of it that apply (in the decision's order), as run
  /// settles it: which remain, their outcome or conflict, the obligations.
  DecisionResult settle(std::vector<int> applicable) const;
  /// The parts of e that make it `value` (False or Undefined) in c, in source order: the
  /// conjuncts of an `and` that are false (each taken apart in turn), otherwise the part
  /// itself (an `or` whose every side is false is one part); for Undefined, the atoms that
  /// read what the case does not have. `explain --why-not` names these.
  std::vector<const ir::Expr *> culprits(const ir::Expr &e, const Case &c, const Result *decided,
                                         Tri value) const;
  /// Which questions the answers make asked (asked-when conditions in dependency order).
  std::vector<Tri> asked(const Case &c) const;
  /// True when c answers exactly the asked questions, each within its domain.
  bool wellFormed(const Case &c) const;
  /// True when every assumption is (defined and) true for c.
  bool assumed(const Case &c) const;
  /// The assumptions (by index) that are not (defined and) true for c.
  std::vector<int> failedAssumptions(const Case &c) const;
  /// Calls f for every well-formed case the assumptions allow, in question order.
  void enumerate(const std::function<void(const Case &)> &f) const;
  /// The same, stopped once `maxCases` well-formed cases have been looked at (allowed by the
  /// assumptions or not) or when f returns false; true when every case was looked at.
  bool enumerateUpTo(std::uint64_t maxCases, const std::function<bool(const Case &)> &f) const;
  /// The classes of alike cases: the answers of a number question between two cuts of the
  /// conditions (addCuts over every rule, `asked when`, assumption and property) are one class,
  /// every other answer is a class of its own; every condition, and so every decision, is the same
  /// in all cases of a class of combined answers. Calls f with the first case (each class's
  /// lowest answers) of every such class the assumptions allow, in question order; stops once
  /// `maxClasses` well-formed classes have been looked at (allowed or not) or when f returns
  /// false; true when every class was looked at.
  bool enumerateClassesUpTo(std::uint64_t maxClasses,
                            const std::function<bool(const Case &)> &f) const;
  /// By question: the lowest answer of each of its classes of alike answers, ascending (every
  /// answer of a yes/no or list question; a number question's low end and each cut in its
  /// domain).
  std::vector<std::vector<std::int64_t>> classFirsts() const;

private:
  /// Every well-formed case in question order, the answers of an asked question q given by
  /// `answers(q, visit)` (which stops when visit returns false); f sees those the assumptions
  /// allow. Stops after `most` cases (allowed or not) or when f returns false; true when it
  /// saw every case.
  bool walk(std::uint64_t most,
            const std::function<void(int, const std::function<bool(std::int64_t)> &)> &answers,
            const std::function<bool(const Case &)> &f) const;

  Result run(const Case &c, int without, const std::vector<char> *only) const;
  /// settle with `removed` (by rule, all 0) as scratch, left all 0 again.
  void settle(DecisionResult &out, std::vector<char> &removed) const;
  /// From the remaining rules: the outcome or conflict, and the obligations.
  void conclude(DecisionResult &out) const;

  const ir::Ruleset &rs_;
};

/// The answers at which a number question's answer can start to behave otherwise in `e`: every
/// bound and listed value of an atom of `e` that reads it (`q in lo..hi`: lo and hi + 1; a
/// listed v: v and v + 1), added to `cuts[toIndex[q]]` (a question whose index is negative is
/// left out). Between two cuts every answer gives `e` the same value.
void addCuts(const ir::Expr &e, const std::vector<int> &toIndex,
             std::vector<std::set<std::int64_t>> &cuts);

/// How a message names assumption a: "assumption “its text”", or "assumption `its condition`".
std::string assumptionName(const ir::Ruleset &rs, int a);

/// "situatie = volwassenen, doel = aangifte" (question order; unasked questions left out).
std::string caseText(const ir::Ruleset &rs, const Case &c);

} // namespace ww::eval
