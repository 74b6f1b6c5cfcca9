#include "compiler/parse/parse.h"

#include "compiler/parse/keyword_set.h"
#include "compiler/parse/offsets.h"
#include "compiler/parse/transformer.h"
#include "compiler/support/i18n.h"

#include "WegwijzerLexer.h"
#include "WegwijzerParser.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

namespace ww::parse {
namespace {

using P = gen::WegwijzerParser;

constexpr int kMaxSyntaxErrors = 50;
constexpr int kMaxOperatorsPerCondition = 5000;

// "ID" -> "a name" and friends, so expectations read as words, not token names.
std::string friendlyExpectation(std::string text) {
  auto replaceAll = [&](const std::string &from, const std::string &to) {
    for (std::size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos; pos += to.size())
      text.replace(pos, from.size(), to);
  };
  replaceAll("<EOF>", tr("E0003.token.eof"));
  replaceAll("STRING", tr("E0003.token.text"));
  replaceAll("INT", tr("E0003.token.number"));
  replaceAll("ID", tr("E0003.token.name"));
  replaceAll("'", "`");
  return text;
}

// An expectation of ANTLR's (`{'rule', 'question', ID}`, `'then'`) in the keywords of the file:
// a Dutch file's expectations name Dutch keywords, and `per` (a type only Dutch files have) is
// left out of an English file's.
std::string inKeywordSet(const std::string &expectation, KeywordSet set) {
  bool isSet = expectation.size() >= 2 && expectation.front() == '{' && expectation.back() == '}';
  std::string body = isSet ? expectation.substr(1, expectation.size() - 2) : expectation;
  std::vector<std::string> items;
  for (std::size_t at = 0; at <= body.size();) {
    std::size_t comma = body.find(", ", at);
    std::string item = body.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    at = comma == std::string::npos ? body.size() + 1 : comma + 2;
    if (item == "PER")
      item = set == KeywordSet::Dutch ? "'per'" : "";
    else if (set == KeywordSet::Dutch && item.size() > 2 && item.front() == '\'' &&
             item.back() == '\'')
      if (std::string dutch = kw::dutchToken(item.substr(1, item.size() - 2)); !dutch.empty())
        item = "'" + dutch + "'";
    if (!item.empty() && std::find(items.begin(), items.end(), item) == items.end())
      items.push_back(item);
  }
  std::string out;
  for (const std::string &item : items)
    out += (out.empty() ? "" : ", ") + item;
  return isSet && items.size() != 1 ? "{" + out + "}" : out;
}

std::string shown(const std::string &tokenText) {
  std::string t =
      tokenText.size() > 40 ? std::string(utf8Prefix(tokenText, 40)) + "…" : tokenText;
  for (char &c : t)
    if (c == '\n' || c == '\r' || c == '\t')
      c = ' ';
  return t;
}

// Collects the syntax errors of one file (reported by parseFile, which knows what became of
// the file).
class ErrorListener : public antlr4::BaseErrorListener {
public:
  ErrorListener(const Offsets &offsets, KeywordSet set) : offsets_(offsets), set_(set) {}

  void syntaxError(antlr4::Recognizer *, antlr4::Token *offending, size_t, size_t,
                   const std::string &msg, std::exception_ptr) override {
    ++count_;
    if (count_ > kMaxSyntaxErrors)
      return;
    Span span = offending ? offsets_.token(offending) : Span{};
    // A keyword of the other set. Where a token is missing before it, only when it is that
    // token in the other set (`rule r als q`: `when` is missing before `als`, which is Dutch for
    // it); otherwise it is read as a name (`rule r when q ja`: `then` before the outcome `ja`).
    if (offending && (offending->getType() == P::ID || offending->getType() == P::UNKNOWN_CHAR) &&
        kw::otherSetKeyword(offending->getText(), set_) &&
        (msg.rfind("missing ", 0) != 0 || missingIsThis(msg, offending->getText()))) {
      push(mixedSets(offending->getText(), span), msg);
      return;
    }
    std::string message;
    if (offending && offending->getType() == antlr4::Token::EOF) {
      message = tr("E0003.unexpected_eof");
    } else if (offending && offending->getType() == P::UNKNOWN_CHAR) {
      message = offending->getText() == "\""
                    ? tr("E0003.unterminated_text")
                    : tr("E0003.unexpected_character", {{"text", shown(offending->getText())}});
    } else if (msg.rfind("missing ", 0) == 0) {
      std::string what = msg.substr(8, msg.find(" at ") - 8);
      message = tr("E0003.missing", {{"what", friendlyExpectation(inKeywordSet(what, set_))},
                                      {"text", offending ? shown(offending->getText()) : ""}});
    } else {
      message = tr("E0003.unexpected", {{"text", offending ? shown(offending->getText()) : ""}});
    }
    Diagnostic d;
    d.severity = Severity::Error;
    d.code = "E0003";
    d.span = span;
    d.message = tr("E0003", {{"problem", message}});
    push(std::move(d), msg);
  }

  // A syntax error with what the parser expected and, at the last one reported, that no more
  // will be.
  void push(Diagnostic d, const std::string &msg) {
    if (auto pos = msg.find("expecting "); pos != std::string::npos)
      d.note(tr("E0003.note.expected",
                {{"what", friendlyExpectation(inKeywordSet(msg.substr(pos + 10), set_))}}));
    if (count_ == kMaxSyntaxErrors)
      d.note(tr("E0003.note.stopping", {{"max", kMaxSyntaxErrors}}));
    errors_.push_back(std::move(d));
  }

  int count() const { return count_; }
  std::vector<Diagnostic> &errors() { return errors_; }

private:
  // Whether ANTLR's "missing 'when' at 'als'" is missing the keyword that `word` spells in the
  // other set.
  bool missingIsThis(const std::string &msg, const std::string &word) const {
    std::size_t at = msg.find(" at ");
    if (at == std::string::npos || at < 10 || msg[8] != '\'' || msg[at - 1] != '\'')
      return false;
    std::string missing = msg.substr(9, at - 10);
    if (set_ == KeywordSet::Dutch)
      return word == missing;
    std::string english = kw::englishOf(word);
    return english == missing || english.rfind(missing + " ", 0) == 0;
  }

  // A keyword of the other set where this file's grammar has no place for a name (E0011).
  Diagnostic mixedSets(const std::string &word, Span span) const {
    bool english = set_ == KeywordSet::English;
    std::string instead = english ? kw::englishOf(word) : kw::dutchOf(word);
    if (english && word == "ja")
      instead = "yes/no` or `yes";
    Diagnostic d;
    d.severity = Severity::Error;
    d.code = "E0011";
    d.span = span;
    d.message = tr(english ? "E0011.dutch_in_english" : "E0011.english_in_dutch", {{"word", word}});
    d.note(tr(english ? "E0011.note.english_file" : "E0011.note.dutch_file"));
    d.withHelp(instead.empty()
                   ? tr(english ? "E0011.help.english_keyword" : "E0011.help.dutch_keyword")
                   : tr("E0011.help.write", {{"keyword", instead}}));
    return d;
  }

  const Offsets &offsets_;
  KeywordSet set_;
  std::vector<Diagnostic> errors_;
  int count_ = 0;
};

bool startsDeclaration(std::size_t type) {
  switch (type) {
  case P::MODULE:
  case P::RULESET:
  case P::OVERRIDE:
  case P::EXTEND:
  case P::SOURCE:
  case P::QUESTION:
  case P::PARAMETER:
  case P::SET:
  case P::OBLIGATION:
  case P::FLAG:
  case P::DEFINE:
  case P::DECISION:
  case P::RULE:
  case P::ASSUME:
  case P::PROPERTY:
  case P::TEST:
    return true;
  default:
    return false;
  }
}

bool isKeyword(antlr4::Token *t) {
  std::string text = t->getText();
  return t->getType() != P::ID && t->getType() != P::UNKNOWN_CHAR && !text.empty() &&
         std::isalpha(static_cast<unsigned char>(text[0]));
}

// ANTLR's recovery, kept at the declaration: a keyword is never deleted as a stray token
// when something later in the declaration or the file expects it. Deleting `then` in
// `rule x when k == then p` to read `p` as the answer would make a second error claim that
// `then` is missing; deleting `rule` would merge two declarations into one.
class DeclarationRecovery : public antlr4::DefaultErrorStrategy {
protected:
  antlr4::Token *singleTokenDeletion(antlr4::Parser *recognizer) override {
    antlr4::Token *next = recognizer->getCurrentToken();
    if (next && isKeyword(next) &&
        (startsDeclaration(next->getType()) ||
         getErrorRecoverySet(recognizer).contains(next->getType())))
      return nullptr;
    return antlr4::DefaultErrorStrategy::singleTokenDeletion(recognizer);
  }
};

// Rejects conditions too deep for a recursive-descent parser before parsing them.
bool checkNesting(antlr4::CommonTokenStream &tokens, const Offsets &offsets, DiagnosticSink &sink) {
  int parens = 0, notRun = 0, operators = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) { // getTokens() would copy the vector
    antlr4::Token *t = tokens.get(i);
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL)
      continue;
    int type = t->getType();
    notRun = type == P::NOT ? notRun + 1 : (type == P::LPAREN ? notRun : 0);
    switch (type) {
    case P::LPAREN:
      ++parens;
      break;
    case P::RPAREN:
      parens = std::max(0, parens - 1);
      break;
    case P::AND:
    case P::OR:
    case P::IMPLIES:
      ++operators;
      break;
    case P::RULE:
    case P::DEFINE:
    case P::QUESTION:
    case P::PROPERTY:
    case P::ASSUME:
    case P::TEST:
      parens = 0;
      operators = 0;
      break;
    default:
      break;
    }
    if (parens + notRun > kMaxNesting) {
      sink.error("E0004", offsets.token(t),
                 tr("E0004.nested", {{"max", kMaxNesting}}))
          .withHelp(tr("E0004.help.split"));
      return false;
    }
    if (operators > kMaxOperatorsPerCondition) {
      sink.error("E0004", offsets.token(t),
                 tr("E0004.long", {{"max", kMaxOperatorsPerCondition}}))
          .withHelp(tr("E0004.help.split"));
      return false;
    }
  }
  return true;
}

// Every number must be a 64-bit integer (the sign is a token of its own); a number the tool
// cannot represent is an error, never silently changed. Returns the number of errors.
int checkNumbers(antlr4::CommonTokenStream &tokens, const Offsets &offsets, DiagnosticSink &sink) {
  int errors = 0;
  antlr4::Token *previous = nullptr;
  for (antlr4::Token *t : tokens.getTokens()) {
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL)
      continue;
    if (t->getType() == P::INT) {
      bool negative = previous && previous->getType() == P::MINUS;
      std::string digits = (negative ? "-" : "") + t->getText();
      std::int64_t value = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec != std::errc() || end != digits.data() + digits.size()) {
        ++errors;
        sink.error("E0009", offsets.token(t),
                   tr(negative ? "E0009.too_small" : "E0009.too_large",
                      {{"number", shown(digits)},
                       {"min", fmt::format("{}", INT64_MIN)},
                       {"max", fmt::format("{}", INT64_MAX)}}))
            .withHelp(tr("E0009.help"));
      }
    }
    previous = t;
  }
  return errors;
}

bool onlyBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f") == std::string::npos;
}

// The bytes of the invalid sequence at `at` in hex, as `ED A0 80` (at most four).
std::string invalidBytes(const std::string &text, std::size_t at) {
  std::string out;
  std::size_t len =
      std::max<std::size_t>(1, utf8SequenceLength(static_cast<unsigned char>(text[at])));
  for (std::size_t k = 0; k < len && at + k < text.size(); ++k) {
    auto byte = static_cast<unsigned char>(text[at + k]);
    if (k > 0 && (byte & 0xC0) != 0x80)
      break;
    out += fmt::format("{}{:02X}", out.empty() ? "" : " ", byte);
  }
  return out;
}

// The kind of file in E0002's notes ("rule files", "waiver files"), in the reader's language.
std::string whatFiles(const char *what) {
  std::string_view w = what ? what : "rule files";
  if (w == "rule files")
    return tr("frontend.what.rule_files");
  if (w == "waiver files")
    return tr("frontend.what.waiver_files");
  return std::string(w);
}

} // namespace

bool isText(const SourceFile &file, DiagnosticSink &sink, const char *what) {
  const std::string &text = file.text();
  if (auto nul = text.find('\0'); nul != std::string::npos) {
    Span at{file.id(), static_cast<std::uint32_t>(nul), static_cast<std::uint32_t>(nul)};
    sink.error("E0002", at, tr("E0002.nul"))
        .note(tr("E0002.note.text", {{"what", whatFiles(what)}}));
    return false;
  }
  std::size_t bad = 0;
  if (!isValidUtf8(text, bad)) {
    Span at{file.id(), static_cast<std::uint32_t>(bad), static_cast<std::uint32_t>(bad)};
    sink.error("E0002", at, tr("E0002.invalid", {{"byte", fmt::format("{}", bad)}}))
        .note(tr("E0002.note.bytes", {{"bytes", invalidBytes(text, bad)}}))
        .note(tr("E0002.note.save", {{"what", whatFiles(what)}}));
    return false;
  }
  return true;
}

std::unique_ptr<ast::File> parseFile(const SourceFile &file, DiagnosticSink &sink) {
  const std::string &text = file.text();
  Span start{file.id(), 0, 0};
  if (!isText(file, sink))
    return nullptr;
  // A byte-order mark alone is an empty file too.
  if (onlyBlank(std::string_view(text).substr(hasByteOrderMark(text) ? 3 : 0))) {
    sink.error("E0001", start, tr("E0001"))
        .withHelp(tr("E0001.help"));
    return nullptr;
  }

  Offsets offsets(file);
  antlr4::ANTLRInputStream input(text);
  gen::WegwijzerLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  KeywordSet set = kw::decide(tokens, input);
  if (set == KeywordSet::Dutch)
    kw::retypeDutch(tokens, input);
  if (!checkNesting(tokens, offsets, sink))
    return nullptr;
  int badNumbers = checkNumbers(tokens, offsets, sink);

  P parser(&tokens);
  ErrorListener listener(offsets, set);
  parser.removeErrorListeners();
  parser.addErrorListener(&listener);
  parser.setErrorHandler(std::make_shared<DeclarationRecovery>());
  P::FileContext *tree = parser.file();
  bool syntaxErrors = listener.count() > 0;
  bool headerParsed = tree->header() && parsedCleanly(tree->header());
  std::vector<Diagnostic> &errors = listener.errors();
  if (!errors.empty())
    errors.front().note(headerParsed
                            ? tr("E0003.note.left_out")
                            : tr("E0003.note.header"));
  for (Diagnostic &d : errors)
    sink.report(std::move(d));
  if (!headerParsed || badNumbers > 0)
    return nullptr;

  std::size_t errorsBefore = sink.errorCount();
  Transformer transformer(offsets, sink);
  auto result = transformer.file(tree);
  result->file = file.id();
  // A bad date (E0701): the dates of the other clauses are still checked, but nothing that
  // reads the file is verified, as after a syntax error.
  result->syntaxErrors = syntaxErrors || sink.errorCount() > errorsBefore;
  return result;
}

} // namespace ww::parse
