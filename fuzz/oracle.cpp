#include "fuzz/oracle.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>

namespace wwfuzz {
namespace {

using ww::eval::Case;
using ww::eval::Evaluator;
using ww::eval::Tri;

// Every number a condition, an assumption or a test compares question q with.
void collectBounds(const ww::ir::Expr &e, std::vector<std::set<std::int64_t>> &bounds) {
  if (e.kind == ww::ir::Expr::Kind::QuestionRange) {
    bounds[e.question].insert(e.lo);
    bounds[e.question].insert(e.hi);
  } else if (e.kind == ww::ir::Expr::Kind::QuestionIn) {
    bounds[e.question].insert(e.values.begin(), e.values.end());
  }
  for (const auto &a : e.args)
    collectBounds(*a, bounds);
}

// The answers that represent every cell of q's range: its ends, and each bound with its two
// neighbours, within the range.
std::vector<std::int64_t> representatives(const ww::ir::Question &q,
                                          const std::set<std::int64_t> &bounds) {
  std::set<std::int64_t> out{q.lo, q.hi};
  for (std::int64_t b : bounds)
    for (int delta : {-1, 0, 1}) {
      if ((delta < 0 && b == std::numeric_limits<std::int64_t>::min()) ||
          (delta > 0 && b == std::numeric_limits<std::int64_t>::max()))
        continue;
      std::int64_t v = b + delta;
      if (v >= q.lo && v <= q.hi)
        out.insert(v);
    }
  // A small range is compared whole.
  if (static_cast<unsigned __int128>(static_cast<__int128>(q.hi) - q.lo) < 16)
    for (std::int64_t v = q.lo;; ++v) {
      out.insert(v);
      if (v == q.hi)
        break;
    }
  return {out.begin(), out.end()};
}

std::string subjectOf(const ww::Diagnostic &d) {
  auto a = d.id.find(':');
  auto b = a == std::string::npos ? a : d.id.find(':', a + 1);
  return b == std::string::npos ? "" : d.id.substr(b + 1);
}

template <class T> int idIndex(const std::vector<T> &xs, const std::string &id) {
  for (std::size_t i = 0; i < xs.size(); ++i)
    if (xs[i].id == id)
      return static_cast<int>(i);
  return -1;
}

// A case the verifier shows (`[{"question": .., "answer": ..}]`), or nothing when it names
// something the ruleset does not have.
std::optional<Case> caseFromJson(const ww::ir::Ruleset &rs, const nlohmann::json &answers) {
  Case c;
  c.answers.assign(rs.questions.size(), std::nullopt);
  for (const auto &a : answers) {
    int q = idIndex(rs.questions, a.at("question").get<std::string>());
    if (q < 0)
      return std::nullopt;
    const ww::ir::Question &question = rs.questions[q];
    std::string text = a.at("answer").get<std::string>();
    switch (question.type) {
    case ww::ir::QuestionType::YesNo:
      if (text != "yes" && text != "no")
        return std::nullopt;
      c.answers[q] = text == "yes" ? 1 : 0;
      break;
    case ww::ir::QuestionType::OneOf: {
      int v = idIndex(question.answers, text);
      if (v < 0)
        return std::nullopt;
      c.answers[q] = v;
      break;
    }
    case ww::ir::QuestionType::Range:
      try {
        std::size_t used = 0;
        c.answers[q] = std::stoll(text, &used);
        if (used != text.size())
          return std::nullopt;
      } catch (const std::exception &) {
        return std::nullopt;
      }
    }
  }
  return c;
}

bool contains(const std::vector<int> &xs, int x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

} // namespace

bool representativeCases(const ww::ir::Ruleset &rs, std::size_t limit, std::vector<Case> &out) {
  std::vector<std::set<std::int64_t>> bounds(rs.questions.size());
  auto collect = [&](const ww::ir::ExprRef &e) {
    if (e)
      collectBounds(*e, bounds);
  };
  for (const auto &q : rs.questions)
    collect(q.askedWhen);
  for (const auto &r : rs.rules)
    collect(r.guard);
  for (const auto &a : rs.assumptions)
    collect(a.cond);
  for (const auto &p : rs.properties) {
    collect(p.cond);
    collect(p.premise);
  }
  for (const auto &t : rs.tests)
    for (const auto &g : t.givens)
      bounds[g.question].insert(g.value);
  std::vector<std::vector<std::int64_t>> values;
  for (std::size_t q = 0; q < rs.questions.size(); ++q)
    values.push_back(representatives(rs.questions[q], bounds[q]));

  Evaluator ev(rs);
  Case c;
  c.answers.assign(rs.questions.size(), std::nullopt);
  bool tooMany = false;
  std::function<void(std::size_t)> step = [&](std::size_t i) {
    if (tooMany)
      return;
    if (i == rs.questionOrder.size()) {
      if (out.size() >= limit)
        tooMany = true;
      else
        out.push_back(c);
      return;
    }
    int q = rs.questionOrder[i];
    const auto &when = rs.questions[q].askedWhen;
    if (when && ev.eval(*when, c, nullptr) != Tri::True) {
      c.answers[q].reset();
      step(i + 1);
      return;
    }
    for (std::int64_t v : values[q]) {
      c.answers[q] = v;
      step(i + 1);
    }
    c.answers[q].reset();
  };
  step(0);
  return !tooMany;
}

Comparison compare(const ww::ir::Ruleset &rs, const std::vector<ww::Diagnostic> &findings) {
  Comparison result;
  std::map<std::string, std::set<std::string>> found; // code -> subjects
  for (const ww::Diagnostic &d : findings)
    found[d.code].insert(subjectOf(d));
  if (found.count("E0511"))
    return result; // the solver gave up somewhere: nothing to compare
  std::vector<Case> wellFormed;
  if (!representativeCases(rs, 20000, wellFormed))
    return result;
  Evaluator ev(rs);
  std::vector<Case> allowed;
  std::vector<ww::eval::Result> results;
  for (const Case &c : wellFormed)
    if (ev.assumed(c)) {
      allowed.push_back(c);
      results.push_back(ev.run(c));
    }
  result.compared = true;
  result.cases = allowed.size();

  std::string &why = result.disagreement;
  auto has = [&](const std::string &code, const std::string &subject) {
    return found.count(code) && found[code].count(subject) > 0;
  };
  auto expect = [&](bool verifier, bool evaluator, const std::string &what) {
    if (why.empty() && verifier != evaluator)
      why = fmt::format("{}: the verifier says {}, the evaluator says {}", what,
                        verifier ? "yes" : "no", evaluator ? "yes" : "no");
  };

  bool none = allowed.empty();
  expect(found.count("E0505") > 0, none, "E0505 (the assumptions allow no case)");
  if (none)
    return result;

  // Undefined reads in assumptions and `asked when`, over every well-formed case.
  for (std::size_t a = 0; a < rs.assumptions.size(); ++a) {
    bool undefined = false;
    for (const Case &c : wellFormed)
      undefined = undefined || ev.eval(*rs.assumptions[a].cond, c, nullptr) == Tri::Undefined;
    expect(has("E0504", fmt::format("assume{}", a)), undefined,
           fmt::format("E0504 (assumption {} reads an unasked question)", a));
  }
  for (const ww::ir::Question &q : rs.questions) {
    if (!q.askedWhen)
      continue;
    bool undefined = false;
    for (const Case &c : wellFormed)
      undefined = undefined || ev.eval(*q.askedWhen, c, nullptr) == Tri::Undefined;
    expect(has("E0504", q.id), undefined,
           fmt::format("E0504 (`asked when` of `{}` reads an unasked question)", q.id));
  }

  for (std::size_t d = 0; d < rs.decisions.size(); ++d) {
    const std::string &id = rs.decisions[d].id;
    bool gap = false, conflict = false;
    for (const auto &res : results) {
      gap = gap || res.decisions[d].remaining.empty();
      conflict = conflict || res.decisions[d].conflict;
    }
    expect(has("E0501", id), gap, fmt::format("E0501 (a gap in `{}`)", id));
    bool reported = false;
    for (const std::string &s : found["E0502"]) {
      auto colon = s.find(':');
      int a = idIndex(rs.rules, s.substr(0, colon));
      int b = colon == std::string::npos ? -1 : idIndex(rs.rules, s.substr(colon + 1));
      if (a < 0 || b < 0) {
        why = why.empty() ? fmt::format("E0502 names unknown rules `{}`", s) : why;
        continue;
      }
      if (rs.rules[a].decision != static_cast<int>(d))
        continue;
      reported = true;
      bool real = false;
      for (const auto &res : results)
        real = real || (contains(res.decisions[d].remaining, a) &&
                        contains(res.decisions[d].remaining, b) &&
                        rs.rules[a].outcome != rs.rules[b].outcome);
      expect(true, real, fmt::format("E0502 (`{}` conflicts with `{}`)", rs.rules[a].id,
                                     rs.rules[b].id));
    }
    expect(reported, conflict, fmt::format("E0502 (a conflict in `{}`)", id));
  }

  for (const ww::ir::Property &p : rs.properties) {
    if (p.kind != ww::ir::Property::Kind::Condition)
      continue;
    bool fails = false, premise = false;
    for (std::size_t i = 0; i < allowed.size(); ++i) {
      fails = fails || ev.eval(*p.cond, allowed[i], &results[i]) != Tri::True;
      premise = premise || (p.premise && ev.eval(*p.premise, allowed[i], &results[i]) == Tri::True);
    }
    expect(has("E0503", p.id), fails, fmt::format("E0503 (property `{}` fails)", p.id));
    if (p.premise)
      expect(has("W0506", p.id), !premise,
             fmt::format("W0506 (the premise of `{}` is never true)", p.id));
  }

  for (std::size_t r = 0; r < rs.rules.size(); ++r) {
    const ww::ir::Rule &rule = rs.rules[r];
    if (rule.inactive || has("N0512", rule.id))
      continue;
    bool applies = false, remains = false, undefined = false;
    for (const auto &res : results) {
      const auto &dr = res.decisions[rule.decision];
      applies = applies || contains(dr.applicable, static_cast<int>(r));
      remains = remains || contains(dr.remaining, static_cast<int>(r));
      undefined = undefined || contains(res.undefinedRules, static_cast<int>(r));
    }
    expect(has("E0504", rule.id), undefined,
           fmt::format("E0504 (rule `{}` reads an unasked question)", rule.id));
    expect(has("W0507", rule.id), !applies, fmt::format("W0507 (rule `{}` is dead)", rule.id));
    expect(has("W0508", rule.id), applies && !remains,
           fmt::format("W0508 (rule `{}` is masked)", rule.id));
  }

  // A test that answers exactly the asked questions passes when, and only when, the evaluator
  // gives what it expects (a test that leaves questions out is not compared).
  for (const ww::ir::Test &t : rs.tests) {
    Case c;
    c.answers.assign(rs.questions.size(), std::nullopt);
    for (const auto &g : t.givens)
      c.answers[g.question] = g.value;
    if (!ev.wellFormed(c) || !ev.assumed(c))
      continue;
    ww::eval::Result res = ev.run(c);
    bool pass = true;
    for (const auto &e : t.expects) {
      const auto &dr = res.decisions[rs.outcomes[e.outcome].decision];
      pass = pass && dr.outcome == e.outcome && (!e.obligations || *e.obligations == dr.obligations);
    }
    expect(has("E0510", t.text), !pass, fmt::format("E0510 (test \"{}\" fails)", t.text));
  }

  // Every example case a region shows has the finding.
  for (const ww::Diagnostic &d : findings) {
    if (!d.details.is_object() || !d.details.contains("regions"))
      continue;
    std::string subject = subjectOf(d);
    for (const auto &region : d.details["regions"]) {
      std::optional<Case> example = caseFromJson(rs, region.at("example"));
      if (!example) {
        why = why.empty() ? fmt::format("{}: an example names unknown answers", d.id) : why;
        continue;
      }
      bool ok = ev.wellFormed(*example);
      ww::eval::Result res = ev.run(*example);
      if (d.code == "E0501") {
        int dec = idIndex(rs.decisions, subject);
        ok = ok && ev.assumed(*example) && dec >= 0 && res.decisions[dec].remaining.empty();
      } else if (d.code == "E0502") {
        auto colon = subject.find(':');
        int a = idIndex(rs.rules, subject.substr(0, colon));
        int b = idIndex(rs.rules, subject.substr(colon + 1));
        ok = ok && ev.assumed(*example) && a >= 0 && b >= 0 &&
             contains(res.decisions[rs.rules[a].decision].remaining, a) &&
             contains(res.decisions[rs.rules[a].decision].remaining, b);
      } else if (d.code == "E0503") {
        int p = idIndex(rs.properties, subject);
        ok = ok && ev.assumed(*example) && p >= 0 &&
             ev.eval(*rs.properties[p].cond, *example, &res) != Tri::True;
      } else {
        continue;
      }
      if (!ok && why.empty())
        why = fmt::format("{}: the example {} does not show it", d.id,
                          ww::eval::caseText(rs, *example));
    }
  }
  return result;
}

} // namespace wwfuzz
