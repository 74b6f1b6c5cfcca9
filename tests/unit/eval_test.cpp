// The direct evaluator on hand-written rulesets: Kleene logic, exceptions, obligations,
// `asked when`, assumptions and the enumeration of every case.
#include <doctest/doctest.h>

#include "compiler/eval/evaluator.h"
#include "helpers.h"

using ww::eval::Case;
using ww::eval::Evaluator;
using ww::eval::Tri;

namespace {

std::unique_ptr<wwtest::Front> load(const std::string &text) {
  auto f = wwtest::analyse(text);
  INFO(f->dump());
  REQUIRE(f->rs.has_value());
  return f;
}

/// A case from "q = v" pairs by question id (value as written: yes/no, an answer id, a number).
Case makeCase(const ww::ir::Ruleset &rs, std::vector<std::pair<std::string, std::string>> answers) {
  Case c;
  c.answers.assign(rs.questions.size(), std::nullopt);
  for (const auto &[q, v] : answers) {
    int i = wwtest::indexOf(rs.questions, q);
    REQUIRE(i >= 0);
    bool found = false;
    for (std::int64_t x = rs.questions[i].lo; x <= rs.questions[i].hi; ++x)
      if (rs.questions[i].valueText(x) == v) {
        c.answers[i] = x;
        found = true;
      }
    REQUIRE(found);
  }
  return c;
}

int rule(const ww::ir::Ruleset &rs, const std::string &id) { return wwtest::idIndex(rs.rules, id); }
int outcome(const ww::ir::Ruleset &rs, const std::string &id) {
  return wwtest::idIndex(rs.outcomes, id);
}
int obligation(const ww::ir::Ruleset &rs, const std::string &id) {
  return wwtest::idIndex(rs.obligations, id);
}

const char *kKleene = R"(ruleset k
question a "A?" yes/no
question b "B?" yes/no asked when a
decision d { outcome x "x" outcome y "y" }
rule and_rule when a and b then x
rule or_rule when a or b then y
rule not_rule when not b then y
)";

} // namespace

TEST_CASE("Kleene logic: an unasked question makes a condition undefined, unless decided") {
  auto f = load(kKleene);
  const auto &rs = *f->rs;
  Evaluator ev(rs);
  const auto &andG = *rs.rules[rule(rs, "and_rule")].guard;
  const auto &orG = *rs.rules[rule(rs, "or_rule")].guard;
  const auto &notG = *rs.rules[rule(rs, "not_rule")].guard;

  Case noB = makeCase(rs, {{"a", "no"}}); // b is not asked
  CHECK(ev.wellFormed(noB));
  CHECK(ev.eval(andG, noB, nullptr) == Tri::False);     // false and undefined = false
  CHECK(ev.eval(orG, noB, nullptr) == Tri::Undefined);  // false or undefined = undefined
  CHECK(ev.eval(notG, noB, nullptr) == Tri::Undefined); // not undefined = undefined

  Case yesYes = makeCase(rs, {{"a", "yes"}, {"b", "yes"}});
  CHECK(ev.eval(andG, yesYes, nullptr) == Tri::True);
  CHECK(ev.eval(orG, yesYes, nullptr) == Tri::True);
  CHECK(ev.eval(notG, yesYes, nullptr) == Tri::False);

  Case yesNo = makeCase(rs, {{"a", "yes"}, {"b", "no"}});
  CHECK(ev.eval(andG, yesNo, nullptr) == Tri::False);
  CHECK(ev.eval(orG, yesNo, nullptr) == Tri::True);
  CHECK(ev.eval(notG, yesNo, nullptr) == Tri::True);
}

TEST_CASE("Kleene logic: true or undefined is true, and an undefined rule does not apply") {
  auto f = load(R"(ruleset k
question a "A?" yes/no
question b "B?" yes/no asked when a
decision d { outcome x "x" outcome y "y" }
rule r1 when b or not a then x
rule r2 when b then y
)");
  const auto &rs = *f->rs;
  Evaluator ev(rs);
  Case noB = makeCase(rs, {{"a", "no"}});
  CHECK(ev.eval(*rs.rules[0].guard, noB, nullptr) == Tri::True);
  auto res = ev.run(noB);
  CHECK(res.decisions[0].applicable == std::vector<int>{0});
  CHECK(res.decisions[0].outcome == outcome(rs, "x"));
  CHECK(res.undefinedRules == std::vector<int>{1}); // r2 read b, which is not asked
}

TEST_CASE("run: agreement, conflict and gap") {
  auto f = load(R"(ruleset k
question n "N?" 0..3
decision d { outcome x "x" outcome y "y" }
rule small when n < 2 then x
rule also_small when n <= 1 then x
rule big when n >= 1 then y
)");
  const auto &rs = *f->rs;
  Evaluator ev(rs);
  auto at = [&](const char *n) { return ev.run(makeCase(rs, {{"n", n}})).decisions[0]; };

  auto zero = at("0");
  CHECK(zero.applicable.size() == 2);
  CHECK(zero.outcome == outcome(rs, "x")); // two rules, one outcome: agreement
  CHECK_FALSE(zero.conflict);

  auto one = at("1");
  CHECK(one.conflict);
  CHECK_FALSE(one.outcome.has_value());
  CHECK(one.remaining.size() == 3);
  CHECK(one.obligations.empty());

  auto three = at("3");
  CHECK(three.outcome == outcome(rs, "y"));
  CHECK(three.remaining == std::vector<int>{rule(rs, "big")});
}

TEST_CASE("run: a gap when no rule applies") {
  auto f = load(R"(ruleset k
question a "A?" yes/no
decision d { outcome x "x" }
rule r when a then x
)");
  const auto &rs = *f->rs;
  auto res = Evaluator(rs).run(makeCase(rs, {{"a", "no"}}));
  CHECK(res.decisions[0].applicable.empty());
  CHECK_FALSE(res.decisions[0].outcome.has_value());
  CHECK_FALSE(res.decisions[0].conflict);
}

TEST_CASE("exceptions: an applicable exception removes its target, an inapplicable one does not") {
  auto f = load(R"(ruleset k
question a "A?" yes/no
question b "B?" yes/no
decision d { outcome x "x" outcome y "y" outcome z "z" }
rule base when a then x
rule exc exception to base when b then y
rule exc2 exception to exc when a and b then z
)");
  const auto &rs = *f->rs;
  Evaluator ev(rs);
  auto run = [&](const char *a, const char *b) {
    return ev.run(makeCase(rs, {{"a", a}, {"b", b}})).decisions[0];
  };

  auto yn = run("yes", "no"); // only base applies
  CHECK(yn.outcome == outcome(rs, "x"));

  auto ny = run("no", "yes"); // exc applies on its own; nothing to remove
  CHECK(ny.outcome == outcome(rs, "y"));

  // All three apply: exc removes base and exc2 removes exc. A removed rule's exceptions still
  // count (removal is by applicable rules, not by remaining ones), so only exc2 remains.
  auto yy = run("yes", "yes");
  CHECK(yy.applicable.size() == 3);
  CHECK(yy.remaining == std::vector<int>{rule(rs, "exc2")});
  CHECK(yy.outcome == outcome(rs, "z"));
}

TEST_CASE("exceptions: run without a rule removes it and its exceptions") {
  auto f = load(R"(ruleset k
question a "A?" yes/no
decision d { outcome x "x" outcome y "y" }
rule base when true then x
rule exc exception to base when a then y
)");
  const auto &rs = *f->rs;
  Evaluator ev(rs);
  Case yes = makeCase(rs, {{"a", "yes"}});
  CHECK(ev.run(yes).decisions[0].outcome == outcome(rs, "y"));
  CHECK(ev.run(yes, rule(rs, "exc")).decisions[0].outcome == outcome(rs, "x"));
  auto withoutBase = ev.run(yes, rule(rs, "base")).decisions[0];
  CHECK(withoutBase.applicable == std::vector<int>{rule(rs, "exc")});
  CHECK(withoutBase.outcome == outcome(rs, "y"));
}

TEST_CASE("obligations: the outcome's and every remaining rule's, sorted, without repeats") {
  auto f = load(R"(ruleset k
obligation o1 "one"
obligation o2 "two"
obligation o3 "three"
question a "A?" yes/no
decision d { outcome x "x" obliges o2 }
rule r1 when true then x obliges o3, o1
rule r2 when a then x obliges o2
rule r3 exception to r1 when a and false then x obliges o1
)");
  const auto &rs = *f->rs;
  Evaluator ev(rs);
  std::vector<int> all{obligation(rs, "o1"), obligation(rs, "o2"), obligation(rs, "o3")};
  std::sort(all.begin(), all.end());
  auto yes = ev.run(makeCase(rs, {{"a", "yes"}})).decisions[0];
  CHECK(yes.obligations == all);
  auto no = ev.run(makeCase(rs, {{"a", "no"}})).decisions[0];
  CHECK(no.obligations == all); // o2 comes from the outcome either way
}

TEST_CASE("obligations: a removed rule's obligations are not added; none without an outcome") {
  auto f = load(R"(ruleset k
obligation o1 "one"
obligation o2 "two"
question a "A?" yes/no
decision d { outcome x "x" outcome y "y" obliges o2 }
rule base when true then x obliges o1
rule exc exception to base when a then x
rule other when a then y
)");
  const auto &rs = *f->rs;
  Evaluator ev(rs);
  auto no = ev.run(makeCase(rs, {{"a", "no"}})).decisions[0];
  CHECK(no.obligations == std::vector<int>{obligation(rs, "o1")});
  auto yes = ev.run(makeCase(rs, {{"a", "yes"}})).decisions[0];
  CHECK(yes.conflict); // exc (x) and other (y)
  CHECK(yes.obligations.empty());
}

TEST_CASE("decision atoms: undefined without a single outcome, else read the outcome") {
  auto f = load(R"(ruleset k
obligation o1 "one"
flag f "flag"
question a "A?" yes/no
question b "B?" yes/no
decision h { outcome hx "x" discloses without consent is f  outcome hy "y" }
decision d { outcome dx "x" outcome dy "y" }
rule h1 when a then hx obliges o1
rule h2 when b then hy
rule d1 when h == hx then dx
rule d2 when h != hx then dy
rule d3 when h discloses without consent and h is f and h obliges o1 then dx
)");
  const auto &rs = *f->rs;
  Evaluator ev(rs);
  int d = wwtest::idIndex(rs.decisions, "d");
  auto run = [&](const char *a, const char *b) {
    return ev.run(makeCase(rs, {{"a", a}, {"b", b}}));
  };

  auto r = run("yes", "no");
  CHECK(r.decisions[d].outcome == outcome(rs, "dx"));
  CHECK(r.decisions[d].applicable.size() == 2); // d1 and d3
  CHECK(r.undefinedRules.empty());

  r = run("no", "yes");
  CHECK(r.decisions[d].outcome == outcome(rs, "dy"));

  // h has no outcome (gap) or a conflict: every rule of d reads an undefined value.
  for (auto [a, b] : {std::pair{"no", "no"}, std::pair{"yes", "yes"}}) {
    r = run(a, b);
    CHECK(r.decisions[d].applicable.empty());
    CHECK(r.undefinedRules == std::vector<int>{rule(rs, "d1"), rule(rs, "d2"), rule(rs, "d3")});
  }
}

TEST_CASE("settle: a decision from the rules that apply is what run gives, with or without a rule") {
  auto f = load(R"(ruleset k
obligation o1 "one"
question a "A?" yes/no
question b "B?" yes/no
question c "C?" yes/no
decision h { outcome hx "x" outcome hy "y" }
decision d { outcome x "x" obliges o1  outcome y "y"  outcome z "z" }
rule h1 when a then hx
rule h2 when not a then hy
rule base when h == hx then x
rule exc exception to base when b then y
rule exc2 exception to exc when c then z
rule also when b and c then z obliges o1
rule other when not b then x
)");
  const auto &rs = *f->rs;
  Evaluator ev(rs);
  int d = wwtest::idIndex(rs.decisions, "d"), h = wwtest::idIndex(rs.decisions, "h");
  int cases = 0;
  ev.enumerate([&](const Case &c) {
    ++cases;
    ww::eval::Result whole = ev.run(c);
    for (int dec : {h, d}) {
      const ww::eval::DecisionResult &got = whole.decisions[static_cast<std::size_t>(dec)];
      ww::eval::DecisionResult again = ev.settle(got.applicable);
      CHECK(again.remaining == got.remaining);
      CHECK(again.outcome == got.outcome);
      CHECK(again.conflict == got.conflict);
      CHECK(again.obligations == got.obligations);
      // Leaving an applicable rule out: the same as a run without it.
      for (int r : got.applicable) {
        std::vector<int> others;
        for (int o : got.applicable)
          if (o != r)
            others.push_back(o);
        ww::eval::DecisionResult without = ev.settle(others);
        ww::eval::Result withoutRule = ev.run(c, r);
        const ww::eval::DecisionResult &ran = withoutRule.decisions[static_cast<std::size_t>(dec)];
        INFO(ww::eval::caseText(rs, c), " without ", rs.rules[static_cast<std::size_t>(r)].id);
        CHECK(without.remaining == ran.remaining);
        CHECK(without.outcome == ran.outcome);
        CHECK(without.conflict == ran.conflict);
        CHECK(without.obligations == ran.obligations);
      }
    }
    // Only h: d is left empty, h is as in the whole run.
    std::vector<char> only(rs.decisions.size(), 0);
    only[static_cast<std::size_t>(h)] = 1;
    ww::eval::Result part = ev.runOnly(c, only);
    CHECK(part.decisions[static_cast<std::size_t>(h)].remaining ==
          whole.decisions[static_cast<std::size_t>(h)].remaining);
    CHECK(part.decisions[static_cast<std::size_t>(d)].applicable.empty());
    CHECK(!part.decisions[static_cast<std::size_t>(d)].outcome);
  });
  CHECK(cases == 8);
}

TEST_CASE("asked when, well-formedness and enumeration") {
  auto f = load(R"(ruleset k
question kind "Kind?" one of { child "Child" adult "Adult" }
question age "Age?" 0..17 asked when kind == child
question agrees "Agrees?" yes/no asked when kind == adult or age >= 16
decision d { outcome x "x" }
rule r when true then x
)");
  const auto &rs = *f->rs;
  Evaluator ev(rs);
  Case adult = makeCase(rs, {{"kind", "adult"}, {"agrees", "no"}});
  CHECK(ev.wellFormed(adult));
  auto asked = ev.asked(adult);
  CHECK(asked[wwtest::indexOf(rs.questions, "age")] == Tri::False);
  // agrees: `adult or (age >= 16)` with age unasked: true or undefined = true.
  CHECK(asked[wwtest::indexOf(rs.questions, "agrees")] == Tri::True);

  Case child10 = makeCase(rs, {{"kind", "child"}, {"age", "10"}});
  CHECK(ev.wellFormed(child10));
  CHECK_FALSE(ev.wellFormed(makeCase(rs, {{"kind", "child"}, {"age", "10"}, {"agrees", "yes"}})));
  CHECK_FALSE(ev.wellFormed(makeCase(rs, {{"kind", "adult"}}))); // agrees is asked
  Case outOfRange = child10;
  outOfRange.answers[wwtest::indexOf(rs.questions, "age")] = 18;
  CHECK_FALSE(ev.wellFormed(outOfRange));
  Case tooShort;
  CHECK_FALSE(ev.wellFormed(tooShort));

  // adult: 2 (agrees); child: ages 0..15 (16) + ages 16..17 with agrees (2 * 2) = 20.
  int count = 0;
  std::vector<Case> seen;
  ev.enumerate([&](const Case &c) {
    ++count;
    CHECK(ev.wellFormed(c));
    seen.push_back(c);
  });
  CHECK(count == 22);
  for (std::size_t i = 0; i < seen.size(); ++i)
    for (std::size_t j = i + 1; j < seen.size(); ++j)
      CHECK_FALSE(seen[i] == seen[j]);
}

TEST_CASE("enumerate: assumptions filter cases; assumed needs a definitely true assumption") {
  auto f = load(R"(ruleset k
question a "A?" yes/no
question n "N?" 1..3 asked when a
decision d { outcome x "x" }
rule r when true then x
assume "n is never 3": n != 3
)");
  const auto &rs = *f->rs;
  Evaluator ev(rs);
  int count = 0;
  ev.enumerate([&](const Case &) { ++count; });
  // a = no: n unasked, `n != 3` is undefined: not assumed. a = yes: n in 1..2.
  CHECK(count == 2);
  CHECK_FALSE(ev.assumed(makeCase(rs, {{"a", "no"}})));
  CHECK(ev.assumed(makeCase(rs, {{"a", "yes"}, {"n", "2"}})));
  CHECK_FALSE(ev.assumed(makeCase(rs, {{"a", "yes"}, {"n", "3"}})));
}

TEST_CASE("enumerate: the number of cases is the product of the domains without asked when") {
  auto f = load(R"(ruleset k
question a "A?" yes/no
question l "L?" one of { p "P" q "Q" r "R" }
question n "N?" -2..2
decision d { outcome x "x" }
rule r when a then x
)");
  int count = 0;
  Evaluator(*f->rs).enumerate([&](const Case &) { ++count; });
  CHECK(count == 2 * 3 * 5);
}

TEST_CASE("enumerate: a range that ends at the largest 64-bit number ends there") {
  auto f = load(R"(ruleset k
question n "N?" 9223372036854775806..9223372036854775807
decision d { outcome x "x" }
rule r when n > 0 then x
)");
  std::vector<std::int64_t> seen;
  Evaluator(*f->rs).enumerate([&](const Case &c) {
    if (seen.size() < 10)
      seen.push_back(*c.answers[0]);
  });
  CHECK(seen == std::vector<std::int64_t>{9223372036854775806, 9223372036854775807});
}

TEST_CASE("classes: a number's answers between two bounds that conditions name are one class") {
  auto f = load(R"(ruleset k
question kind "Kind?" yes/no
question leeftijd "Leeftijd?" 0..120 asked when kind
question n "N?" -5..5
decision d { outcome x "x" outcome y "y" outcome z "z" }
rule jong when kind and leeftijd < 12 then x
rule tiener when kind and leeftijd in 12..15 then y
rule oud when not kind or leeftijd >= 16 then z
rule lijst when n in {-1, 3} then x
assume "n is not 5 when there is no child": kind or n != 5
property klein "Below 2 and not 0 it is x": n < 2 and n != 0 implies d == x
)");
  const auto &rs = *f->rs;
  Evaluator ev(rs);
  int leeftijd = wwtest::indexOf(rs.questions, "leeftijd"), n = wwtest::indexOf(rs.questions, "n");
  auto firsts = ev.classFirsts();
  CHECK(firsts[wwtest::indexOf(rs.questions, "kind")] == std::vector<std::int64_t>{0, 1});
  CHECK(firsts[leeftijd] == std::vector<std::int64_t>{0, 12, 16});
  // The rules cut n at -1, 0, 3 and 4, the assumption at 5, the property at 2 (and 0, 1).
  CHECK(firsts[n] == std::vector<std::int64_t>{-5, -1, 0, 1, 2, 3, 4, 5});
  std::vector<Case> reps;
  CHECK(ev.enumerateClassesUpTo(1000, [&](const Case &c) {
    reps.push_back(c);
    return true;
  }));
  // kind = no: 8 classes of n, less n = 5 (the assumption); kind = yes: 3 × 8.
  CHECK(reps.size() == 7 + 24);
  // Every allowed case gets the result of the first case of its class.
  auto classOf = [&](Case c) {
    for (std::size_t q = 0; q < c.answers.size(); ++q)
      if (c.answers[q]) {
        std::int64_t first = firsts[q].front();
        for (std::int64_t v : firsts[q])
          if (v <= *c.answers[q])
            first = v;
        c.answers[q] = first;
      }
    return c;
  };
  int cases = 0;
  ev.enumerate([&](const Case &c) {
    ++cases;
    Case rep = classOf(c);
    CHECK(std::find(reps.begin(), reps.end(), rep) != reps.end());
    auto a = ev.run(c), b = ev.run(rep);
    CHECK(a.decisions[0].remaining == b.decisions[0].remaining);
    CHECK(a.decisions[0].outcome == b.decisions[0].outcome);
    CHECK(ev.eval(*rs.properties[0].cond, c, &a) == ev.eval(*rs.properties[0].cond, rep, &b));
  });
  CHECK(cases == 10 + 121 * 11);
  // Stopped after the classes it may look at: not every class was seen.
  int seen = 0;
  CHECK_FALSE(ev.enumerateClassesUpTo(4, [&](const Case &) { return ++seen, true; }));
  CHECK(seen <= 4);
}

TEST_CASE("caseText lists the asked questions in question order") {
  auto f = load(R"(ruleset k
question a "A?" yes/no
question l "L?" one of { p "P" q "Q" } asked when a
question n "N?" 0..5
decision d { outcome x "x" }
rule r when true then x
)");
  const auto &rs = *f->rs;
  CHECK(ww::eval::caseText(rs, makeCase(rs, {{"a", "yes"}, {"l", "q"}, {"n", "4"}})) ==
        "a = yes, l = q, n = 4");
  CHECK(ww::eval::caseText(rs, makeCase(rs, {{"a", "no"}, {"n", "0"}})) == "a = no, n = 0");
}

TEST_CASE("culprits: the false conjuncts, taken apart; an `or` whole; the undefined atoms") {
  auto f = load(R"(ruleset k
question a "A?" yes/no
question b "B?" yes/no asked when a
question c "C?" 0..9
decision d { outcome x "x" }
rule r1 when a and (c >= 5 and not a) then x
rule r2 when c < 3 and (a or c == 7) then x
rule r3 when c > 1 and b then x
assume "c is small": c < 9
)");
  const auto &rs = *f->rs;
  Evaluator ev(rs);
  auto texts = [&](const std::vector<const ww::ir::Expr *> &parts) {
    std::vector<std::string> out;
    for (const auto *p : parts)
      out.push_back(ww::ir::toString(rs, *p));
    return out;
  };
  Case c = makeCase(rs, {{"a", "yes"}, {"b", "no"}, {"c", "4"}});
  const auto &g1 = *rs.rules[rule(rs, "r1")].guard;
  CHECK(texts(ev.culprits(g1, c, nullptr, Tri::False)) ==
        std::vector<std::string>{"c in 5..9", "not a"});
  Case noA = makeCase(rs, {{"a", "no"}, {"c", "4"}});
  const auto &g2 = *rs.rules[rule(rs, "r2")].guard;
  CHECK(texts(ev.culprits(g2, noA, nullptr, Tri::False)) ==
        std::vector<std::string>{"c in 0..2", "a or c == 7"});
  const auto &g3 = *rs.rules[rule(rs, "r3")].guard;
  CHECK(ev.eval(g3, noA, nullptr) == Tri::Undefined);
  CHECK(texts(ev.culprits(g3, noA, nullptr, Tri::Undefined)) == std::vector<std::string>{"b"});

  Case big = makeCase(rs, {{"a", "no"}, {"c", "9"}});
  CHECK(ev.failedAssumptions(big) == std::vector<int>{0});
  CHECK(ww::eval::assumptionName(rs, 0) == "assumption “c is small”");
  CHECK(ev.failedAssumptions(noA).empty());
}
