#include "compiler/sema/analyser.h"
#include "compiler/sema/suggest.h"
#include "compiler/support/i18n.h"

#include <fmt/format.h>

#include <algorithm>

namespace ww::sema {
namespace {

std::string joinIds(const std::vector<std::string> &ids) {
  std::string out;
  for (const auto &id : ids)
    out += (out.empty() ? "`" : ", `") + id + "`";
  return out;
}

std::string valueText(const ast::Value &v) {
  switch (v.kind) {
  case ast::Value::Kind::Id:
    return v.id;
  case ast::Value::Kind::Yes:
    return "yes";
  case ast::Value::Kind::No:
    return "no";
  case ast::Value::Kind::Int:
    return std::to_string(v.number);
  }
  return v.id;
}

ir::ExprRef questionIn(int question, std::vector<std::int64_t> values, Span span) {
  auto e = std::make_shared<ir::Expr>();
  e->kind = ir::Expr::Kind::QuestionIn;
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  e->question = question;
  e->values = std::move(values);
  e->span = span;
  return e;
}

ir::ExprRef questionRange(int question, std::int64_t lo, std::int64_t hi, Span span) {
  auto e = std::make_shared<ir::Expr>();
  e->kind = ir::Expr::Kind::QuestionRange;
  e->question = question;
  e->lo = lo;
  e->hi = hi;
  e->span = span;
  return e;
}

ir::ExprRef decisionAtom(ir::Expr::Kind kind, int decision, Span span, int target = -1) {
  auto e = std::make_shared<ir::Expr>();
  e->kind = kind;
  e->decision = decision;
  e->target = target;
  e->span = span;
  return e;
}

} // namespace

std::vector<std::string> Analyser::condNames() const {
  std::vector<std::string> names;
  for (const auto &[name, sym] : cond_)
    names.push_back(name);
  return names;
}

void Analyser::unknownName(const ast::Name &name, const std::vector<std::string> &candidates,
                           const char *what) {
  if (dropped(name.text))
    return; // declared by a declaration with a syntax error, reported already
  std::string_view kind = what;
  Diagnostic &d = sink_.error(
      "E0101", name.span,
      tr(kind == "define" || kind == "answer" ? "E0101.neuter" : "E0101",
         {{"what", kindWord(what)}, {"name", name.text}}));
  std::string suggestion = closest(name.text, candidates);
  if (!suggestion.empty())
    d.withHelp(tr("frontend.help.did_you_mean", {{"name", suggestion}}));
}

std::optional<int> Analyser::lookup(const std::map<std::string, Entry> &table,
                                    const ast::Name &name, const char *what) {
  auto it = table.find(name.text);
  if (it != table.end())
    return it->second.index;
  std::vector<std::string> names;
  for (const auto &[n, e] : table)
    names.push_back(n);
  unknownName(name, names, what);
  return std::nullopt;
}

// The number an answer stands for, or an error (E0204, E0205, E0206 or the test codes).
std::optional<std::int64_t> Analyser::answerValue(int question, const ast::Value &v,
                                                  const char *code) {
  const ir::Question &q = out_.questions[question];
  bool inTest = std::string(code) == "E0402";
  auto otherQuestion = [&]() -> bool {
    if (v.kind != ast::Value::Kind::Id)
      return false;
    auto it = cond_.find(v.id);
    if (it == cond_.end() || it->second.kind != SymKind::Question)
      return false;
    if (inTest)
      sink_
          .error(code, v.span, tr("E0402.question", {{"value", v.id}, {"question", q.id}}))
          .note(q.type == ir::QuestionType::Range
                    ? tr("E0402.note.answer_number",
                         {{"question", q.id}, {"lo", q.lo}, {"hi", q.hi}})
                    : tr("E0402.note.answer_own", {{"question", q.id}}));
    else
      sink_
          .error("E0204", v.span,
                 tr("E0204", {{"question", q.id}, {"other", v.id}}))
          .note(tr("E0204.note.own_answers"))
          .label(q.span, tr("E0204.label.declared", {{"question", q.id}}));
    return true;
  };
  switch (q.type) {
  case ir::QuestionType::YesNo:
    if (v.kind == ast::Value::Kind::Yes)
      return 1;
    if (v.kind == ast::Value::Kind::No)
      return 0;
    if (otherQuestion())
      return std::nullopt;
    sink_
        .error(code, v.span,
               tr("E0205.not_yes_no", {{"value", valueText(v)}, {"question", q.id}}))
        .withHelp(tr("E0205.help.yes_no"));
    return std::nullopt;
  case ir::QuestionType::OneOf: {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < q.answers.size(); ++i) {
      if (v.kind == ast::Value::Kind::Id && q.answers[i].id == v.id)
        return i;
      ids.push_back(q.answers[i].id);
    }
    if (otherQuestion())
      return std::nullopt;
    Diagnostic &d =
        sink_.error(code, v.span, tr("E0205.not_answer", {{"value", valueText(v)}, {"question", q.id}}));
    if (v.kind == ast::Value::Kind::Id) {
      std::string s = closest(v.id, ids);
      if (!s.empty())
        d.withHelp(tr("frontend.help.did_you_mean", {{"name", s}}));
    } else if (v.kind != ast::Value::Kind::Int) {
      d.note(tr("E0205.note.list_question", {{"question", q.id}}));
    }
    d.note(tr("E0205.note.answers", {{"list", joinIds(ids)}}));
    return std::nullopt;
  }
  case ir::QuestionType::Range:
    if (v.kind == ast::Value::Kind::Int) {
      if (v.number >= q.lo && v.number <= q.hi)
        return v.number;
      sink_.error(
          inTest ? code : "E0206", v.span,
          tr("E0206", {{"value", v.number}, {"question", q.id}, {"lo", q.lo}, {"hi", q.hi}}));
      return std::nullopt;
    }
    if (otherQuestion())
      return std::nullopt;
    sink_.error(code, v.span,
                tr("E0205.not_number",
                   {{"value", valueText(v)}, {"question", q.id}, {"lo", q.lo}, {"hi", q.hi}}));
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<int> Analyser::outcomeOf(int decision, const ast::Value &v) {
  const ir::Decision &d = out_.decisions[decision];
  std::vector<std::string> ids;
  for (int o : d.outcomes) {
    if (v.kind == ast::Value::Kind::Id && out_.outcomes[o].id == v.id)
      return o;
    ids.push_back(out_.outcomes[o].id);
  }
  Diagnostic &diag = sink_.error(
      "E0205", v.span, tr("E0205.not_outcome", {{"value", valueText(v)}, {"decision", d.id}}));
  auto other = outcomes_.find(v.id);
  if (v.kind == ast::Value::Kind::Id && other != outcomes_.end())
    diag.note(tr("E0205.note.outcome_of",
                 {{"value", v.id},
                  {"decision", out_.decisions[out_.outcomes[other->second.index].decision].id}}));
  else if (v.kind == ast::Value::Kind::Id && !closest(v.id, ids).empty())
    diag.withHelp(tr("frontend.help.did_you_mean", {{"name", closest(v.id, ids)}}));
  diag.note(tr("E0205.note.outcomes", {{"list", joinIds(ids)}}));
  return std::nullopt;
}

std::optional<std::int64_t> Analyser::parameterValue(int parameter, const ast::Value &v) {
  const ast::ParameterDecl &p = *parameterAst_[parameter];
  const ast::AnswerType &t = p.type;
  if (t.kind == ast::AnswerType::Kind::YesNo) {
    if (v.kind == ast::Value::Kind::Yes)
      return 1;
    if (v.kind == ast::Value::Kind::No)
      return 0;
    sink_
        .error(
            "E0205", v.span,
            tr("E0205.not_yes_no_parameter", {{"value", valueText(v)}, {"parameter", p.name.text}}))
        .withHelp(tr("E0205.help.yes_no"));
    return std::nullopt;
  }
  if (t.kind == ast::AnswerType::Kind::Range) {
    if (v.kind == ast::Value::Kind::Int && v.number >= t.lo && v.number <= t.hi)
      return v.number;
    sink_.error("E0206", v.span,
                tr("E0206.parameter", {{"value", valueText(v)},
                                       {"lo", t.lo},
                                       {"hi", t.hi},
                                       {"parameter", p.name.text}}));
    return std::nullopt;
  }
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < t.answers.size(); ++i) {
    if (v.kind == ast::Value::Kind::Id && t.answers[i].name.text == v.id)
      return i;
    ids.push_back(t.answers[i].name.text);
  }
  sink_
      .error("E0205", v.span,
             tr("E0205.not_value", {{"value", valueText(v)}, {"parameter", p.name.text}}))
      .note(tr("E0205.note.values", {{"list", joinIds(ids)}}));
  return std::nullopt;
}

// Folds a test of a parameter to a constant; false when the parameter is not set (a module).
bool Analyser::parameterTest(int parameter, const ast::Expr &e, bool &result) {
  readsParameter_ = true;
  const auto &set = parameterValues_[parameter];
  auto valueOk = [&](const ast::Value &v, bool &match) {
    auto x = parameterValue(parameter, v);
    if (!x)
      return false;
    match = set && *set == *x;
    return true;
  };
  bool match = false;
  switch (e.kind) {
  case ast::ExprKind::Name:
    if (parameterAst_[parameter]->type.kind != ast::AnswerType::Kind::YesNo) {
      sink_.error("E0203", e.subject.span,
                  tr("E0203.parameter_not_yes_no", {{"parameter", e.subject.text}}));
      return false;
    }
    result = set && *set == 1;
    return true;
  case ast::ExprKind::Compare:
    if (e.op != ast::CompareOp::Eq && e.op != ast::CompareOp::Ne)
      break;
    if (!valueOk(e.value, match))
      return false;
    result = e.op == ast::CompareOp::Eq ? match : !match;
    return true;
  case ast::ExprKind::InSet: {
    bool any = false;
    for (const auto &v : e.values) {
      if (!valueOk(v, match))
        return false;
      any = any || match;
    }
    result = e.negated ? !any : any;
    return true;
  }
  default:
    break;
  }
  sink_.error(
      "E0203", e.span,
      tr("E0203.parameter_operator", {{"parameter", e.subject.text}}));
  return false;
}

ir::ExprRef Analyser::resolveDefine(int index, const ast::Expr &use) {
  if (defineState_[index] == 1) {
    const ast::DefineDecl &d = *defineAst_[index];
    sink_.error("E0302", d.name.span, tr("E0302", {{"define", d.name.text}}))
        .label(use.span, tr("E0302.label.used_here"));
    defineState_[index] = 2;
    defineIr_[index] = ir::makeConst(false, d.span);
  }
  if (defineState_[index] == 0) {
    defineState_[index] = 1;
    bool outer = readsParameter_;
    readsParameter_ = false;
    defineIr_[index] = resolve(*defineAst_[index]->cond, Ctx{});
    defineReadsParameter_[index] = readsParameter_;
    readsParameter_ = outer;
    defineState_[index] = 2;
  }
  if (defineReadsParameter_[index])
    readsParameter_ = true;
  return defineIr_[index];
}

ir::ExprRef Analyser::resolve(const ast::Expr &e, const Ctx &ctx) {
  switch (e.kind) {
  case ast::ExprKind::Bool:
    return ir::makeConst(e.boolValue, e.span);
  case ast::ExprKind::Not:
    return ir::makeNot(resolve(*e.children[0], ctx), e.span);
  case ast::ExprKind::And:
    return ir::makeAnd({resolve(*e.children[0], ctx), resolve(*e.children[1], ctx)}, e.span);
  case ast::ExprKind::Or:
    return ir::makeOr({resolve(*e.children[0], ctx), resolve(*e.children[1], ctx)}, e.span);
  case ast::ExprKind::Implies:
    return ir::makeOr({ir::makeNot(resolve(*e.children[0], ctx), e.children[0]->span),
                       resolve(*e.children[1], ctx)},
                      e.span);
  default:
    return resolveAtom(e, ctx);
  }
}

ir::ExprRef Analyser::resolveAtom(const ast::Expr &e, const Ctx &ctx) {
  ir::ExprRef error = ir::makeConst(false, e.span);
  auto it = cond_.find(e.subject.text);
  if (it == cond_.end()) {
    unknownName(e.subject, condNames(), "name");
    return error;
  }
  const Sym &sym = it->second;
  const std::string &name = e.subject.text;

  if (sym.kind == SymKind::Parameter) {
    bool result = false;
    if (!parameterTest(sym.index, e, result))
      return error;
    ir::ExprRef folded = ir::makeConst(result, e.span);
    parameterTests_[folded.get()] = {sym.index, &e};
    parameterTestNodes_.push_back(folded);
    return folded;
  }
  if (sym.kind == SymKind::Define) {
    if (e.kind != ast::ExprKind::Name) {
      sink_.error(
          "E0203", e.subject.span,
          tr("E0203.define", {{"name", name}}));
      return error;
    }
    ir::ExprRef body = resolveDefine(sym.index, e);
    if (!ctx.decisions) {
      // A define read where decisions are not allowed must not read one either.
      std::vector<const ir::Expr *> stack{body.get()};
      while (!stack.empty()) {
        const ir::Expr *x = stack.back();
        stack.pop_back();
        if (x->decision >= 0) {
          sink_.error("E0208", e.span,
                      tr("E0208.through_define", {{"where", tr(ctx.where)},
                                                  {"decision", out_.decisions[x->decision].id},
                                                  {"define", name}}));
          return error;
        }
        for (const auto &a : x->args)
          stack.push_back(a.get());
      }
    }
    return body;
  }
  if (sym.kind == SymKind::Decision) {
    if (!ctx.decisions) {
      sink_
          .error("E0208", e.subject.span,
                 tr("E0208", {{"where", tr(ctx.where)}, {"decision", name}}))
          .note(tr("E0208.note.asked_first"));
      return error;
    }
    switch (e.kind) {
    case ast::ExprKind::Compare: {
      if (e.op != ast::CompareOp::Eq && e.op != ast::CompareOp::Ne) {
        sink_.error(
            "E0207", e.span,
            tr("E0207.decision", {{"decision", name}}));
        return error;
      }
      auto o = outcomeOf(sym.index, e.value);
      if (!o)
        return error;
      auto atom = std::make_shared<ir::Expr>();
      atom->kind = ir::Expr::Kind::DecisionIn;
      atom->decision = sym.index;
      atom->outcomes = {*o};
      atom->span = e.span;
      return e.op == ast::CompareOp::Eq ? ir::ExprRef(atom) : ir::makeNot(atom, e.span);
    }
    case ast::ExprKind::InSet: {
      auto atom = std::make_shared<ir::Expr>();
      atom->kind = ir::Expr::Kind::DecisionIn;
      atom->decision = sym.index;
      atom->span = e.span;
      bool ok = true;
      for (const auto &v : e.values) {
        auto o = outcomeOf(sym.index, v);
        if (o)
          atom->outcomes.push_back(*o);
        else
          ok = false;
      }
      if (!ok)
        return error;
      std::sort(atom->outcomes.begin(), atom->outcomes.end());
      return e.negated ? ir::makeNot(atom, e.span) : ir::ExprRef(atom);
    }
    case ast::ExprKind::Discloses: {
      auto d = decisionAtom(ir::Expr::Kind::DecisionDiscloses, sym.index, e.span);
      if (!e.withoutConsent)
        return d;
      return ir::makeAnd(
          {d, decisionAtom(ir::Expr::Kind::DecisionWithoutConsent, sym.index, e.span)}, e.span);
    }
    case ast::ExprKind::WithoutConsent:
      return decisionAtom(ir::Expr::Kind::DecisionWithoutConsent, sym.index, e.span);
    case ast::ExprKind::Obliges: {
      auto ob = lookup(obligations_, e.target, "obligation");
      return ob ? decisionAtom(ir::Expr::Kind::DecisionObliges, sym.index, e.span, *ob) : error;
    }
    case ast::ExprKind::Is: {
      auto fl = lookup(flags_, e.target, "flag");
      return fl ? decisionAtom(ir::Expr::Kind::DecisionFlag, sym.index, e.span, *fl) : error;
    }
    default:
      sink_.error(
          "E0203", e.subject.span,
          tr("E0203.decision", {{"name", name}}));
      return error;
    }
  }

  // A question.
  int q = sym.index;
  const ir::Question &question = out_.questions[q];
  switch (e.kind) {
  case ast::ExprKind::Name:
    if (question.type == ir::QuestionType::YesNo)
      return questionIn(q, {1}, e.span);
    sink_.error("E0203", e.subject.span,
                question.type == ir::QuestionType::OneOf
                    ? tr("E0203.list_question", {{"name", name}})
                    : tr("E0203.number_question", {{"name", name}}));
    return error;
  case ast::ExprKind::Compare: {
    if (e.op == ast::CompareOp::Eq || e.op == ast::CompareOp::Ne) {
      auto v = answerValue(q, e.value, "E0205");
      if (!v)
        return error;
      auto atom = questionIn(q, {*v}, e.span);
      return e.op == ast::CompareOp::Eq ? atom : ir::makeNot(atom, e.span);
    }
    if (question.type != ir::QuestionType::Range) {
      sink_.error("E0207", e.span,
                  tr("E0207.operator", {{"name", name}, {"operator", ast::compareOpText(e.op)}}));
      return error;
    }
    std::int64_t k = e.value.number;
    bool alwaysFalse = (e.op == ast::CompareOp::Lt && k <= question.lo) ||
                       (e.op == ast::CompareOp::Le && k < question.lo) ||
                       (e.op == ast::CompareOp::Gt && k >= question.hi) ||
                       (e.op == ast::CompareOp::Ge && k > question.hi);
    bool alwaysTrue = (e.op == ast::CompareOp::Lt && k > question.hi) ||
                      (e.op == ast::CompareOp::Le && k >= question.hi) ||
                      (e.op == ast::CompareOp::Gt && k < question.lo) ||
                      (e.op == ast::CompareOp::Ge && k <= question.lo);
    if (alwaysFalse || alwaysTrue) {
      sink_
          .warning("W0105", e.span,
                   tr(alwaysTrue ? "W0105.true" : "W0105.false",
                      {{"condition", ast::toString(e)},
                       {"question", name},
                       {"lo", question.lo},
                       {"hi", question.hi}}))
          .withHelp(alwaysTrue ? tr("W0105.help.true") : tr("W0105.help.false"));
    }
    // Turned into a range of the domain without arithmetic past it: k - 1 and k + 1 are only
    // formed where k lies strictly inside lo..hi, so nothing overflows at the 64-bit edges.
    // Always false stays an atom (undefined where the question is not asked).
    if (alwaysTrue)
      return questionRange(q, question.lo, question.hi, e.span);
    if (alwaysFalse)
      return ir::makeNot(questionRange(q, question.lo, question.hi, e.span), e.span);
    switch (e.op) {
    case ast::CompareOp::Lt:
      return questionRange(q, question.lo, k - 1, e.span);
    case ast::CompareOp::Le:
      return questionRange(q, question.lo, k, e.span);
    case ast::CompareOp::Gt:
      return questionRange(q, k + 1, question.hi, e.span);
    default:
      return questionRange(q, k, question.hi, e.span);
    }
  }
  case ast::ExprKind::InSet: {
    std::vector<std::int64_t> values;
    bool ok = true;
    for (const auto &v : e.values) {
      auto x = answerValue(q, v, "E0205");
      if (x)
        values.push_back(*x);
      else
        ok = false;
    }
    if (!ok)
      return error;
    auto atom = questionIn(q, std::move(values), e.span);
    return e.negated ? ir::makeNot(atom, e.span) : atom;
  }
  case ast::ExprKind::InRange: {
    if (question.type != ir::QuestionType::Range) {
      sink_.error("E0207", e.span, tr("E0207", {{"name", name}}));
      return error;
    }
    if (e.lo > e.hi) {
      sink_.error("E0202", e.span, tr("E0202", {{"lo", e.lo}, {"hi", e.hi}}));
      return error;
    }
    if (e.lo < question.lo || e.hi > question.hi) {
      sink_.error("E0206", e.span,
                  tr("E0206.range", {{"from", e.lo},
                                     {"to", e.hi},
                                     {"question", name},
                                     {"lo", question.lo},
                                     {"hi", question.hi}}));
      return error;
    }
    auto atom = questionRange(q, e.lo, e.hi, e.span);
    return e.negated ? ir::makeNot(atom, e.span) : atom;
  }
  default:
    sink_.error("E0203", e.subject.span,
                tr("E0203.question_not_decision",
                   {{"name", name}, {"operator", ast::toString(e).substr(name.size() + 1)}}));
    return error;
  }
}

} // namespace ww::sema
