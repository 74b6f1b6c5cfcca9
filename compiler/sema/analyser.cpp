#include "compiler/sema/analyser.h"
#include "compiler/sema/suggest.h"

#include "compiler/support/i18n.h"
#include "compiler/support/limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <set>

namespace ww::sema {
namespace {

// Constant folding that is sound in Kleene logic (`false and undefined` is false).
ir::ExprRef fold(const ir::ExprRef &e) {
  using K = ir::Expr::Kind;
  if (e->kind == K::Not) {
    ir::ExprRef a = fold(e->args[0]);
    return a->kind == K::Const ? ir::makeConst(!a->value, e->span) : ir::makeNot(a, e->span);
  }
  if (e->kind != K::And && e->kind != K::Or)
    return e;
  bool isAnd = e->kind == K::And;
  std::vector<ir::ExprRef> kept;
  for (const auto &a : e->args) {
    ir::ExprRef f = fold(a);
    if (f->kind == K::Const) {
      if (f->value != isAnd)
        return ir::makeConst(!isAnd, e->span);
      continue;
    }
    kept.push_back(f);
  }
  if (kept.empty())
    return ir::makeConst(isAnd, e->span);
  return isAnd ? ir::makeAnd(std::move(kept), e->span) : ir::makeOr(std::move(kept), e->span);
}

void collect(const ir::Expr &e, std::vector<int> &questions, std::vector<int> &decisions) {
  if (e.question >= 0)
    questions.push_back(e.question);
  if (e.decision >= 0)
    decisions.push_back(e.decision);
  for (const auto &a : e.args)
    collect(*a, questions, decisions);
}

std::string slug(const std::string &text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c))
      out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_')
    out.pop_back();
  return out.empty() ? "property" : out;
}

// Finds a cycle in a directed graph; returns the nodes on it (first repeated at the end).
std::vector<int> findCycle(const std::vector<std::vector<int>> &edges) {
  std::vector<int> state(edges.size(), 0), stack;
  std::vector<int> cycle;
  std::function<bool(int)> visit = [&](int n) {
    state[n] = 1;
    stack.push_back(n);
    for (int m : edges[n]) {
      if (state[m] == 1) {
        auto it = std::find(stack.begin(), stack.end(), m);
        cycle.assign(it, stack.end());
        cycle.push_back(m);
        return true;
      }
      if (state[m] == 0 && visit(m))
        return true;
    }
    stack.pop_back();
    state[n] = 2;
    return false;
  };
  for (int n = 0; n < static_cast<int>(edges.size()); ++n)
    if (state[n] == 0 && visit(n))
      return cycle;
  return {};
}

// Every node after the nodes it points to (edges must be acyclic).
std::vector<int> topoOrder(const std::vector<std::vector<int>> &edges) {
  std::vector<int> order, state(edges.size(), 0);
  std::function<void(int)> visit = [&](int n) {
    if (state[n])
      return;
    state[n] = 1;
    for (int m : edges[n])
      visit(m);
    order.push_back(n);
  };
  for (int n = 0; n < static_cast<int>(edges.size()); ++n)
    visit(n);
  return order;
}

} // namespace

std::optional<ir::Ruleset> analyse(const std::vector<const ast::File *> &chain,
                                   DiagnosticSink &sink, const AnalyseOptions &options) {
  return Analyser(chain, sink, options).run();
}

bool Analyser::incomplete() const {
  return std::any_of(chain_.begin(), chain_.end(),
                     [](const ast::File *f) { return f->syntaxErrors; });
}

bool Analyser::dropped(const std::string &name) const {
  for (const ast::File *f : chain_)
    if (std::find(f->dropped.begin(), f->dropped.end(), name) != f->dropped.end())
      return true;
  return false;
}

Analyser::Analyser(const std::vector<const ast::File *> &chain, DiagnosticSink &sink,
                   const AnalyseOptions &options)
    : chain_(chain), sink_(sink), options_(options), errorsAtStart_(sink.errorCount()) {
  if (options_.period)
    at_ = options_.period->from ? *options_.period->from : kFirstDay;
}

std::optional<ir::Ruleset> Analyser::run() {
  const ast::File &self = *chain_.back();
  out_.id = self.name.text;
  out_.title = self.title;
  out_.isModule = self.kind == ast::File::Kind::Module;
  out_.span = self.headerSpan;
  for (const ast::File *f : chain_)
    out_.files.push_back(f->file);

  if (!withinLimits())
    return std::nullopt;
  declareAll();
  resolveQuestions();
  resolveParameters();
  defineState_.assign(defineAst_.size(), 0);
  defineIr_.assign(defineAst_.size(), nullptr);
  defineReadsParameter_.assign(defineAst_.size(), false);
  for (std::size_t q = 0; q < questionAst_.size(); ++q)
    if (questionAst_[q]->askedWhen)
      out_.questions[q].askedWhen =
          fold(resolve(*questionAst_[q]->askedWhen, Ctx{false, "frontend.where.asked_when"}));
  resolveOutcomes();
  resolveRules();
  resolveRest();
  resolveTests();
  // Defines that nothing used are still checked.
  for (std::size_t d = 0; d < defineAst_.size(); ++d)
    if (defineState_[d] == 0)
      resolveDefine(static_cast<int>(d), *defineAst_[d]->cond);
  checkGraphs();
  // Lints only on a ruleset without errors: after an error, "unused" and "cites nothing"
  // would only echo it; after a syntax error, they would echo the declarations left out.
  if (sink_.errorCount() == errorsAtStart_ && !incomplete())
    lints();
  // A file with a syntax error is analysed for its other errors, never verified.
  if (sink_.errorCount() > errorsAtStart_ || incomplete())
    return std::nullopt;
  return std::move(out_);
}

// The limits of docs/language.md#limits, counted over the whole chain: the first declaration
// past a limit gets E0007 and nothing more is analysed.
bool Analyser::withinLimits() {
  std::size_t questions = 0, rules = 0, defines = 0;
  auto over = [&](std::size_t &count, std::size_t limit, const ast::Name &name, const char *what) {
    if (++count <= limit)
      return false;
    sink_
        .error("E0007", name.span,
               tr(std::string("E0007.too_many.") + what,
                  {{"kind", tr(out_.isModule ? "word.module" : "word.ruleset")},
                   {"name", out_.id},
                   {"limit", limit}}))
        .note(tr("E0007.note.limits"))
        .withHelp(tr("E0007.help.split_rules"));
    return true;
  };
  for (const ast::File *f : chain_) {
    for (const auto &q : f->questions) {
      if (over(questions, kMaxQuestions, q.name, "questions"))
        return false;
      if (q.type.answers.size() > kMaxAnswers) {
        sink_
            .error("E0007", q.type.answers[kMaxAnswers].name.span,
                   tr("E0007.too_many_answers", {{"question", q.name.text}, {"limit", kMaxAnswers}}))
            .note(tr("E0007.note.limits"))
            .withHelp(tr("E0007.help.answers"));
        return false;
      }
      if (q.type.kind == ast::AnswerType::Kind::Range &&
          !rangeWithinLimits(q.type.lo, q.type.hi, q.type.span))
        return false;
    }
    for (const auto &p : f->parameters)
      if (p.type.kind == ast::AnswerType::Kind::Range &&
          !rangeWithinLimits(p.type.lo, p.type.hi, p.type.span))
        return false;
    for (const auto &r : f->rules)
      if (over(rules, kMaxRules, r.name, "rules"))
        return false;
    for (const auto &d : f->defines)
      if (over(defines, kMaxDefines, d.name, "defines"))
        return false;
  }
  return true;
}

// The two ends of a range may differ by at most INT64_MAX, so that every width and midpoint
// the verifier computes is a 64-bit number.
bool Analyser::rangeWithinLimits(std::int64_t lo, std::int64_t hi, Span span) {
  if (lo >= 0 || hi <= INT64_MAX + lo)
    return true;
  sink_.error("E0007", span, tr("E0007.range", {{"lo", lo}, {"hi", hi}}))
      .note(tr("E0007.note.range", {{"max", fmt::format("{}", INT64_MAX)}}))
      .note(tr("E0007.note.limits"));
  return false;
}

void Analyser::resolveQuestions() {
  for (const ast::QuestionDecl *q : questionAst_) {
    ir::Question out;
    out.id = q->name.text;
    out.text = q->text;
    out.help = q->help;
    out.span = q->span;
    switch (q->type.kind) {
    case ast::AnswerType::Kind::YesNo:
      out.type = ir::QuestionType::YesNo;
      out.lo = 0;
      out.hi = 1;
      break;
    case ast::AnswerType::Kind::Range:
      out.type = ir::QuestionType::Range;
      out.lo = q->type.lo;
      out.hi = q->type.hi;
      if (out.lo > out.hi) {
        sink_
            .error("E0202", q->type.span,
                   tr("E0202.question", {{"lo", out.lo}, {"hi", out.hi}, {"question", out.id}}))
            .withHelp(tr("E0202.help.order"));
        out.hi = out.lo;
      }
      break;
    case ast::AnswerType::Kind::OneOf: {
      out.type = ir::QuestionType::OneOf;
      std::map<std::string, Span> seen;
      for (const auto &a : q->type.answers) {
        if (!live(a.valid))
          continue;
        if (auto it = seen.find(a.name.text); it != seen.end()) {
          duplicate(a.name, it->second, "answer", false);
          continue;
        }
        seen[a.name.text] = a.name.span;
        ir::Answer answer{a.name.text, a.label, a.name.span, {}, a.replaces.reason};
        for (const ast::Name &r : a.replaces.names)
          answer.replaces.push_back(r.text);
        out.answers.push_back(std::move(answer));
      }
      if (out.answers.empty())
        sink_.error("E0201", q->type.span, tr("E0201.question", {{"question", out.id}}))
            .withHelp(tr("E0201.help.answers"));
      out.lo = 0;
      out.hi = std::max<std::int64_t>(0, static_cast<std::int64_t>(out.answers.size()) - 1);
      break;
    }
    }
    out_.questions.push_back(std::move(out));
  }
}

void Analyser::resolveParameters() {
  parameterValues_.assign(parameterAst_.size(), std::nullopt);
  parameterSets_.assign(parameterAst_.size(), nullptr);
  for (const ast::File *f : chain_) {
    for (const ast::SetDecl &s : f->sets) {
      auto it = cond_.find(s.name.text);
      if (it == cond_.end() || it->second.kind != SymKind::Parameter) {
        std::vector<std::string> names;
        for (const ast::ParameterDecl *p : parameterAst_)
          names.push_back(p->name.text);
        unknownName(s.name, names, "parameter");
        continue;
      }
      int p = it->second.index;
      if (parameterSets_[p]) {
        duplicate(s.name, parameterSets_[p]->name.span, "setting of parameter", false);
        continue;
      }
      parameterSets_[p] = &s;
      parameterValues_[p] = parameterValue(p, s.value);
      citations(s.citations);
    }
  }
  if (out_.isModule)
    return;
  for (std::size_t p = 0; p < parameterAst_.size(); ++p) {
    if (parameterSets_[p] || dropped(parameterAst_[p]->name.text))
      continue;
    sink_
        .error("E0105", chain_.back()->name.span,
               tr("E0105", {{"ruleset", out_.id}, {"parameter", parameterAst_[p]->name.text}}))
        .label(parameterAst_[p]->name.span, tr("E0105.label.declared"))
        .withHelp(tr("E0105.help", {{"parameter", parameterAst_[p]->name.text}}));
  }
}

std::vector<ir::Citation> Analyser::citations(const std::vector<ast::Citation> &list) {
  std::vector<ir::Citation> out;
  for (const ast::Citation &c : list)
    if (auto s = lookup(sources_, c.source, "source"))
      out.push_back({*s, c.locator, c.span});
  return out;
}

std::vector<int> Analyser::obligationList(const std::vector<ast::Name> &names) {
  std::vector<int> out;
  for (const ast::Name &n : names)
    if (auto o = lookup(obligations_, n, "obligation"))
      out.push_back(*o);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void Analyser::resolveOutcomes() {
  for (std::size_t i = 0; i < outcomeAst_.size(); ++i) {
    const ast::OutcomeDecl &o = *outcomeAst_[i];
    ir::Outcome &out = out_.outcomes[i];
    out.obligations = obligationList(o.obligations);
    for (const ast::Name &f : o.flags)
      if (auto fl = lookup(flags_, f, "flag"))
        out.flags.push_back(*fl);
    std::sort(out.flags.begin(), out.flags.end());
    out.citations = citations(o.citations);
  }
}

// True when a condition is false for every value of the parameters it reads, whatever the
// answers are (Kleene logic, answers unknown): then no parameter is why it is false. Up to
// 4096 combinations of values are tried; beyond that the parameters are taken to matter.
bool Analyser::falseWhateverParameters(const ir::Expr &guard) {
  std::vector<int> params;
  std::function<void(const ir::Expr &)> collectParams = [&](const ir::Expr &e) {
    if (auto it = parameterTests_.find(&e); it != parameterTests_.end())
      if (std::find(params.begin(), params.end(), it->second.first) == params.end())
        params.push_back(it->second.first);
    for (const auto &a : e.args)
      collectParams(*a);
  };
  collectParams(guard);
  std::vector<std::vector<std::int64_t>> domains;
  std::uint64_t combinations = 1;
  for (int p : params) {
    const ast::AnswerType &t = parameterAst_[p]->type;
    std::vector<std::int64_t> values;
    if (t.kind == ast::AnswerType::Kind::YesNo)
      values = {0, 1};
    else if (t.kind == ast::AnswerType::Kind::OneOf)
      for (std::size_t i = 0; i < t.answers.size(); ++i)
        values.push_back(static_cast<std::int64_t>(i));
    else if (t.lo <= t.hi &&
             static_cast<std::uint64_t>(t.hi) - static_cast<std::uint64_t>(t.lo) < 4096)
      for (std::int64_t v = t.lo;; ++v) {
        values.push_back(v);
        if (v == t.hi)
          break;
      }
    combinations *= std::max<std::uint64_t>(values.size(), 1);
    if (values.empty() || combinations > 4096)
      return false;
    domains.push_back(std::move(values));
  }
  // 1 true, 0 false, -1 unknown (an answer, or undefined)
  std::function<int(const ir::Expr &)> value = [&](const ir::Expr &e) -> int {
    using K = ir::Expr::Kind;
    if (auto it = parameterTests_.find(&e); it != parameterTests_.end()) {
      bool result = false;
      parameterTest(it->second.first, *it->second.second, result);
      return result;
    }
    if (e.kind == K::Const)
      return e.value;
    if (e.kind == K::Not) {
      int a = value(*e.args[0]);
      return a < 0 ? a : 1 - a;
    }
    if (e.kind != K::And && e.kind != K::Or)
      return -1;
    int neutral = e.kind == K::And ? 1 : 0, out = neutral;
    for (const auto &a : e.args) {
      int v = value(*a);
      if (v == 1 - neutral)
        return v;
      if (v < 0)
        out = -1;
    }
    return out;
  };
  std::vector<std::optional<std::int64_t>> saved = parameterValues_;
  bool outer = readsParameter_;
  bool alwaysFalse = true;
  for (std::uint64_t k = 0; k < combinations && alwaysFalse; ++k) {
    std::uint64_t rest = k;
    for (std::size_t i = 0; i < params.size(); ++i) {
      parameterValues_[params[i]] = domains[i][rest % domains[i].size()];
      rest /= domains[i].size();
    }
    alwaysFalse = value(guard) == 0;
  }
  parameterValues_ = saved;
  readsParameter_ = outer;
  return alwaysFalse;
}

void Analyser::resolveRules() {
  for (std::size_t i = 0; i < ruleAst_.size(); ++i) {
    const ast::RuleDecl &r = *ruleAst_[i];
    ir::Rule rule;
    rule.id = r.name.text;
    rule.span = r.span;
    readsParameter_ = false;
    ir::ExprRef guard = resolve(*r.cond, Ctx{});
    rule.guard = fold(guard);
    // Inactive only when the parameter is why the condition is false: a condition false
    // whatever the parameters are is a dead rule (W0507), not an inactive one.
    rule.inactive = readsParameter_ && rule.guard->kind == ir::Expr::Kind::Const &&
                    !rule.guard->value && !falseWhateverParameters(*guard);
    auto oc = outcomes_.find(r.outcome.text);
    if (oc != outcomes_.end()) {
      rule.outcome = oc->second.index;
      rule.decision = out_.outcomes[rule.outcome].decision;
    } else {
      auto sym = cond_.find(r.outcome.text);
      if (sym != cond_.end() && sym->second.kind == SymKind::Decision) {
        std::vector<std::string> ids;
        for (int o : out_.decisions[sym->second.index].outcomes)
          ids.push_back(out_.outcomes[o].id);
        std::string list;
        for (const auto &id : ids)
          list += (list.empty() ? "`" : ", `") + id + "`";
        sink_
            .error(
                "E0203", r.outcome.span,
                tr("E0203.then_decision", {{"name", r.outcome.text}}))
            .note(tr("E0205.note.outcomes", {{"list", list}}));
      } else {
        std::vector<std::string> names;
        for (const auto &[n, e] : outcomes_)
          names.push_back(n);
        unknownName(r.outcome, names, "outcome");
      }
    }
    rule.obligations = obligationList(r.obligations);
    rule.citations = citations(r.citations);
    out_.rules.push_back(std::move(rule));
  }
  // Exceptions, once every rule has its decision.
  for (std::size_t i = 0; i < ruleAst_.size(); ++i) {
    const ast::RuleDecl &r = *ruleAst_[i];
    ir::Rule &rule = out_.rules[i];
    for (const ast::Name &target : r.exceptionTo) {
      if (!rules_.count(target.text) && declaredOnOtherDates(target.text, "rule", chain_.size()))
        continue; // the rule it excepts does not exist in this period
      auto t = lookup(rules_, target, "rule");
      if (!t)
        continue;
      const ir::Rule &other = out_.rules[*t];
      if (rule.decision >= 0 && other.decision >= 0 && other.decision != rule.decision) {
        sink_
            .error("E0301", target.span,
                   tr("E0301", {{"rule", rule.id}, {"other", other.id}}))
            .label(ruleAst_[*t]->name.span,
                   tr("E0301.label.decides",
                      {{"rule", other.id}, {"decision", out_.decisions[other.decision].id}}))
            .note(tr("E0301.note.same_decision",
                     {{"rule", rule.id},
                      {"decision", out_.decisions[rule.decision].id},
                      {"outcome", out_.outcomes[rule.outcome].id}}));
        continue;
      }
      if (*t == static_cast<int>(i)) {
        sink_.error("E0306", target.span,
                    tr("E0306.itself", {{"rule", rule.id}}));
        continue;
      }
      rule.exceptionTo.push_back(*t);
    }
    if (rule.decision >= 0)
      out_.decisions[rule.decision].rules.push_back(static_cast<int>(i));
  }
}

void Analyser::resolveRest() {
  for (const ast::File *f : chain_) {
    for (const ast::AssumeDecl &a : f->assumes)
      if (live(a.valid))
        out_.assumptions.push_back(
            {a.text, fold(resolve(*a.cond, Ctx{false, "frontend.where.assumption"})), a.span});
    std::map<std::string, Span> ids;
    for (const ast::PropertyDecl &p : f->properties) {
      if (!live(p.valid))
        continue;
      ir::Property prop;
      prop.text = p.text;
      prop.id = p.name.text.empty() ? slug(p.text) : p.name.text;
      prop.origin = f->name.text;
      prop.span = p.span;
      if (auto it = ids.find(prop.id); it != ids.end()) {
        duplicate(p.name.text.empty() ? ast::Name{prop.id, p.span} : p.name, it->second, "property",
                  false);
        continue;
      }
      ids[prop.id] = p.name.text.empty() ? p.span : p.name.span;
      if (p.kind == ast::PropertyDecl::Kind::Independence) {
        prop.kind = ir::Property::Kind::Independence;
        auto d = cond_.find(p.decision.text);
        if (d == cond_.end() || d->second.kind != SymKind::Decision) {
          std::vector<std::string> names;
          for (const auto &dec : out_.decisions)
            names.push_back(dec.id);
          unknownName(p.decision, names, "decision");
          continue;
        }
        prop.decision = d->second.index;
        for (const ast::Name &q : p.questions) {
          auto s = cond_.find(q.text);
          if (s == cond_.end() || s->second.kind != SymKind::Question) {
            std::vector<std::string> names;
            for (const auto &qq : out_.questions)
              names.push_back(qq.id);
            unknownName(q, names, "question");
            continue;
          }
          prop.questions.push_back(s->second.index);
        }
        if (p.cond)
          prop.cond = resolve(*p.cond, Ctx{});
      } else {
        prop.cond = resolve(*p.cond, Ctx{});
        if (p.cond->kind == ast::ExprKind::Implies)
          prop.premise = resolve(*p.cond->children[0], Ctx{});
      }
      out_.properties.push_back(std::move(prop));
    }
  }
}

void Analyser::resolveTests() {
  for (const ast::File *f : chain_) {
    for (const ast::TestDecl &t : f->tests) {
      if (options_.period && (t.asOf ? !options_.period->contains(*t.asOf) : testElsewhere(t)))
        continue;
      ir::Test test;
      test.text = t.text;
      test.span = t.span;
      std::map<int, Span> given;
      for (const ast::Given &g : t.givens) {
        auto s = cond_.find(g.question.text);
        if (s == cond_.end() || s->second.kind != SymKind::Question) {
          if (s == cond_.end() && dropped(g.question.text))
            continue;
          std::vector<std::string> names;
          for (const auto &q : out_.questions)
            names.push_back(q.id);
          Diagnostic &d = sink_.error(
              "E0401", g.question.span,
              tr("E0401", {{"test", t.text}, {"question", g.question.text}}));
          std::string c = closest(g.question.text, names);
          if (!c.empty())
            d.withHelp(tr("frontend.help.did_you_mean", {{"name", c}}));
          continue;
        }
        int q = s->second.index;
        if (auto it = given.find(q); it != given.end()) {
          duplicate(g.question, it->second, "answer to question", false);
          continue;
        }
        given[q] = g.question.span;
        if (auto v = answerValue(q, g.value, "E0402"))
          test.givens.push_back({q, *v, g.span});
      }
      std::map<int, Span> decided;
      for (const ast::Expectation &e : t.expects) {
        auto o = lookup(outcomes_, e.outcome, "outcome");
        if (!o)
          continue;
        int d = out_.outcomes[*o].decision;
        if (auto it = decided.find(d); it != decided.end()) {
          sink_
              .error("E0403", e.outcome.span,
                     tr("E0403", {{"test", t.text}, {"decision", out_.decisions[d].id}}))
              .label(it->second, tr("E0403.label.other"));
          continue;
        }
        decided[d] = e.outcome.span;
        ir::Test::Expect x{*o, std::nullopt, e.span};
        if (e.obligations)
          x.obligations = obligationList(*e.obligations);
        test.expects.push_back(std::move(x));
      }
      out_.tests.push_back(std::move(test));
    }
  }
}

void Analyser::checkGraphs() {
  // `asked when` may read other questions, never in a cycle.
  std::vector<std::vector<int>> asked(out_.questions.size());
  for (std::size_t q = 0; q < out_.questions.size(); ++q) {
    if (!out_.questions[q].askedWhen)
      continue;
    std::vector<int> qs, ds;
    collect(*out_.questions[q].askedWhen, qs, ds);
    std::sort(qs.begin(), qs.end());
    qs.erase(std::unique(qs.begin(), qs.end()), qs.end());
    asked[q] = qs;
  }
  if (auto cycle = findCycle(asked); !cycle.empty()) {
    std::string path;
    for (int q : cycle)
      path += (path.empty() ? "`" : " -> `") + out_.questions[q].id + "`";
    sink_
        .error("E0305", out_.questions[cycle.front()].span,
               tr("E0305"))
        .note(tr("frontend.note.cycle", {{"path", path}}));
    return;
  }
  out_.questionOrder = topoOrder(asked);

  // Decisions read other decisions, never in a cycle.
  std::vector<std::vector<int>> reads(out_.decisions.size());
  for (const ir::Rule &r : out_.rules) {
    if (r.decision < 0)
      continue;
    std::vector<int> qs, ds;
    collect(*r.guard, qs, ds);
    for (int d : ds)
      reads[r.decision].push_back(d);
  }
  for (auto &list : reads) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  if (auto cycle = findCycle(reads); !cycle.empty()) {
    std::string path;
    for (int d : cycle)
      path += (path.empty() ? "`" : " -> `") + out_.decisions[d].id + "`";
    sink_
        .error("E0303", out_.decisions[cycle.front()].span,
               tr("E0303", {{"decision", out_.decisions[cycle.front()].id}}))
        .note(tr("frontend.note.cycle", {{"path", path}}));
    return;
  }
  out_.decisionOrder = topoOrder(reads);
  for (std::size_t d = 0; d < out_.decisions.size(); ++d) {
    bool read = false;
    for (const auto &list : reads)
      read = read || std::find(list.begin(), list.end(), static_cast<int>(d)) != list.end();
    out_.decisions[d].isMain = !read;
  }

  // Exceptions never form a cycle.
  std::vector<std::vector<int>> except(out_.rules.size());
  for (std::size_t r = 0; r < out_.rules.size(); ++r)
    except[r] = out_.rules[r].exceptionTo;
  if (auto cycle = findCycle(except); !cycle.empty()) {
    std::string path;
    for (int r : cycle)
      path += (path.empty() ? "`" : " -> `") + out_.rules[r].id + "`";
    Diagnostic &d = sink_.error("E0306", out_.rules[cycle.front()].span,
                                tr("E0306.cycle", {{"rule", out_.rules[cycle.front()].id}}));
    d.note(tr("frontend.note.cycle", {{"path", path}}));
    for (std::size_t i = 1; i + 1 < cycle.size(); ++i)
      d.label(out_.rules[cycle[i]].span, tr("E0306.label.part"));
  }
}

void Analyser::lints() {
  for (std::size_t r = 0; r < out_.rules.size(); ++r)
    if (out_.rules[r].citations.empty())
      sink_
          .warning("W0101", ruleAst_[r]->name.span,
                   tr("W0101", {{"rule", out_.rules[r].id}}))
          .withHelp(tr("W0101.help"));
  for (std::size_t o = 0; o < out_.outcomes.size(); ++o)
    if (out_.outcomes[o].citations.empty())
      sink_
          .warning("W0102", outcomeAst_[o]->name.span,
                   tr("W0102", {{"outcome", out_.outcomes[o].id}}))
          .withHelp(tr("W0102.help"));
  if (out_.isModule)
    return; // a module is used by its rulesets, not by itself

  std::vector<bool> questionUsed(out_.questions.size(), false);
  auto mark = [&](const ir::ExprRef &e) {
    if (!e)
      return;
    std::vector<int> qs, ds;
    collect(*e, qs, ds);
    for (int q : qs)
      questionUsed[q] = true;
  };
  for (const auto &q : out_.questions)
    mark(q.askedWhen);
  for (const auto &r : out_.rules)
    mark(r.guard);
  for (const auto &a : out_.assumptions)
    mark(a.cond);
  for (const auto &p : out_.properties) {
    mark(p.cond);
    for (int q : p.questions)
      questionUsed[q] = true;
  }
  for (std::size_t q = 0; q < out_.questions.size(); ++q)
    if (!questionUsed[q])
      sink_
          .warning("W0103", questionAst_[q]->name.span,
                   tr("W0103", {{"question", out_.questions[q].id}, {"ruleset", out_.id}}))
          .withHelp(tr("W0103.help"));
  std::vector<bool> outcomeUsed(out_.outcomes.size(), false);
  for (const auto &r : out_.rules)
    if (r.outcome >= 0)
      outcomeUsed[r.outcome] = true;
  for (std::size_t o = 0; o < out_.outcomes.size(); ++o)
    if (!outcomeUsed[o])
      sink_
          .warning("W0104", outcomeAst_[o]->name.span,
                   tr("W0104", {{"outcome", out_.outcomes[o].id}, {"ruleset", out_.id}}))
          .withHelp(tr("W0104.help"));
}

} // namespace ww::sema
