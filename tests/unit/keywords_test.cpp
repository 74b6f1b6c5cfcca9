// Dutch keywords (docs/language.md#dutch-keywords): the set of a file, the same syntax tree for
// both spellings, `fmt --keywords` there and back, and the errors E0011 and E0012.
#include <doctest/doctest.h>

#include "compiler/parse/format.h"
#include "compiler/parse/keywords.h"
#include "helpers.h"

using ww::parse::KeywordSet;
using ww::parse::keywordSetOf;
using wwtest::parseOnly;

namespace {

// Every keyword of the language at least once.
const char *kEnglish = R"(ruleset demo "Demo" extends basis valid from 2009-01-01

source wjz "Wet op de jeugdzorg" valid until 2015-01-01
obligation vastleggen "Leg vast."
flag verplicht "Verplicht"
question situatie "Waar gaat het over?" one of {
  kind "Een kind"
  amk "AMK" valid until 2015-01-01
  veilig_thuis "Veilig Thuis" valid from 2015-01-01 replaces amk "opgevolgd"
}
  help "Uitleg"
question leeftijd "Hoe oud?" 0..17 asked when situatie == kind
override question toestemming "Toestemming?" yes/no
parameter politie "Politie?" yes/no
set politie = no cite wjz "art. 1"
override define kind_betrokken "Een kind" = situatie in {kind} and leeftijd not in 18..20
extend decision delen "Mag ik delen?" {
  outcome mag "Ja" discloses without consent obliges vastleggen is verplicht cite wjz "art. 53"
  outcome mag_niet "Nee" valid from 2010-01-01 until 2020-01-01
}
rule r1 when kind_betrokken and leeftijd < 12 or true then mag obliges vastleggen cite wjz "art. 2"
rule r2 exception to r1, r3 when not toestemming and false then mag_niet
override rule r3 when toestemming implies politie == yes then mag_niet
assume "geen oude kinderen": leeftijd <= 17
property p1 "Altijd ja": delen == mag
property "Deelt vastgelegd": delen discloses without consent implies delen obliges vastleggen
property "Zonder": delen without consent implies delen discloses and delen is verplicht
property "Los van toestemming": delen does not depend on toestemming where situatie == kind
test "Een kind van 8" as of 2016-01-01 {
  given situatie = kind, leeftijd = 8, toestemming = yes
  expect mag obliges vastleggen
}
)";

std::string format(const std::string &text, std::optional<KeywordSet> set, ww::DiagnosticSink *out = nullptr) {
  auto f = parseOnly(text);
  auto formatted = ww::parse::formatFile(f->sources.file(f->file), f->sink, set);
  if (out)
    for (const auto &d : f->sink.all())
      out->report(d);
  INFO(f->dump());
  return formatted ? *formatted : std::string();
}

// Every help line of the file's diagnostics, one a line.
std::string helps(const wwtest::Front &f) {
  std::string out;
  for (const auto &d : f.sink.all())
    for (const auto &h : d.help)
      out += h + "\n";
  return out;
}

std::vector<std::string> codes(const std::string &text) {
  auto f = parseOnly(text);
  std::vector<std::string> out;
  for (const auto &d : f->sink.all())
    out.push_back(d.code);
  return out;
}

} // namespace

TEST_CASE("keywords: a file's set is decided by its first keyword that the sets spell differently") {
  CHECK(keywordSetOf("ruleset a") == KeywordSet::English);
  CHECK(keywordSetOf("// kop\nregelset a") == KeywordSet::Dutch);
  CHECK(keywordSetOf("module m") == KeywordSet::English);
  CHECK(keywordSetOf("module m \"M\" extends b") == KeywordSet::English);
  CHECK(keywordSetOf("module m \"M\" bouwt voort op b") == KeywordSet::Dutch);
  CHECK(keywordSetOf("module m geldig vanaf 2015-01-01") == KeywordSet::Dutch);
  CHECK(keywordSetOf("module m vraag q \"Q\" ja/nee") == KeywordSet::Dutch);
  CHECK(keywordSetOf("module m in afwijking van regel r als a dan b") == KeywordSet::Dutch);
  CHECK(keywordSetOf("module m parameter p \"P\" ja/nee") == KeywordSet::Dutch);
  CHECK(keywordSetOf("module m parameter p \"P\" yes/no") == KeywordSet::English);
  // A range is the same in both sets: the next declaration decides.
  CHECK(keywordSetOf("module m parameter p \"P\" 0..5 regel r als p == 1 dan x") == KeywordSet::Dutch);
  CHECK(keywordSetOf("module m test \"t\" { gegeven a = 1 verwacht x }") == KeywordSet::Dutch);
  CHECK(keywordSetOf("module m test \"t\" per 2015-01-01 { }") == KeywordSet::Dutch);
  CHECK(keywordSetOf("module m test \"t\" { given a = 1 expect x }") == KeywordSet::English);
  // A Dutch word where a name stands does not make a file Dutch.
  CHECK(keywordSetOf("module regel question als \"Q\" yes/no") == KeywordSet::English);
}

TEST_CASE("keywords: both spellings give the same syntax tree, and fmt converts there and back") {
  std::string english = format(kEnglish, std::nullopt);
  REQUIRE_FALSE(english.empty());
  std::string dutch = format(english, KeywordSet::Dutch);
  REQUIRE_FALSE(dutch.empty());
  INFO(dutch);
  CHECK(dutch.find("regelset demo \"Demo\" bouwt voort op basis geldig vanaf 2009-01-01") == 0);
  CHECK(dutch.find("regel r2 uitzondering op r1, r3 als niet toestemming en onwaar dan mag_niet") !=
        std::string::npos);
  CHECK(dutch.find("test \"Een kind van 8\" per 2016-01-01 {") != std::string::npos);
  CHECK(dutch.find("hangt niet af van toestemming zolang") != std::string::npos);
  CHECK(dutch.find("deelt informatie zonder toestemming verplicht tot vastleggen is verplicht") !=
        std::string::npos);
  CHECK(keywordSetOf(dutch) == KeywordSet::Dutch);

  auto en = parseOnly(english), nl = parseOnly(dutch);
  REQUIRE(en->ast);
  REQUIRE(nl->ast);
  CHECK(en->errors() == 0);
  CHECK(nl->errors() == 0);
  CHECK(ww::ast::dump(*nl->ast) == ww::ast::dump(*en->ast));

  // The Dutch file is in fmt's layout, and stays Dutch without --keywords.
  CHECK(format(dutch, std::nullopt) == dutch);
  CHECK(format(dutch, KeywordSet::Dutch) == dutch);
  CHECK(format(dutch, KeywordSet::English) == english);
}

TEST_CASE("keywords: the words of a Dutch keyword of several words are names elsewhere") {
  auto f = parseOnly("regelset a\nvraag toestemming \"T\" ja/nee\naanduiding verplicht \"V\"\n"
                     "vraag zonder \"Z\" ja/nee\n");
  INFO(f->dump());
  REQUIRE(f->ast);
  CHECK(f->errors() == 0);
  REQUIRE(f->ast->questions.size() == 2);
  CHECK(f->ast->questions[0].name.text == "toestemming");
  CHECK(f->ast->questions[1].name.text == "zonder");
}

TEST_CASE("keywords: a keyword of the other set is E0011, with the keyword to write") {
  auto en = parseOnly("ruleset a\nquestion q \"Q\" yes/no\nregel r als q dan x\n");
  CHECK(en->dump().find("E0011 `regel` is a Dutch keyword") != std::string::npos);
  CHECK(en->dump().find("[regel]") != std::string::npos);
  CHECK(helps(*en).find("write `rule` here") != std::string::npos);
  auto nl = parseOnly("regelset a\nvraag q \"Q\" ja/nee\nrule r when q then x\n");
  CHECK(nl->dump().find("E0011 `rule` is an English keyword") != std::string::npos);
  CHECK(helps(*nl).find("write `regel` here") != std::string::npos);
  // The other set's words are names where a name stands: no error.
  CHECK(codes("ruleset a\nquestion regel \"Q\" yes/no\n").empty());
  CHECK(codes("regelset a\nvraag rule \"Q\" ja/nee\n").empty());
}

TEST_CASE("keywords: a Dutch file's syntax errors expect Dutch keywords") {
  auto f = parseOnly("regelset a\nvraag q \"Q\" ja/nee\nregel r als q x\n");
  INFO(f->dump());
  CHECK(f->dump().find("`dan`") != std::string::npos);
  CHECK(f->dump().find("`then`") == std::string::npos);
}

TEST_CASE("keywords: fmt --keywords refuses a name that would become a keyword (E0012)") {
  ww::DiagnosticSink sink;
  CHECK(format("ruleset a\nquestion als \"Q\" yes/no\n", KeywordSet::Dutch, &sink).empty());
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].code == "E0012");
  CHECK(sink.all()[0].message.find("`als`") != std::string::npos);

  ww::DiagnosticSink phrase;
  CHECK(format("ruleset a\nquestion q \"Q\" yes/no\ndecision d { outcome x \"X\" }\n"
               "rule gesteld when q then x\n",
               KeywordSet::Dutch, &phrase)
            .empty());
  REQUIRE(phrase.all().size() == 1);
  CHECK(phrase.all()[0].message.find("`gesteld als`") != std::string::npos);

  ww::DiagnosticSink back;
  CHECK(format("regelset a\nvraag rule \"Q\" ja/nee\n", KeywordSet::English, &back).empty());
  REQUIRE(back.all().size() == 1);
  CHECK(back.all()[0].code == "E0012");
}
