#pragma once
// Internal to compiler/parse: the layout of `wegwijzer fmt` (docs/fmt.md), split as the
// transformer is: format.cpp reads the tokens and comments, format_decl.cpp lays out the
// declarations, format_expr.cpp the conditions and lists.

#include "compiler/parse/pretty.h"

#include "WegwijzerLexer.h"

#include <string>
#include <utility>
#include <vector>

namespace ww::parse::layout {

using L = gen::WegwijzerLexer;
using pretty::Doc;

/// A token or a comment, as the lexer gives it.
struct Tok {
  int type;
  std::string text;
  int newlinesBefore;    ///< line breaks in the whitespace before it
  std::size_t start = 0; ///< its first code point (for a name that `--keywords` refuses)
  std::size_t stop = 0;  ///< its last code point
};

/// A token with the comments around it: those on its line after it stay there; the others
/// go on lines of their own before the next token.
struct Item {
  int type;
  std::string text;
  bool blankBefore;          ///< the author left a blank line before it
  std::vector<Tok> leading;  ///< comments before it, the first on a line of its own
  std::vector<Tok> trailing; ///< comments after it on its line
};

/// Reads the tokens along the grammar (the file parsed, so they follow it) and says where
/// lines break. Indents are in levels of two spaces; `nest` makes the breaks inside one deeper.
class Formatter {
public:
  Formatter(std::vector<Item> items, std::vector<Tok> atEnd)
      : items_(std::move(items)), atEnd_(std::move(atEnd)) {}

  /// The file laid out in `width` columns.
  std::string run(std::size_t width) { return d_.render(file(), width); }

private:
  int peek(std::size_t ahead = 0) const {
    return pos_ + ahead < items_.size() ? items_[pos_ + ahead].type : -1;
  }
  bool at(int type) const { return peek() == type; }
  bool done() const { return pos_ >= items_.size(); }

  Doc none() { return d_.concat({}); }
  Doc sp() { return d_.space(); }
  Doc line() { return d_.line(); }
  Doc hard() { return d_.hardLine(); }
  Doc cat(std::vector<Doc> parts) { return d_.concat(std::move(parts)); }
  Doc nest(Doc d) { return d_.nest(d); }
  Doc group(Doc d) { return d_.group(d); }

  // Comments on lines of their own: each starts a line (a second one on the same line stays
  // there), and the line after them is the next token's.
  Doc comments(const std::vector<Tok> &cs) {
    if (cs.empty())
      return none();
    std::vector<Doc> parts;
    for (std::size_t k = 0; k < cs.size(); ++k) {
      bool ownLine = k == 0 || cs[k].newlinesBefore > 0;
      parts.push_back(ownLine ? hard() : sp());
      parts.push_back(d_.text(cs[k].text, cs[k].newlinesBefore >= 2, false));
    }
    parts.push_back(hard());
    return cat(std::move(parts));
  }
  // The comments before the next token, taken here so that they stay outside the group that
  // token starts (a comment inside a group breaks it).
  Doc leading() {
    if (done())
      return none();
    std::vector<Tok> cs = std::move(items_[pos_].leading);
    items_[pos_].leading.clear();
    return comments(cs);
  }
  // The next token, with its comments.
  Doc tok() {
    if (done())
      return none();
    Item &t = items_[pos_++];
    std::vector<Doc> parts;
    if (!t.leading.empty())
      parts.push_back(comments(t.leading));
    parts.push_back(d_.text(t.text, t.blankBefore));
    t.text = std::string(); // the document holds it now
    for (const Tok &c : t.trailing) {
      parts.push_back(sp());
      parts.push_back(d_.text(c.text, false, false));
    }
    if (!t.trailing.empty())
      parts.push_back(hard());
    return parts.size() == 1 ? parts[0] : cat(std::move(parts));
  }
  // `override ` or `extend `, when there.
  Doc prefix() {
    if (at(L::OVERRIDE) || at(L::EXTEND))
      return cat({tok(), sp()});
    return none();
  }
  // A quoted text after what precedes it, or on the next line when only that makes it fit.
  Doc text() { return at(L::STRING) ? d_.hang(" ", tok()) : none(); }
  // A clause that goes on a line of its own, one level deeper, when its group breaks.
  Doc clause(Doc d) { return nest(cat({line(), d})); }

  Doc file();
  Doc declaration();
  Doc header();
  Doc named();
  Doc question();
  Doc answers();
  Doc answer(std::size_t idWidth);
  Doc setDecl();
  Doc head(int separator);
  Doc define();
  Doc decision();
  Doc outcome();
  Doc rule();
  Doc property();
  Doc test();

  Doc validity();
  Doc cite();
  Doc attribute();
  Doc idList();
  Doc value();
  Doc range();

  Doc condition();
  Doc chain(int op, Doc (Formatter::*operand)());
  Doc disjunction() { return chain(L::OR, &Formatter::conjunction); }
  Doc conjunction() { return chain(L::AND, &Formatter::unary); }
  Doc unary();
  Doc primary();
  Doc membership();

  pretty::Docs d_;
  std::vector<Item> items_;
  std::vector<Tok> atEnd_;
  std::size_t pos_ = 0;
};

} // namespace ww::parse::layout
