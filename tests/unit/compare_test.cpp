// verify::compare and parse::formatFile, checked against the evaluator and against themselves.
#include <doctest/doctest.h>

#include "compiler/eval/evaluator.h"
#include "compiler/parse/format.h"
#include "compiler/sema/timeline.h"
#include "helpers.h"
#include "verifier/compare.h"

using namespace wwtest;

namespace {

const char *kOld = R"(ruleset delen "Delen"
source wet "Testwet"
question ontvanger "Aan wie?" one of { amk "Het AMK" politie "De politie" }
question toestemming "Is er toestemming?" yes/no
question leeftijd "Hoe oud?" 0..17 asked when ontvanger == amk
decision besluit "Mag ik delen?" {
  outcome ja "Ja" cite wet "art. 1"
  outcome nee "Nee" cite wet "art. 2"
}
rule met when toestemming then ja cite wet "art. 1"
rule zonder when not toestemming then nee cite wet "art. 2"
rule jong exception to zonder when ontvanger == amk and leeftijd < 12 then ja cite wet "art. 3"
)";

std::string replaced(std::string s, const std::string &from, const std::string &to) {
  s.replace(s.find(from), from.size(), to);
  return s;
}

} // namespace

TEST_CASE("a ruleset compared with itself: no declaration and no case changed") {
  auto a = analyse(kOld), b = analyse(kOld);
  REQUIRE(a->rs);
  REQUIRE(b->rs);
  ww::verify::Comparison c = ww::verify::compare(*a->rs, *b->rs, {});
  CHECK(c.error.empty());
  CHECK(c.declarations.empty());
  CHECK_FALSE(c.anyCaseChanged());
  REQUIRE(c.counted);
  std::uint64_t n = 0;
  ww::eval::Evaluator(*a->rs).enumerate([&](const ww::eval::Case &) { ++n; });
  CHECK(c.cases == n);
}

TEST_CASE("the changed cases are exactly those the evaluator decides differently") {
  // The exception now covers 12..15 instead of 0..11.
  std::string changed = replaced(kOld, "leeftijd < 12", "leeftijd in 12..15");
  auto a = analyse(kOld), b = analyse(changed);
  REQUIRE(a->rs);
  REQUIRE(b->rs);
  ww::verify::Comparison c = ww::verify::compare(*a->rs, *b->rs, {});
  REQUIRE(c.counted);
  ww::eval::Evaluator ea(*a->rs), eb(*b->rs);
  std::uint64_t differ = 0;
  ea.enumerate([&](const ww::eval::Case &x) {
    auto ra = ea.run(x).decisions[0], rb = eb.run(x).decisions[0];
    differ += ra.outcome != rb.outcome;
  });
  CHECK(differ == 16); // without consent at the AMK: ages 0..11 and 12..15
  CHECK(c.changed == differ);
  REQUIRE(c.decisions.size() == 1);
  CHECK(c.decisions[0].outcomeChanged == differ);
  std::uint64_t inRegions = 0;
  for (const auto &t : c.decisions[0].transitions)
    for (const auto &r : t.regions) {
      inRegions += r.count;
      CHECK(r.before.text() == t.before);
      CHECK(r.after.text() == t.after);
    }
  CHECK(inRegions == differ);
  REQUIRE(c.declarations.size() == 1);
  CHECK(c.declarations[0].id == "jong");
  CHECK(c.declarations[0].detail == "condition");
}

TEST_CASE("a consistent rename is found as a rename, and changes no case") {
  std::string renamed = kOld;
  for (std::string from : {"outcome ja ", "then ja "})
    while (renamed.find(from) != std::string::npos)
      renamed = replaced(renamed, from, replaced(from, "ja", "mag"));
  auto a = analyse(kOld), b = analyse(renamed);
  REQUIRE(a->rs);
  REQUIRE(b->rs);
  ww::verify::Comparison c = ww::verify::compare(*a->rs, *b->rs, {});
  REQUIRE(c.declarations.size() == 1);
  CHECK(c.declarations[0].kind == ww::verify::DeclChange::Kind::Renamed);
  CHECK(c.declarations[0].oldId == "ja");
  CHECK(c.declarations[0].id == "mag");
  CHECK_FALSE(c.anyCaseChanged());
}

TEST_CASE("fmt keeps tokens and comments, and is idempotent") {
  std::string messy = std::string("// kop\n") + kOld + "rule x when   ontvanger==politie then nee // x\n";
  auto f = parseOnly(messy);
  REQUIRE(f->ast);
  auto once = ww::parse::formatFile(f->sources.file(f->file), f->sink);
  REQUIRE(once);
  CHECK(once->find("// kop\n") == 0);
  CHECK(once->find("rule x when ontvanger == politie then nee // x\n") != std::string::npos);
  auto g = parseOnly(*once);
  auto twice = ww::parse::formatFile(g->sources.file(g->file), g->sink);
  REQUIRE(twice);
  CHECK(*twice == *once);
}

TEST_CASE("fmt refuses a file that does not parse") {
  auto f = parseOnly("ruleset r \"R\"\nrule when\n");
  auto out = ww::parse::formatFile(f->sources.file(f->file), f->sink);
  CHECK_FALSE(out);
  CHECK(f->sink.hasErrors());
}

TEST_CASE("fmt keeps a replaces clause on its answer's line, labels aligned to the answers") {
  auto f = parseOnly(
      "ruleset r \"R\"\nquestion q \"Q?\" one of {\n"
      "amk \"A\" valid until 2015-01-01\n"
      "veilig_thuis \"V\" valid from 2015-01-01 replaces amk,\n  steunpunt_lang_genoemd \"reden\"\n"
      "raad \"R\"\n}\n");
  REQUIRE(f->ast);
  auto once = ww::parse::formatFile(f->sources.file(f->file), f->sink);
  REQUIRE(once);
  CHECK(*once == "ruleset r \"R\"\nquestion q \"Q?\" one of {\n"
                 "  amk          \"A\" valid until 2015-01-01\n"
                 "  veilig_thuis \"V\" valid from 2015-01-01 replaces amk, steunpunt_lang_genoemd "
                 "\"reden\"\n"
                 "  raad         \"R\"\n}\n");
}

TEST_CASE("fmt keeps every comment at the end of its line or on a line of its own") {
  const std::string in = R"(/* head */ // and a line comment
ruleset r "R" // after the title
source wet "Wet" /* block */ valid from 2015-01-01 // end
question q "Vraag?" one of { // after the brace
  a "A" // after a
  // own line inside
  b "B" replaces a // after replaces
  /* before brace */ } valid from 2015-01-01
  asked when x and // mid condition
  y
question x "X" yes/no
question y "Y" yes/no
decision d "D" { // brace comment
  outcome o "O" cite wet // after cite
    // before discloses
    discloses
  // before close
}
rule r1 when x // after x
  then o
rule r2 when (x or /* in paren */ y) and not x then o cite wet "a" /* b */ /* c */
rule r3 when x then o // trailing at end of head

// blank before

test "t" as of 2016-01-01 { // brace
  given x = yes, // after comma
  y = no
  expect o
} // after close
// at end
)";
  // A comment inside a group breaks it; one at the end of the last line of a group does not.
  const std::string out = R"(/* head */ // and a line comment
ruleset r "R" // after the title
source wet "Wet" /* block */
  valid from 2015-01-01 // end
question q "Vraag?" one of { // after the brace
  a "A" // after a
  // own line inside
  b "B" replaces a // after replaces
  /* before brace */
} valid from 2015-01-01
  asked when x
    and // mid condition
    y
question x "X" yes/no
question y "Y" yes/no
decision d "D" { // brace comment
  outcome o "O"
    cite wet // after cite
    // before discloses
    discloses
  // before close
}
rule r1
  when x // after x
  then o
rule r2
  when (x
      or /* in paren */
      y)
    and not x
  then o
  cite wet "a" /* b */ /* c */
rule r3 when x then o // trailing at end of head

// blank before

test "t" as of 2016-01-01 { // brace
  given x = yes, // after comma
    y = no
  expect o
} // after close
// at end
)";
  auto f = parseOnly(in);
  REQUIRE(f->ast);
  auto once = ww::parse::formatFile(f->sources.file(f->file), f->sink);
  REQUIRE(once);
  CHECK(*once == out);
  auto g = parseOnly(*once);
  auto twice = ww::parse::formatFile(g->sources.file(g->file), g->sink);
  REQUIRE(twice);
  CHECK(*twice == *once);
}

TEST_CASE("an old answer the new version replaces is compared with its replacement") {
  auto f = parseOnly(R"(ruleset r "R" valid from 2009-01-01
source wet "Wet"
question ontvanger "Aan wie?" one of { amk "AMK" steunpunt "SHG" politie "Politie" } valid until 2015-01-01
question ontvanger "Aan wie?" one of {
  vt "Veilig Thuis" replaces amk, steunpunt
  politie "Politie"
} valid from 2015-01-01
decision d "D" { outcome ja "Ja" cite wet outcome nee "Nee" cite wet }
rule oud when ontvanger != politie then ja cite wet valid until 2015-01-01
rule nieuw when ontvanger != politie then nee cite wet valid from 2015-01-01
rule politie when ontvanger == politie then ja cite wet
)");
  REQUIRE(f->ast);
  auto h = ww::sema::analyseHistory({f->ast.get()}, f->sink);
  INFO(f->dump());
  REQUIRE(h);
  REQUIRE(h->periods.size() == 2);
  ww::verify::Comparison c = ww::verify::compare(h->periods[0], h->periods[1], {});
  CHECK(c.error.empty());
  REQUIRE(c.counted);
  // amk and steunpunt (2014) against vt (2016) change from `ja` to `nee`; politie stays.
  CHECK(c.cases == 3);
  CHECK(c.changed == 2);
  bool noted = false;
  for (const std::string &n : c.notes)
    noted = noted || n.find("`amk` of `ontvanger` is replaced by `vt`") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("a list question only one version has is part of every case, in both directions") {
  // `kanaal` is asked in the old version only, and decides there; the new version decides
  // without it. Compared either way, every case of the version that asks it is counted once.
  std::string withQuestion =
      replaced(kOld, "decision besluit",
               "question kanaal \"Hoe?\" one of { brief \"Brief\" telefoon \"Telefoon\" "
               "mail \"Mail\" }\ndecision besluit") +
      "rule brief exception to met when toestemming and kanaal == brief then nee cite wet \"art. 4\"\n";
  auto a = analyse(withQuestion), b = analyse(kOld);
  REQUIRE(a->rs);
  REQUIRE(b->rs);
  ww::eval::Evaluator ea(*a->rs), eb(*b->rs);
  std::uint64_t n = 0, differ = 0;
  ea.enumerate([&](const ww::eval::Case &x) {
    ++n;
    ww::eval::Case y;
    for (std::size_t q = 0; q < b->rs->questions.size(); ++q)
      for (std::size_t p = 0; p < a->rs->questions.size(); ++p)
        if (a->rs->questions[p].id == b->rs->questions[q].id)
          y.answers.push_back(x.answers[p]);
    differ += ea.run(x).decisions[0].outcome != eb.run(y).decisions[0].outcome;
  });
  CHECK(differ == 19); // with consent, by letter: to the AMK at every age (18), the police (1)
  for (bool oldHasIt : {true, false}) {
    CAPTURE(oldHasIt);
    ww::verify::Comparison c = oldHasIt ? ww::verify::compare(*a->rs, *b->rs, {})
                                        : ww::verify::compare(*b->rs, *a->rs, {});
    CHECK(c.error.empty());
    REQUIRE(c.counted);
    CHECK(c.cases == n);
    CHECK(c.changed == differ);
  }
}
