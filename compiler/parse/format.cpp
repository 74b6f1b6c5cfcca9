// The canonical layout (docs/fmt.md). Works on the token stream, comments included, so that
// nothing but whitespace can change; the result is lexed again and compared to be sure.

#include "compiler/parse/format.h"

#include "compiler/parse/parse.h"

#include "WegwijzerLexer.h"

#include <fmt/format.h>

#include <vector>

namespace ww::parse {
namespace {

using L = gen::WegwijzerLexer;

struct Tok {
  int type;
  std::string text;
  int newlinesBefore; ///< line breaks in the whitespace before it
};

// The lexer skips whitespace and comments (dsl/Wegwijzer.g4), so they are read back from the
// text between two tokens, which holds nothing else.
void gap(const std::string &between, std::vector<Tok> &out, int &newlines) {
  std::size_t i = 0;
  while (i < between.size()) {
    if (between.compare(i, 2, "//") == 0 || between.compare(i, 2, "/*") == 0) {
      bool line = between[i + 1] == '/';
      std::size_t end = line ? between.find_first_of("\r\n", i) : between.find("*/", i + 2);
      end = end == std::string::npos ? between.size() : end + (line ? 0 : 2);
      out.push_back({line ? L::LINE_COMMENT : L::BLOCK_COMMENT, between.substr(i, end - i),
                     newlines});
      newlines = 0;
      i = end;
      continue;
    }
    newlines += between[i] == '\n';
    ++i;
  }
}

std::vector<Tok> lex(const std::string &text) {
  antlr4::ANTLRInputStream input(text);
  L lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream stream(&lexer);
  stream.fill();
  std::vector<Tok> out;
  int newlines = 0;
  std::size_t next = 0; // the first code point after the previous token
  for (antlr4::Token *t : stream.getTokens()) {
    std::size_t start = t->getType() == antlr4::Token::EOF ? input.size() : t->getStartIndex();
    if (start > next)
      gap(input.getText(antlr4::misc::Interval(next, start - 1)), out, newlines);
    if (t->getType() == antlr4::Token::EOF)
      break;
    out.push_back({static_cast<int>(t->getType()), t->getText(), newlines});
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

class Formatter {
public:
  explicit Formatter(std::vector<Tok> tokens) : toks_(std::move(tokens)) {}

  std::string run() {
    for (i_ = 0; i_ < toks_.size(); ++i_) {
      const Tok &t = toks_[i_];
      if (isComment(t.type))
        comment(t);
      else
        token(t);
    }
    endLine();
    return out_;
  }

private:
  enum class Block { Decision, Test, OneOf, Inline };
  struct Open {
    Block kind;
    std::size_t width; ///< OneOf: the longest answer id, to align the labels
  };

  std::size_t depth() const {
    std::size_t d = 0;
    for (const Open &o : stack_)
      d += o.kind != Block::Inline;
    return d;
  }
  bool in(Block b) const { return !stack_.empty() && stack_.back().kind == b; }

  void endLine() {
    while (!line_.empty() && line_.back() == ' ')
      line_.pop_back();
    if (!line_.empty())
      out_ += line_ + "\n";
    line_.clear();
    fresh_ = false;
  }
  // A new line at an indent, after a blank line when the author left one there.
  void startLine(std::size_t indent, const Tok &t) {
    endLine();
    if (t.newlinesBefore >= 2 && !out_.empty() && out_.substr(out_.size() - 1) == "\n" &&
        (out_.size() < 2 || out_.substr(out_.size() - 2) != "\n\n"))
      out_ += "\n";
    line_ = std::string(indent * 2, ' ');
    fresh_ = true;
  }
  void put(const std::string &text, bool space) {
    if (line_.empty() && !fresh_)
      line_ = std::string((depth() + 1) * 2, ' '); // a continuation line
    else if (space && !fresh_)
      line_ += ' ';
    line_ += text;
    fresh_ = false;
  }

  void comment(const Tok &t) {
    if (t.newlinesBefore == 0 && !line_.empty() && !fresh_) {
      line_ += " " + t.text; // a comment at the end of a line stays there
    } else {
      startLine(depth(), t);
      line_ += t.text;
      fresh_ = false;
    }
    endLine();
  }

  // The width of the tokens from j on, one space apart, up to the first that `stop` accepts
  // (or a comment, or a new declaration).
  template <class Stop> std::size_t widthFrom(std::size_t j, Stop stop) const {
    std::size_t w = 0;
    for (; j < toks_.size(); ++j) {
      const Tok &t = toks_[j];
      if (isComment(t.type) || (j > i_ && startsDeclaration(t.type)) || stop(t))
        break;
      w += codePointCount(t.text) + 1;
    }
    return w == 0 ? 0 : w - 1;
  }

  // At the start of a declaration: whether its head is too long for one line (rules break
  // before `when` and `then`; defines after `=`; assumptions and properties after `:`).
  void measure() {
    longHead_ = false;
    if (decl_ == L::RULE) {
      bool then = false;
      longHead_ = widthFrom(i_, [&](const Tok &t) {
                    bool stop = then && (t.type == L::CITE || t.type == L::OBLIGES);
                    then = then || t.type == L::THEN;
                    return stop;
                  }) > kWidth;
    } else if (decl_ == L::DEFINE || decl_ == L::ASSUME || decl_ == L::PROPERTY) {
      longHead_ = widthFrom(i_, [](const Tok &) { return false; }) > kWidth;
    }
  }

  // Whether a token starts its own line, and at which indent.
  std::optional<std::size_t> lineStart(const Tok &t) {
    std::size_t d = depth();
    int prev = prev_;
    if (stack_.empty() || d == 0) {
      if (startsDeclaration(t.type)) {
        decl_ = t.type;
        afterThen_ = false;
        if (prev != L::OVERRIDE && prev != L::EXTEND) {
          measure();
          return 0;
        }
        measure();
        return std::nullopt;
      }
      if ((decl_ == L::RULE && afterThen_ && (t.type == L::CITE || t.type == L::OBLIGES)) ||
          (decl_ == L::RULE && longHead_ && (t.type == L::WHEN || t.type == L::THEN)) ||
          (decl_ == L::SET && t.type == L::CITE) ||
          (decl_ == L::QUESTION && (t.type == L::ASKED || t.type == L::HELP)))
        return 1;
      if (longHead_ && ((decl_ == L::DEFINE && prev == L::ASSIGN) ||
                        ((decl_ == L::ASSUME || decl_ == L::PROPERTY) && prev == L::COLON))) {
        longHead_ = false; // only the first break
        return 1;
      }
      return std::nullopt;
    }
    if (in(Block::Decision)) {
      if (t.type == L::OUTCOME) {
        outcomeAttrs_ = 0;
        return d;
      }
      // An outcome's attributes start on the line under it; every citation has its own line.
      bool attr = t.type == L::CITE || t.type == L::OBLIGES || t.type == L::DISCLOSES ||
                  t.type == L::WITHOUT || t.type == L::IS;
      if (attr && (outcomeAttrs_++ == 0 || t.type == L::CITE))
        return d + 1;
    }
    if (in(Block::Test) && (t.type == L::GIVEN || t.type == L::EXPECT))
      return d;
    // An answer starts its line; the names of its `replaces` clause stay on it.
    if (in(Block::OneOf) && t.type == L::ID &&
        !(inReplaces_ && (prev == L::REPLACES || prev == L::COMMA)))
      return d;
    return std::nullopt;
  }

  // The block a `{` opens, and for a list of answers the width of its longest id.
  Open opening() const {
    if (prev_ == L::IN)
      return {Block::Inline, 0};
    if (prev_ == L::OF) {
      std::size_t width = 0;
      int before = L::LBRACE; // the token before j, comments left out
      for (std::size_t j = i_ + 1; j < toks_.size() && toks_[j].type != L::RBRACE; ++j) {
        if (isComment(toks_[j].type))
          continue;
        if (toks_[j].type == L::ID && before != L::REPLACES && before != L::COMMA)
          width = std::max(width, codePointCount(toks_[j].text));
        before = toks_[j].type;
      }
      return {Block::OneOf, width};
    }
    return {decl_ == L::TEST ? Block::Test : Block::Decision, 0};
  }

  void token(const Tok &t) {
    if (t.type == L::RBRACE && !stack_.empty()) {
      Open closed = stack_.back();
      stack_.pop_back();
      if (closed.kind == Block::Inline) {
        put("}", false);
      } else {
        startLine(depth(), t);
        put("}", false);
      }
      prev_ = t.type;
      return;
    }
    if (auto indent = lineStart(t))
      startLine(*indent, t);
    bool space = true;
    if (t.type == L::COMMA || t.type == L::RPAREN || t.type == L::COLON || t.type == L::RANGE)
      space = false;
    if (prev_ == L::LPAREN || prev_ == L::RANGE || prev_ == L::MINUS ||
        (prev_ == L::LBRACE && !stack_.empty() && stack_.back().kind == Block::Inline))
      space = false;
    if (t.type == L::RBRACE)
      space = false;
    if (in(Block::OneOf) && t.type == L::ID && !(prev_ == L::REPLACES || prev_ == L::COMMA))
      inReplaces_ = false;
    if (in(Block::OneOf) && t.type == L::STRING && prev_ == L::ID && !inReplaces_) {
      // Labels line up: pad after the id to the longest id of the list.
      std::size_t indent = depth() * 2, used = codePointCount(line_) - indent;
      line_ += std::string(stack_.back().width + 1 - std::min(used, stack_.back().width), ' ');
      fresh_ = true;
    }
    put(t.text, space);
    if (t.type == L::REPLACES)
      inReplaces_ = true;
    else if (t.type == L::STRING || t.type == L::RBRACE)
      inReplaces_ = false;
    if (decl_ == L::RULE && t.type == L::THEN)
      afterThen_ = true;
    if (t.type == L::LBRACE) {
      stack_.push_back(opening());
      if (stack_.back().kind != Block::Inline)
        endLine();
    }
    prev_ = t.type;
  }

  std::vector<Tok> toks_;
  std::size_t i_ = 0;
  std::string out_, line_;
  bool fresh_ = false; ///< the line holds only its indent
  std::vector<Open> stack_;
  int decl_ = 0, prev_ = 0;
  bool afterThen_ = false, longHead_ = false;
  bool inReplaces_ = false; ///< in the `replaces` clause of an answer
  int outcomeAttrs_ = 0;    ///< attributes of the current outcome so far
  static constexpr std::size_t kWidth = 100;
};

// The tokens and comments, without layout: what formatting must not change.
std::vector<std::pair<int, std::string>> content(const std::vector<Tok> &toks) {
  std::vector<std::pair<int, std::string>> out;
  for (const Tok &t : toks)
    out.emplace_back(t.type, t.text);
  return out;
}

} // namespace

std::optional<std::string> formatFile(const SourceFile &file, DiagnosticSink &sink) {
  // A file with a syntax error is never changed (its partial syntax tree is not the file).
  if (auto ast = parseFile(file, sink); !ast || ast->syntaxErrors)
    return std::nullopt;
  std::vector<Tok> toks = lex(file.text());
  std::string out = Formatter(toks).run();
  if (content(lex(out)) != content(toks)) {
    sink.error("E0010", Span{file.id(), 0, 0},
               "`fmt` would change the file's tokens; the file was left as it is")
        .note("this is a fault in the formatter: please report it with the file");
    return std::nullopt;
  }
  return out;
}

} // namespace ww::parse
