// The AST builder: declarations, spans, syntax errors (by code, message and the text they
// underline), UTF-8, CRLF line ends and comments.
#include <doctest/doctest.h>

#include "helpers.h"

using ww::ast::ExprKind;
using wwtest::parseOnly;

namespace {

const char *kSmall = R"(ruleset demo "Demo" extends basis

source wjz "Wet op de jeugdzorg"
obligation vastleggen "Leg vast."
flag verplicht "Verplicht"
question situatie "Waar gaat het over?" one of {
  kind "Een kind"
  volwassenen "Volwassenen"
}
  help "Uitleg"
question leeftijd "Hoe oud?" 0..17 asked when situatie == kind
question toestemming "Toestemming?" yes/no
parameter politie "Politie?" yes/no
set politie = no cite wjz "art. 1"
define kind_betrokken "Een kind" = situatie in {kind}
decision delen "Mag ik delen?" {
  outcome ja "Ja" discloses without consent obliges vastleggen is verplicht cite wjz "art. 53"
  outcome nee "Nee"
}
rule r1 when kind_betrokken and leeftijd < 12 then ja obliges vastleggen cite wjz "art. 2"
rule r2 exception to r1, r3 when not toestemming then nee
override rule r3 when toestemming then nee
assume "geen oude kinderen": leeftijd <= 17
property p1 "Altijd ja": delen == ja
property "Los van toestemming": delen does not depend on toestemming where situatie == kind
test "Een kind van 8" {
  given situatie = kind, leeftijd = 8, toestemming = yes
  expect ja obliges vastleggen
}
)";

} // namespace

TEST_CASE("parse: the declarations of a file, in order, with their parts") {
  auto f = parseOnly(kSmall);
  INFO(f->dump());
  REQUIRE(f->ast);
  CHECK(f->errors() == 0);
  const auto &a = *f->ast;
  CHECK(a.kind == ww::ast::File::Kind::Ruleset);
  CHECK(a.name.text == "demo");
  CHECK(a.title == "Demo");
  REQUIRE(a.base);
  CHECK(a.base->text == "basis");
  CHECK(a.file == f->file);

  REQUIRE(a.sources.size() == 1);
  CHECK(a.sources[0].name.text == "wjz");
  CHECK(a.sources[0].text == "Wet op de jeugdzorg");
  REQUIRE(a.obligations.size() == 1);
  REQUIRE(a.flags.size() == 1);

  REQUIRE(a.questions.size() == 3);
  const auto &sit = a.questions[0];
  CHECK(sit.name.text == "situatie");
  CHECK(sit.text == "Waar gaat het over?");
  CHECK(sit.type.kind == ww::ast::AnswerType::Kind::OneOf);
  REQUIRE(sit.type.answers.size() == 2);
  CHECK(sit.type.answers[1].name.text == "volwassenen");
  CHECK(sit.type.answers[1].label == "Volwassenen");
  CHECK(sit.help == "Uitleg");
  CHECK_FALSE(sit.askedWhen);
  const auto &age = a.questions[1];
  CHECK(age.type.kind == ww::ast::AnswerType::Kind::Range);
  CHECK(age.type.lo == 0);
  CHECK(age.type.hi == 17);
  REQUIRE(age.askedWhen);
  CHECK(age.askedWhen->kind == ExprKind::Compare);
  CHECK(age.askedWhen->subject.text == "situatie");
  CHECK(age.askedWhen->value.id == "kind");
  CHECK(a.questions[2].type.kind == ww::ast::AnswerType::Kind::YesNo);

  REQUIRE(a.parameters.size() == 1);
  REQUIRE(a.sets.size() == 1);
  CHECK(a.sets[0].value.kind == ww::ast::Value::Kind::No);
  REQUIRE(a.sets[0].citations.size() == 1);
  CHECK(a.sets[0].citations[0].locator == "art. 1");
  REQUIRE(a.defines.size() == 1);
  CHECK(a.defines[0].cond->kind == ExprKind::InSet);

  REQUIRE(a.decisions.size() == 1);
  const auto &d = a.decisions[0];
  CHECK(d.name.text == "delen");
  CHECK_FALSE(d.isExtend);
  REQUIRE(d.outcomes.size() == 2);
  const auto &ja = d.outcomes[0];
  CHECK(ja.discloses);
  CHECK(ja.withoutConsent);
  REQUIRE(ja.obligations.size() == 1);
  CHECK(ja.obligations[0].text == "vastleggen");
  REQUIRE(ja.flags.size() == 1);
  CHECK(ja.flags[0].text == "verplicht");
  REQUIRE(ja.citations.size() == 1);
  CHECK(ja.citations[0].source.text == "wjz");
  CHECK_FALSE(d.outcomes[1].discloses);

  REQUIRE(a.rules.size() == 3);
  CHECK(a.rules[0].name.text == "r1");
  CHECK(a.rules[0].outcome.text == "ja");
  CHECK(a.rules[0].cond->kind == ExprKind::And);
  CHECK(a.rules[0].obligations.size() == 1);
  CHECK(a.rules[0].citations.size() == 1);
  REQUIRE(a.rules[1].exceptionTo.size() == 2);
  CHECK(a.rules[1].exceptionTo[0].text == "r1");
  CHECK(a.rules[1].exceptionTo[1].text == "r3");
  CHECK(a.rules[1].cond->kind == ExprKind::Not);
  CHECK_FALSE(a.rules[1].isOverride);
  CHECK(a.rules[2].isOverride);
  CHECK(a.rules[2].cond->kind == ExprKind::Name);

  REQUIRE(a.assumes.size() == 1);
  CHECK(a.assumes[0].text == "geen oude kinderen");
  REQUIRE(a.properties.size() == 2);
  CHECK(a.properties[0].kind == ww::ast::PropertyDecl::Kind::Condition);
  CHECK(a.properties[0].name.text == "p1");
  CHECK(a.properties[1].kind == ww::ast::PropertyDecl::Kind::Independence);
  CHECK(a.properties[1].name.text.empty());
  CHECK(a.properties[1].decision.text == "delen");
  REQUIRE(a.properties[1].questions.size() == 1);
  CHECK(a.properties[1].cond);

  REQUIRE(a.tests.size() == 1);
  const auto &t = a.tests[0];
  CHECK(t.text == "Een kind van 8");
  REQUIRE(t.givens.size() == 3);
  CHECK(t.givens[1].value.kind == ww::ast::Value::Kind::Int);
  CHECK(t.givens[1].value.number == 8);
  CHECK(t.givens[2].value.kind == ww::ast::Value::Kind::Yes);
  REQUIRE(t.expects.size() == 1);
  REQUIRE(t.expects[0].obligations);
  CHECK(t.expects[0].obligations->size() == 1);
}

TEST_CASE("parse: spans underline the declaration, the name and the condition") {
  auto f = parseOnly(kSmall);
  REQUIRE(f->ast);
  const auto &a = *f->ast;
  CHECK(f->text(a.name.span) == "demo");
  CHECK(f->text(a.headerSpan) == "ruleset demo \"Demo\" extends basis");
  CHECK(f->text(a.questions[1].span) ==
        "question leeftijd \"Hoe oud?\" 0..17 asked when situatie == kind");
  CHECK(f->text(a.questions[1].name.span) == "leeftijd");
  CHECK(f->text(a.questions[1].type.span) == "0..17");
  CHECK(f->text(a.questions[1].askedWhen->span) == "situatie == kind");
  CHECK(f->text(a.questions[1].askedWhen->subject.span) == "situatie");
  CHECK(f->text(a.questions[1].askedWhen->value.span) == "kind");
  const auto &r1 = a.rules[0];
  CHECK(f->text(r1.span) == "rule r1 when kind_betrokken and leeftijd < 12 then ja obliges "
                            "vastleggen cite wjz \"art. 2\"");
  CHECK(f->text(r1.cond->span) == "kind_betrokken and leeftijd < 12");
  CHECK(f->text(r1.cond->children[0]->span) == "kind_betrokken");
  CHECK(f->text(r1.cond->children[1]->span) == "leeftijd < 12");
  CHECK(f->text(r1.outcome.span) == "ja");
  CHECK(f->text(r1.citations[0].span) == "cite wjz \"art. 2\"");
  CHECK(f->text(a.rules[1].exceptionTo[1].span) == "r3");
  CHECK(f->text(a.decisions[0].outcomes[1].span) == "outcome nee \"Nee\"");
  CHECK(f->text(a.tests[0].givens[0].span) == "situatie = kind");
  CHECK(f->text(a.sets[0].span) == "set politie = no cite wjz \"art. 1\"");
}

TEST_CASE("parse: operator precedence and parentheses") {
  auto f = parseOnly(R"(module m
define x = not a and b or c implies d implies e
define y = not (a and (b or c))
)");
  INFO(f->dump());
  REQUIRE(f->ast);
  const auto &x = *f->ast->defines[0].cond;
  // implies is the loosest and right-associative; not binds tighter than and, and than or.
  REQUIRE(x.kind == ExprKind::Implies);
  CHECK(f->text(x.children[0]->span) == "not a and b or c");
  CHECK(x.children[0]->kind == ExprKind::Or);
  CHECK(x.children[0]->children[0]->kind == ExprKind::And);
  CHECK(x.children[0]->children[0]->children[0]->kind == ExprKind::Not);
  CHECK(x.children[1]->kind == ExprKind::Implies);
  CHECK(f->text(x.children[1]->span) == "d implies e");
  const auto &y = *f->ast->defines[1].cond;
  REQUIRE(y.kind == ExprKind::Not);
  CHECK(y.children[0]->kind == ExprKind::And);
  CHECK(f->text(y.children[0]->span) == "(a and (b or c))");
  CHECK(y.children[0]->children[1]->kind == ExprKind::Or);
}

TEST_CASE("parse: every kind of atom") {
  auto f = parseOnly(R"(module m
define a1 = q == yes
define a2 = q != x
define a3 = n <= -3
define a4 = n not in 1..5
define a5 = s in {x, y z}
define a6 = s not in {x}
define a7 = d discloses without consent
define a8 = d discloses
define a9 = d without consent
define b1 = d obliges o
define b2 = d is f
define b3 = true
define b4 = false
define b5 = q
)");
  INFO(f->dump());
  REQUIRE(f->ast);
  const auto &ds = f->ast->defines;
  REQUIRE(ds.size() == 14);
  CHECK(ds[0].cond->kind == ExprKind::Compare);
  CHECK(ds[0].cond->value.kind == ww::ast::Value::Kind::Yes);
  CHECK(ds[1].cond->op == ww::ast::CompareOp::Ne);
  CHECK(ds[2].cond->op == ww::ast::CompareOp::Le);
  CHECK(ds[2].cond->value.number == -3);
  CHECK(ds[3].cond->kind == ExprKind::InRange);
  CHECK(ds[3].cond->negated);
  CHECK(ds[3].cond->lo == 1);
  CHECK(ds[3].cond->hi == 5);
  CHECK(ds[4].cond->kind == ExprKind::InSet);
  CHECK(ds[4].cond->values.size() == 3); // commas are optional
  CHECK_FALSE(ds[4].cond->negated);
  CHECK(ds[5].cond->negated);
  CHECK(ds[6].cond->kind == ExprKind::Discloses);
  CHECK(ds[6].cond->withoutConsent);
  CHECK_FALSE(ds[7].cond->withoutConsent);
  CHECK(ds[8].cond->kind == ExprKind::WithoutConsent);
  CHECK(ds[9].cond->kind == ExprKind::Obliges);
  CHECK(ds[9].cond->target.text == "o");
  CHECK(ds[10].cond->kind == ExprKind::Is);
  CHECK(ds[11].cond->kind == ExprKind::Bool);
  CHECK(ds[11].cond->boolValue);
  CHECK_FALSE(ds[12].cond->boolValue);
  CHECK(ds[13].cond->kind == ExprKind::Name);
  CHECK(f->ast->kind == ww::ast::File::Kind::Module);
}

TEST_CASE("parse: UTF-8 in texts is kept byte for byte, and spans after it are right") {
  std::string text = "ruleset r \"Privé — cliënt ‘één’ 🙂\"\n"
                     "question q \"Weet u het zéker?\" yes/no\n"
                     "decision d { outcome x \"Ja, ë\" }\n"
                     "rule r1 when q then x\n";
  auto f = parseOnly(text);
  INFO(f->dump());
  REQUIRE(f->ast);
  CHECK(f->ast->title == "Privé — cliënt ‘één’ 🙂");
  CHECK(f->ast->questions[0].text == "Weet u het zéker?");
  CHECK(f->ast->decisions[0].outcomes[0].text == "Ja, ë");
  CHECK(f->text(f->ast->rules[0].span) == "rule r1 when q then x");
  CHECK(f->text(f->ast->questions[0].name.span) == "q");
  CHECK(f->text(f->ast->decisions[0].outcomes[0].span) == "outcome x \"Ja, ë\"");
}

TEST_CASE("parse: escapes in texts") {
  auto f = parseOnly("ruleset r \"a \\\"b\\\" c\\\\d\\ne\"\n");
  REQUIRE(f->ast);
  CHECK(f->ast->title == "a \"b\" c\\d\ne");
}

TEST_CASE("parse: CRLF line ends and comments are ignored, spans stay right") {
  std::string text = "// a comment\r\n"
                     "ruleset r /* block\r\n comment */ \"T\"\r\n"
                     "question q \"Q?\" yes/no // trailing\r\n"
                     "decision d {\r\n  outcome x \"X\"\r\n}\r\n"
                     "rule r1 when /* inside */ q then x\r\n";
  auto f = parseOnly(text);
  INFO(f->dump());
  REQUIRE(f->ast);
  CHECK(f->errors() == 0);
  CHECK(f->ast->title == "T");
  CHECK(f->text(f->ast->questions[0].span) == "question q \"Q?\" yes/no");
  CHECK(f->text(f->ast->rules[0].span) == "rule r1 when /* inside */ q then x");
  CHECK(f->text(f->ast->rules[0].cond->span) == "q");
  CHECK(f->text(f->ast->decisions[0].span) == "decision d {\r\n  outcome x \"X\"\r\n}");
  // Line and column of the rule: line 8 (1-based), column 1.
  auto lc = f->sources.file(f->file).lineCol(f->ast->rules[0].span.begin);
  CHECK(lc.line == 8);
  CHECK(lc.column == 1);
  CHECK(f->sources.file(f->file).line(8) == "rule r1 when /* inside */ q then x");
}

TEST_CASE("parse: a syntax error is E0003 and underlines the offending token") {
  auto f = parseOnly("ruleset r\nquestion q \"Q?\" yes/no\nrule r1 when q then then x\n");
  REQUIRE(f->ast);
  CHECK(f->ast->syntaxErrors);
  auto errs = f->withCode("E0003");
  REQUIRE(!errs.empty());
  CHECK(errs[0].message == "syntax error: unexpected `then`");
  CHECK(f->text(errs[0].span) == "then");
  CHECK(f->sources.file(f->file).lineCol(errs[0].span.begin).line == 3);
  CHECK(f->sources.file(f->file).lineCol(errs[0].span.begin).column == 21);
}

TEST_CASE("parse: a missing token names what was expected") {
  auto f = parseOnly("ruleset r\nrule r1 when a == then x\n");
  REQUIRE(f->ast);
  CHECK(f->ast->syntaxErrors);
  auto errs = f->withCode("E0003");
  REQUIRE(!errs.empty());
  CHECK(errs[0].message.rfind("syntax error: ", 0) == 0);
  CHECK(f->text(errs[0].span) == "then");
}

TEST_CASE("parse: a bad character and an unterminated text") {
  auto f = parseOnly("ruleset r\nrule r1 when a # b then x\n");
  REQUIRE(f->ast);
  CHECK(f->ast->syntaxErrors);
  auto errs = f->withCode("E0003");
  REQUIRE(!errs.empty());
  CHECK(errs[0].message == "syntax error: unexpected character `#`");
  CHECK(f->text(errs[0].span) == "#");

  auto g = parseOnly("ruleset r \"unterminated\nquestion q \"Q\" yes/no\n");
  REQUIRE(g->ast);
  CHECK(g->ast->syntaxErrors);
  auto gerrs = g->withCode("E0003");
  REQUIRE(!gerrs.empty());
  CHECK(gerrs[0].message ==
        "syntax error: unterminated text: a `\"` without its closing `\"` on the same line");
  CHECK(g->text(gerrs[0].span) == "\"");
}

TEST_CASE("parse: a non-ASCII bad character is underlined whole") {
  auto f = parseOnly("ruleset r\nrule r1 when a → b then x\n");
  REQUIRE(f->ast);
  CHECK(f->ast->syntaxErrors);
  auto errs = f->withCode("E0003");
  REQUIRE(!errs.empty());
  CHECK(errs[0].message == "syntax error: unexpected character `→`");
  CHECK(f->text(errs[0].span) == "→");
}

TEST_CASE("parse: an unexpected end of file") {
  auto f = parseOnly("ruleset r\nrule r1 when a");
  REQUIRE(f->ast);
  CHECK(f->ast->syntaxErrors);
  auto errs = f->withCode("E0003");
  REQUIRE(!errs.empty());
  CHECK(errs.back().message == "syntax error: unexpected end of file");
}

TEST_CASE("parse: the parser recovers and reports several errors") {
  auto f = parseOnly(
      "ruleset r\nrule a1 when then x\nquestion q \"Q\" yes/no\nrule a2 when q then then y\n");
  REQUIRE(f->ast);
  CHECK(f->ast->syntaxErrors);
  auto errs = f->withCode("E0003");
  CHECK(errs.size() >= 2);
}

TEST_CASE("parse: a declaration with a syntax error is left out, the others are kept") {
  auto f = parseOnly("ruleset r\nquestion q \"Q?\" yes/no\nrule r1 when q == then x\n"
                     "decision d { outcome x \"X\" outcome \"Y\" }\nrule r2 when q then x\n");
  REQUIRE(f->ast);
  CHECK(f->ast->syntaxErrors);
  CHECK(f->withCode("E0003").size() == 2);
  REQUIRE(f->ast->questions.size() == 1);
  REQUIRE(f->ast->rules.size() == 1);
  CHECK(f->ast->rules[0].name.text == "r2");
  CHECK(f->ast->decisions.empty());
  CHECK(f->ast->dropped == std::vector<std::string>{"r1", "d", "x"});
}

TEST_CASE("parse: a header that does not parse gives no syntax tree") {
  auto f = parseOnly("ruleset \"r\"\nquestion q \"Q?\" yes/no\n");
  CHECK_FALSE(f->ast);
  CHECK(f->withCode("E0003").size() == 1);
}

TEST_CASE("parse: empty, blank, NUL and invalid UTF-8 files") {
  auto empty = parseOnly("");
  CHECK_FALSE(empty->ast);
  REQUIRE(empty->withCode("E0001").size() == 1);
  CHECK(empty->withCode("E0001")[0].message == "empty file: expected `module` or `ruleset`");

  auto blank = parseOnly("  \r\n\t\n");
  CHECK_FALSE(blank->ast);
  CHECK(blank->withCode("E0001").size() == 1);

  auto nul = parseOnly(std::string("ruleset r\0", 10));
  CHECK_FALSE(nul->ast);
  CHECK(nul->withCode("E0002").size() == 1);

  auto bad = parseOnly("ruleset r \"caf\xe9\"\n");
  CHECK_FALSE(bad->ast);
  REQUIRE(bad->withCode("E0002").size() == 1);
  CHECK(bad->withCode("E0002")[0].message == "invalid UTF-8 at byte 14");

  auto comment = parseOnly("// only a comment\n");
  CHECK_FALSE(comment->ast);
  CHECK(comment->withCode("E0003").size() == 1);
}

TEST_CASE("parse: conditions nested too deeply are E0004, not a crash") {
  std::string cond(300, '(');
  cond += "a";
  cond += std::string(300, ')');
  auto f = parseOnly("ruleset r\nrule r1 when " + cond + " then x\n");
  CHECK_FALSE(f->ast);
  REQUIRE(f->withCode("E0004").size() == 1);
  CHECK(f->text(f->withCode("E0004")[0].span) == "(");

  std::string nots;
  for (int i = 0; i < 300; ++i)
    nots += "not(";
  auto g = parseOnly("ruleset r\nrule r1 when " + nots + "a" + std::string(300, ')') + " then x\n");
  CHECK_FALSE(g->ast);
  CHECK(g->withCode("E0004").size() == 1);

  std::string ok(150, '(');
  ok += "a";
  ok += std::string(150, ')');
  auto h = parseOnly("ruleset r\nrule r1 when " + ok + " then x\n");
  CHECK(h->ast);
}

TEST_CASE("parse: a keyword where a name is expected") {
  auto f = parseOnly("ruleset r\nquestion rule \"Q\" yes/no\n");
  REQUIRE(f->ast);
  CHECK(f->ast->syntaxErrors);
  auto errs = f->withCode("E0003");
  REQUIRE(!errs.empty());
  CHECK(f->text(errs[0].span) == "rule");
}

TEST_CASE("parse: module header and extend decision") {
  auto f = parseOnly("module basis \"Basis\"\nextend decision d { outcome y \"Y\" }\n");
  REQUIRE(f->ast);
  CHECK(f->ast->kind == ww::ast::File::Kind::Module);
  CHECK_FALSE(f->ast->base);
  REQUIRE(f->ast->decisions.size() == 1);
  CHECK(f->ast->decisions[0].isExtend);
  CHECK(f->ast->decisions[0].text.empty());
}

TEST_CASE("parse: a long run of `not`s separated by spaces is E0004") {
  // Hidden tokens (whitespace, comments) must not reset the count of a run of `not`s.
  std::string nots;
  for (int i = 0; i < 300; ++i)
    nots += "not /* c */ ";
  auto g = parseOnly("ruleset r\nrule r1 when " + nots + "a then x\n");
  CHECK_FALSE(g->ast);
  REQUIRE(g->withCode("E0004").size() == 1);
  CHECK(g->text(g->withCode("E0004")[0].span) == "not");
}

TEST_CASE("parse: a byte-order mark shifts no span") {
  auto f = parseOnly("\xEF\xBB\xBFruleset r\nrule a when q then x\n");
  REQUIRE(f->ast);
  CHECK(f->text(f->ast->name.span) == "r");
  auto ok = parseOnly("\xEF\xBB\xBFruleset r é");
  auto errs = ok->withCode("E0003");
  REQUIRE(errs.size() == 1);
  CHECK(ok->text(errs[0].span) == "é");

  auto onlyMark = parseOnly("\xEF\xBB\xBF");
  CHECK(onlyMark->withCode("E0001").size() == 1);
}

TEST_CASE("parse: surrogates and code points past U+10FFFF are E0002, not an exception") {
  for (std::string bytes : {"\xED\xA0\x80", "\xF7\x9A\x8B\x8B", "\xE0\x80\xAF", "\xF4\x90\x80\x80"}) {
    auto f = parseOnly("ruleset r \"t" + bytes + "\"\n");
    CHECK_FALSE(f->ast);
    auto errs = f->withCode("E0002");
    REQUIRE(errs.size() == 1);
    CHECK(errs[0].message == "invalid UTF-8 at byte 12");
  }
}

TEST_CASE("parse: a quoted token is cut on a character boundary") {
  auto f = parseOnly("ruleset r \"t\" \"" + std::string(38, 'a') + "ééé\"\n");
  auto errs = f->withCode("E0003");
  REQUIRE(errs.size() == 1);
  std::size_t bad = 0;
  CHECK(ww::isValidUtf8(errs[0].message, bad));
  CHECK(errs[0].message == "syntax error: unexpected `\"" + std::string(38, 'a') + "…`");
}

TEST_CASE("parse: an answer's replaces clause, with and without a reason") {
  auto f = wwtest::parseOnly(R"(ruleset x "X"
question q "Q?" one of {
  vt "Veilig Thuis" valid from 2015-01-01 replaces amk, steunpunt "Samen Veilig Thuis"
  gi "GI" replaces bjz
  raad "De Raad"
}
)");
  REQUIRE(f->ast);
  CHECK(f->errors() == 0);
  const auto &answers = f->ast->questions.at(0).type.answers;
  REQUIRE(answers.size() == 3);
  const ww::ast::Replaces &vt = answers[0].replaces;
  CHECK(vt.written());
  REQUIRE(vt.names.size() == 2);
  CHECK(f->text(vt.names[0].span) == "amk");
  CHECK(f->text(vt.names[1].span) == "steunpunt");
  CHECK(vt.reason == "Samen Veilig Thuis");
  CHECK(f->text(vt.span) == "replaces amk, steunpunt \"Samen Veilig Thuis\"");
  CHECK(answers[1].replaces.names.size() == 1);
  CHECK(answers[1].replaces.reason.empty());
  // `raad` after `bjz` (no comma) is the next answer, not a name replaced.
  CHECK(answers[2].name.text == "raad");
  CHECK_FALSE(answers[2].replaces.written());
  // `replaces` is a keyword.
  CHECK(wwtest::parseOnly("ruleset replaces \"X\"\n")->errors() == 1);
}
