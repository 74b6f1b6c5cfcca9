#include "compiler/sema/replaces.h"

#include "compiler/sema/suggest.h"
#include "compiler/support/i18n.h"
#include "compiler/support/periods.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace ww::sema {

namespace {

/// One flag per period of the timeline.
using Mask = std::vector<char>;
using Answer = ast::AnswerType::Answer;

Date representative(const Period &p) { return p.from ? *p.from : kFirstDay; }
bool any(const Mask &m) { return std::find(m.begin(), m.end(), 1) != m.end(); }
int first(const Mask &m) {
  auto it = std::find(m.begin(), m.end(), 1);
  return it == m.end() ? -1 : static_cast<int>(it - m.begin());
}

/// The declaration of question `name` that holds in each period: the one of the last file of
/// the chain that has a version valid in it (an `override` takes the module's place).
std::vector<const ast::QuestionDecl *>
effectiveQuestion(const std::vector<const ast::File *> &chain, const Timeline &tl,
                  const std::string &name) {
  std::vector<const ast::QuestionDecl *> eff(tl.periods.size(), nullptr);
  for (std::size_t p = 0; p < eff.size(); ++p)
    for (auto f = chain.rbegin(); f != chain.rend() && !eff[p]; ++f)
      for (const ast::QuestionDecl &q : (*f)->questions)
        if (q.name.text == name && q.valid.period.contains(representative(tl.periods[p]))) {
          eff[p] = &q;
          break;
        }
  return eff;
}

/// The answer `id` of the question in period p, or null.
const Answer *answerIn(const std::vector<const ast::QuestionDecl *> &eff, const Timeline &tl,
                       std::size_t p, const std::string &id) {
  if (!eff[p] || eff[p]->type.kind != ast::AnswerType::Kind::OneOf)
    return nullptr;
  for (const Answer &a : eff[p]->type.answers)
    if (a.name.text == id && a.valid.period.contains(representative(tl.periods[p])))
      return &a;
  return nullptr;
}

class ReplacesChecker {
public:
  ReplacesChecker(const std::vector<const ast::File *> &chain, const Timeline &tl,
                  DiagnosticSink &sink)
      : chain_(chain), tl_(tl), sink_(sink), count_(tl.periods.size()) {}

  void run() {
    for (const ast::File *f : chain_)
      for (const ast::ParameterDecl &p : f->parameters)
        for (const Answer &a : p.type.answers)
          if (a.replaces.written())
            sink_
                .error("E0709", a.replaces.span,
                       tr("E0709.parameter", {{"value", a.name.text}, {"parameter", p.name.text}}))
                .withHelp(tr("E0709.help.parameter"));
    std::set<std::string> names;
    for (const ast::File *f : chain_)
      for (const ast::QuestionDecl &q : f->questions)
        names.insert(q.name.text);
    for (const std::string &name : names)
      question(name);
  }

private:
  bool validAt(const ast::Validity &v, std::size_t p) const {
    return v.period.contains(representative(tl_.periods[p]));
  }
  /// ` from 2015-01-01`: the dates of `m`, or nothing when the ruleset has no dates.
  std::string when(const Mask &m) const {
    return tl_.dated ? " " + periodRuns(tl_.periods, m) : "";
  }

  std::vector<const ast::QuestionDecl *> effective(const std::string &name) const {
    return effectiveQuestion(chain_, tl_, name);
  }
  const Answer *answerIn(const std::vector<const ast::QuestionDecl *> &eff, std::size_t p,
                         const std::string &id) const {
    return sema::answerIn(eff, tl_, p, id);
  }

  void question(const std::string &name) {
    std::vector<const ast::QuestionDecl *> eff = effective(name);
    std::vector<const ast::QuestionDecl *> decls;
    for (const ast::QuestionDecl *d : eff)
      if (d && std::find(decls.begin(), decls.end(), d) == decls.end())
        decls.push_back(d);
    for (const ast::QuestionDecl *d : decls)
      for (const Answer &a : d->type.answers) {
        if (!a.replaces.written())
          continue;
        Mask mine(count_, 0);
        for (std::size_t p = 0; p < count_; ++p)
          mine[p] = eff[p] == d && validAt(a.valid, p);
        if (!any(mine))
          continue; // overridden on all its dates in this chain
        for (const ast::Name &r : a.replaces.names)
          replaced(name, eff, a, mine, r);
      }
    twice(name, eff);
  }

  // `a` (valid in `mine`) replaces `r`.
  void replaced(const std::string &question, const std::vector<const ast::QuestionDecl *> &eff,
                const Answer &a, const Mask &mine, const ast::Name &r) {
    Mask theirs(count_, 0);
    std::vector<std::pair<const Answer *, Mask>> versions; // r's declarations and their dates
    for (std::size_t p = 0; p < count_; ++p)
      if (const Answer *x = answerIn(eff, p, r.text)) {
        theirs[p] = 1;
        auto it = std::find_if(versions.begin(), versions.end(),
                               [&](const auto &v) { return v.first == x; });
        if (it == versions.end())
          it = versions.insert(versions.end(), {x, Mask(count_, 0)});
        it->second[p] = 1;
      }
    if (!any(theirs)) {
      std::vector<std::string> candidates;
      for (int p = 0; p < first(mine); ++p)
        if (eff[p] && eff[p]->type.kind == ast::AnswerType::Kind::OneOf)
          for (const Answer &x : eff[p]->type.answers)
            if (validAt(x.valid, p) && !answerIn(eff, first(mine), x.name.text))
              candidates.push_back(x.name.text);
      std::string near = closest(r.text, candidates);
      sink_
          .error("E0709", r.span,
                 tr("E0709", {{"answer", r.text}, {"question", question}, {"by", a.name.text}}))
          .withHelp(near.empty() ? tr("E0709.help.earlier")
                                 : tr("frontend.help.did_you_mean", {{"name", near}}));
      return;
    }
    Mask both(count_, 0);
    for (std::size_t p = 0; p < count_; ++p)
      both[p] = mine[p] && theirs[p];
    Diagnostic *d = nullptr;
    if (any(both))
      d = &sink_
               .error("E0710", r.span,
                      tr("E0710.still", {{"by", a.name.text},
                                         {"answer", r.text},
                                         {"question", question},
                                         {"when", tl_.dated ? when(both)
                                                            : tr("E0710.same_dates")}}))
               .withHelp(tr("E0710.help.end", {{"answer", r.text}, {"by", a.name.text}}));
    else if (first(theirs) > first(mine))
      d = &sink_
               .error("E0710", r.span,
                      tr("E0710.later", {{"by", a.name.text},
                                         {"answer", r.text},
                                         {"question", question},
                                         {"when", when(theirs)}}))
               .withHelp(tr("E0710.help.later"));
    if (!d)
      return;
    for (const auto &[x, m] : versions)
      d->label(x->name.span, tr("E0710.label.answer_here", {{"answer", r.text}, {"when", when(m)}}));
  }

  // No answer replaced by two answers (or named twice) in one period.
  void twice(const std::string &question, const std::vector<const ast::QuestionDecl *> &eff) {
    struct Claim {
      const Answer *by;
      const ast::Name *at;
    };
    struct Twice {
      Claim first, second;
      Mask where;
    };
    std::map<std::pair<const ast::Name *, const ast::Name *>, Twice> found;
    std::vector<std::pair<const ast::Name *, const ast::Name *>> order;
    for (std::size_t p = 0; p < count_; ++p) {
      if (!eff[p] || eff[p]->type.kind != ast::AnswerType::Kind::OneOf)
        continue;
      std::map<std::string, Claim> claims;
      for (const Answer &a : eff[p]->type.answers) {
        if (!validAt(a.valid, p))
          continue;
        for (const ast::Name &r : a.replaces.names) {
          auto [it, fresh] = claims.insert({r.text, {&a, &r}});
          if (fresh)
            continue;
          auto key = std::make_pair(it->second.at, &r);
          auto [t, added] = found.insert({key, {it->second, {&a, &r}, Mask(count_, 0)}});
          if (added)
            order.push_back(key);
          t->second.where[p] = 1;
        }
      }
    }
    for (const auto &key : order) {
      const Twice &t = found.at(key);
      const std::string &r = t.second.at->text;
      if (t.first.by == t.second.by) {
        sink_
            .error(
                "E0711", t.second.at->span,
                tr("E0711.named_twice", {{"answer", r}, {"by", t.second.by->name.text}}))
            .label(t.first.at->span, tr("E0711.label.first_named"))
            .withHelp(tr("E0711.help.once"));
        continue;
      }
      sink_
          .error("E0711", t.second.at->span,
                 tr("E0711", {{"answer", r},
                              {"question", question},
                              {"when", when(t.where)},
                              {"first", t.first.by->name.text},
                              {"second", t.second.by->name.text}}))
          .label(t.first.at->span, tr("E0711.label.replaces_here", {{"by", t.first.by->name.text}}))
          .withHelp(tr("E0711.help"));
    }
  }

  const std::vector<const ast::File *> &chain_;
  const Timeline &tl_;
  DiagnosticSink &sink_;
  std::size_t count_;
};

/// The answer of `q` whose `replaces` names `id`, or -1.
int replacer(const ir::Question &q, const std::string &id) {
  for (std::size_t i = 0; i < q.answers.size(); ++i)
    if (std::find(q.answers[i].replaces.begin(), q.answers[i].replaces.end(), id) !=
        q.answers[i].replaces.end())
      return static_cast<int>(i);
  return -1;
}

const ir::Question *questionOf(const ir::Ruleset &rs, const std::string &id) {
  for (const ir::Question &q : rs.questions)
    if (q.id == id && q.type == ir::QuestionType::OneOf)
      return &q;
  return nullptr;
}

int answerOf(const ir::Question &q, const std::string &id) {
  for (std::size_t i = 0; i < q.answers.size(); ++i)
    if (q.answers[i].id == id)
      return static_cast<int>(i);
  return -1;
}

} // namespace

void checkReplaces(const std::vector<const ast::File *> &chain, const Timeline &tl,
                   DiagnosticSink &sink) {
  if (!tl.periods.empty())
    ReplacesChecker(chain, tl, sink).run();
}

std::string replacementOn(const std::vector<const ast::File *> &chain, const Timeline &tl,
                          const std::string &question, const std::string &answer,
                          const Date &date) {
  int p = tl.periodOf(date);
  if (p < 0)
    return "";
  std::vector<const ast::QuestionDecl *> eff = effectiveQuestion(chain, tl, question);
  if (answerIn(eff, tl, p, answer))
    return "";
  std::string at = answer;
  for (std::size_t step = 0; step <= tl.periods.size(); ++step) {
    const Answer *by = nullptr;
    for (int k = p; k >= 0 && !by; --k)
      if (eff[k] && eff[k]->type.kind == ast::AnswerType::Kind::OneOf)
        for (const Answer &a : eff[k]->type.answers)
          for (const ast::Name &r : a.replaces.names)
            if (!by && r.text == at && a.valid.period.contains(representative(tl.periods[k])))
              by = &a;
    if (!by)
      return "";
    at = by->name.text;
    if (answerIn(eff, tl, p, at))
      return at;
  }
  return "";
}

void buildRedirects(ir::History &history) {
  std::vector<ir::Ruleset> &periods = history.periods;
  for (std::size_t i = 0; i < periods.size(); ++i)
    for (ir::Question &q : periods[i].questions) {
      if (q.type != ir::QuestionType::OneOf)
        continue;
      // Every answer replaced on or before this period that is not an answer of it.
      std::vector<std::string> old;
      for (std::size_t k = 0; k <= i; ++k)
        if (const ir::Question *qk = questionOf(periods[k], q.id))
          for (const ir::Answer &a : qk->answers)
            for (const std::string &r : a.replaces)
              if (answerOf(q, r) < 0 && std::find(old.begin(), old.end(), r) == old.end())
                old.push_back(r);
      for (const std::string &id : old) {
        ir::Redirect red;
        red.id = id;
        // Follow the replacements: from the latest period up to this one that replaces the
        // answer, to the answer that replaces it, until one of this period's answers. Each
        // step goes forward in time (E0710), so at most one step per period.
        std::string at = id;
        for (std::size_t step = 0; step <= periods.size() && red.answer < 0; ++step) {
          int k = static_cast<int>(i);
          int by = -1;
          for (; k >= 0; --k)
            if (const ir::Question *qk = questionOf(periods[k], q.id))
              if ((by = replacer(*qk, at)) >= 0)
                break;
          if (by < 0)
            break;
          const ir::Question &qk = *questionOf(periods[k], q.id);
          // The first period of the run in which this answer replaces `at`.
          int start = k;
          while (start > 0) {
            const ir::Question *qp = questionOf(periods[start - 1], q.id);
            if (!qp || replacer(*qp, at) < 0 ||
                qp->answers[replacer(*qp, at)].id != qk.answers[by].id)
              break;
            --start;
          }
          if (step == 0) {
            red.since = periods[start].period.from;
            red.reason = qk.answers[by].reason.empty() ? qk.help : qk.answers[by].reason;
          }
          at = qk.answers[by].id;
          red.answer = answerOf(q, at);
          if (red.answer < 0)
            red.via.push_back(at);
        }
        if (red.answer < 0)
          continue;
        // The old answer as it was: its label and dates, from the periods it is an answer in.
        std::vector<Period> all;
        std::vector<char> mask;
        for (const ir::Ruleset &p : periods) {
          all.push_back(p.period);
          const ir::Question *qp = questionOf(p, q.id);
          int a = qp ? answerOf(*qp, id) : -1;
          mask.push_back(a >= 0);
          if (a >= 0)
            red.label = qp->answers[a].label;
        }
        red.valid = mergedPeriods(all, mask);
        q.redirects.push_back(std::move(red));
      }
    }
}

} // namespace ww::sema
