// The canonical layout (docs/fmt.md). Works on the token stream, comments included, so that
// nothing but whitespace can change; the result is lexed again and compared to be sure. The
// tokens are read along the grammar into a document (pretty.h) that says where a line may
// break and how deep the next one is indented; the printer breaks what does not fit in 100
// columns.

#include "compiler/parse/format.h"

#include "compiler/parse/formatter.h"
#include "compiler/parse/keyword_set.h"
#include "compiler/parse/offsets.h"
#include "compiler/parse/parse.h"
#include "compiler/support/i18n.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace ww::parse {
namespace layout {

constexpr std::size_t kWidth = 100;

namespace {

// The lexer skips whitespace and comments (dsl/Wegwijzer.g4), so they are read back from the
// text between two tokens, which holds nothing else.
void gap(const std::string &between, std::vector<Tok> &out, int &newlines) {
  std::size_t i = 0;
  while (i < between.size()) {
    if (between.compare(i, 2, "//") == 0 || between.compare(i, 2, "/*") == 0) {
      bool line = between[i + 1] == '/';
      std::size_t end = line ? between.find_first_of("\r\n", i) : between.find("*/", i + 2);
      end = end == std::string::npos ? between.size() : end + (line ? 0 : 2);
      out.push_back(
          {line ? L::LINE_COMMENT : L::BLOCK_COMMENT, between.substr(i, end - i), newlines});
      newlines = 0;
      i = end;
      continue;
    }
    newlines += between[i] == '\n';
    ++i;
  }
}

// The tokens in the grammar's types (a Dutch keyword of several words is one token, whose
// text is its words with one space between), and comments.
std::vector<Tok> lex(const std::string &text, KeywordSet *set = nullptr) {
  antlr4::ANTLRInputStream input(text);
  L lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream stream(&lexer);
  stream.fill();
  KeywordSet found = kw::decide(stream, input);
  if (found == KeywordSet::Dutch)
    kw::retypeDutch(stream, input);
  if (set)
    *set = found;
  std::vector<Tok> out;
  int newlines = 0;
  std::size_t next = 0; // the first code point after the previous token
  for (antlr4::Token *t : stream.getTokens()) {
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL)
      continue; // a later word of a Dutch keyword
    std::size_t start = t->getType() == antlr4::Token::EOF ? input.size() : t->getStartIndex();
    if (start > next)
      gap(input.getText(antlr4::misc::Interval(next, start - 1)), out, newlines);
    if (t->getType() == antlr4::Token::EOF)
      break;
    out.push_back({static_cast<int>(t->getType()), t->getText(), newlines, t->getStartIndex(),
                   t->getStopIndex()});
    newlines = 0;
    next = t->getStopIndex() + 1;
  }
  return out;
}

bool isComment(int type) { return type == L::LINE_COMMENT || type == L::BLOCK_COMMENT; }

bool startsDeclaration(int type) {
  switch (type) {
  case L::MODULE:
  case L::RULESET:
  case L::SOURCE:
  case L::QUESTION:
  case L::PARAMETER:
  case L::SET:
  case L::OBLIGATION:
  case L::FLAG:
  case L::DEFINE:
  case L::DECISION:
  case L::EXTEND:
  case L::RULE:
  case L::ASSUME:
  case L::PROPERTY:
  case L::TEST:
  case L::OVERRIDE:
    return true;
  default:
    return false;
  }
}

std::vector<Item> withComments(const std::vector<Tok> &toks, std::vector<Tok> &atEnd) {
  std::vector<Item> items;
  std::vector<Tok> pending;
  for (const Tok &t : toks) {
    if (!isComment(t.type)) {
      items.push_back({t.type, t.text, t.newlinesBefore >= 2, std::move(pending), {}});
      pending.clear();
    } else if (t.newlinesBefore == 0 && pending.empty() && !items.empty()) {
      items.back().trailing.push_back(t);
    } else {
      pending.push_back(t);
    }
  }
  atEnd = std::move(pending);
  return items;
}

// Whether two texts have the same tokens and comments, in the same order: what formatting must
// not change (the layout may).
bool sameContent(const std::vector<Tok> &a, const std::vector<Tok> &b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Tok &x, const Tok &y) {
    return x.type == y.type && x.text == y.text;
  });
}

// The file's keywords as `to` spells them (`fmt --keywords`). `as of` and `per` are the one
// place where the two sets have a different number of tokens.
std::vector<Tok> respell(const std::vector<Tok> &toks, KeywordSet to) {
  std::vector<Tok> out;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    Tok t = toks[i];
    if (isComment(t.type)) {
      out.push_back(t);
      continue;
    }
    if (to == KeywordSet::Dutch && t.type == L::AS) {
      out.push_back({kw::kPer, "per", t.newlinesBefore, t.start, t.stop});
      std::size_t of = i + 1;
      while (of < toks.size() && isComment(toks[of].type))
        out.push_back(toks[of++]);
      i = of; // `of` is part of `per`
      continue;
    }
    if (to == KeywordSet::English && t.type == kw::kPer) {
      out.push_back({L::AS, "as", t.newlinesBefore, t.start, t.stop});
      out.push_back({L::OF, "of", 0, t.start, t.stop});
      continue;
    }
    if (std::string s = kw::spelling(t.type, to); !s.empty())
      t.text = s;
    out.push_back(t);
  }
  return out;
}

// The names of the respelled file that its keyword set reads as keywords (E0012): in Dutch a
// keyword of one word, or the first words of one of several (`gesteld` before `als`); in
// English a word of a keyword.
bool refuseKeywordNames(const std::vector<Tok> &toks, KeywordSet to, const SourceFile &file,
                        DiagnosticSink &sink) {
  std::vector<const Tok *> words;
  for (const Tok &t : toks)
    if (!isComment(t.type))
      words.push_back(&t);
  Offsets offsets(file);
  bool refused = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i]->type != L::ID)
      continue;
    std::string keyword;
    if (reservedWord(words[i]->text, to)) {
      keyword = words[i]->text;
    } else if (to == KeywordSet::Dutch) {
      for (const kw::Unit &u : kw::units()) {
        std::string phrase;
        for (const auto &part : u.dutch)
          phrase += (phrase.empty() ? "" : " ") + part.second;
        std::vector<std::string> ws;
        for (std::size_t at = 0; at <= phrase.size();) {
          std::size_t space = phrase.find(' ', at);
          if (space == std::string::npos)
            space = phrase.size();
          ws.push_back(phrase.substr(at, space - at));
          at = space + 1;
        }
        if (ws.size() < 2 || ws[0] != words[i]->text)
          continue;
        // The words after the name, each possibly a keyword of several words.
        std::string after;
        for (std::size_t k = i + 1; k < words.size() && k <= i + ws.size(); ++k)
          after += " " + words[k]->text;
        std::string rest = phrase.substr(ws[0].size());
        if (after.compare(0, rest.size(), rest) == 0 &&
            (after.size() == rest.size() || after[rest.size()] == ' '))
          keyword = phrase;
      }
    }
    if (keyword.empty())
      continue;
    refused = true;
    Span at{file.id(), offsets.byteOf(words[i]->start), offsets.byteOf(words[i]->stop + 1)};
    sink.error("E0012", at,
               tr(to == KeywordSet::Dutch ? "E0012.dutch" : "E0012.english",
                  {{"name", words[i]->text}, {"keyword", keyword}}))
        .note(tr("E0012.note.unchanged"))
        .withHelp(tr("E0012.help"));
  }
  return refused;
}

} // namespace

// Every declaration starts a line at the margin.
Doc Formatter::file() {
  std::vector<Doc> parts;
  while (!done()) {
    parts.push_back(hard());
    parts.push_back(leading());
    std::size_t start = pos_;
    parts.push_back(declaration());
    // Whatever a declaration did not take (nothing, as the file parsed) is kept as it is.
    while (!done() && (pos_ == start || !startsDeclaration(peek()))) {
      parts.push_back(sp());
      parts.push_back(tok());
    }
  }
  parts.push_back(comments(atEnd_));
  return cat(std::move(parts));
}

Doc Formatter::declaration() {
  int type = at(L::OVERRIDE) || at(L::EXTEND) ? peek(1) : peek();
  switch (type) {
  case L::MODULE:
  case L::RULESET:
    return header();
  case L::SOURCE:
  case L::OBLIGATION:
  case L::FLAG:
    return named();
  case L::QUESTION:
  case L::PARAMETER:
    return question();
  case L::SET:
    return setDecl();
  case L::DEFINE:
    return define();
  case L::DECISION:
    return decision();
  case L::RULE:
    return rule();
  case L::ASSUME:
    return head(-1);
  case L::PROPERTY:
    return property();
  case L::TEST:
    return test();
  default:
    return tok();
  }
}

} // namespace layout

std::optional<std::string> formatFile(const SourceFile &file, DiagnosticSink &sink,
                                      std::optional<KeywordSet> keywords) {
  using namespace layout;
  // A file with a syntax error is never changed (its partial syntax tree is not the file).
  if (auto ast = parseFile(file, sink); !ast || ast->syntaxErrors)
    return std::nullopt;
  KeywordSet set = KeywordSet::English;
  std::vector<Tok> toks = lex(file.text(), &set);
  if (keywords && *keywords != set) {
    toks = respell(toks, *keywords);
    if (refuseKeywordNames(toks, *keywords, file, sink))
      return std::nullopt;
  }
  std::vector<Tok> atEnd;
  std::vector<Item> items = withComments(toks, atEnd);
  std::string out = Formatter(std::move(items), std::move(atEnd)).run(kWidth);
  if (!sameContent(lex(out), toks)) {
    sink.error("E0010", Span{file.id(), 0, 0},
               tr("E0010"))
        .note(tr("E0010.note.fault"));
    return std::nullopt;
  }
  return out;
}

} // namespace ww::parse
