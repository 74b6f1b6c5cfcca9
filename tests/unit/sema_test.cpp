// Name resolution and type checking: unknown names (with suggestions), duplicates, wrong
// types, override/extend across a module chain, parameters folded, cycles.
#include <doctest/doctest.h>

#include "helpers.h"

#include "compiler/sema/suggest.h"
#include "compiler/sema/timeline.h"
#include "compiler/support/limits.h"

#include <chrono>
#include <functional>
#include <map>
#include <pthread.h>
#include <sys/resource.h>

using wwtest::analyse;
using wwtest::analyseChain;
using K = ww::ir::Expr::Kind;

namespace {

// Prefix of a valid ruleset: questions, one decision, and room for more.
const char *kBase = R"(ruleset r
question sit "Sit?" one of { kind "K" adult "A" }
question age "Age?" 0..17
question ok "Ok?" yes/no
decision d { outcome x "X" outcome y "Y" }
)";

std::string with(const std::string &more) { return std::string(kBase) + more; }

/// The one diagnostic with this code (fails when there is not exactly one).
ww::Diagnostic one(const wwtest::Front &f, const std::string &code) {
  auto ds = f.withCode(code);
  INFO(f.dump());
  REQUIRE(ds.size() == 1);
  return ds[0];
}

bool helpMentions(const ww::Diagnostic &d, const std::string &text) {
  for (const auto &h : d.help)
    if (h.find(text) != std::string::npos)
      return true;
  return false;
}

} // namespace

TEST_CASE("sema: a valid ruleset gives the IR") {
  auto f = analyse(with(R"(obligation o "O"
define child = sit == kind
rule r1 when child and age < 12 then x obliges o
rule r2 exception to r1 when ok then y
)"));
  INFO(f->dump());
  REQUIRE(f->rs);
  const auto &rs = *f->rs;
  CHECK(f->errors() == 0);
  CHECK(rs.id == "r");
  CHECK(rs.questions.size() == 3);
  CHECK(rs.questions[0].type == ww::ir::QuestionType::OneOf);
  CHECK(rs.questions[0].lo == 0);
  CHECK(rs.questions[0].hi == 1);
  CHECK(rs.questions[1].hi == 17);
  REQUIRE(rs.rules.size() == 2);
  const auto &g = *rs.rules[0].guard;
  REQUIRE(g.kind == K::And);
  // the define is inlined; `age < 12` is the range lo..11
  CHECK(g.args[0]->kind == K::QuestionIn);
  CHECK(g.args[0]->values == std::vector<std::int64_t>{0});
  CHECK(g.args[1]->kind == K::QuestionRange);
  CHECK(g.args[1]->lo == 0);
  CHECK(g.args[1]->hi == 11);
  CHECK(rs.rules[0].obligations == std::vector<int>{0});
  CHECK(rs.rules[1].exceptionTo == std::vector<int>{0});
  CHECK(rs.rules[1].decision == 0);
  CHECK(rs.decisions[0].rules == std::vector<int>{0, 1});
  CHECK(rs.decisions[0].isMain);
  CHECK(ww::ir::toString(rs, *rs.rules[1].guard) == "ok");
}

TEST_CASE("sema: unknown names are E0101 with a suggestion") {
  auto f = analyse(with("rule r1 when aeg < 3 then x\n"));
  CHECK_FALSE(f->rs);
  auto d = one(*f, "E0101");
  CHECK(d.message == "unknown name `aeg`");
  CHECK(f->text(d.span) == "aeg");
  CHECK(helpMentions(d, "did you mean `age`?"));

  auto g = analyse(with("rule r1 when ok then xx\n"));
  auto e = one(*g, "E0101");
  CHECK(e.message == "unknown outcome `xx`");
  CHECK(g->text(e.span) == "xx");
  CHECK(helpMentions(e, "`x`"));

  auto h = analyse(with("rule r1 exception to r9 when ok then x\n"));
  auto u = one(*h, "E0101");
  CHECK(u.message == "unknown rule `r9`");
  CHECK(h->text(u.span) == "r9");

  auto far = analyse(with("rule r1 when completely_unrelated then x\n"));
  auto v = one(*far, "E0101");
  CHECK(v.help.empty());
}

TEST_CASE("sema: edit distance of names") {
  using ww::sema::editDistance;
  CHECK(editDistance("leeftijd", "leeftijd") == 0);
  CHECK(editDistance("leeftyd", "leeftijd") == 2);
  CHECK(editDistance("aeg", "age") == 1);
  CHECK(editDistance("", "abc") == 3);
  CHECK(editDistance("kitten", "sitting") == 3);
  CHECK(editDistance("kitten", "sitting", 1) == 2);
  CHECK(editDistance("a", "abcdef", 2) == 3);
}

namespace {
/// Runs body on a thread with a 256 MiB stack: deep inputs recurse deeply.
void onLargeStack(const std::function<void()> &body) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, std::size_t(256) << 20);
  pthread_t thread;
  auto run = [](void *p) -> void * {
    (*static_cast<const std::function<void()> *>(p))();
    return nullptr;
  };
  REQUIRE(pthread_create(&thread, &attr, run, const_cast<std::function<void()> *>(&body)) == 0);
  pthread_join(thread, nullptr);
}

// AddressSanitizer's shadow memory and redzones take a few times what the code itself uses; the
// bounds below still tell linear from quadratic growth (which costs gigabytes here).
#if defined(__SANITIZE_ADDRESS__)
constexpr long kMemoryFactor = 4;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr long kMemoryFactor = 4;
#else
constexpr long kMemoryFactor = 1;
#endif
#else
constexpr long kMemoryFactor = 1;
#endif

long peakKilobytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}
} // namespace

TEST_CASE("sema: suggestions for huge names cost little time and memory") {
  // Two 30,000-character names, one a near miss of the other: a full edit-distance table
  // would take 7 GB.
  std::string declared(30000, 'q');
  std::string unknown = declared;
  unknown[15000] = 'z';
  long before = peakKilobytes();
  auto start = std::chrono::steady_clock::now();
  auto f = analyse(with("question " + declared + " \"Q?\" yes/no\nrule r1 when " + unknown +
                        " then x\n"));
  auto d = one(*f, "E0101");
  CHECK(d.help.empty());

  // 100 unknown and 100 declared names of 1,000 characters each.
  std::string text;
  for (int i = 0; i < 100; ++i)
    text += "question " + std::string(1000, 'a') + std::to_string(i) + " \"Q?\" yes/no\n";
  for (int i = 0; i < 100; ++i)
    text += "rule u" + std::to_string(i) + " when " + std::string(1000, 'a') + "x" +
            std::to_string(i) + " then x\n";
  auto g = analyse(with(text));
  CHECK(g->withCode("E0101").size() == 100);
  auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 10);
  CHECK(peakKilobytes() - before < kMemoryFactor * 64 * 1024);

  // Short names still get their suggestion among many candidates.
  std::vector<std::string> many;
  for (int i = 0; i < 1000; ++i)
    many.push_back("name" + std::to_string(i));
  many.push_back("leeftijd");
  CHECK(ww::sema::closest("leeftyd", many) == "leeftijd");
}

TEST_CASE("sema: a long chain of defines costs linear memory") {
  // Each define extends the one before: flattening every `or` copied the chain once per link.
  std::string text = "define c0 = ok\n";
  for (int i = 1; i < 8000; ++i)
    text += "define c" + std::to_string(i) + " = age < 3 or c" + std::to_string(i - 1) + "\n";
  text += "rule r1 when c7999 then x\nrule r2 when not c7999 then y\n";
  long before = peakKilobytes();
  std::unique_ptr<wwtest::Front> f;
  onLargeStack([&] { f = analyse(with(text)); }); // as main() runs the command
  INFO(f->dump());
  CHECK(f->rs);
  CHECK(peakKilobytes() - before < kMemoryFactor * 64 * 1024);
}

TEST_CASE("sema: the limits of docs/language.md are E0007 at the first declaration past them") {
  std::string many;
  for (std::size_t i = 0; i <= ww::kMaxQuestions; ++i)
    many += "question v" + std::to_string(i) + " \"V?\" yes/no\n";
  auto q = analyse(with(many));
  auto d = one(*q, "E0007");
  CHECK(d.message == "too many questions in ruleset `r` (the limit is 10000)");
  CHECK(q->text(d.span) == "v9997"); // kBase declares three questions

  std::string answers = "question lijst \"L?\" one of {";
  for (std::size_t i = 0; i <= ww::kMaxAnswers; ++i)
    answers += " a" + std::to_string(i);
  auto a = analyse(with(answers + " }\n"));
  auto e = one(*a, "E0007");
  CHECK(e.message == "too many answers for question `lijst` (the limit is 1000)");
  CHECK(a->text(e.span) == "a1000");

  std::string rules;
  for (std::size_t i = 0; i <= ww::kMaxRules; ++i)
    rules += "rule r" + std::to_string(i) + " when ok then x\n";
  auto r = analyse(with(rules));
  CHECK(one(*r, "E0007").message == "too many rules in ruleset `r` (the limit is 10000)");

  auto wide = analyse(with("question n \"N?\" -9223372036854775807..9223372036854775807\n"));
  auto w = one(*wide, "E0007");
  CHECK(w.message == "range -9223372036854775807..9223372036854775807 is too wide");
  auto fine = analyse(with("question n \"N?\" 0..9223372036854775807\n"));
  CHECK(fine->withCode("E0007").empty());
}

TEST_CASE("sema: duplicates are E0102 and point at the first definition") {
  auto f = analyse(with("question ok \"again\" yes/no\nrule r1 when ok then x\n"));
  CHECK_FALSE(f->rs);
  auto d = one(*f, "E0102");
  CHECK(d.message == "question `ok` is defined twice");
  CHECK(f->text(d.span) == "ok");
  REQUIRE(d.labels.size() == 1);
  CHECK(d.labels[0].message == "first defined here");
  CHECK(f->text(d.labels[0].span) == "ok");
  CHECK(d.labels[0].span.begin < d.span.begin);

  auto g = analyse(with("rule r1 when ok then x\nrule r1 when not ok then y\n"));
  CHECK(one(*g, "E0102").message == "rule `r1` is defined twice");

  auto h = analyse(with("decision e { outcome x \"X again\" }\nrule r1 when ok then y\n"));
  CHECK(one(*h, "E0102").message == "outcome `x` is defined twice");

  auto a = analyse("ruleset r\nquestion q \"Q\" one of { a \"A\" a \"B\" }\ndecision d { outcome x "
                   "\"X\" }\nrule r1 when q == a then x\n");
  CHECK(one(*a, "E0102").message == "answer `a` is defined twice");
}

TEST_CASE("sema: wrong kinds and types are E02xx") {
  SUBCASE("E0203: a list question used as yes/no") {
    auto f = analyse(with("rule r1 when sit then x\n"));
    auto d = one(*f, "E0203");
    CHECK(d.message.find("`sit` is a list question, not a yes/no question") == 0);
    CHECK(f->text(d.span) == "sit");
  }
  SUBCASE("E0203: then names a decision") {
    auto f = analyse(with("rule r1 when ok then d\n"));
    auto d = one(*f, "E0203");
    CHECK(d.message == "`d` is a decision; `then` takes one of its outcomes");
  }
  SUBCASE("E0203: a decision used as a condition") {
    auto f = analyse(
        with("rule r0 when ok then x\ndecision e { outcome z \"Z\" }\nrule r1 when d then z\n"));
    auto d = one(*f, "E0203");
    CHECK(d.message.find("`d` is a decision") == 0);
  }
  SUBCASE("E0205: not an answer, with a suggestion") {
    auto f = analyse(with("rule r1 when sit == kinf then x\n"));
    auto d = one(*f, "E0205");
    CHECK(d.message == "`kinf` is not an answer of `sit`");
    CHECK(f->text(d.span) == "kinf");
    CHECK(helpMentions(d, "did you mean `kind`?"));
  }
  SUBCASE("E0205: yes/no question compared with a name") {
    auto f = analyse(with("rule r1 when ok == maybe then x\n"));
    auto d = one(*f, "E0205");
    CHECK(d.message == "`maybe` is not an answer of yes/no question `ok`");
  }
  SUBCASE("E0204: a question compared with another question") {
    auto f = analyse(with("rule r1 when sit == ok then x\n"));
    auto d = one(*f, "E0204");
    CHECK(d.message == "`sit` is compared with another question, `ok`");
    CHECK(f->text(d.span) == "ok");
  }
  SUBCASE("E0206: a number outside the range") {
    auto f = analyse(with("rule r1 when age == 18 then x\n"));
    auto d = one(*f, "E0206");
    CHECK(d.message == "18 is outside the range of `age` (0..17)");
    CHECK(f->text(d.span) == "18");
  }
  SUBCASE("E0207: order on a list question") {
    auto f = analyse(with("rule r1 when sit < 3 then x\n"));
    auto d = one(*f, "E0207");
    CHECK(d.message == "`sit` is not a number question: `<` only compares numbers");
    CHECK(f->text(d.span) == "sit < 3");
  }
  SUBCASE("E0202: empty ranges") {
    auto f = analyse(with("rule r1 when age in 5..3 then x\n"));
    CHECK(one(*f, "E0202").message == "empty range 5..3");
    auto g = analyse("ruleset r\nquestion n \"N\" 5..1\ndecision d { outcome x \"X\" }\nrule r1 "
                     "when n == 5 then x\n");
    auto d = one(*g, "E0202");
    CHECK(d.message == "empty range 5..1 for question `n`");
    CHECK(g->text(d.span) == "5..1");
  }
  SUBCASE("E0201: no outcomes, no answers") {
    auto f = analyse("ruleset r\nquestion q \"Q\" one of { }\ndecision d { }\n");
    auto es = f->withCode("E0201");
    REQUIRE(es.size() == 2);
  }
  SUBCASE("E0208: an assumption or asked when reads a decision") {
    auto f = analyse(with("rule r1 when ok then x\nassume \"a\": d == x\n"));
    auto d = one(*f, "E0208");
    CHECK(d.message == "an assumption cannot read decision `d`");
    auto g =
        analyse(with("rule r1 when ok then x\nquestion late \"L\" yes/no asked when d == x\n"));
    CHECK(one(*g, "E0208").message == "`asked when` cannot read decision `d`");
  }
  SUBCASE("E0205: a decision compared with an outcome of another decision") {
    auto f = analyse(with(
        "decision e { outcome z \"Z\" }\nrule r1 when ok then x\nrule r2 when d == z then z\n"));
    auto d = one(*f, "E0205");
    CHECK(d.message == "`z` is not an outcome of decision `d`");
  }
}

TEST_CASE("sema: exceptions across decisions and to themselves") {
  auto f = analyse(with("decision e { outcome z \"Z\" }\nrule r1 when ok then x\nrule r2 exception "
                        "to r1 when ok then z\n"));
  auto d = one(*f, "E0301");
  CHECK(d.message == "rule `r2` is an exception to `r1`, a rule of another decision");
  CHECK(f->text(d.span) == "r1");

  auto g = analyse(with("rule r1 exception to r1 when ok then x\n"));
  auto s = one(*g, "E0306");
  CHECK(s.message == "rule `r1` is an exception to itself");
}

TEST_CASE("sema: cycles") {
  SUBCASE("E0302: a define depends on itself") {
    auto f = analyse(with("define a = b and ok\ndefine b = a\nrule r1 when a then x\n"));
    CHECK_FALSE(f->rs);
    auto es = f->withCode("E0302");
    REQUIRE(!es.empty());
    CHECK(es[0].message.find("depends on itself") != std::string::npos);
  }
  SUBCASE("E0303: decisions read each other") {
    auto f = analyse(R"(ruleset r
question ok "Ok" yes/no
decision a { outcome ax "X" }
decision b { outcome bx "X" }
rule ra when b == bx then ax
rule rb when a == ax then bx
)");
    auto d = one(*f, "E0303");
    CHECK(d.message.find("depends on itself through its rules") != std::string::npos);
  }
  SUBCASE("E0305: asked when in a cycle") {
    auto f = analyse(R"(ruleset r
question p "P" yes/no asked when q
question q "Q" yes/no asked when p
decision d { outcome x "X" }
rule r1 when p then x
)");
    auto d = one(*f, "E0305");
    CHECK(d.message == "cycle in `asked when`: whether a question is asked depends on itself");
  }
  SUBCASE("E0306: exceptions in a cycle") {
    auto f = analyse(
        with("rule r1 exception to r2 when ok then x\nrule r2 exception to r1 when ok then y\n"));
    auto d = one(*f, "E0306");
    CHECK(d.message.find("cycle in exceptions") == 0);
  }
}

TEST_CASE("sema: decision order and question order follow dependencies") {
  auto f = analyse(R"(ruleset r
question late "L" yes/no asked when early
question early "E" yes/no
decision main { outcome mx "X" outcome my "Y" }
decision helper { outcome hx "X" }
rule m1 when helper == hx then mx
rule m2 when not early then my
rule h1 when early then hx
)");
  INFO(f->dump());
  REQUIRE(f->rs);
  const auto &rs = *f->rs;
  int main = wwtest::idIndex(rs.decisions, "main"),
      helper = wwtest::idIndex(rs.decisions, "helper");
  auto pos = [](const std::vector<int> &v, int x) {
    return std::find(v.begin(), v.end(), x) - v.begin();
  };
  CHECK(pos(rs.decisionOrder, helper) < pos(rs.decisionOrder, main));
  CHECK(rs.decisions[main].isMain);
  CHECK_FALSE(rs.decisions[helper].isMain);
  CHECK(pos(rs.questionOrder, 1) < pos(rs.questionOrder, 0));
  CHECK(rs.rules[0].guard->kind == K::DecisionIn);
}

TEST_CASE("sema: parameters fold to constants; a rule they make false is inactive") {
  auto f = analyse(R"(ruleset r
parameter police "P" yes/no
parameter regime "R" one of { a "A" b "B" }
set police = no
set regime = b
question ok "Ok" yes/no
decision d { outcome x "X" outcome y "Y" }
rule r1 when police and ok then x
rule r2 when regime == b and ok then y
rule r3 when regime != b or not ok then x
)");
  INFO(f->dump());
  REQUIRE(f->rs);
  const auto &rs = *f->rs;
  CHECK(rs.rules[0].inactive);
  CHECK(rs.rules[0].guard->kind == K::Const);
  CHECK_FALSE(rs.rules[0].guard->value);
  // The others keep their question part; the parameter part is a constant.
  CHECK_FALSE(rs.rules[1].inactive);
  CHECK_FALSE(rs.rules[2].inactive);
  auto mentions = [&](int r, const std::string &s) {
    return ww::ir::toString(rs, *rs.rules[r].guard).find(s) != std::string::npos;
  };
  CHECK(mentions(1, "ok"));
  CHECK_FALSE(mentions(1, "regime"));
  CHECK(mentions(2, "not ok"));
  CHECK_FALSE(mentions(2, "regime"));
}

TEST_CASE("sema: parameter errors") {
  auto f = analyse(R"(ruleset r
parameter police "P" yes/no
question ok "Ok" yes/no
decision d { outcome x "X" }
rule r1 when ok then x
)");
  auto d = one(*f, "E0105");
  CHECK(d.message == "ruleset `r` does not set parameter `police`");

  auto g = analyse(R"(ruleset r
parameter police "P" yes/no
set police = maybe
question ok "Ok" yes/no
decision d { outcome x "X" }
rule r1 when ok then x
)");
  CHECK(one(*g, "E0205").message == "`maybe` is not a value of yes/no parameter `police`");

  auto h = analyse(R"(ruleset r
set polise = no
question ok "Ok" yes/no
decision d { outcome x "X" }
rule r1 when ok then x
)");
  CHECK(one(*h, "E0101").message == "unknown parameter `polise`");
}

TEST_CASE("sema: override and extend across a module chain") {
  const char *module = R"(module m
obligation o "O"
question q "Q" yes/no
question n "N" 0..5
decision d { outcome x "X" }
rule base when q then x
define big = n > 3
)";
  SUBCASE("override replaces in place, extend adds outcomes") {
    auto c = analyseChain(module, R"(ruleset r extends m
override question q "Q2" yes/no asked when n < 2
override rule base when big then x
override define big = n > 4
extend decision d { outcome y "Y" }
rule more when not big then y
)");
    REQUIRE(c->rs);
    const auto &rs = *c->rs;
    CHECK(rs.questions.size() == 2);
    CHECK(rs.questions[0].id == "q"); // keeps the module's position
    CHECK(rs.questions[0].text == "Q2");
    CHECK(rs.questions[0].askedWhen);
    REQUIRE(rs.rules.size() == 2);
    CHECK(rs.rules[0].id == "base");
    CHECK(ww::ir::toString(rs, *rs.rules[0].guard) == "n in 5..5");
    CHECK(rs.decisions.size() == 1);
    CHECK(rs.decisions[0].outcomes.size() == 2);
    CHECK(rs.files.size() == 2);
  }
  SUBCASE("override without a module definition is E0103") {
    auto c = analyseChain(module, "ruleset r extends m\noverride rule nothing when q then x\n");
    auto es = c->withCode("E0103");
    REQUIRE(es.size() == 1);
    CHECK(es[0].message == "`override` of rule `nothing`, but no module defines it");
    CHECK(c->text(es[0].span) == "nothing");
  }
  SUBCASE("redefining without override is E0102") {
    auto c = analyseChain(module, "ruleset r extends m\nrule base when not q then x\n");
    auto es = c->withCode("E0102");
    REQUIRE(es.size() == 1);
    CHECK(es[0].message == "rule `base` is defined twice");
  }
  SUBCASE("extend of an unknown decision is E0101") {
    auto c = analyseChain(module, "ruleset r extends m\nextend decision e { outcome z \"Z\" }\n");
    auto es = c->withCode("E0101");
    REQUIRE(es.size() == 1);
    CHECK(es[0].message == "unknown decision `e`");
  }
}

TEST_CASE("sema: tests resolve their givens and expectations") {
  auto f = analyse(with(R"(rule r1 when ok then x
test "t1" {
  given sit = kind, age = 3, ok = yes
  expect x
}
test "t2" {
  given okk = yes
  expect x
  expect y
}
)"));
  CHECK_FALSE(f->rs);
  auto d = one(*f, "E0401");
  CHECK(d.message == "test \"t2\" answers unknown question `okk`");
  CHECK(helpMentions(d, "did you mean `ok`?"));
  auto e = one(*f, "E0403");
  CHECK(e.message == "test \"t2\" expects two outcomes of decision `d`");

  auto g = analyse(with("rule r1 when ok then x\ntest \"t\" { given age = 99 expect x }\n"));
  CHECK(one(*g, "E0402").message == "99 is outside the range of `age` (0..17)");
}

TEST_CASE("sema: lints are warnings, not errors") {
  auto f = analyse(with("rule r1 when ok then x\n"));
  REQUIRE(f->rs);
  CHECK(f->errors() == 0);
  CHECK(f->withCode("W0101").size() == 1); // r1 cites nothing
  CHECK(f->withCode("W0103").size() == 2); // sit and age unused
  CHECK(f->withCode("W0104").size() == 1); // y is never decided
}

TEST_CASE("sema: property ids and implies premises") {
  auto f = analyse(with(R"(rule r1 when ok then x
property "Always X when ok": ok implies d == x
property named "N": d == x
)"));
  INFO(f->dump());
  REQUIRE(f->rs);
  const auto &ps = f->rs->properties;
  REQUIRE(ps.size() == 2);
  CHECK(ps[0].premise);
  CHECK(ps[0].origin == "r");
  CHECK_FALSE(ps[1].premise);
  CHECK(ps[1].id == "named");
  CHECK(!ps[0].id.empty());
}

namespace {

// A module and a ruleset through time: the history, and the diagnostics of both files.
std::unique_ptr<wwtest::Chain> historyOf(const std::string &module, const std::string &ruleset,
                                         std::optional<ww::ir::History> &history) {
  auto c = std::make_unique<wwtest::Chain>();
  ww::FileId m = c->sources.add("m.ww", module);
  ww::FileId r = c->sources.add("r.ww", ruleset);
  c->module = ww::parse::parseFile(c->sources.file(m), c->sink);
  c->ruleset = ww::parse::parseFile(c->sources.file(r), c->sink);
  if (c->module && c->ruleset)
    history = ww::sema::analyseHistory({c->module.get(), c->ruleset.get()}, c->sink);
  return c;
}

const char *kReplacesModule = R"(module m "M" valid from 2009-01-01
source wet "Wet"
question ontvanger "Aan wie?" one of {
  amk "Het AMK"
  bjz "Bureau Jeugdzorg"
  raad "De Raad"
} valid until 2015-01-01
question ontvanger "Aan wie?" one of {
  veilig_thuis "Veilig Thuis" replaces amk "Samen Veilig Thuis"
  gi "De gecertificeerde instelling" replaces bjz
  raad "De Raad"
} valid from 2015-01-01
  help "Sinds 2015 anders."
decision d "D" { outcome o "O" cite wet }
rule r when true then o cite wet
)";

} // namespace

TEST_CASE("sema: replaces builds redirects per period, and an override declares its own") {
  std::optional<ww::ir::History> h;
  auto c = historyOf(kReplacesModule, R"(ruleset x "X" extends m
override question ontvanger "Aan wie?" one of {
  veilig_thuis "Veilig Thuis" replaces amk
  gi "De gecertificeerde instelling" replaces bjz
  raad "De Raad"
  school "De school"
} valid from 2015-01-01
)",
                     h);
  std::string first = c->sink.all().empty() ? "" : c->sink.all()[0].message;
  INFO(first);
  // The module's clauses and the override's both replace `amk` from 2015: not E0711, since
  // the override takes the module's place in the ruleset.
  CHECK(c->sink.errorCount() == 0);
  REQUIRE(h);
  REQUIRE(h->periods.size() == 2);
  const ww::ir::Question &before = h->periods[0].questions[0];
  CHECK(before.redirects.empty());
  const ww::ir::Question &after = h->periods[1].questions[0];
  REQUIRE(after.redirects.size() == 2);
  CHECK(after.redirects[0].id == "amk");
  CHECK(after.answers[after.redirects[0].answer].id == "veilig_thuis");
  CHECK(after.redirects[0].since == ww::parseDate("2015-01-01"));
  CHECK(after.redirects[0].label == "Het AMK");
  REQUIRE(after.redirects[0].valid.size() == 1);
  CHECK(after.redirects[0].valid[0].until == ww::parseDate("2015-01-01"));
  // The override's clause has no reason: the question's help stands in (the override has
  // none, so it is empty); the module's reason is not the ruleset's.
  CHECK(after.redirects[0].reason.empty());
  CHECK(after.redirects[1].id == "bjz");
  CHECK(after.answers[after.redirects[1].answer].id == "gi");
}

TEST_CASE("sema: a chain of replacements is followed to this period's answer") {
  std::optional<ww::ir::History> h;
  auto c = historyOf(kReplacesModule, R"(ruleset x "X" extends m
override question ontvanger "Aan wie?" one of {
  veilig_thuis "Veilig Thuis" replaces amk
  jb "De jeugdbeschermer" replaces gi "Nu jeugdbeschermer"
  raad "De Raad"
} valid from 2020-01-01
)",
                     h);
  CHECK(c->sink.errorCount() == 0);
  REQUIRE(h);
  REQUIRE(h->periods.size() == 3);
  const ww::ir::Question &q = h->periods[2].questions[0];
  std::map<std::string, const ww::ir::Redirect *> by;
  for (const auto &r : q.redirects)
    by[r.id] = &r;
  REQUIRE(by.count("bjz"));
  CHECK(q.answers[by["bjz"]->answer].id == "jb");
  const std::vector<std::string> viaGi{"gi"};
  CHECK(by["bjz"]->via == viaGi);
  CHECK(by["bjz"]->since == ww::parseDate("2015-01-01"));
  CHECK(by["bjz"]->reason == "Sinds 2015 anders.");
  REQUIRE(by.count("gi"));
  CHECK(by["gi"]->since == ww::parseDate("2020-01-01"));
  CHECK(by["gi"]->reason == "Nu jeugdbeschermer");
  REQUIRE(by.count("amk"));
  CHECK(by["amk"]->since == ww::parseDate("2015-01-01"));
}

TEST_CASE("sema: replaces names earlier answers of the same question, each once") {
  auto check = [](const std::string &answers) {
    auto f = wwtest::parseOnly("ruleset x \"X\" valid from 2009-01-01\nsource wet \"Wet\"\n"
                               "question q \"Q?\" one of {\n" +
                               answers +
                               "\n}\ndecision d \"D\" { outcome o \"O\" cite wet }\n"
                               "rule r when true then o cite wet\n");
    REQUIRE(f->ast);
    auto h = ww::sema::analyseHistory({f->ast.get()}, f->sink);
    CHECK_FALSE(h);
    return f;
  };
  auto unknown = check("amk \"A\" valid until 2015-01-01\n"
                       "vt \"V\" valid from 2015-01-01 replaces amkk");
  auto e0709 = unknown->withCode("E0709");
  REQUIRE(e0709.size() == 1);
  CHECK(unknown->text(e0709[0].span) == "amkk");
  REQUIRE(e0709[0].help.size() == 1);
  CHECK(e0709[0].help[0] == "did you mean `amk`?");

  auto still = check("amk \"A\"\nvt \"V\" valid from 2015-01-01 replaces amk");
  auto e0710 = still->withCode("E0710");
  REQUIRE(e0710.size() == 1);
  CHECK(e0710[0].message ==
        "answer `vt` replaces `amk`, but `amk` is still an answer of `q` from 2015-01-01");
  CHECK(still->text(e0710[0].labels.at(0).span) == "amk");

  auto later = check("oud \"O\" valid until 2015-01-01 replaces nieuw\n"
                     "nieuw \"N\" valid from 2015-01-01");
  REQUIRE(later->withCode("E0710").size() == 1);
  CHECK(later->withCode("E0710")[0].message.find("only later") != std::string::npos);

  auto twice = check("amk \"A\" valid until 2015-01-01\n"
                     "vt \"V\" valid from 2015-01-01 replaces amk\n"
                     "raad \"R\" valid from 2015-01-01 replaces amk");
  auto e0711 = twice->withCode("E0711");
  REQUIRE(e0711.size() == 1);
  CHECK(e0711[0].message ==
        "answer `amk` of `q` is replaced twice from 2015-01-01: by `vt` and by `raad`");
}
