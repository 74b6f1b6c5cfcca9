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

  /// Fresh variables named with prefix; `without` leaves one rule out.
  CaseTerms encodeCase(const std::string &prefix, int without = -1);
  /// The decisions of case c with the one rule whose index `skipped` holds left out (every
  /// rule r applies only where `skipped != r`), on c's own variables: the redundancy check asks
  /// `skipped == r` of one shared encoding instead of encoding the ruleset again per rule.
  CaseTerms withoutOneRule(const CaseTerms &c, const z3::expr &skipped);
  /// A condition over a case (decision atoms read c.decisions; null-safe for asked-when).
  TF encode(const ir::Expr &e, const CaseTerms &c);
  /// The case a model gives.
  eval::Case decode(const z3::model &m, const CaseTerms &c) const;
  /// True when the outcomes the remaining rules of `decision` give (one, none, or the
  /// outcomes of a conflict) or its obligations differ between a and b.
  z3::expr differs(int decision, const CaseTerms &a, const CaseTerms &b);
  /// The literal "question q is asked and answered v".
  z3::expr answerIs(const CaseTerms &c, int q, std::int64_t v);

  z3::context &ctx() { return ctx_; }

private:
  /// Everything of decision d that follows from terms.applies: remains, has, any, conflict,
  /// single, obliges.
  void finishDecision(DecisionTerms &terms, int d);

  z3::context &ctx_;
  const ir::Ruleset &rs_;
  std::vector<std::vector<int>> removedBy_; ///< by rule: the exceptions to it (filled lazily)
};

} // namespace ww::verify
