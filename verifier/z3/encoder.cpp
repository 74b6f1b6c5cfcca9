#include "verifier/z3/encoder.h"

#include <algorithm>
#include <map>

namespace ww::verify {
namespace {

z3::expr anyOf(z3::context &ctx, const std::vector<z3::expr> &xs) {
  z3::expr_vector v(ctx);
  for (const auto &x : xs)
    v.push_back(x);
  return xs.empty() ? ctx.bool_val(false) : z3::mk_or(v);
}

z3::expr allOf(z3::context &ctx, const std::vector<z3::expr> &xs) {
  z3::expr_vector v(ctx);
  for (const auto &x : xs)
    v.push_back(x);
  return xs.empty() ? ctx.bool_val(true) : z3::mk_and(v);
}

} // namespace

z3::expr Encoder::answerIs(const CaseTerms &c, int q, std::int64_t v) {
  return c.asked[q] && c.value[q] == ctx_.int_val(static_cast<int64_t>(v));
}

TF Encoder::encodeReplacing(const ir::Expr &e, const CaseTerms &c,
                           const std::vector<const ir::Expr *> &part, bool value) {
  using K = ir::Expr::Kind;
  if (std::find(part.begin(), part.end(), &e) != part.end())
    return {ctx_.bool_val(value), ctx_.bool_val(!value)};
  switch (e.kind) {
  case K::Not: {
    TF a = encodeReplacing(*e.args[0], c, part, value);
    return {a.f, a.t};
  }
  case K::And:
  case K::Or: {
    std::vector<z3::expr> ts, fs;
    for (const auto &a : e.args) {
      TF x = encodeReplacing(*a, c, part, value);
      ts.push_back(x.t);
      fs.push_back(x.f);
    }
    if (e.kind == K::And)
      return {allOf(ctx_, ts), anyOf(ctx_, fs)};
    return {anyOf(ctx_, ts), allOf(ctx_, fs)};
  }
  default:
    return encode(e, c);
  }
}

TF Encoder::encode(const ir::Expr &e, const CaseTerms &c) {
  using K = ir::Expr::Kind;
  switch (e.kind) {
  case K::Const:
    return {ctx_.bool_val(e.value), ctx_.bool_val(!e.value)};
  case K::Not: {
    TF a = encode(*e.args[0], c);
    return {a.f, a.t};
  }
  case K::And:
  case K::Or: {
    std::vector<z3::expr> ts, fs;
    for (const auto &a : e.args) {
      TF x = encode(*a, c);
      ts.push_back(x.t);
      fs.push_back(x.f);
    }
    if (e.kind == K::And)
      return {allOf(ctx_, ts), anyOf(ctx_, fs)};
    return {anyOf(ctx_, ts), allOf(ctx_, fs)};
  }
  case K::QuestionIn: {
    std::vector<z3::expr> eq;
    for (auto v : e.values)
      eq.push_back(c.value[e.question] == ctx_.int_val(static_cast<int64_t>(v)));
    z3::expr in = anyOf(ctx_, eq);
    return {c.asked[e.question] && in, c.asked[e.question] && !in};
  }
  case K::QuestionRange: {
    const z3::expr &v = c.value[e.question];
    z3::expr in = v >= ctx_.int_val(static_cast<int64_t>(e.lo)) &&
                  v <= ctx_.int_val(static_cast<int64_t>(e.hi));
    return {c.asked[e.question] && in, c.asked[e.question] && !in};
  }
  default:
    break;
  }
  if (c.decisions.size() <= static_cast<std::size_t>(e.decision))
    return {ctx_.bool_val(false), ctx_.bool_val(false)};
  const DecisionTerms &d = c.decisions[e.decision];
  z3::expr holds(ctx_);
  switch (e.kind) {
  case K::DecisionIn: {
    std::vector<z3::expr> xs;
    for (int o : e.outcomes)
      xs.push_back(d.has[o]);
    holds = anyOf(ctx_, xs);
    break;
  }
  case K::DecisionDiscloses:
  case K::DecisionWithoutConsent:
  case K::DecisionFlag: {
    std::vector<z3::expr> xs;
    for (int o : rs_.decisions[e.decision].outcomes) {
      const ir::Outcome &oc = rs_.outcomes[o];
      bool yes = e.kind == K::DecisionDiscloses ? oc.discloses
                 : e.kind == K::DecisionWithoutConsent
                     ? oc.withoutConsent
                     : std::find(oc.flags.begin(), oc.flags.end(), e.target) != oc.flags.end();
      if (yes)
        xs.push_back(d.has[o]);
    }
    holds = anyOf(ctx_, xs);
    break;
  }
  case K::DecisionObliges:
    holds = d.obliges[e.target];
    break;
  default:
    holds = ctx_.bool_val(false);
    break;
  }
  return {d.single && holds, d.single && !holds};
}

CaseTerms Encoder::encodeCase(const std::string &prefix, int without) {
  CaseTerms c(ctx_);
  std::size_t nq = rs_.questions.size();
  for (std::size_t q = 0; q < nq; ++q) {
    c.value.push_back(ctx_.int_const((prefix + rs_.questions[q].id).c_str()));
    c.asked.push_back(ctx_.bool_val(true));
  }
  // Asked-when in dependency order: a question is asked when its condition is definitely true.
  for (int q : rs_.questionOrder)
    if (rs_.questions[q].askedWhen)
      c.asked[q] = encode(*rs_.questions[q].askedWhen, c).t;
  std::vector<z3::expr> wf;
  for (std::size_t q = 0; q < nq; ++q) {
    const ir::Question &question = rs_.questions[q];
    z3::expr lo = ctx_.int_val(static_cast<int64_t>(question.lo));
    z3::expr hi = ctx_.int_val(static_cast<int64_t>(question.hi));
    wf.push_back(c.value[q] >= lo && c.value[q] <= hi);
    wf.push_back(z3::implies(!c.asked[q], c.value[q] == lo));
  }
  c.wellFormed = allOf(ctx_, wf);
  std::vector<z3::expr> as;
  for (const ir::Assumption &a : rs_.assumptions)
    as.push_back(encode(*a.cond, c).t);
  c.assumptions = allOf(ctx_, as);

  std::size_t nr = rs_.rules.size();
  for (std::size_t d = 0; d < rs_.decisions.size(); ++d)
    c.decisions.emplace_back(ctx_);
  for (int d : rs_.decisionOrder) {
    DecisionTerms &terms = c.decisions[d];
    terms.applies.assign(nr, ctx_.bool_val(false));
    terms.remains.assign(nr, ctx_.bool_val(false));
    const ir::Decision &decision = rs_.decisions[d];
    for (int r : decision.rules)
      if (r != without && !rs_.rules[r].inactive)
        terms.applies[r] = encode(*rs_.rules[r].guard, c).t;
    derive(d, terms);
  }
  return c;
}

DecisionTerms Encoder::without(int d, const CaseTerms &c, const z3::expr &left) {
  DecisionTerms terms(ctx_);
  const DecisionTerms &all = c.decisions[d];
  terms.applies = all.applies;
  terms.remains.assign(rs_.rules.size(), ctx_.bool_val(false));
  for (int r : rs_.decisions[d].rules)
    if (!rs_.rules[r].inactive)
      terms.applies[r] = all.applies[r] && left != ctx_.int_val(r);
  derive(d, terms);
  return terms;
}

z3::expr Encoder::changesWith(int d, const CaseTerms &c, int rule, const z3::expr &applies) {
  const ir::Decision &decision = rs_.decisions[d];
  const DecisionTerms &all = c.decisions[d];
  auto appliesOf = [&](int r) { return r == rule ? applies : all.applies[r]; };
  // The rules whose remains may change: the rule itself and those it is an exception to. The
  // outcomes, the obligations and the rules that decide (with their citations) change only
  // where one of these does.
  std::vector<int> touched{rule};
  for (int t : rs_.rules[rule].exceptionTo)
    touched.push_back(t);
  std::vector<z3::expr> diffs;
  for (int x : touched) {
    std::vector<z3::expr> removers;
    for (int other : decision.rules)
      for (int target : rs_.rules[other].exceptionTo)
        if (target == x && !rs_.rules[other].inactive)
          removers.push_back(appliesOf(other));
    diffs.push_back(all.remains[x] != (appliesOf(x) && !anyOf(ctx_, removers)));
  }
  return anyOf(ctx_, diffs);
}

void Encoder::derive(int d, DecisionTerms &terms) {
  {
    const ir::Decision &decision = rs_.decisions[d];
    // The exceptions to each rule, found once per decision (not once per rule: a decision may
    // have thousands of rules).
    std::map<int, std::vector<z3::expr>> removedBy;
    for (int other : decision.rules)
      for (int target : rs_.rules[other].exceptionTo)
        removedBy[target].push_back(terms.applies[other]);
    for (int r : decision.rules)
      terms.remains[r] = terms.applies[r] && !anyOf(ctx_, removedBy[r]);
    terms.has.assign(rs_.outcomes.size(), ctx_.bool_val(false));
    std::map<int, std::vector<z3::expr>> giving; // by outcome: the remains of its rules
    for (int r : decision.rules)
      giving[rs_.rules[r].outcome].push_back(terms.remains[r]);
    for (int o : decision.outcomes)
      terms.has[o] = anyOf(ctx_, giving[o]);
    std::vector<z3::expr> anyList, pairs;
    for (std::size_t i = 0; i < decision.outcomes.size(); ++i) {
      anyList.push_back(terms.has[decision.outcomes[i]]);
      for (std::size_t j = i + 1; j < decision.outcomes.size(); ++j)
        pairs.push_back(terms.has[decision.outcomes[i]] && terms.has[decision.outcomes[j]]);
    }
    terms.any = anyOf(ctx_, anyList);
    terms.conflict = anyOf(ctx_, pairs);
    terms.single = terms.any && !terms.conflict;
    for (std::size_t k = 0; k < rs_.obligations.size(); ++k) {
      std::vector<z3::expr> xs;
      for (int o : decision.outcomes) {
        const auto &obl = rs_.outcomes[o].obligations;
        if (std::find(obl.begin(), obl.end(), static_cast<int>(k)) != obl.end())
          xs.push_back(terms.has[o]);
      }
      for (int r : decision.rules) {
        const auto &obl = rs_.rules[r].obligations;
        if (std::find(obl.begin(), obl.end(), static_cast<int>(k)) != obl.end())
          xs.push_back(terms.remains[r]);
      }
      terms.obliges.push_back(terms.single && anyOf(ctx_, xs));
    }
  }
}

z3::expr Encoder::differs(int decision, const CaseTerms &a, const CaseTerms &b) {
  return differs(decision, a.decisions[decision], b.decisions[decision]);
}

z3::expr Encoder::differs(int decision, const DecisionTerms &x, const DecisionTerms &y) {
  // The outcomes the remaining rules give: one (the outcome), none (a gap) or several (a
  // conflict, which is changed too when one of its outcomes goes).
  std::vector<z3::expr> diffs;
  for (int o : rs_.decisions[decision].outcomes)
    diffs.push_back(x.has[o] != y.has[o]);
  for (std::size_t k = 0; k < rs_.obligations.size(); ++k)
    diffs.push_back(x.obliges[k] != y.obliges[k]);
  return anyOf(ctx_, diffs);
}

eval::Case Encoder::decode(const z3::model &m, const CaseTerms &c) const {
  eval::Case out;
  out.answers.assign(rs_.questions.size(), std::nullopt);
  for (std::size_t q = 0; q < rs_.questions.size(); ++q) {
    if (!m.eval(c.asked[q], true).is_true())
      continue;
    z3::expr v = m.eval(c.value[q], true);
    int64_t n = 0;
    if (v.is_numeral_i64(n))
      out.answers[q] = n;
    else
      out.answers[q] = rs_.questions[q].lo;
  }
  return out;
}

} // namespace ww::verify
