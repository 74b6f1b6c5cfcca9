// `wegwijzer fmt`: the layout of conditions, lists and values (docs/fmt.md).

#include "compiler/parse/formatter.h"

namespace ww::parse::layout {

// A condition: `implies`, `or` and `and` chains. A chain that does not fit breaks before every
// operator of its own: one operand a line, the operator first, at the indent of the line the
// chain started on (the caller nests it); what is inside an operand goes one level deeper.
Doc Formatter::condition() { return chain(L::IMPLIES, &Formatter::disjunction); }

Doc Formatter::chain(int op, Doc (Formatter::*operand)()) {
  Doc first = (this->*operand)();
  if (!at(op))
    return first;
  std::vector<Doc> parts{nest(first)};
  while (at(op)) {
    Doc o = tok();
    parts.insert(parts.end(), {line(), o, sp(), nest((this->*operand)())});
  }
  return group(cat(std::move(parts)));
}

Doc Formatter::unary() {
  if (at(L::NOT)) {
    Doc n = tok();
    return cat({n, sp(), unary()});
  }
  return primary();
}

Doc Formatter::primary() {
  if (at(L::LPAREN)) {
    Doc open = tok();
    Doc inner = condition();
    return cat({open, inner, at(L::RPAREN) ? tok() : none()});
  }
  if (!at(L::ID))
    return tok(); // true, false
  Doc lhs = tok();
  switch (peek()) {
  case L::EQ:
  case L::NE:
  case L::LT:
  case L::LE:
  case L::GT:
  case L::GE: {
    Doc op = tok();
    return cat({lhs, sp(), op, sp(), value()});
  }
  case L::NOT: {
    Doc n = tok();
    return cat({lhs, sp(), n, sp(), membership()});
  }
  case L::IN:
    return cat({lhs, sp(), membership()});
  case L::DISCLOSES: {
    Doc d = tok();
    if (!at(L::WITHOUT))
      return cat({lhs, sp(), d});
    Doc w = tok();
    return cat({lhs, sp(), d, sp(), w, sp(), tok()});
  }
  case L::WITHOUT:
  case L::OBLIGES:
  case L::IS: {
    Doc k = tok();
    return cat({lhs, sp(), k, sp(), tok()});
  }
  default:
    return lhs;
  }
}

// `in {a, b}` (as many to a line as fit) or `in LOW..HIGH`.
Doc Formatter::membership() {
  Doc in = tok();
  if (!at(L::LBRACE))
    return cat({in, sp(), range()});
  Doc open = tok();
  std::vector<Doc> values;
  while (!done() && !at(L::RBRACE)) {
    Doc v = value();
    values.push_back(at(L::COMMA) ? cat({v, tok()}) : v);
  }
  Doc close = tok();
  if (values.empty())
    return cat({in, sp(), open, close});
  values.back() = cat({values.back(), close});
  return cat({in, sp(), open, nest(d_.fill(std::move(values)))});
}

// `a, b, c`: as many to a line as fit, the next lines one level deeper.
Doc Formatter::idList() {
  std::vector<Doc> ids;
  while (at(L::ID)) {
    Doc id = tok();
    bool more = at(L::COMMA) && peek(1) == L::ID;
    ids.push_back(more ? cat({id, tok()}) : id);
    if (!more)
      break;
  }
  return nest(d_.fill(std::move(ids)));
}

Doc Formatter::value() { return at(L::MINUS) ? cat({tok(), tok()}) : tok(); }

Doc Formatter::range() { return cat({value(), tok(), value()}); }

} // namespace ww::parse::layout
