#include "verifier/regions.h"

#include "verifier/texts.h"

#include <fmt/format.h>

#include <numeric>

namespace ww::verify {

z3::expr RegionFinder::literal(const Literal &l, const CaseTerms &c) {
  z3::context &ctx = enc_.ctx();
  const z3::expr &v = c.value[l.question];
  if (l.isRange)
    return c.asked[l.question] && v >= ctx.int_val(static_cast<int64_t>(l.lo)) &&
           v <= ctx.int_val(static_cast<int64_t>(l.hi));
  z3::expr_vector eq(ctx);
  for (auto x : l.values)
    eq.push_back(v == ctx.int_val(static_cast<int64_t>(x)));
  return c.asked[l.question] && z3::mk_or(eq);
}

z3::expr RegionFinder::region(const Region &r, const CaseTerms &c) {
  z3::expr_vector parts(enc_.ctx());
  for (const Literal &l : r.literals)
    parts.push_back(literal(l, c));
  return parts.empty() ? enc_.ctx().bool_val(true) : z3::mk_and(parts);
}

std::optional<eval::Case> RegionFinder::smallest(const z3::expr &f, const CaseTerms &c) {
  z3::context &ctx = enc_.ctx();
  z3::expr fixed = f;
  if (solver_.check(fixed) != Answer::Sat)
    return std::nullopt;
  for (std::size_t q = 0; q < rs_.questions.size(); ++q) {
    z3::expr unasked = fixed && !c.asked[q];
    Answer a = solver_.check(unasked);
    if (a == Answer::Unknown)
      return std::nullopt;
    if (a == Answer::Sat) {
      fixed = unasked;
      continue;
    }
    std::int64_t lo = rs_.questions[q].lo, hi = rs_.questions[q].hi;
    while (lo < hi) {
      std::int64_t mid = std::midpoint(lo, hi); // no overflow on any domain
      Answer b = solver_.check(fixed && c.value[q] <= ctx.int_val(static_cast<int64_t>(mid)));
      if (b == Answer::Unknown)
        return std::nullopt;
      if (b == Answer::Sat)
        hi = mid;
      else
        lo = mid + 1;
    }
    fixed = fixed && c.asked[q] && c.value[q] == ctx.int_val(static_cast<int64_t>(lo));
  }
  if (solver_.check(fixed) != Answer::Sat)
    return std::nullopt;
  return enc_.decode(solver_.model(), c);
}

RegionSearch RegionFinder::find(const z3::expr &base, const z3::expr &finding, const CaseTerms &c,
                                int max) {
  SolverSpace space(*this, base, finding, c);
  return searchRegions(space, rs_, max);
}

CaseSpace::Left SolverSpace::anyLeft() {
  switch (solver_.check(left_)) {
  case Answer::Sat:
    return Left::Yes;
  case Answer::Unsat:
    return Left::No;
  case Answer::Unknown:
    break;
  }
  return Left::Undecided;
}

eval::Case SolverSpace::smallestLeft() {
  std::optional<eval::Case> example = finder_.smallest(left_, c_);
  // The solver gave up on the smallest: the case of the last model found.
  return example ? *example : finder_.encoder().decode(solver_.model(), c_);
}

// Everywhere in the region the finding holds: base ∧ region ∧ ¬finding is unsat.
bool SolverSpace::holdsIn(const Region &r) {
  return !gaveUp() && solver_.check(base_ && finder_.region(r, c_) && !finding_) == Answer::Unsat;
}

bool SolverSpace::caseIn(const Region &r) {
  return !gaveUp() && solver_.check(base_ && finder_.region(r, c_) && finding_) == Answer::Sat;
}

void SolverSpace::setAside(const Region &r) { left_ = left_ && !finder_.region(r, c_); }

// Counts one case at a time, each excluded in turn.
LeftCount SolverSpace::countLeft(std::size_t cap) {
  LeftCount out;
  const ir::Ruleset &rs = finder_.ruleset();
  Encoder &enc = finder_.encoder();
  while (out.count < cap) {
    Answer a = solver_.check(left_);
    if (a == Answer::Unknown)
      out.inconclusive = true;
    if (a != Answer::Sat)
      return out;
    eval::Case extra = enc.decode(solver_.model(), c_);
    z3::expr_vector same(enc.ctx());
    for (std::size_t q = 0; q < rs.questions.size(); ++q)
      same.push_back(extra.answers[q] ? enc.answerIs(c_, static_cast<int>(q), *extra.answers[q])
                                      : !c_.asked[q]);
    left_ = left_ && !z3::mk_and(same);
    ++out.count;
  }
  out.capped = solver_.check(left_) != Answer::Unsat;
  return out;
}

std::string regionText(const ir::Ruleset &rs, const Region &r) {
  if (r.literals.empty())
    return tr("verifier.every_case");
  std::string out;
  for (const Literal &l : r.literals) {
    const ir::Question &q = rs.questions[l.question];
    std::string part;
    if (l.isRange) {
      part = l.lo == l.hi ? fmt::format("{} = {}", q.id, l.lo)
                          : tr("verifier.answer_range",
                               {{"question", q.id}, {"low", l.lo}, {"high", l.hi}});
    } else if (l.values.size() == 1) {
      part = fmt::format("{} = {}", q.id, answerText(q, l.values[0]));
    } else {
      // `q in {a, b}`; Dutch `q = a of b`.
      std::vector<std::string> vs;
      for (auto v : l.values)
        vs.push_back(answerText(q, v));
      std::string answers = i18n::language() == i18n::Lang::Nl ? i18n::listOr(vs)
                                                                : "{" + i18n::listItems(vs) + "}";
      part = tr("verifier.answer_set", {{"question", q.id}, {"answers", answers}});
    }
    out += (out.empty() ? "" : ", ") + part;
  }
  std::size_t asked = 0;
  for (const auto &a : r.example.answers)
    asked += a.has_value();
  return r.literals.size() < asked ? out + " " + tr("word.any_other_answers") : out;
}

std::string exampleText(const ir::Ruleset &rs, const eval::Case &c) {
  std::string out;
  for (std::size_t q = 0; q < rs.questions.size(); ++q) {
    if (!c.answers[q])
      continue;
    const ir::Question &question = rs.questions[q];
    std::string part = fmt::format("{} = {}", question.id, answerText(question, *c.answers[q]));
    if (question.type == ir::QuestionType::OneOf &&
        question.valueLabel(*c.answers[q]) != question.valueText(*c.answers[q]))
      part += fmt::format(" (“{}”)", question.valueLabel(*c.answers[q]));
    out += (out.empty() ? "" : ", ") + part;
  }
  return out.empty() ? tr("verifier.no_question_asked") : out;
}

nlohmann::json caseJson(const ir::Ruleset &rs, const eval::Case &c) {
  nlohmann::json answers = nlohmann::json::array();
  for (std::size_t q = 0; q < rs.questions.size(); ++q) {
    if (!c.answers[q])
      continue;
    const ir::Question &question = rs.questions[q];
    nlohmann::json a = {{"question", question.id}, {"answer", question.valueText(*c.answers[q])}};
    if (question.type == ir::QuestionType::OneOf)
      a["label"] = question.valueLabel(*c.answers[q]);
    answers.push_back(a);
  }
  return answers;
}

nlohmann::json regionJson(const ir::Ruleset &rs, const Region &r) {
  nlohmann::json lits = nlohmann::json::array();
  for (const Literal &l : r.literals) {
    const ir::Question &q = rs.questions[l.question];
    nlohmann::json j = {{"question", q.id}};
    if (l.isRange) {
      j["min"] = l.lo;
      j["max"] = l.hi;
    } else {
      nlohmann::json vs = nlohmann::json::array();
      for (auto v : l.values)
        vs.push_back(q.valueText(v));
      j["answers"] = vs;
    }
    lits.push_back(j);
  }
  return {{"answers", lits}, {"text", regionText(rs, r)}, {"example", caseJson(rs, r.example)}};
}

} // namespace ww::verify
