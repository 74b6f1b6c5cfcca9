// The Dutch keywords (docs/language.md#dutch-keywords): one table, read by the parser, the
// formatter (`fmt --keywords`) and the language server.

#include "compiler/parse/keyword_set.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace ww::parse {
namespace kw {
namespace {

using L = gen::WegwijzerLexer;

struct Entry {
  const char *english; ///< one word per English token
  std::vector<std::size_t> types;
  std::vector<std::pair<std::size_t, std::string>> dutch;
};

// In the order of docs/language.md. The words follow docs/glossary.md.
const std::vector<Entry> &entries() {
  static const std::vector<Entry> table = {
      {"ruleset", {L::RULESET}, {{L::RULESET, "regelset"}}},
      {"module", {L::MODULE}, {{L::MODULE, "module"}}},
      {"extends", {L::EXTENDS}, {{L::EXTENDS, "bouwt voort op"}}},
      {"override", {L::OVERRIDE}, {{L::OVERRIDE, "in afwijking van"}}},
      {"extend", {L::EXTEND}, {{L::EXTEND, "aanvulling op"}}},
      {"source", {L::SOURCE}, {{L::SOURCE, "bron"}}},
      {"cite", {L::CITE}, {{L::CITE, "verwijst naar"}}},
      {"question", {L::QUESTION}, {{L::QUESTION, "vraag"}}},
      {"yes/no", {L::YESNO}, {{L::YESNO, "ja/nee"}}},
      {"one of", {L::ONE, L::OF}, {{L::ONE, "een"}, {L::OF, "van"}}},
      {"replaces", {L::REPLACES}, {{L::REPLACES, "vervangt"}}},
      {"asked when", {L::ASKED, L::WHEN}, {{L::ASKED, "gesteld"}, {L::WHEN, "als"}}},
      {"help", {L::HELP}, {{L::HELP, "toelichting"}}},
      {"parameter", {L::PARAMETER}, {{L::PARAMETER, "parameter"}}},
      {"set", {L::SET}, {{L::SET, "vul in"}}},
      {"obligation", {L::OBLIGATION}, {{L::OBLIGATION, "verplichting"}}},
      {"flag", {L::FLAG}, {{L::FLAG, "aanduiding"}}},
      {"define", {L::DEFINE}, {{L::DEFINE, "begrip"}}},
      {"decision", {L::DECISION}, {{L::DECISION, "beslissing"}}},
      {"outcome", {L::OUTCOME}, {{L::OUTCOME, "uitkomst"}}},
      {"obliges", {L::OBLIGES}, {{L::OBLIGES, "verplicht tot"}}},
      {"discloses", {L::DISCLOSES}, {{L::DISCLOSES, "deelt informatie"}}},
      {"without consent",
       {L::WITHOUT, L::CONSENT},
       {{L::WITHOUT, "zonder"}, {L::CONSENT, "toestemming"}}},
      {"is", {L::IS}, {{L::IS, "is"}}},
      {"rule", {L::RULE}, {{L::RULE, "regel"}}},
      {"exception to", {L::EXCEPTION, L::TO}, {{L::EXCEPTION, "uitzondering"}, {L::TO, "op"}}},
      {"when", {L::WHEN}, {{L::WHEN, "als"}}},
      {"then", {L::THEN}, {{L::THEN, "dan"}}},
      {"assume", {L::ASSUME}, {{L::ASSUME, "aanname"}}},
      {"property", {L::PROPERTY}, {{L::PROPERTY, "eis"}}},
      {"does not depend on",
       {L::DOES, L::NOT, L::DEPEND, L::ON},
       {{L::DOES, "hangt"}, {L::NOT, "niet"}, {L::DEPEND, "af"}, {L::ON, "van"}}},
      {"where", {L::WHERE}, {{L::WHERE, "zolang"}}},
      {"test", {L::TEST}, {{L::TEST, "test"}}},
      {"as of", {L::AS, L::OF}, {{kPer, "per"}}},
      {"given", {L::GIVEN}, {{L::GIVEN, "gegeven"}}},
      {"expect", {L::EXPECT}, {{L::EXPECT, "verwacht"}}},
      {"valid from", {L::VALID, L::FROM}, {{L::VALID, "geldig"}, {L::FROM, "vanaf"}}},
      {"valid until", {L::VALID, L::UNTIL}, {{L::VALID, "geldig"}, {L::UNTIL, "tot"}}},
      {"until", {L::UNTIL}, {{L::UNTIL, "tot"}}},
      {"not", {L::NOT}, {{L::NOT, "niet"}}},
      {"and", {L::AND}, {{L::AND, "en"}}},
      {"or", {L::OR}, {{L::OR, "of"}}},
      {"implies", {L::IMPLIES}, {{L::IMPLIES, "impliceert"}}},
      {"in", {L::IN}, {{L::IN, "in"}}},
      {"yes", {L::YES}, {{L::YES, "ja"}}},
      {"no", {L::NO}, {{L::NO, "nee"}}},
      {"true", {L::TRUE}, {{L::TRUE, "waar"}}},
      {"false", {L::FALSE}, {{L::FALSE, "onwaar"}}},
  };
  return table;
}

std::vector<std::string> words(const std::string &text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t space = text.find(' ', at);
    if (space == std::string::npos)
      space = text.size();
    out.push_back(text.substr(at, space - at));
    at = space + 1;
  }
  return out;
}

// A Dutch keyword of several words, as the words of a file are matched against it.
struct Phrase {
  std::vector<std::string> words;
  std::vector<std::pair<std::size_t, std::size_t>> tokens; ///< type, number of words
};

struct Lexicon {
  std::map<std::string, std::size_t> dutchSingle;   ///< a Dutch keyword of one word
  std::map<std::string, std::vector<Phrase>> phrases; ///< by first word, longest first
  std::set<std::string> dutchFirst;                 ///< every Dutch keyword's first word
  std::set<std::string> englishWords;               ///< every English keyword's words
  std::map<std::size_t, std::string> english, dutch; ///< a type's text in each set
  std::map<std::string, std::string> englishOfDutch, dutchOfEnglish;
};

const Lexicon &lexicon() {
  static const Lexicon lex = [] {
    Lexicon x;
    for (const Entry &e : entries()) {
      std::vector<std::string> en = words(e.english);
      for (std::size_t k = 0; k < en.size(); ++k) {
        x.englishWords.insert(en[k]);
        x.english.emplace(e.types[k], en[k]);
      }
      Phrase p;
      for (const auto &[type, text] : e.dutch) {
        std::vector<std::string> ws = words(text);
        p.words.insert(p.words.end(), ws.begin(), ws.end());
        p.tokens.emplace_back(type, ws.size());
        x.dutch.emplace(type, text);
      }
      x.dutchFirst.insert(p.words.front());
      x.englishOfDutch.emplace(p.words.front(), e.english);
      x.dutchOfEnglish.emplace(en.front(), "");
      std::string dutchText;
      for (const auto &[type, text] : e.dutch)
        dutchText += (dutchText.empty() ? "" : " ") + text;
      if (x.dutchOfEnglish[en.front()].empty())
        x.dutchOfEnglish[en.front()] = dutchText;
      if (p.words.size() == 1 && p.words.front() != "ja/nee")
        x.dutchSingle.emplace(p.words.front(), p.tokens.front().first);
      else
        x.phrases[p.words.front()].push_back(p);
    }
    for (auto &[first, list] : x.phrases)
      std::stable_sort(list.begin(), list.end(), [](const Phrase &a, const Phrase &b) {
        return a.words.size() > b.words.size();
      });
    x.english[kPer] = "as of";
    return x;
  }();
  return lex;
}

bool isWord(antlr4::Token *t) {
  std::string text = t->getText();
  return t->getType() != antlr4::Token::EOF && !text.empty() &&
         (std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_') &&
         t->getType() != L::YESNO;
}

bool blank(const std::string &s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
  });
}

// Whether the Dutch phrase `p` is written at token i: its words one after the other with only
// whitespace between.
bool matches(antlr4::CommonTokenStream &tokens, antlr4::CharStream &input, std::size_t i,
             const Phrase &p) {
  if (i + p.words.size() > tokens.size())
    return false;
  for (std::size_t k = 0; k < p.words.size(); ++k) {
    antlr4::Token *t = tokens.get(i + k);
    if (!isWord(t) || t->getText() != p.words[k])
      return false;
    if (k > 0) {
      std::size_t from = tokens.get(i + k - 1)->getStopIndex() + 1, to = t->getStartIndex();
      if (to > from && !blank(input.getText(antlr4::misc::Interval(from, to - 1))))
        return false;
    }
  }
  return true;
}

// `ja/nee`: three tokens with nothing between them.
bool yesNoAt(antlr4::CommonTokenStream &tokens, std::size_t i) {
  if (i + 2 >= tokens.size())
    return false;
  antlr4::Token *a = tokens.get(i), *slash = tokens.get(i + 1), *b = tokens.get(i + 2);
  return a->getText() == "ja" && slash->getText() == "/" && b->getText() == "nee" &&
         slash->getStartIndex() == a->getStopIndex() + 1 &&
         b->getStartIndex() == slash->getStopIndex() + 1;
}

} // namespace

const std::vector<Unit> &units() {
  static const std::vector<Unit> list = [] {
    std::vector<Unit> out;
    for (const Entry &e : entries())
      out.push_back({e.types, e.dutch});
    return out;
  }();
  return list;
}

std::string spelling(std::size_t type, KeywordSet set) {
  const Lexicon &x = lexicon();
  const auto &map = set == KeywordSet::English ? x.english : x.dutch;
  auto it = map.find(type);
  return it == map.end() ? std::string() : it->second;
}

bool otherSetKeyword(const std::string &word, KeywordSet fileSet) {
  const Lexicon &x = lexicon();
  if (fileSet == KeywordSet::English)
    return x.dutchFirst.count(word) > 0 || word == "ja";
  return x.englishWords.count(word) > 0 && !x.dutchSingle.count(word) &&
         !x.dutchFirst.count(word);
}

std::string dutchToken(const std::string &englishWord) {
  const Lexicon &x = lexicon();
  if (englishWord == "as")
    return "per";
  for (const auto &[type, text] : x.english)
    if (text == englishWord) {
      auto it = x.dutch.find(type);
      return it == x.dutch.end() ? std::string() : it->second;
    }
  return "";
}

std::string englishOf(const std::string &dutchWord) {
  const Lexicon &x = lexicon();
  auto it = x.englishOfDutch.find(dutchWord);
  return it == x.englishOfDutch.end() ? std::string() : it->second;
}

std::string dutchOf(const std::string &englishWord) {
  const Lexicon &x = lexicon();
  auto it = x.dutchOfEnglish.find(englishWord);
  return it == x.dutchOfEnglish.end() ? std::string() : it->second;
}

KeywordSet decide(antlr4::CommonTokenStream &tokens, antlr4::CharStream &input) {
  const Lexicon &x = lexicon();
  std::size_t n = tokens.size();
  auto type = [&](std::size_t i) { return i < n ? tokens.get(i)->getType() : antlr4::Token::EOF; };
  auto text = [&](std::size_t i) { return i < n ? tokens.get(i)->getText() : std::string(); };
  // Whether a Dutch keyword (of one word or more) is written at i.
  auto dutchAt = [&](std::size_t i) {
    if (i >= n || !isWord(tokens.get(i)))
      return false;
    if (yesNoAt(tokens, i))
      return true;
    if (auto it = x.phrases.find(text(i)); it != x.phrases.end())
      for (const Phrase &p : it->second)
        if (matches(tokens, input, i, p))
          return true;
    return type(i) == L::ID && x.dutchSingle.count(text(i)) > 0;
  };
  if (type(0) == L::RULESET)
    return KeywordSet::English;
  if (type(0) == L::ID && text(0) == "regelset")
    return KeywordSet::Dutch;
  if (type(0) != L::MODULE)
    return KeywordSet::English;
  // A module: the first keyword after its name and title that the sets spell differently.
  std::size_t i = 2;
  if (type(i) == L::STRING)
    ++i;
  while (i < n && type(i) != antlr4::Token::EOF) {
    if (type(i) == L::PARAMETER) { // `parameter NAME "text"` and its answers
      i += 2;
      if (type(i) == L::STRING)
        ++i;
      if (type(i) == L::MINUS || type(i) == L::INT) { // a range: the same in both sets
        while (type(i) == L::MINUS || type(i) == L::INT || type(i) == L::RANGE)
          ++i;
        continue;
      }
    } else if (type(i) == L::TEST) { // `test "text" {` and its first clause
      ++i;
      if (type(i) == L::STRING)
        ++i;
      if (type(i) == L::LBRACE)
        ++i;
    }
    if (dutchAt(i))
      return KeywordSet::Dutch;
    return KeywordSet::English;
  }
  return KeywordSet::English;
}

void retypeDutch(antlr4::CommonTokenStream &tokens, antlr4::CharStream &input) {
  const Lexicon &x = lexicon();
  std::size_t n = tokens.size();
  for (std::size_t i = 0; i < n; ++i) {
    auto *t = dynamic_cast<antlr4::CommonToken *>(tokens.get(i));
    if (!t)
      continue;
    if (t->getType() == L::YESNO) { // `yes/no`: English, so neither a keyword nor a name here
      t->setType(L::UNKNOWN_CHAR);
      continue;
    }
    if (!isWord(t))
      continue;
    if (yesNoAt(tokens, i)) {
      auto *last = tokens.get(i + 2);
      t->setType(L::YESNO);
      t->setStopIndex(last->getStopIndex());
      t->setText("ja/nee");
      for (std::size_t k = 1; k <= 2; ++k)
        if (auto *h = dynamic_cast<antlr4::CommonToken *>(tokens.get(i + k)))
          h->setChannel(antlr4::Token::HIDDEN_CHANNEL);
      i += 2;
      continue;
    }
    bool done = false;
    if (auto it = x.phrases.find(t->getText()); it != x.phrases.end()) {
      for (const Phrase &p : it->second) {
        if (!matches(tokens, input, i, p))
          continue;
        std::size_t at = i;
        for (const auto &[type, count] : p.tokens) {
          auto *first = dynamic_cast<antlr4::CommonToken *>(tokens.get(at));
          std::string text = first->getText();
          for (std::size_t k = 1; k < count; ++k) {
            auto *more = dynamic_cast<antlr4::CommonToken *>(tokens.get(at + k));
            text += " " + more->getText();
            first->setStopIndex(more->getStopIndex());
            more->setChannel(antlr4::Token::HIDDEN_CHANNEL);
          }
          first->setType(type);
          first->setText(text);
          at += count;
        }
        i = at - 1;
        done = true;
        break;
      }
    }
    if (done)
      continue;
    auto single = x.dutchSingle.find(t->getText());
    t->setType(single != x.dutchSingle.end() ? single->second : std::size_t{L::ID});
  }
  tokens.seek(0);
}

} // namespace kw

const char *keywordSetName(KeywordSet set) { return set == KeywordSet::English ? "en" : "nl"; }

const std::vector<KeywordSpelling> &keywordSpellings() {
  static const std::vector<KeywordSpelling> list = [] {
    std::vector<KeywordSpelling> out;
    for (const kw::Entry &e : kw::entries()) {
      std::string dutch;
      for (const auto &[type, text] : e.dutch)
        dutch += (dutch.empty() ? "" : " ") + text;
      out.push_back({e.english, dutch});
    }
    return out;
  }();
  return list;
}

KeywordSet keywordSetOf(const std::string &text) {
  antlr4::ANTLRInputStream input(text);
  gen::WegwijzerLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  return kw::decide(tokens, input);
}

bool reservedWord(const std::string &word, KeywordSet set) {
  const kw::Lexicon &x = kw::lexicon();
  return set == KeywordSet::English ? x.englishWords.count(word) > 0
                                    : x.dutchSingle.count(word) > 0;
}

} // namespace ww::parse
