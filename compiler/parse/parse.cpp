#include "compiler/parse/parse.h"

#include "compiler/parse/offsets.h"
#include "compiler/parse/transformer.h"

#include "WegwijzerLexer.h"
#include "WegwijzerParser.h"

#include <fmt/format.h>

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
  replaceAll("<EOF>", "end of file");
  replaceAll("STRING", "a quoted text");
  replaceAll("INT", "a number");
  replaceAll("ID", "a name");
  replaceAll("'", "`");
  return text;
}

std::string shown(const std::string &tokenText) {
  std::string t = tokenText.size() > 40 ? tokenText.substr(0, 40) + "…" : tokenText;
  for (char &c : t)
    if (c == '\n' || c == '\r' || c == '\t')
      c = ' ';
  return t;
}

class ErrorListener : public antlr4::BaseErrorListener {
public:
  ErrorListener(const Offsets &offsets, DiagnosticSink &sink) : offsets_(offsets), sink_(sink) {}

  void syntaxError(antlr4::Recognizer *, antlr4::Token *offending, size_t, size_t,
                   const std::string &msg, std::exception_ptr) override {
    ++count_;
    if (count_ > kMaxSyntaxErrors)
      return;
    Span span = offending ? offsets_.token(offending) : Span{};
    std::string message;
    if (offending && offending->getType() == antlr4::Token::EOF) {
      message = "unexpected end of file";
    } else if (offending && offending->getType() == P::UNKNOWN_CHAR) {
      message = offending->getText() == "\""
                    ? "unterminated text: a `\"` without its closing `\"` on the same line"
                    : fmt::format("unexpected character `{}`", shown(offending->getText()));
    } else if (msg.rfind("missing ", 0) == 0) {
      std::string what = msg.substr(8, msg.find(" at ") - 8);
      message = fmt::format("missing {} before `{}`", friendlyExpectation(what),
                            offending ? shown(offending->getText()) : "");
    } else {
      message = fmt::format("unexpected `{}`", offending ? shown(offending->getText()) : "");
    }
    Diagnostic &d = sink_.error("E0003", span, "syntax error: " + message);
    if (auto pos = msg.find("expecting "); pos != std::string::npos)
      d.note("expected " + friendlyExpectation(msg.substr(pos + 10)));
    if (count_ == kMaxSyntaxErrors)
      d.note(fmt::format("stopping after {} syntax errors in this file", kMaxSyntaxErrors));
  }

  int count() const { return count_; }

private:
  const Offsets &offsets_;
  DiagnosticSink &sink_;
  int count_ = 0;
};

// Rejects conditions too deep for a recursive-descent parser before parsing them.
bool checkNesting(antlr4::CommonTokenStream &tokens, const Offsets &offsets, DiagnosticSink &sink) {
  int parens = 0, notRun = 0, operators = 0;
  for (antlr4::Token *t : tokens.getTokens()) {
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
                 fmt::format("condition nested too deeply (more than {} levels)", kMaxNesting))
          .withHelp("split the condition into `define`s");
      return false;
    }
    if (operators > kMaxOperatorsPerCondition) {
      sink.error("E0004", offsets.token(t),
                 fmt::format("condition too long (more than {} `and`/`or`/`implies`)",
                             kMaxOperatorsPerCondition))
          .withHelp("split the condition into `define`s");
      return false;
    }
  }
  return true;
}

bool onlyBlank(const std::string &text) {
  return text.find_first_not_of(" \t\r\n\f") == std::string::npos;
}

} // namespace

std::unique_ptr<ast::File> parseFile(const SourceFile &file, DiagnosticSink &sink) {
  const std::string &text = file.text();
  Span start{file.id(), 0, 0};
  if (auto nul = text.find('\0'); nul != std::string::npos) {
    Span at{file.id(), static_cast<std::uint32_t>(nul), static_cast<std::uint32_t>(nul)};
    sink.error("E0002", at, "this is not a text file (it contains a NUL byte)")
        .note("rule files are UTF-8 text");
    return nullptr;
  }
  std::size_t bad = 0;
  if (!isValidUtf8(text, bad)) {
    Span at{file.id(), static_cast<std::uint32_t>(bad), static_cast<std::uint32_t>(bad)};
    sink.error("E0002", at, fmt::format("invalid UTF-8 at byte {}", bad))
        .note("rule files must be UTF-8; save the file as UTF-8 and try again");
    return nullptr;
  }
  if (onlyBlank(text)) {
    sink.error("E0001", start, "empty file: expected `module` or `ruleset`")
        .withHelp("start the file with `ruleset NAME \"title\" extends basis` or `module NAME`");
    return nullptr;
  }

  Offsets offsets(file);
  antlr4::ANTLRInputStream input(text);
  gen::WegwijzerLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  if (!checkNesting(tokens, offsets, sink))
    return nullptr;

  P parser(&tokens);
  ErrorListener listener(offsets, sink);
  parser.removeErrorListeners();
  parser.addErrorListener(&listener);
  P::FileContext *tree = parser.file();
  if (listener.count() > 0)
    return nullptr;

  std::size_t errorsBefore = sink.errorCount();
  Transformer transformer(offsets, sink);
  auto result = transformer.file(tree);
  if (sink.errorCount() > errorsBefore)
    return nullptr; // a bad date: later stages would reason about the wrong dates
  result->file = file.id();
  return result;
}

} // namespace ww::parse
