#pragma once
/// The Z3 encoding of a ruleset: one copy of the variables per case (two for independence
/// properties). Mirrors compiler/eval exactly; tests/unit/oracle_test.cpp keeps them agreeing.

#include "compiler/eval/evaluator.h"
#include "compiler/ir/ruleset.h"

#include <z3++.h>

#include <string>
#include <vector>

namespace ww::verify {

/// A condition in three-valued logic: `t` holds when it is definitely true, `f` when it is
/// definitely false; neither when it is undefined.
struct TF {
  z3::expr t, f;
  z3::expr defined() const { return t || f; }
};

/// The Z3 terms of one decision in one case.
struct DecisionTerms {
  std::vector<z3::expr> applies;  ///< by rule index (false for other decisions' rules)
  std::vector<z3::expr> remains;  ///< by rule index
  std::vector<z3::expr> has;      ///< by outcome index: some remaining rule gives it
  z3::expr any, conflict, single; ///< decided at all; two outcomes; exactly one outcome
  std::vector<z3::expr> obliges;  ///< by obligation index, when single
  DecisionTerms(z3::context &c) : any(c), conflict(c), single(c) {}
};

/// One case's variables and everything derived from them.
struct CaseTerms {
  std::vector<z3::expr> value; ///< by question: its answer (the domain's low end when unasked)
  std::vector<z3::expr> asked; ///< by question
  std::vector<DecisionTerms> decisions;
  z3::expr wellFormed;  ///< domains, and unasked questions fixed to their low end
  z3::expr assumptions; ///< every assumption definitely true
  CaseTerms(z3::context &c) : wellFormed(c), assumptions(c) {}
};

class Encoder {
public:
  Encoder(z3::context &ctx, const ir::Ruleset &ruleset) : ctx_(ctx), rs_(ruleset) {}

  /// Fresh variables named with prefix; `without` leaves one rule out (redundancy check).
  CaseTerms encodeCase(const std::string &prefix, int without = -1);
  /// A condition over a case (decision atoms read c.decisions; null-safe for asked-when).
  TF encode(const ir::Expr &e, const CaseTerms &c);
  /// The case a model gives.
  eval::Case decode(const z3::model &m, const CaseTerms &c) const;
  /// True when the outcomes the remaining rules of `decision` give (one, none, or the
  /// outcomes of a conflict) or its obligations differ between a and b.
  z3::expr differs(int decision, const CaseTerms &a, const CaseTerms &b);
  z3::expr differs(int decision, const DecisionTerms &a, const DecisionTerms &b);
  /// The terms of `decision` in case c without the rule whose index `left` holds: every rule r
  /// applies only where `left != r`. One encoding shared by the redundancy checks of all its
  /// rules (instead of a copy of the whole case per rule); each query fixes `left`.
  DecisionTerms without(int decision, const CaseTerms &c, const z3::expr &left);
  /// True when, in case c, the rules of `decision` that remain (and so its outcomes, its
  /// obligations and the rules that decide them) differ once the condition of rule `rule` is
  /// replaced by `applies`: only the rule itself and the rules it is an exception to can.
  z3::expr changesWith(int decision, const CaseTerms &c, int rule, const z3::expr &applies);
  /// `e` over case c with the nodes `part` (nodes of e: one atom as written, which may be
  /// several, as `d discloses without consent`) read as the constant `value`.
  TF encodeReplacing(const ir::Expr &e, const CaseTerms &c,
                     const std::vector<const ir::Expr *> &part, bool value);
  /// The literal "question q is asked and answered v".
  z3::expr answerIs(const CaseTerms &c, int q, std::int64_t v);

  z3::context &ctx() { return ctx_; }

private:
  /// remains, has, any, conflict, single and obliges from `applies`.
  void derive(int decision, DecisionTerms &terms);

  z3::context &ctx_;
  const ir::Ruleset &rs_;
};

} // namespace ww::verify
