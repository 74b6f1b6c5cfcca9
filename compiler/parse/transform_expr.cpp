#include "compiler/parse/transformer.h"

#include <charconv>

namespace ww::parse {

using P = gen::WegwijzerParser;

std::int64_t Transformer::signedInt(P::SignedIntContext *ctx) {
  if (!ctx || !ctx->INT())
    return 0;
  // parse.cpp has rejected every number outside the 64-bit range (E0007), so this cannot fail;
  // the sign is read with the digits, so that -9223372036854775808 is representable.
  std::string digits = (ctx->MINUS() ? "-" : "") + ctx->INT()->getText();
  std::int64_t value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

ast::Value Transformer::value(P::ValueContext *ctx) {
  ast::Value v;
  if (!ctx)
    return v;
  v.span = span(ctx);
  if (ctx->YES()) {
    v.kind = ast::Value::Kind::Yes;
  } else if (ctx->NO()) {
    v.kind = ast::Value::Kind::No;
  } else if (ctx->signedInt()) {
    v.kind = ast::Value::Kind::Int;
    v.number = signedInt(ctx->signedInt());
  } else {
    v.kind = ast::Value::Kind::Id;
    v.id = ctx->getText();
  }
  return v;
}

ast::ExprPtr Transformer::expr(P::ExprContext *ctx) {
  auto e = std::make_unique<ast::Expr>();
  e->span = span(ctx);
  auto binary = [&](ast::ExprKind kind, P::ExprContext *a, P::ExprContext *b) {
    e->kind = kind;
    e->children.push_back(expr(a));
    e->children.push_back(expr(b));
  };
  if (auto *n = dynamic_cast<P::NotExprContext *>(ctx)) {
    e->kind = ast::ExprKind::Not;
    e->children.push_back(expr(n->expr()));
  } else if (auto *a = dynamic_cast<P::AndExprContext *>(ctx)) {
    binary(ast::ExprKind::And, a->expr(0), a->expr(1));
  } else if (auto *o = dynamic_cast<P::OrExprContext *>(ctx)) {
    binary(ast::ExprKind::Or, o->expr(0), o->expr(1));
  } else if (auto *i = dynamic_cast<P::ImpliesExprContext *>(ctx)) {
    binary(ast::ExprKind::Implies, i->expr(0), i->expr(1));
  } else if (auto *p = dynamic_cast<P::PrimaryExprContext *>(ctx)) {
    return primary(p->primary());
  }
  return e;
}

ast::ExprPtr Transformer::primary(P::PrimaryContext *ctx) {
  if (auto *p = dynamic_cast<P::ParenExprContext *>(ctx)) {
    auto inner = expr(p->expr());
    inner->span = span(ctx); // the parentheses belong to the condition they group
    return inner;
  }
  auto e = std::make_unique<ast::Expr>();
  e->span = span(ctx);
  if (auto *c = dynamic_cast<P::EqualityExprContext *>(ctx)) {
    e->kind = ast::ExprKind::Compare;
    e->subject = name(c->lhs);
    e->op = c->op->getType() == P::EQ ? ast::CompareOp::Eq : ast::CompareOp::Ne;
    e->value = value(c->value());
  } else if (auto *c = dynamic_cast<P::OrderExprContext *>(ctx)) {
    e->kind = ast::ExprKind::Compare;
    e->subject = name(c->lhs);
    switch (c->op->getType()) {
    case P::LT:
      e->op = ast::CompareOp::Lt;
      break;
    case P::LE:
      e->op = ast::CompareOp::Le;
      break;
    case P::GT:
      e->op = ast::CompareOp::Gt;
      break;
    default:
      e->op = ast::CompareOp::Ge;
      break;
    }
    e->value.kind = ast::Value::Kind::Int;
    e->value.number = signedInt(c->signedInt());
    e->value.span = span(c->signedInt());
  } else if (auto *s = dynamic_cast<P::InSetExprContext *>(ctx)) {
    e->kind = ast::ExprKind::InSet;
    e->subject = name(s->lhs);
    e->negated = s->NOT() != nullptr;
    for (auto *v : s->valueList()->value())
      e->values.push_back(value(v));
  } else if (auto *r = dynamic_cast<P::InRangeExprContext *>(ctx)) {
    e->kind = ast::ExprKind::InRange;
    e->subject = name(r->lhs);
    e->negated = r->NOT() != nullptr;
    e->lo = signedInt(r->lo);
    e->hi = signedInt(r->hi);
  } else if (auto *d = dynamic_cast<P::DisclosesExprContext *>(ctx)) {
    e->kind = ast::ExprKind::Discloses;
    e->subject = name(d->lhs);
    e->withoutConsent = d->WITHOUT() != nullptr;
  } else if (auto *w = dynamic_cast<P::WithoutConsentExprContext *>(ctx)) {
    e->kind = ast::ExprKind::WithoutConsent;
    e->subject = name(w->lhs);
  } else if (auto *o = dynamic_cast<P::ObligesExprContext *>(ctx)) {
    e->kind = ast::ExprKind::Obliges;
    e->subject = name(o->lhs);
    e->target = name(o->obligation);
  } else if (auto *i = dynamic_cast<P::IsExprContext *>(ctx)) {
    e->kind = ast::ExprKind::Is;
    e->subject = name(i->lhs);
    e->target = name(i->flag);
  } else if (dynamic_cast<P::TrueExprContext *>(ctx)) {
    e->kind = ast::ExprKind::Bool;
    e->boolValue = true;
  } else if (dynamic_cast<P::FalseExprContext *>(ctx)) {
    e->kind = ast::ExprKind::Bool;
    e->boolValue = false;
  } else if (auto *n = dynamic_cast<P::NameExprContext *>(ctx)) {
    e->kind = ast::ExprKind::Name;
    e->subject = name(n->ID()->getSymbol());
  }
  return e;
}

} // namespace ww::parse
