// `wegwijzer fmt`: the layout of the declarations (docs/fmt.md). A group breaks all its
// clauses or none; `clause` puts one on a line of its own, one level deeper, when it breaks.

#include "compiler/parse/formatter.h"
#include "compiler/parse/keyword_set.h"

#include "compiler/support/source.h"

#include <algorithm>

namespace ww::parse::layout {

// `ruleset NAME "title" extends BASE valid …`: `extends` and `valid` on lines of their own
// when it does not fit.
Doc Formatter::header() {
  std::vector<Doc> parts{tok(), sp(), tok(), text()};
  if (at(L::EXTENDS))
    parts.push_back(clause(cat({tok(), sp(), tok()})));
  if (at(L::VALID))
    parts.push_back(clause(validity()));
  return group(cat(std::move(parts)));
}

// `source`, `obligation`, `flag`: NAME "text" and a `valid` clause.
Doc Formatter::named() {
  std::vector<Doc> parts{prefix(), tok(), sp(), tok(), text()};
  if (at(L::VALID))
    parts.push_back(clause(validity()));
  return group(cat(std::move(parts)));
}

// `question NAME "text" TYPE valid … asked when … help "…"`, and `parameter NAME "text" TYPE`.
Doc Formatter::question() {
  std::vector<Doc> parts{prefix(), tok(), sp(), tok()};
  std::vector<Doc> first; // the text and the answer type's first line
  bool quoted = at(L::STRING);
  if (quoted)
    first.push_back(tok());
  bool block = at(L::ONE);
  if (at(L::YESNO)) {
    first.insert(first.end(), {sp(), tok()});
  } else if (block) {
    first.insert(first.end(), {sp(), tok(), sp(), tok(), sp(), tok()});
  } else {
    first.insert(first.end(), {sp(), range()});
  }
  parts.push_back(quoted ? d_.hang(" ", cat(std::move(first))) : cat(std::move(first)));
  Doc decl;
  if (block) {
    // After the list of answers the clause goes after `}`, or under it when it does not fit.
    parts.push_back(answers());
    decl = cat(std::move(parts));
    if (at(L::VALID))
      decl = cat({decl, group(clause(validity()))});
  } else {
    if (at(L::VALID))
      parts.push_back(clause(validity()));
    decl = group(cat(std::move(parts)));
  }
  std::vector<Doc> out{decl};
  if (at(L::ASKED))
    out.push_back(nest(cat({hard(), tok(), sp(), tok(), sp(), nest(condition())})));
  if (at(L::HELP))
    out.push_back(nest(cat({hard(), tok(), text()})));
  return cat(std::move(out));
}

// The answers of a `one of`, one a line, their labels one column after the longest id.
Doc Formatter::answers() {
  std::size_t width = 0;
  int before = L::LBRACE;
  for (std::size_t j = pos_; j < items_.size() && items_[j].type != L::RBRACE; ++j) {
    if (items_[j].type == L::ID && before != L::REPLACES && before != L::COMMA)
      width = std::max(width, codePointCount(items_[j].text));
    before = items_[j].type;
  }
  std::vector<Doc> body;
  while (!done() && !at(L::RBRACE)) {
    body.push_back(hard());
    body.push_back(leading());
    body.push_back(at(L::ID) ? answer(width) : tok());
  }
  body.push_back(leading());
  return cat({nest(cat(std::move(body))), hard(), tok()});
}

// `id "label" valid … replaces a, b "reason"`: the clauses on lines of their own when it does
// not fit.
Doc Formatter::answer(std::size_t idWidth) {
  std::size_t used = codePointCount(items_[pos_].text);
  std::vector<Doc> parts{tok()};
  if (at(L::STRING))
    parts.push_back(d_.hang(std::string(idWidth + 1 - std::min(used, idWidth), ' '), tok()));
  if (at(L::VALID))
    parts.push_back(clause(validity()));
  if (at(L::REPLACES))
    parts.push_back(clause(cat({tok(), sp(), idList(), text()})));
  return group(cat(std::move(parts)));
}

// `set NAME = VALUE`, every `cite` on a line of its own.
Doc Formatter::setDecl() {
  std::vector<Doc> parts{tok(), sp(), tok(), sp(), tok(), sp(), value()};
  while (at(L::CITE))
    parts.push_back(nest(cat({hard(), cite()})));
  return cat(std::move(parts));
}

// `assume` (separator -1: the colon is optional) and `define` (`=`): the head, and the
// condition on the next line when the whole does not fit.
Doc Formatter::head(int separator) {
  std::vector<Doc> parts{prefix(), tok()};
  if (separator == L::ASSIGN)
    parts.insert(parts.end(), {sp(), tok()});
  parts.push_back(text());
  if (at(L::VALID))
    parts.push_back(clause(validity()));
  if (separator == L::ASSIGN && at(L::ASSIGN))
    parts.insert(parts.end(), {sp(), tok()});
  else if (at(L::COLON))
    parts.push_back(tok());
  return group(cat({group(cat(std::move(parts))), nest(cat({line(), condition()}))}));
}

Doc Formatter::define() { return head(L::ASSIGN); }

// `property NAME "text" valid …: BODY`, the body on the next line when the whole does not fit.
Doc Formatter::property() {
  std::vector<Doc> parts{tok()};
  if (at(L::ID))
    parts.insert(parts.end(), {sp(), tok()});
  parts.push_back(text());
  if (at(L::VALID))
    parts.push_back(clause(validity()));
  if (at(L::COLON))
    parts.push_back(tok());
  Doc body;
  if (at(L::ID) && peek(1) == L::DOES) {
    // `D does not depend on a, b where C`: `where` on a line of its own when it does not fit.
    std::vector<Doc> b{tok(), sp(), tok(), sp(), tok(), sp(), tok(), sp(), tok(), sp(), idList()};
    if (at(L::WHERE))
      b.insert(b.end(), {line(), tok(), sp(), nest(condition())});
    body = group(cat(std::move(b)));
  } else {
    body = condition();
  }
  return group(cat({group(cat(std::move(parts))), nest(cat({line(), body}))}));
}

// `decision NAME "text" {`, one outcome a line, `}`.
Doc Formatter::decision() {
  std::vector<Doc> parts{prefix(), tok(), sp(), tok()};
  if (at(L::STRING)) {
    Doc quoted = tok();
    parts.push_back(d_.hang(" ", cat({quoted, sp(), tok()})));
  } else {
    parts.insert(parts.end(), {sp(), tok()});
  }
  std::vector<Doc> body;
  while (!done() && !at(L::RBRACE)) {
    body.push_back(hard());
    body.push_back(leading());
    body.push_back(at(L::OUTCOME) ? outcome() : tok());
  }
  body.push_back(leading());
  parts.insert(parts.end(), {nest(cat(std::move(body))), hard(), tok()});
  return cat(std::move(parts));
}

// `outcome NAME "text"`, its attributes on the next line, one level deeper; every `cite` and
// the `valid` clause on a line of their own.
Doc Formatter::outcome() {
  std::vector<Doc> parts{tok(), sp(), tok(), text()};
  std::vector<Doc> attrs;
  bool newLine = true;
  while (at(L::CITE) || at(L::OBLIGES) || at(L::DISCLOSES) || at(L::WITHOUT) || at(L::IS) ||
         at(L::VALID)) {
    bool own = at(L::CITE) || at(L::VALID);
    attrs.push_back(own || newLine ? hard() : sp());
    attrs.push_back(attribute());
    newLine = own;
  }
  parts.push_back(nest(cat(std::move(attrs))));
  return cat(std::move(parts));
}

// `rule NAME exception to a, b when C then OUTCOME` on one line when it fits; else `when C then
// OUTCOME` on the next, and when that does not fit either, `then OUTCOME` on a line of its
// own. Every attribute (`cite`, `obliges`, `valid`) on a line of its own.
Doc Formatter::rule() {
  std::vector<Doc> parts{prefix(), tok(), sp(), tok()};
  if (at(L::EXCEPTION)) // the list continues deeper than `when` and `then`
    parts.insert(parts.end(), {sp(), tok(), sp(), tok(), sp(), nest(idList())});
  Doc when = cat({tok(), sp(), nest(condition())});
  Doc then = cat({tok(), sp(), tok()});
  parts.push_back(nest(cat({line(), group(cat({when, line(), then}))})));
  std::vector<Doc> out{group(cat(std::move(parts)))};
  while (at(L::CITE) || at(L::OBLIGES) || at(L::VALID))
    out.push_back(nest(cat({hard(), attribute()})));
  return cat(std::move(out));
}

// `test "text" as of DATE {` (`per DATE` in Dutch): when that does not fit, `as of DATE` goes on a line of its own
// and `{` on the next, at the margin. `given` and each `expect` on a line of their own.
Doc Formatter::test() {
  std::vector<Doc> parts{tok(), text()};
  if (at(L::AS) || at(kw::kPer)) {
    parts.push_back(clause(at(kw::kPer) ? cat({tok(), sp(), tok()})
                                      : cat({tok(), sp(), tok(), sp(), tok()})));
    Doc brace = tok();
    parts.push_back(d_.ifBroken(cat({hard(), brace}), cat({sp(), brace})));
  } else {
    parts.insert(parts.end(), {sp(), tok()});
  }
  std::vector<Doc> body;
  while (!done() && !at(L::RBRACE)) {
    body.push_back(hard());
    body.push_back(leading());
    std::vector<Doc> l{tok()};
    if (at(L::ID) && peek(1) == L::ASSIGN) {
      // `given a = x, b = y`: as many to a line as fit.
      std::vector<Doc> given;
      while (at(L::ID) && peek(1) == L::ASSIGN) {
        std::vector<Doc> one{tok(), sp(), tok(), sp(), value()};
        if (at(L::COMMA))
          one.push_back(tok());
        given.push_back(cat(std::move(one)));
      }
      l.insert(l.end(), {sp(), nest(d_.fill(std::move(given)))});
    } else if (at(L::ID)) {
      l.insert(l.end(), {sp(), tok()}); // `expect OUTCOME`
      if (at(L::OBLIGES))
        l.insert(l.end(), {sp(), tok(), sp(), idList()});
    }
    body.push_back(cat(std::move(l)));
  }
  body.push_back(leading());
  return cat({group(cat(std::move(parts))), nest(cat(std::move(body))), hard(), tok()});
}

// `valid from DATE until DATE`, never broken.
Doc Formatter::validity() {
  std::vector<Doc> parts{tok()};
  while (at(L::FROM) || at(L::UNTIL))
    parts.insert(parts.end(), {sp(), tok(), sp(), tok()});
  return cat(std::move(parts));
}

Doc Formatter::cite() { return cat({tok(), sp(), tok(), text()}); }

Doc Formatter::attribute() {
  switch (peek()) {
  case L::CITE:
    return cite();
  case L::VALID:
    return validity();
  case L::OBLIGES:
  case L::IS:
    return cat({tok(), sp(), idList()});
  case L::WITHOUT:
    return cat({tok(), sp(), tok()});
  default:
    return tok();
  }
}

} // namespace ww::parse::layout
