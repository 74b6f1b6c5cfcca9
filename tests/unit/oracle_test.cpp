// The oracle test: small random rulesets, written as DSL text and pushed through the real front
// end, are verified with Z3 (ww::verify::verify) and, independently, decided case by case by the
// brute-force evaluator (ww::eval::Evaluator). Every verdict of the verifier must equal the
// ground truth the enumeration gives, and every example case a finding shows must really show
// it. A failure prints the seed and the ruleset text.
//
// Ground truth (docs semantics): a rule applies when its condition is definitely true (an
// undefined condition does not apply); it remains when it applies and no applicable rule that
// is an exception to it applies; a decision has an outcome when its remaining rules agree.
//
// WW_ORACLE_SEEDS (environment) overrides the number of seeds; WW_ORACLE_FIRST the first one.
#include <doctest/doctest.h>

#include "compiler/eval/evaluator.h"
#include "compiler/sema/timeline.h"
#include "helpers.h"
#include "verifier/compare.h"
#include "verifier/proof_cache.h"
#include "verifier/verify.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <set>

namespace {

using ww::eval::Case;
using ww::eval::Evaluator;
using ww::eval::Tri;

// ---- the generator ----------------------------------------------------------------------

struct GenQuestion {
  std::string id;
  enum Kind { YesNo, OneOf, Range } kind;
  std::vector<std::string> answers; // OneOf
  int lo = 0, hi = 1;               // Range
};

struct GenDecision {
  std::string id;
  std::vector<std::string> outcomes;
};

class Generator {
public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  std::string run() {
    std::string out = "ruleset r\n\nobligation ob0 \"Ob 0\"\nobligation ob1 \"Ob 1\"\n\n";
    int nq = pick(2, 4);
    for (int i = 0; i < nq; ++i) {
      GenQuestion q;
      q.id = fmt::format("q{}", i);
      int k = pick(0, 2);
      q.kind = static_cast<GenQuestion::Kind>(k);
      std::string type;
      if (k == 0) {
        type = "yes/no";
      } else if (k == 1) {
        int n = pick(2, 3);
        type = "one of {";
        for (int a = 0; a < n; ++a) {
          q.answers.push_back(fmt::format("q{}{}", i, static_cast<char>('a' + a)));
          type += fmt::format(" {} \"{}\"", q.answers.back(), a);
        }
        type += " }";
      } else {
        q.lo = pick(0, 1);
        q.hi = q.lo + pick(1, 3);
        type = fmt::format("{}..{}", q.lo, q.hi);
      }
      out += fmt::format("question {} \"Q{}?\" {}", q.id, i, type);
      if (i > 0 && chance(0.35)) {
        // Asked when a condition on earlier questions holds (which may read an unasked one).
        out += " asked when " + cond(i, false, chance(0.3) ? 1 : 0);
      }
      out += "\n";
      questions_.push_back(q);
    }
    out += "\n";

    bool helper = chance(0.5);
    if (helper) {
      GenDecision h{"h", {"h_x", "h_y"}};
      if (chance(0.3))
        h.outcomes.push_back("h_z");
      decisions_.push_back(h);
    }
    GenDecision d{"d", {"d_x", "d_y"}};
    if (chance(0.4))
      d.outcomes.push_back("d_z");
    decisions_.push_back(d);
    for (const GenDecision &dec : decisions_) {
      out += fmt::format("decision {} \"{}\" {{\n", dec.id, dec.id);
      for (const std::string &o : dec.outcomes) {
        out += fmt::format("  outcome {} \"{}\"", o, o);
        if (chance(0.25))
          out += chance(0.5) ? " obliges ob0" : " obliges ob1";
        if (chance(0.3))
          out += " discloses";
        out += "\n";
      }
      out += "}\n";
    }
    out += "\n";

    int nr = pick(2, 6);
    std::vector<int> ruleDecision;
    for (int r = 0; r < nr; ++r) {
      int dec = static_cast<int>(decisions_.size()) - 1; // the main decision
      if (helper && (r == 0 || chance(0.35)))
        dec = 0;
      const GenDecision &D = decisions_[dec];
      std::string line = fmt::format("rule r{}", r);
      if (chance(0.35)) {
        std::vector<int> same;
        for (int e = 0; e < r; ++e)
          if (ruleDecision[e] == dec)
            same.push_back(e);
        if (!same.empty()) {
          int t = same[pick(0, static_cast<int>(same.size()) - 1)];
          line += fmt::format(" exception to r{}", t);
          if (same.size() > 1 && chance(0.25)) {
            int t2 = same[pick(0, static_cast<int>(same.size()) - 1)];
            if (t2 != t)
              line += fmt::format(", r{}", t2);
          }
        }
      }
      bool readsHelper = helper && dec == 1;
      std::string c = chance(0.1) ? "true" : cond(nq, readsHelper, pick(0, 2));
      line += fmt::format(" when {} then {}", c,
                          D.outcomes[pick(0, static_cast<int>(D.outcomes.size()) - 1)]);
      if (chance(0.25))
        line += chance(0.5) ? " obliges ob0" : " obliges ob1, ob0";
      out += line + "\n";
      ruleDecision.push_back(dec);
    }
    out += "\n";

    if (chance(0.3)) {
      int n = chance(0.25) ? 2 : 1;
      for (int i = 0; i < n; ++i)
        out += fmt::format("assume \"A{}\": {}\n", i, cond(nq, false, pick(0, 1)));
    }
    int np = pick(0, 2);
    for (int p = 0; p < np; ++p)
      out += fmt::format("property p{} \"P{}\": {}\n", p, p, property(nq));
    if (chance(0.3))
      out += test(nq);
    return out;
  }

private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  std::string questionAtom(int nq) {
    const GenQuestion &q = questions_[pick(0, nq - 1)];
    switch (q.kind) {
    case GenQuestion::YesNo: {
      int k = pick(0, 3);
      if (k == 0)
        return q.id; // a yes/no question on its own
      if (k == 1)
        return q.id + " == yes";
      if (k == 2)
        return q.id + " == no";
      return q.id + " != yes";
    }
    case GenQuestion::OneOf: {
      int n = static_cast<int>(q.answers.size());
      int k = pick(0, 2);
      const std::string &a = q.answers[pick(0, n - 1)];
      if (k == 0)
        return q.id + " == " + a;
      if (k == 1)
        return q.id + " != " + a;
      const std::string &b = q.answers[pick(0, n - 1)];
      return fmt::format("{} {}in {{{}, {}}}", q.id, chance(0.3) ? "not " : "", b, a);
    }
    case GenQuestion::Range: {
      int k = pick(0, 4);
      int v = pick(q.lo, q.hi);
      if (k == 0)
        return fmt::format("{} < {}", q.id, v);
      if (k == 1)
        return fmt::format("{} >= {}", q.id, v);
      if (k == 2)
        return fmt::format("{} == {}", q.id, v);
      if (k == 3)
        return fmt::format("{} <= {}", q.id, v);
      int w = pick(v, q.hi);
      return fmt::format("{} in {}..{}", q.id, v, w);
    }
    }
    return "true";
  }

  std::string decisionAtom(const GenDecision &d) {
    int k = pick(0, 4);
    const std::string &o = d.outcomes[pick(0, static_cast<int>(d.outcomes.size()) - 1)];
    if (k == 0 || k == 1)
      return d.id + " == " + o;
    if (k == 2)
      return d.id + " != " + o;
    if (k == 3)
      return fmt::format("{} in {{{}, {}}}", d.id, o, d.outcomes[0]);
    return d.id + (chance(0.5) ? " discloses" : " obliges ob0");
  }

  // A condition over questions 0..nq-1 (and the helper decision when allowed), depth <= depth.
  std::string cond(int nq, bool readsHelper, int depth) {
    if (depth == 0 || chance(0.3)) {
      if (readsHelper && chance(0.4))
        return decisionAtom(decisions_[0]);
      return questionAtom(nq);
    }
    int k = pick(0, 2);
    if (k == 0)
      return "not (" + cond(nq, readsHelper, depth - 1) + ")";
    std::string op = k == 1 ? " and " : " or ";
    return "(" + cond(nq, readsHelper, depth - 1) + op + cond(nq, readsHelper, depth - 1) + ")";
  }

  std::string property(int nq) {
    const GenDecision &main = decisions_.back();
    std::string conclusion = chance(0.7) ? decisionAtom(main) : cond(nq, false, 1);
    int k = pick(0, 2);
    if (k == 0)
      return cond(nq, false, 1) + " implies " + conclusion;
    if (k == 1 && decisions_.size() > 1)
      return decisionAtom(decisions_[0]) + " implies " + conclusion;
    if (k == 1)
      return "not (" + decisionAtom(main) + " and " + cond(nq, false, 0) + ")";
    return "(" + conclusion + " or " + cond(nq, false, 1) + ")";
  }

  std::string test(int nq) {
    std::string givens;
    for (int i = 0; i < nq; ++i) {
      if (!chance(0.75))
        continue;
      const GenQuestion &q = questions_[i];
      std::string v = q.kind == GenQuestion::YesNo ? (chance(0.5) ? "yes" : "no")
                      : q.kind == GenQuestion::OneOf
                          ? q.answers[pick(0, static_cast<int>(q.answers.size()) - 1)]
                          : std::to_string(pick(q.lo, q.hi));
      givens += (givens.empty() ? "" : ", ") + q.id + " = " + v;
    }
    const GenDecision &main = decisions_.back();
    std::string expect =
        "expect " + main.outcomes[pick(0, static_cast<int>(main.outcomes.size()) - 1)];
    if (chance(0.3))
      expect += " obliges ob0";
    return fmt::format("test \"T\" {{\n  given {}\n  {}\n}}\n", givens, expect);
  }

  std::mt19937 rng_;
  std::vector<GenQuestion> questions_;
  std::vector<GenDecision> decisions_;
};

// ---- the ground truth -------------------------------------------------------------------

struct Truth {
  std::vector<Case> wellFormed;                      // every well-formed case, assumptions ignored
  std::vector<Case> allowed;                         // the ones the assumptions allow
  std::vector<ww::eval::Result> results;             // by allowed case
  std::vector<bool> gap, conflict;                   // by decision
  std::set<std::pair<int, int>> conflictPairs;       // rule pairs that remain together, a < b
  std::vector<bool> propertyFails, premiseNeverTrue; // by property
  std::vector<bool> applies, remains, undefined, changes; // by rule
  std::vector<bool> askedWhenUndefined;                   // by question
  std::vector<bool> assumptionUndefined;                  // by assumption
};

Truth groundTruth(const ww::ir::Ruleset &rs) {
  Truth t;
  ww::ir::Ruleset free = rs;
  free.assumptions.clear();
  Evaluator evFree(free), ev(rs);
  evFree.enumerate([&](const Case &c) { t.wellFormed.push_back(c); });
  for (const Case &c : t.wellFormed)
    if (ev.assumed(c))
      t.allowed.push_back(c);

  std::size_t nd = rs.decisions.size(), nr = rs.rules.size(), np = rs.properties.size();
  t.askedWhenUndefined.assign(rs.questions.size(), false);
  t.assumptionUndefined.assign(rs.assumptions.size(), false);
  for (const Case &c : t.wellFormed) {
    for (std::size_t q = 0; q < rs.questions.size(); ++q)
      if (rs.questions[q].askedWhen &&
          ev.eval(*rs.questions[q].askedWhen, c, nullptr) == Tri::Undefined)
        t.askedWhenUndefined[q] = true;
    for (std::size_t a = 0; a < rs.assumptions.size(); ++a)
      if (ev.eval(*rs.assumptions[a].cond, c, nullptr) == Tri::Undefined)
        t.assumptionUndefined[a] = true;
  }

  t.gap.assign(nd, false);
  t.conflict.assign(nd, false);
  t.propertyFails.assign(np, false);
  t.premiseNeverTrue.assign(np, true);
  t.applies.assign(nr, false);
  t.remains.assign(nr, false);
  t.undefined.assign(nr, false);
  t.changes.assign(nr, false);
  for (const Case &c : t.allowed) {
    ww::eval::Result res = ev.run(c);
    for (std::size_t d = 0; d < nd; ++d) {
      const auto &dr = res.decisions[d];
      if (dr.remaining.empty())
        t.gap[d] = true;
      if (dr.conflict)
        t.conflict[d] = true;
      for (int r : dr.applicable)
        t.applies[r] = true;
      for (int r : dr.remaining)
        t.remains[r] = true;
      for (int a : dr.remaining)
        for (int b : dr.remaining)
          if (a < b && rs.rules[a].outcome != rs.rules[b].outcome)
            t.conflictPairs.insert({a, b});
    }
    for (int r : res.undefinedRules)
      t.undefined[r] = true;
    for (std::size_t p = 0; p < np; ++p) {
      const auto &prop = rs.properties[p];
      if (ev.eval(*prop.cond, c, &res) != Tri::True)
        t.propertyFails[p] = true;
      if (prop.premise && ev.eval(*prop.premise, c, &res) == Tri::True)
        t.premiseNeverTrue[p] = false;
    }
    for (std::size_t r = 0; r < nr; ++r) {
      int d = rs.rules[r].decision;
      const auto &dr = res.decisions[d];
      if (std::find(dr.applicable.begin(), dr.applicable.end(), static_cast<int>(r)) ==
          dr.applicable.end())
        continue;
      ww::eval::Result without = ev.run(c, static_cast<int>(r));
      const auto &wr = without.decisions[d];
      // The case changes when the outcomes its remaining rules give change (also the outcomes
      // of a conflict) or its obligations do.
      auto outcomes = [&](const std::vector<int> &remaining) {
        std::set<int> out;
        for (int x : remaining)
          out.insert(rs.rules[x].outcome);
        return out;
      };
      if (outcomes(wr.remaining) != outcomes(dr.remaining) || wr.obligations != dr.obligations)
        t.changes[r] = true;
    }
    t.results.push_back(std::move(res));
  }
  return t;
}

// ---- comparing --------------------------------------------------------------------------

std::string subjectOf(const ww::Diagnostic &d) {
  // id = CODE:RULESET:SUBJECT
  auto a = d.id.find(':');
  auto b = d.id.find(':', a + 1);
  return d.id.substr(b + 1);
}

std::optional<std::int64_t> valueOf(const ww::ir::Question &q, const std::string &text) {
  for (std::int64_t v = q.lo; v <= q.hi; ++v)
    if (q.valueText(v) == text)
      return v;
  return std::nullopt;
}

Case caseFromJson(const ww::ir::Ruleset &rs, const nlohmann::json &answers) {
  Case c;
  c.answers.assign(rs.questions.size(), std::nullopt);
  for (const auto &a : answers) {
    int q = wwtest::indexOf(rs.questions, a.at("question").get<std::string>());
    REQUIRE(q >= 0);
    auto v = valueOf(rs.questions[q], a.at("answer").get<std::string>());
    REQUIRE(v.has_value());
    c.answers[q] = *v;
  }
  return c;
}

bool inRegion(const ww::ir::Ruleset &rs, const nlohmann::json &region, const Case &c) {
  for (const auto &lit : region.at("answers")) {
    int q = wwtest::indexOf(rs.questions, lit.at("question").get<std::string>());
    if (q < 0 || !c.answers[q])
      return false;
    std::int64_t v = *c.answers[q];
    if (lit.contains("min")) {
      if (v < lit.at("min").get<std::int64_t>() || v > lit.at("max").get<std::int64_t>())
        return false;
    } else {
      bool any = false;
      for (const auto &x : lit.at("answers"))
        any = any || valueOf(rs.questions[q], x.get<std::string>()) == v;
      if (!any)
        return false;
    }
  }
  return true;
}

struct Counts {
  int rulesets = 0, cases = 0, findings = 0, regions = 0, periods = 0;
  std::map<std::string, int> byCode;
};

void checkText(const std::string &text, unsigned seed, Counts &counts) {
  INFO("seed ", seed, "\n", text);
  auto f = wwtest::analyse(text, fmt::format("oracle{}.ww", seed));
  INFO(f->dump());
  REQUIRE(f->rs.has_value());
  const ww::ir::Ruleset &rs = *f->rs;
  Truth t = groundTruth(rs);
  Evaluator ev(rs);

  // The findings compared with the truth below are the solver's alone: the rules' checks are
  // not first answered by the evaluator (which also decides the truth). With the cases at hand
  // shown first (the default), the findings must be the same, word for word.
  auto said = [](const ww::DiagnosticSink &s) {
    std::string out;
    for (const auto &d : s.all()) {
      out += d.code + " " + d.id + ": " + d.message + "\n";
      for (const auto &n : d.notes)
        out += "  " + n + "\n";
    }
    return out;
  };
  ww::DiagnosticSink sink;
  ww::verify::Options options;
  options.ruleWitness = false;
  ww::verify::verify(rs, options, sink);
  {
    ww::DiagnosticSink witnessed;
    ww::verify::Options withWitness = options;
    withWitness.ruleWitness = true;
    ww::verify::verify(rs, withWitness, witnessed);
    CHECK(said(witnessed) == said(sink));
  }
  {
    // The same ruleset verified again with decided proofs reused from every ruleset verified so
    // far (WW_CACHE_CHECK is on: each reused answer is also solved and must agree) gives the
    // same findings, word for word.
    static ww::verify::ProofCache shared;
    ww::DiagnosticSink again;
    ww::verify::Options withCache = options;
    withCache.cache = &shared;
    ww::verify::verify(rs, withCache, again);
    withCache.cache = &shared; // now every query of this ruleset is decided
    ww::DiagnosticSink third;
    ww::verify::verify(rs, withCache, third);
    CHECK(said(again) == said(sink));
    CHECK(said(third) == said(sink));
  }
  std::map<std::string, std::set<std::string>> found; // code -> subjects
  std::string all;
  for (const auto &d : sink.all()) {
    found[d.code].insert(subjectOf(d));
    all += d.code + " " + d.id + ": " + d.message + "\n";
    ++counts.byCode[d.code];
  }
  INFO("verifier findings:\n", all);
  ++counts.rulesets;
  counts.cases += static_cast<int>(t.allowed.size());
  counts.findings += static_cast<int>(sink.all().size());
  CHECK(found.count("E0511") == 0);
  auto has = [&](const std::string &code, const std::string &subject) {
    return found.count(code) && found[code].count(subject) > 0;
  };

  // Undefined reads in assumptions and `asked when`: over every well-formed case (the
  // assumptions ignored). Assumptions are checked first; when they allow no case at all
  // (E0505) nothing else is checked, `asked when` included.
  bool none = t.allowed.empty();
  CHECK(found.count("E0505") == (none ? 1u : 0u));
  for (std::size_t a = 0; a < rs.assumptions.size(); ++a) {
    INFO("assumption ", a);
    CHECK(has("E0504", fmt::format("assume{}", a)) == t.assumptionUndefined[a]);
  }
  for (std::size_t q = 0; q < rs.questions.size(); ++q) {
    INFO("asked when of question ", rs.questions[q].id);
    CHECK(has("E0504", rs.questions[q].id) == (!none && t.askedWhenUndefined[q]));
  }

  for (std::size_t d = 0; d < rs.decisions.size(); ++d) {
    const std::string &id = rs.decisions[d].id;
    INFO("decision ", id);
    CHECK(has("E0501", id) == (!none && t.gap[d]));
    // Consistency: any conflict at all, and every reported pair really conflicts somewhere.
    bool reported = false;
    for (const auto &s : found["E0502"]) {
      auto colon = s.find(':');
      int a = wwtest::idIndex(rs.rules, s.substr(0, colon));
      int b = wwtest::idIndex(rs.rules, s.substr(colon + 1));
      REQUIRE(a >= 0);
      REQUIRE(b >= 0);
      if (rs.rules[a].decision != static_cast<int>(d))
        continue;
      reported = true;
      INFO("reported pair ", s);
      CHECK(t.conflictPairs.count({std::min(a, b), std::max(a, b)}) == 1);
    }
    CHECK(reported == (!none && t.conflict[d]));
  }
  // And every pair that conflicts somewhere is reported (the generator stays below 50 pairs).
  for (const auto &pair : t.conflictPairs) {
    int a = pair.first, b = pair.second; // not a structured binding: INFO captures them
    INFO("conflicting pair ", rs.rules[a].id, ", ", rs.rules[b].id);
    CHECK(has("E0502", rs.rules[a].id + ":" + rs.rules[b].id));
  }
  // Every conflicting case is covered by some reported pair (both rules remain there).
  if (!none) {
    std::vector<std::pair<int, int>> pairs;
    for (const auto &s : found["E0502"]) {
      auto colon = s.find(':');
      pairs.push_back({wwtest::idIndex(rs.rules, s.substr(0, colon)),
                       wwtest::idIndex(rs.rules, s.substr(colon + 1))});
    }
    for (std::size_t i = 0; i < t.allowed.size(); ++i)
      for (std::size_t d = 0; d < rs.decisions.size(); ++d) {
        const auto &dr = t.results[i].decisions[d];
        if (!dr.conflict)
          continue;
        bool covered = false;
        for (auto [a, b] : pairs)
          covered = covered || (std::count(dr.remaining.begin(), dr.remaining.end(), a) &&
                                std::count(dr.remaining.begin(), dr.remaining.end(), b));
        INFO("conflicting case ", ww::eval::caseText(rs, t.allowed[i]));
        CHECK(covered);
      }
  }

  for (std::size_t p = 0; p < rs.properties.size(); ++p) {
    const auto &prop = rs.properties[p];
    INFO("property ", prop.id);
    CHECK(has("E0503", prop.id) == (!none && t.propertyFails[p]));
    CHECK(has("W0506", prop.id) == (!none && prop.premise && t.premiseNeverTrue[p]));
  }

  for (std::size_t r = 0; r < rs.rules.size(); ++r) {
    const std::string &id = rs.rules[r].id;
    INFO("rule ", id);
    bool dead = !t.applies[r], masked = !dead && !t.remains[r];
    CHECK(has("E0504", id) == (!none && t.undefined[r]));
    CHECK(has("W0507", id) == (!none && dead));
    CHECK(has("W0508", id) == (!none && masked));
    CHECK(has("W0509", id) == (!none && !dead && !masked && !t.undefined[r] && !t.changes[r]));
  }

  // Tests (docs/semantics.md): every given is asked with the givens alone, and the allowed
  // cases that agree with the givens (the questions the test leaves out free) are not none
  // and are all decided as expected.
  for (const auto &test : rs.tests) {
    Case c;
    c.answers.assign(rs.questions.size(), std::nullopt);
    for (const auto &g : test.givens)
      c.answers[g.question] = g.value;
    std::vector<ww::eval::Tri> asked = ev.asked(c);
    bool pass = true, any = false;
    for (const auto &g : test.givens)
      pass = pass && asked[g.question] == ww::eval::Tri::True;
    for (std::size_t i = 0; pass && i < t.allowed.size(); ++i) {
      bool agrees = true;
      for (const auto &g : test.givens)
        agrees = agrees && t.allowed[i].answers[g.question] == g.value;
      if (!agrees)
        continue;
      any = true;
      for (const auto &e : test.expects) {
        const auto &dr = t.results[i].decisions[rs.outcomes[e.outcome].decision];
        pass =
            pass && dr.outcome == e.outcome && (!e.obligations || *e.obligations == dr.obligations);
      }
    }
    pass = pass && any;
    INFO("test case ", ww::eval::caseText(rs, c));
    CHECK(has("E0510", test.text) == !pass);
  }

  // Every region: its example shows the finding, every case in it does, and `moreCases`
  // counts the cases with the finding outside the regions.
  for (const auto &d : sink.all()) {
    if (!d.details.is_object() || !d.details.contains("regions"))
      continue;
    std::string subject = subjectOf(d);
    INFO("finding ", d.id);
    std::function<bool(const Case &)> holds;
    bool overWellFormed = false;
    if (d.code == "E0501") {
      int dec = wwtest::idIndex(rs.decisions, subject);
      REQUIRE(dec >= 0);
      holds = [&, dec](const Case &c) { return ev.run(c).decisions[dec].remaining.empty(); };
    } else if (d.code == "E0502") {
      auto colon = subject.find(':');
      int a = wwtest::idIndex(rs.rules, subject.substr(0, colon));
      int b = wwtest::idIndex(rs.rules, subject.substr(colon + 1));
      int dec = rs.rules[a].decision;
      holds = [&, a, b, dec](const Case &c) {
        ww::eval::Result res = ev.run(c);
        const auto &rem = res.decisions[dec].remaining;
        return std::count(rem.begin(), rem.end(), a) && std::count(rem.begin(), rem.end(), b);
      };
    } else if (d.code == "E0503") {
      int p = wwtest::idIndex(rs.properties, subject);
      REQUIRE(p >= 0);
      holds = [&, p](const Case &c) {
        ww::eval::Result res = ev.run(c);
        return ev.eval(*rs.properties[p].cond, c, &res) != Tri::True;
      };
    } else if (d.code == "E0504") {
      int r = wwtest::idIndex(rs.rules, subject);
      int q = wwtest::indexOf(rs.questions, subject);
      if (r >= 0) {
        holds = [&, r](const Case &c) {
          ww::eval::Result res = ev.run(c);
          return ev.eval(*rs.rules[r].guard, c, &res) == Tri::Undefined;
        };
      } else if (q >= 0) {
        overWellFormed = true;
        holds = [&, q](const Case &c) {
          return ev.eval(*rs.questions[q].askedWhen, c, nullptr) == Tri::Undefined;
        };
      } else {
        REQUIRE(subject.rfind("assume", 0) == 0);
        int a = std::stoi(subject.substr(6));
        overWellFormed = true;
        holds = [&, a](const Case &c) {
          return ev.eval(*rs.assumptions[a].cond, c, nullptr) == Tri::Undefined;
        };
      }
    } else if (d.code == "W0508") { // masked: the cases where the rule applies
      int r = wwtest::idIndex(rs.rules, subject);
      REQUIRE(r >= 0);
      int dec = rs.rules[r].decision;
      holds = [&, r, dec](const Case &c) {
        ww::eval::Result res = ev.run(c);
        const auto &app = res.decisions[dec].applicable;
        return std::count(app.begin(), app.end(), r) > 0;
      };
    } else if (d.code == "W0509") { // redundant: the cases the rule decides
      int r = wwtest::idIndex(rs.rules, subject);
      REQUIRE(r >= 0);
      int dec = rs.rules[r].decision;
      holds = [&, r, dec](const Case &c) {
        ww::eval::Result res = ev.run(c);
        const auto &rem = res.decisions[dec].remaining;
        return std::count(rem.begin(), rem.end(), r) > 0;
      };
    } else {
      FAIL("regions on an unexpected finding");
    }
    const std::vector<Case> &domain = overWellFormed ? t.wellFormed : t.allowed;
    const auto &regions = d.details["regions"];
    CHECK(!regions.empty());
    for (const auto &region : regions) {
      ++counts.regions;
      Case example = caseFromJson(rs, region.at("example"));
      INFO("region ", region.at("text").get<std::string>(), "; example ",
           ww::eval::caseText(rs, example));
      CHECK(ev.wellFormed(example));
      if (!overWellFormed)
        CHECK(ev.assumed(example));
      CHECK(holds(example));
      CHECK(inRegion(rs, region, example));
      for (const Case &c : domain)
        if (inRegion(rs, region, c)) {
          INFO("case in the region ", ww::eval::caseText(rs, c));
          CHECK(holds(c));
        }
    }
    std::size_t outside = 0;
    for (const Case &c : domain) {
      if (!holds(c))
        continue;
      bool covered = false;
      for (const auto &region : regions)
        covered = covered || inRegion(rs, region, c);
      if (!covered)
        ++outside;
    }
    if (d.details.value("moreCasesIsLowerBound", false))
      CHECK(outside >= d.details["moreCases"].get<std::size_t>());
    else
      CHECK(outside == d.details["moreCases"].get<std::size_t>());
  }
}

void checkOne(unsigned seed, Counts &counts) { checkText(Generator(seed).run(), seed, counts); }

// ---- dates --------------------------------------------------------------------------------

// A generated ruleset with dates on some of its rules: the text, and each dated rule's line
// and validity.
struct DatedText {
  std::vector<std::string> lines;
  std::map<std::size_t, ww::Period> validity; // line index -> the rule's period
};

DatedText addDates(const std::string &text, unsigned seed) {
  std::mt19937 rng(seed * 7919u + 17u);
  const ww::Date d2010{2010, 1, 1}, d2012{2012, 1, 1}, d2014{2014, 1, 1};
  const std::vector<ww::Period> choices = {
      {d2012, std::nullopt}, {std::nullopt, d2012}, {d2010, d2014}, {d2014, std::nullopt}};
  DatedText out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    out.lines.push_back(text.substr(start, end - start));
    start = end == std::string::npos ? text.size() : end + 1;
  }
  for (std::size_t i = 0; i < out.lines.size(); ++i) {
    if (out.lines[i].rfind("rule ", 0) != 0 || std::bernoulli_distribution(0.45)(rng))
      continue;
    ww::Period p = choices[std::uniform_int_distribution<std::size_t>(0, choices.size() - 1)(rng)];
    out.validity[i] = p;
    out.lines[i] += " valid " + std::string(p.from ? "from " + p.from->iso() : "") +
                    (p.from && p.until ? " " : "") + (p.until ? "until " + p.until->iso() : "");
  }
  return out;
}

std::string joined(const DatedText &t) {
  std::string s;
  for (const auto &l : t.lines)
    s += l + "\n";
  return s;
}

// The ruleset as it stands on `date`, written out as text without dates: rules not valid on
// it are left out, and so are the `exception to` names of rules left out. This is the date
// semantics of docs/semantics.md, computed here independently of the tool.
std::string onDate(const DatedText &t, const ww::Date &date) {
  std::set<std::string> gone;
  for (const auto &[line, period] : t.validity)
    if (!period.contains(date))
      gone.insert(t.lines[line].substr(5, t.lines[line].find(' ', 5) - 5));
  std::string out;
  for (std::size_t i = 0; i < t.lines.size(); ++i) {
    std::string line = t.lines[i];
    if (auto v = t.validity.find(i); v != t.validity.end()) {
      if (!v->second.contains(date))
        continue;
      line = line.substr(0, line.rfind(" valid "));
    }
    if (auto at = line.find(" exception to "); at != std::string::npos) {
      std::size_t when = line.find(" when ", at);
      std::string list = line.substr(at + 14, when - at - 14), kept;
      for (std::size_t a = 0; a < list.size();) {
        std::size_t b = list.find(", ", a);
        std::string name = list.substr(a, b == std::string::npos ? std::string::npos : b - a);
        if (!gone.count(name))
          kept += (kept.empty() ? "" : ", ") + name;
        a = b == std::string::npos ? list.size() : b + 2;
      }
      line = line.substr(0, at) + (kept.empty() ? "" : " exception to " + kept) + line.substr(when);
    }
    out += line + "\n";
  }
  return out;
}

// What a reader sees of a finding, without its location (line numbers differ between texts).
std::multiset<std::string> findingsOf(const std::vector<ww::Diagnostic> &list) {
  std::multiset<std::string> out;
  for (const auto &d : list) {
    std::string notes;
    for (const auto &n : d.notes)
      notes += "\n" + n;
    out.insert(d.code + " " + d.id + " " + d.message + notes);
  }
  return out;
}

void checkDated(unsigned seed, Counts &counts) {
  DatedText dated = addDates(Generator(seed).run(), seed);
  std::string text = joined(dated);
  INFO("seed ", seed, " with dates\n", text);
  auto f = wwtest::parseOnly(text, fmt::format("dated{}.ww", seed));
  REQUIRE(f->ast);
  auto history = ww::sema::analyseHistory({f->ast.get()}, f->sink);
  INFO(f->dump());
  REQUIRE(history.has_value());
  // The timeline is cut at exactly the dates written.
  std::set<ww::Date> written, cuts;
  for (const auto &[line, p] : dated.validity) {
    if (p.from)
      written.insert(*p.from);
    if (p.until)
      written.insert(*p.until);
  }
  for (const auto &rs : history->periods)
    if (rs.period.from)
      cuts.insert(*rs.period.from);
  CHECK(cuts == written);
  CHECK(history->periods.size() == written.size() + 1);
  for (const ww::ir::Ruleset &rs : history->periods) {
    ww::Date date = rs.period.from ? *rs.period.from : ww::Date{2000, 1, 1};
    INFO("period ", rs.period.text());
    // The dated ruleset in this period finds exactly what the undated text of the date finds.
    ww::DiagnosticSink sink;
    ww::verify::verify(rs, {}, sink);
    std::string plain = onDate(dated, date);
    INFO("the text on this date:\n", plain);
    auto g = wwtest::analyse(plain, fmt::format("dated{}_{}.ww", seed, date.iso()));
    REQUIRE(g->rs.has_value());
    ww::DiagnosticSink expected;
    ww::verify::verify(*g->rs, {}, expected);
    CHECK(findingsOf(sink.all()) == findingsOf(expected.all()));
    // And that text agrees with brute-force enumeration, like every generated ruleset.
    checkText(plain, seed, counts);
    ++counts.periods;
  }
}

unsigned envOr(const char *name, unsigned fallback) {
  const char *v = std::getenv(name);
  return v ? static_cast<unsigned>(std::strtoul(v, nullptr, 10)) : fallback;
}

} // namespace

TEST_CASE("oracle: the verifier agrees with brute-force enumeration on random rulesets") {
  setenv("WW_CACHE_CHECK", "1", 1); // every reused proof is also solved (verifier/z3/solver.h)
  unsigned first = envOr("WW_ORACLE_FIRST", 1);
  unsigned n = envOr("WW_ORACLE_SEEDS", 600);
  Counts counts;
  auto start = std::chrono::steady_clock::now();
  for (unsigned seed = first; seed < first + n; ++seed)
    checkOne(seed, counts);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE(fmt::format("{} rulesets, {} cases, {} findings, {} regions in {:.1f} s", counts.rulesets,
                      counts.cases, counts.findings, counts.regions, secs));
  std::string codes;
  for (const auto &[code, k] : counts.byCode)
    codes += fmt::format("{}={} ", code, k);
  const std::string byCode = "findings by code: " + codes;
  MESSAGE(byCode);
  // The generator must exercise every check, or the agreement means little.
  for (const char *code :
       {"E0501", "E0502", "E0503", "E0504", "E0505", "W0506", "W0507", "W0508", "W0509", "E0510"}) {
    INFO("code ", code);
    CHECK(counts.byCode[code] > 0);
  }
}

TEST_CASE("oracle: with dates, every period verifies like the ruleset written for its date") {
  unsigned first = envOr("WW_ORACLE_FIRST", 1);
  unsigned n = envOr("WW_ORACLE_DATED_SEEDS", 60);
  Counts counts;
  for (unsigned seed = first; seed < first + n; ++seed)
    checkDated(seed, counts);
  MESSAGE(fmt::format("{} dated rulesets, {} periods, {} cases, {} findings", n, counts.periods,
                      counts.cases, counts.findings));
  CHECK(counts.periods > n); // the dates really cut the timelines
}

namespace {

// Everything a comparison says, as text.
std::string comparisonText(const ww::verify::Comparison &c) {
  std::string out =
      fmt::format("{} -> {}; counted {} cases {} changed {} inconclusive {} error {}\n", c.oldId,
                  c.newId, c.counted, c.cases, c.changed, c.inconclusive, c.error);
  for (const auto &d : c.declarations)
    out += fmt::format("decl {} {} {} {} {}\n", static_cast<int>(d.kind), d.what, d.id, d.oldId,
                       d.detail);
  for (const std::string &n : c.notes)
    out += "note " + n + "\n";
  auto side = [](const ww::verify::DecisionSide &s) {
    std::string r = s.text() + " by";
    for (const auto &x : s.rules)
      r += " " + x;
    r += " obliges";
    for (const auto &x : s.obligations)
      r += " " + x;
    return r;
  };
  for (const auto &d : c.decisions) {
    out += fmt::format("decision {} ({}) outcome {} obligations {} truncated {}\n", d.id, d.oldId,
                       d.outcomeChanged, d.obligationsChanged, d.truncated);
    for (const auto &t : d.transitions) {
      out += fmt::format("  {} -> {} ({}) count {} uncovered {}{}\n", t.before, t.after,
                         t.obligationsOnly, t.count, t.uncovered,
                         t.uncoveredIsLowerBound ? "+" : "");
      for (const auto &r : t.regions)
        out += fmt::format("    {} | {} | {} | {} | {} | {}\n", r.cases, r.example, r.json.dump(),
                           side(r.before), side(r.after), r.count);
    }
  }
  return out;
}

// The comparison of two analysed rulesets found on the classes of alike cases and with the
// solver: the same text.
// `maxRegions` small leaves cases outside the regions shown, to be counted.
void checkCompareBothWays(const ww::ir::Ruleset &a, const ww::ir::Ruleset &b, int maxRegions,
                          unsigned &changed) {
  ww::verify::CompareOptions cells, solver;
  cells.maxRegions = solver.maxRegions = maxRegions;
  solver.enumerateCells = false;
  std::string x = comparisonText(ww::verify::compare(a, b, cells));
  std::string y = comparisonText(ww::verify::compare(a, b, solver));
  CHECK(x == y);
  changed += x.find(" -> ", x.find('\n')) != std::string::npos;
}

} // namespace

TEST_CASE("oracle: diff finds the same changes on the classes of cases as with the solver") {
  unsigned n = envOr("WW_ORACLE_DIFF_SEEDS", 150), changed = 0, pairs = 0;
  for (unsigned seed = 1; seed <= n; ++seed) {
    // Two unrelated rulesets over questions of the same names (types, answers and asked when
    // differ), either way round.
    std::string a = Generator(seed).run(), b = Generator(seed + 100000).run();
    auto fa = wwtest::analyse(a, fmt::format("a{}.ww", seed));
    auto fb = wwtest::analyse(b, fmt::format("b{}.ww", seed));
    INFO("seed ", seed, "\nold:\n", a, "\nnew:\n", b);
    if (fa->rs && fb->rs) {
      checkCompareBothWays(*fa->rs, *fb->rs, seed % 2 ? 10 : 1, changed);
      checkCompareBothWays(*fb->rs, *fa->rs, seed % 2 ? 1 : 10, changed);
      pairs += 2;
    }
    // Neighbouring periods of a ruleset with dates: a few rules more or less.
    if (seed % 3 == 0) {
      DatedText dated = addDates(a, seed);
      auto f = wwtest::parseOnly(joined(dated), fmt::format("dated{}.ww", seed));
      REQUIRE(f->ast);
      auto history = ww::sema::analyseHistory({f->ast.get()}, f->sink);
      REQUIRE(history.has_value());
      for (std::size_t p = 0; p + 1 < history->periods.size(); ++p) {
        checkCompareBothWays(history->periods[p], history->periods[p + 1], 2, changed);
        ++pairs;
      }
    }
  }
  MESSAGE(fmt::format("{} comparisons, {} with a changed case", pairs, changed));
  CHECK(changed > pairs / 2); // the pairs really differ
}

TEST_CASE("oracle: the generator is deterministic") {
  CHECK(Generator(42).run() == Generator(42).run());
  CHECK(Generator(1).run() != Generator(2).run());
}
