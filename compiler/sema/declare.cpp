#include "compiler/sema/analyser.h"
#include "compiler/support/i18n.h"

#include <fmt/format.h>

namespace ww::sema {

std::string Analyser::kindWord(std::string_view what) {
  if (what == "setting of parameter")
    return tr("frontend.kind.setting_of_parameter");
  if (what == "answer to question")
    return tr("frontend.kind.answer_to_question");
  std::string key = "word." + std::string(what);
  return i18n::has(i18n::Lang::En, key) ? tr(key) : std::string(what);
}

void Analyser::duplicate(const ast::Name &name, Span first, const char *what, bool overridable) {
  Diagnostic &d =
      sink_.error("E0102", name.span, tr("E0102", {{"what", kindWord(what)}, {"name", name.text}}))
          .label(first, tr("E0102.label.first_defined"));
  d.withHelp(overridable ? tr("E0102.help.override") : tr("E0102.help.rename"));
}

bool Analyser::live(const ast::Validity &v) const { return !at_ || v.period.contains(*at_); }

namespace {

// Every declaration of `what` in one file, as (name, validity) pairs.
template <class F> void eachDeclared(const ast::File &f, const std::string &what, F &&visit) {
  auto all = [&](const auto &list) {
    for (const auto &d : list)
      visit(d.name.text, d.valid);
  };
  if (what == "source")
    all(f.sources);
  else if (what == "obligation")
    all(f.obligations);
  else if (what == "flag")
    all(f.flags);
  else if (what == "question")
    all(f.questions);
  else if (what == "define")
    all(f.defines);
  else if (what == "rule")
    all(f.rules);
  else if (what == "outcome")
    for (const auto &d : f.decisions)
      all(d.outcomes);
}

} // namespace

bool Analyser::declaredOnOtherDates(const std::string &name, const char *what,
                                    std::size_t below) const {
  if (!at_)
    return false;
  bool found = false;
  for (std::size_t l = 0; l < below && l < chain_.size(); ++l)
    eachDeclared(*chain_[l], what, [&](const std::string &n, const ast::Validity &v) {
      found = found || (n == name && !live(v));
    });
  return found;
}

bool Analyser::testElsewhere(const ast::TestDecl &t) const {
  auto missing = [&](const std::string &name, const char *what) {
    bool here = false;
    for (const ast::File *f : chain_)
      eachDeclared(*f, what, [&](const std::string &n, const ast::Validity &v) {
        here = here || (n == name && live(v));
      });
    return !here && declaredOnOtherDates(name, what, chain_.size());
  };
  for (const ast::Given &g : t.givens) {
    if (missing(g.question.text, "question"))
      return true;
    if (g.value.kind != ast::Value::Kind::Id)
      continue;
    for (const ast::File *f : chain_)
      for (const ast::QuestionDecl &q : f->questions)
        if (q.name.text == g.question.text && live(q.valid))
          for (const auto &a : q.type.answers)
            if (a.name.text == g.value.id && !live(a.valid))
              return true;
  }
  for (const ast::Expectation &e : t.expects) {
    if (missing(e.outcome.text, "outcome"))
      return true;
    if (e.obligations)
      for (const ast::Name &o : *e.obligations)
        if (missing(o.text, "obligation"))
          return true;
  }
  return false;
}

// Declares a name in one namespace. An `override` in a later file of the chain replaces the
// earlier definition in place (keeping its position, so question order stays the module's).
bool Analyser::declare(std::map<std::string, Entry> &table, const ast::Name &name, bool isOverride,
                       const char *what, int &index) {
  auto it = table.find(name.text);
  if (it == table.end()) {
    if (isOverride && !declaredOnOtherDates(name.text, what, level_) && !dropped(name.text))
      sink_
          .error("E0103", name.span, tr("E0103", {{"what", kindWord(what)}, {"name", name.text}}))
          .withHelp(tr("E0103.help"));
    index = static_cast<int>(table.size());
    table[name.text] = {index, name.span, level_};
    return true;
  }
  if (isOverride && it->second.level < level_) {
    index = it->second.index;
    it->second.span = name.span;
    it->second.level = level_;
    return true;
  }
  duplicate(name, it->second.span, what);
  return false;
}

bool Analyser::declareCond(const ast::Name &name, SymKind kind, bool isOverride, const char *what,
                           int &index) {
  auto it = cond_.find(name.text);
  if (it == cond_.end()) {
    if (isOverride && !declaredOnOtherDates(name.text, what, level_) && !dropped(name.text))
      sink_
          .error("E0103", name.span, tr("E0103", {{"what", kindWord(what)}, {"name", name.text}}))
          .withHelp(tr("E0103.help"));
    return true; // the caller assigns the index
  }
  if (isOverride && it->second.level < level_ && it->second.kind == kind) {
    index = it->second.index;
    it->second.span = name.span;
    it->second.level = level_;
    return true;
  }
  duplicate(name, it->second.span, what);
  return false;
}

void Analyser::declareAll() {
  for (level_ = 0; level_ < chain_.size(); ++level_) {
    const ast::File &f = *chain_[level_];
    for (const auto &s : f.sources) {
      if (!live(s.valid))
        continue;
      int index = -1;
      if (!declare(sources_, s.name, s.isOverride, "source", index))
        continue;
      ir::Source src{s.name.text, s.text, s.span};
      if (index < static_cast<int>(out_.sources.size()))
        out_.sources[index] = src;
      else
        out_.sources.push_back(src);
    }
    for (const auto &o : f.obligations) {
      if (!live(o.valid))
        continue;
      int index = -1;
      if (!declare(obligations_, o.name, o.isOverride, "obligation", index))
        continue;
      ir::Obligation ob{o.name.text, o.text, o.span};
      if (index < static_cast<int>(out_.obligations.size()))
        out_.obligations[index] = ob;
      else
        out_.obligations.push_back(ob);
    }
    for (const auto &fl : f.flags) {
      if (!live(fl.valid))
        continue;
      int index = -1;
      if (!declare(flags_, fl.name, false, "flag", index))
        continue;
      out_.flags.push_back({fl.name.text, fl.text, fl.span});
    }
    for (const auto &p : f.parameters) {
      int index = static_cast<int>(parameterAst_.size());
      if (!declareCond(p.name, SymKind::Parameter, false, "parameter", index))
        continue;
      cond_[p.name.text] = {SymKind::Parameter, index, p.name.span, level_};
      parameterAst_.push_back(&p);
    }
    for (const auto &q : f.questions) {
      if (!live(q.valid))
        continue;
      int index = static_cast<int>(questionAst_.size());
      if (!declareCond(q.name, SymKind::Question, q.isOverride, "question", index))
        continue;
      if (index == static_cast<int>(questionAst_.size()))
        questionAst_.push_back(&q);
      else
        questionAst_[index] = &q;
      cond_[q.name.text] = {SymKind::Question, index, q.name.span, level_};
    }
    for (const auto &d : f.defines) {
      if (!live(d.valid))
        continue;
      int index = static_cast<int>(defineAst_.size());
      if (!declareCond(d.name, SymKind::Define, d.isOverride, "define", index))
        continue;
      if (index == static_cast<int>(defineAst_.size()))
        defineAst_.push_back(&d);
      else
        defineAst_[index] = &d;
      cond_[d.name.text] = {SymKind::Define, index, d.name.span, level_};
    }
    for (const auto &d : f.decisions) {
      int decision = -1;
      if (d.isExtend) {
        auto it = cond_.find(d.name.text);
        if (it == cond_.end() || it->second.kind != SymKind::Decision) {
          unknownName(d.name, condNames(), "decision");
          continue;
        }
        decision = it->second.index;
      } else {
        int index = static_cast<int>(decisionAst_.size());
        if (!declareCond(d.name, SymKind::Decision, false, "decision", index))
          continue;
        cond_[d.name.text] = {SymKind::Decision, index, d.name.span, level_};
        decisionAst_.push_back(&d);
        out_.decisions.push_back({d.name.text, d.text, {}, {}, false, d.span});
        decision = index;
      }
      if (d.outcomes.empty() && !d.isExtend)
        sink_.error("E0201", d.name.span, tr("E0201.decision", {{"decision", d.name.text}}))
            .withHelp(tr("E0201.help.outcomes"));
      for (const auto &o : d.outcomes) {
        if (!live(o.valid))
          continue;
        int index = -1;
        if (!declare(outcomes_, o.name, false, "outcome", index))
          continue;
        outcomeAst_.push_back(&o);
        ir::Outcome &oc = out_.outcomes.emplace_back();
        oc.id = o.name.text;
        oc.text = o.text;
        oc.decision = decision;
        oc.discloses = o.discloses;
        oc.withoutConsent = o.withoutConsent;
        oc.span = o.span;
        out_.decisions[decision].outcomes.push_back(index);
      }
    }
    for (const auto &r : f.rules) {
      if (!live(r.valid))
        continue;
      int index = -1;
      if (!declare(rules_, r.name, r.isOverride, "rule", index))
        continue;
      if (index == static_cast<int>(ruleAst_.size()))
        ruleAst_.push_back(&r);
      else
        ruleAst_[index] = &r;
    }
  }
  // A source cited on a date it is not valid is a warning of the timeline check (W0706), not
  // an unknown name: its nearest version stays declared.
  if (at_)
    for (level_ = 0; level_ < chain_.size(); ++level_)
      for (const auto &s : chain_[level_]->sources)
        if (!sources_.count(s.name.text)) {
          int index = static_cast<int>(out_.sources.size());
          sources_[s.name.text] = {index, s.name.span, level_};
          out_.sources.push_back({s.name.text, s.text, s.span});
        }
  level_ = chain_.size() - 1;
}

} // namespace ww::sema
