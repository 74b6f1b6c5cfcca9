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
  RegionSearch out;
  z3::expr search = base && finding;
  // Once a solver call has given up, no further call is made: the regions found so far are
  // sound, the search is marked inconclusive, and a solver limit never turns into a hang.
  const std::size_t unknownsBefore = solver_.unknowns();
  auto gaveUp = [&] { return solver_.unknowns() != unknownsBefore; };
  while (static_cast<int>(out.regions.size()) < max) {
    Answer a = solver_.check(search);
    if (a == Answer::Unknown)
      out.inconclusive = true;
    if (a != Answer::Sat)
      return out;
    std::optional<eval::Case> example = smallest(search, c);
    if (!example)
      example = enc_.decode(solver_.model(), c);
    Region r;
    r.example = *example;
    for (std::size_t q = 0; q < rs_.questions.size(); ++q)
      if (example->answers[q]) {
        Literal l;
        l.question = static_cast<int>(q);
        l.isRange = rs_.questions[q].type == ir::QuestionType::Range;
        l.lo = l.hi = *example->answers[q];
        l.values = {*example->answers[q]};
        r.literals.push_back(l);
      }
    // Everywhere in the region the finding must hold: base ∧ region ∧ ¬finding is unsat.
    auto holdsEverywhere = [&](const Region &candidate) {
      return !gaveUp() && solver_.check(base && region(candidate, c) && !finding) == Answer::Unsat;
    };
    for (std::size_t i = r.literals.size(); i-- > 0;) {
      Region without = r;
      without.literals.erase(without.literals.begin() + static_cast<long>(i));
      if (holdsEverywhere(without))
        r = without;
    }
    // Widen each kept answer to the neighbouring answers that also show the finding. A value
    // is only added when some possible case with it shows the finding, so that a region never
    // names answers the assumptions rule out.
    auto realFor = [&](const Region &candidate, std::size_t index, std::int64_t v) {
      Region only = candidate;
      Literal &x = only.literals[index];
      x.values = {v};
      x.lo = x.hi = v;
      return !gaveUp() && solver_.check(base && region(only, c) && finding) == Answer::Sat;
    };
    for (std::size_t i = 0; i < r.literals.size(); ++i) {
      Literal &l = r.literals[i];
      const ir::Question &q = rs_.questions[l.question];
      if (l.isRange) {
        // Binary searches (the region only grows as a bound moves out): first the widest
        // bounds where the finding still holds everywhere, then back in to the outermost
        // answers that have cases with the finding, so no impossible answers are named.
        auto holdsWith = [&](std::int64_t lo, std::int64_t hi) {
          Literal saved = l;
          l.lo = lo;
          l.hi = hi;
          bool ok = holdsEverywhere(r);
          l = saved;
          return ok;
        };
        auto realWithin = [&](std::int64_t lo, std::int64_t hi) {
          Literal saved = l;
          l.lo = lo;
          l.hi = hi;
          bool ok = !gaveUp() && solver_.check(base && region(r, c) && finding) == Answer::Sat;
          l = saved;
          return ok;
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
        a = low, b = l.lo; // first answer from `low` up that has a case with the finding
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
        a = l.hi, b = high; // last answer up to `high` that has a case with the finding
        while (a < b) {
          std::int64_t mid = std::midpoint(b, a);
          if (realWithin(mid, high))
            a = mid;
          else
            b = mid - 1;
        }
        l.hi = a;
      } else {
        for (std::int64_t v = q.lo; v <= q.hi; ++v) {
          if (std::find(l.values.begin(), l.values.end(), v) != l.values.end())
            continue;
          Literal saved = l;
          l.values.push_back(v);
          std::sort(l.values.begin(), l.values.end());
          if (!realFor(r, i, v) || !holdsEverywhere(r))
            l = saved;
        }
      }
    }
    search = search && !region(r, c);
    out.regions.push_back(std::move(r));
    if (gaveUp()) {
      out.inconclusive = true;
      return out;
    }
  }
  // Count what is left, up to a cap, one case at a time.
  constexpr std::size_t kCap = 100;
  while (out.more < kCap) {
    Answer a = solver_.check(search);
    if (a == Answer::Unknown)
      out.inconclusive = true;
    if (a != Answer::Sat)
      return out;
    eval::Case extra = enc_.decode(solver_.model(), c);
    z3::expr_vector same(enc_.ctx());
    for (std::size_t q = 0; q < rs_.questions.size(); ++q)
      same.push_back(extra.answers[q] ? enc_.answerIs(c, static_cast<int>(q), *extra.answers[q])
                                      : !c.asked[q]);
    search = search && !z3::mk_and(same);
    ++out.more;
  }
  out.moreCapped = solver_.check(search) != Answer::Unsat;
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
                                                                : "{" + nameList(vs) + "}";
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
