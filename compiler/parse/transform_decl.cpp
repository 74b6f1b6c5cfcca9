#include "compiler/parse/transformer.h"

#include "compiler/support/i18n.h"

namespace ww::parse {

using P = gen::WegwijzerParser;

ast::Name Transformer::name(antlr4::Token *token) const {
  if (!token)
    return {};
  return {token->getText(), offsets_.token(token)};
}

// A string literal without its quotes, with \" and \\ unescaped (\n becomes a newline).
std::string Transformer::string(antlr4::Token *token) const {
  if (!token)
    return {};
  std::string raw = token->getText();
  if (raw.size() < 2)
    return raw;
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 1; i + 1 < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 2 < raw.size()) {
      char next = raw[++i];
      out += next == 'n' ? '\n' : next == 't' ? '\t' : next;
    } else {
      out += raw[i];
    }
  }
  return out;
}

bool parsedCleanly(antlr4::ParserRuleContext *ctx) {
  if (!ctx || ctx->exception)
    return false;
  for (antlr4::tree::ParseTree *child : ctx->children) {
    if (dynamic_cast<antlr4::tree::ErrorNode *>(child))
      return false;
    if (auto *rule = dynamic_cast<antlr4::ParserRuleContext *>(child); rule && !parsedCleanly(rule))
      return false;
  }
  return true;
}

namespace {

// The name of a declaration that did not parse, when the parser read it (a token it made up
// to recover has no index in the stream).
void droppedName(antlr4::Token *token, std::vector<std::string> &out) {
  if (token && token->getType() == P::ID && token->getTokenIndex() != INVALID_INDEX)
    out.push_back(token->getText());
}

void droppedNames(P::ItemContext *ctx, std::vector<std::string> &out) {
  if (auto *s = ctx->sourceDecl())
    droppedName(s->name, out);
  else if (auto *q = ctx->questionDecl())
    droppedName(q->name, out);
  else if (auto *p = ctx->parameterDecl())
    droppedName(p->name, out);
  else if (auto *s = ctx->setDecl())
    droppedName(s->name, out); // the parameter it sets
  else if (auto *o = ctx->obligationDecl())
    droppedName(o->name, out);
  else if (auto *f = ctx->flagDecl())
    droppedName(f->name, out);
  else if (auto *d = ctx->defineDecl())
    droppedName(d->name, out);
  else if (auto *r = ctx->ruleDecl())
    droppedName(r->name, out);
  else if (auto *p = ctx->propertyDecl())
    droppedName(p->name, out);
  else if (auto *d = ctx->decisionDecl()) {
    droppedName(d->name, out);
    for (auto *o : d->outcomeDecl())
      droppedName(o->name, out);
  }
}

} // namespace

std::unique_ptr<ast::File> Transformer::file(P::FileContext *ctx) {
  auto out = std::make_unique<ast::File>();
  if (auto *m = dynamic_cast<P::ModuleHeaderContext *>(ctx->header())) {
    out->kind = ast::File::Kind::Module;
    out->name = name(m->name);
    out->title = string(m->title);
    if (m->base)
      out->base = name(m->base);
    out->valid = validity(m->validity());
  } else if (auto *r = dynamic_cast<P::RulesetHeaderContext *>(ctx->header())) {
    out->kind = ast::File::Kind::Ruleset;
    out->name = name(r->name);
    out->title = string(r->title);
    if (r->base)
      out->base = name(r->base);
    out->valid = validity(r->validity());
  }
  out->headerSpan = span(ctx->header());
  for (auto *item : ctx->item()) {
    if (parsedCleanly(item))
      this->item(item, *out);
    else
      droppedNames(item, out->dropped);
  }
  return out;
}

std::optional<Date> Transformer::date(antlr4::Token *token) {
  if (!token)
    return std::nullopt;
  DateError error;
  if (auto d = parseDate(token->getText(), &error))
    return d;
  sink_.error("E0701", offsets_.token(token), error.message).withHelp(error.help);
  return std::nullopt;
}

ast::Validity Transformer::validity(P::ValidityContext *ctx) {
  ast::Validity v;
  if (!ctx)
    return v;
  v.span = span(ctx);
  v.period.from = date(ctx->from);
  v.period.until = date(ctx->until);
  v.bad = (ctx->from && !v.period.from) || (ctx->until && !v.period.until);
  return v;
}

void Transformer::validityOnce(ast::Validity &into, P::ValidityContext *ctx) {
  if (into.written()) {
    sink_.error("E0701", span(ctx), tr("E0701.second_clause"))
        .label(into.span, tr("E0701.label.first_clause"))
        .withHelp(tr("E0701.help.one_clause"));
    into.bad = true; // which dates were meant is not known
    return;
  }
  into = validity(ctx);
}

std::vector<ast::Name> Transformer::idList(P::IdListContext *ctx) {
  std::vector<ast::Name> out;
  if (!ctx)
    return out;
  for (auto *id : ctx->ID())
    out.push_back(name(id->getSymbol()));
  return out;
}

ast::Citation Transformer::citation(P::CitationContext *ctx) {
  return {name(ctx->source), string(ctx->locator), span(ctx)};
}

ast::AnswerType Transformer::answerType(P::AnswerTypeContext *ctx) {
  ast::AnswerType t;
  t.span = span(ctx);
  if (dynamic_cast<P::YesNoTypeContext *>(ctx)) {
    t.kind = ast::AnswerType::Kind::YesNo;
  } else if (auto *r = dynamic_cast<P::RangeTypeContext *>(ctx)) {
    t.kind = ast::AnswerType::Kind::Range;
    t.lo = signedInt(r->lo);
    t.hi = signedInt(r->hi);
  } else if (auto *o = dynamic_cast<P::OneOfTypeContext *>(ctx)) {
    t.kind = ast::AnswerType::Kind::OneOf;
    for (auto *a : o->answerDecl()) {
      ast::Replaces replaces;
      if (auto *r = a->replacesClause())
        replaces = {idList(r->idList()), string(r->reason), span(r)};
      t.answers.push_back({name(a->name), string(a->label), validity(a->validity()), replaces});
    }
  }
  return t;
}

ast::OutcomeDecl Transformer::outcome(P::OutcomeDeclContext *ctx) {
  ast::OutcomeDecl o;
  o.name = name(ctx->name);
  o.text = string(ctx->text);
  o.span = span(ctx);
  for (auto *attr : ctx->outcomeAttr()) {
    if (auto *c = dynamic_cast<P::OutcomeCiteContext *>(attr)) {
      o.citations.push_back(citation(c->citation()));
    } else if (auto *ob = dynamic_cast<P::OutcomeObligesContext *>(attr)) {
      for (auto &n : idList(ob->idList()))
        o.obligations.push_back(std::move(n));
    } else if (dynamic_cast<P::OutcomeDisclosesContext *>(attr)) {
      o.discloses = true;
    } else if (dynamic_cast<P::OutcomeWithoutConsentContext *>(attr)) {
      o.withoutConsent = true;
    } else if (auto *f = dynamic_cast<P::OutcomeFlagsContext *>(attr)) {
      for (auto &n : idList(f->idList()))
        o.flags.push_back(std::move(n));
    } else if (auto *v = dynamic_cast<P::OutcomeValidityContext *>(attr)) {
      validityOnce(o.valid, v->validity());
    }
  }
  return o;
}

ast::RuleDecl Transformer::rule(P::RuleDeclContext *ctx) {
  ast::RuleDecl r;
  r.name = name(ctx->name);
  r.isOverride = ctx->OVERRIDE() != nullptr;
  r.exceptionTo = idList(ctx->idList());
  r.cond = expr(ctx->cond);
  r.outcome = name(ctx->outcome);
  r.span = span(ctx);
  for (auto *attr : ctx->ruleAttr()) {
    if (auto *c = dynamic_cast<P::RuleCiteContext *>(attr))
      r.citations.push_back(citation(c->citation()));
    else if (auto *ob = dynamic_cast<P::RuleObligesContext *>(attr))
      for (auto &n : idList(ob->idList()))
        r.obligations.push_back(std::move(n));
    else if (auto *v = dynamic_cast<P::RuleValidityContext *>(attr))
      validityOnce(r.valid, v->validity());
  }
  return r;
}

ast::PropertyDecl Transformer::property(P::PropertyDeclContext *ctx) {
  ast::PropertyDecl p;
  if (ctx->name)
    p.name = name(ctx->name);
  p.text = string(ctx->text);
  p.valid = validity(ctx->validity());
  p.span = span(ctx);
  if (auto *ind = dynamic_cast<P::IndependencePropertyContext *>(ctx->propertyBody())) {
    p.kind = ast::PropertyDecl::Kind::Independence;
    p.decision = name(ind->decision);
    p.questions = idList(ind->idList());
    if (ind->cond)
      p.cond = expr(ind->cond);
  } else if (auto *c = dynamic_cast<P::ConditionPropertyContext *>(ctx->propertyBody())) {
    p.kind = ast::PropertyDecl::Kind::Condition;
    p.cond = expr(c->cond);
  }
  return p;
}

ast::TestDecl Transformer::test(P::TestDeclContext *ctx) {
  ast::TestDecl t;
  t.text = string(ctx->text);
  t.asOf = date(ctx->asOf);
  t.span = span(ctx);
  if (ctx->givenList())
    for (auto *g : ctx->givenList()->given())
      t.givens.push_back({name(g->name), value(g->value()), span(g)});
  for (auto *e : ctx->expectClause()) {
    ast::Expectation x;
    x.outcome = name(e->outcome);
    x.span = span(e);
    if (e->OBLIGES())
      x.obligations = idList(e->idList());
    t.expects.push_back(std::move(x));
  }
  return t;
}

void Transformer::item(P::ItemContext *ctx, ast::File &out) {
  if (auto *s = ctx->sourceDecl()) {
    out.sources.push_back({name(s->name), string(s->text), s->OVERRIDE() != nullptr,
                           validity(s->validity()), span(s)});
  } else if (auto *q = ctx->questionDecl()) {
    ast::QuestionDecl d;
    d.name = name(q->name);
    d.text = string(q->text);
    d.type = answerType(q->answerType());
    d.valid = validity(q->validity());
    if (q->cond)
      d.askedWhen = expr(q->cond);
    d.help = string(q->help);
    d.isOverride = q->OVERRIDE() != nullptr;
    d.span = span(q);
    out.questions.push_back(std::move(d));
  } else if (auto *p = ctx->parameterDecl()) {
    out.parameters.push_back(
        {name(p->name), string(p->text), answerType(p->answerType()), span(p)});
  } else if (auto *s = ctx->setDecl()) {
    ast::SetDecl d{name(s->name), value(s->value()), {}, span(s)};
    for (auto *c : s->citation())
      d.citations.push_back(citation(c));
    out.sets.push_back(std::move(d));
  } else if (auto *o = ctx->obligationDecl()) {
    out.obligations.push_back({name(o->name), string(o->text), o->OVERRIDE() != nullptr,
                               validity(o->validity()), span(o)});
  } else if (auto *f = ctx->flagDecl()) {
    out.flags.push_back({name(f->name), string(f->text), validity(f->validity()), span(f)});
  } else if (auto *d = ctx->defineDecl()) {
    out.defines.push_back({name(d->name), string(d->text), expr(d->cond), d->OVERRIDE() != nullptr,
                           validity(d->validity()), span(d)});
  } else if (auto *d = ctx->decisionDecl()) {
    ast::DecisionDecl dec;
    dec.name = name(d->name);
    dec.text = string(d->text);
    dec.isExtend = d->EXTEND() != nullptr;
    dec.span = span(d);
    for (auto *o : d->outcomeDecl())
      dec.outcomes.push_back(outcome(o));
    out.decisions.push_back(std::move(dec));
  } else if (auto *r = ctx->ruleDecl()) {
    out.rules.push_back(rule(r));
  } else if (auto *a = ctx->assumeDecl()) {
    out.assumes.push_back({string(a->text), expr(a->cond), validity(a->validity()), span(a)});
  } else if (auto *p = ctx->propertyDecl()) {
    out.properties.push_back(property(p));
  } else if (auto *t = ctx->testDecl()) {
    out.tests.push_back(test(t));
  }
}

} // namespace ww::parse
