#include "compiler/sema/timeline.h"

#include "compiler/sema/analyser.h"
#include "compiler/sema/replaces.h"
#include "compiler/support/i18n.h"
#include "compiler/support/periods.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace ww::sema {

int Timeline::periodOf(const Date &date) const {
  if (!span.contains(date))
    return -1;
  for (std::size_t i = 0; i < periods.size(); ++i)
    if (periods[i].contains(date))
      return static_cast<int>(i);
  return -1;
}

namespace {

/// `question `x``, `regel `x``: a kind and a name, in the reader's language.
std::string kindAndName(const char *what, const std::string &name) {
  return tr("frontend.who.named", {{"kind", Analyser::kindWord(what)}, {"name", name}});
}

/// One flag per period of the timeline: is the declaration valid in it.
using Mask = std::vector<char>;

/// Every declaration of one name in one namespace, across the chain.
struct Versions {
  std::vector<std::pair<Span, Period>> decls; ///< name span and validity of each version
  Mask mask;                                  ///< valid in some version
  bool bad = false; ///< some version has a bad date (E0701): taken as valid everywhere
};

// Calls visit(validity) for every `valid` clause written in the chain, headers included.
template <class F> void eachValidity(const ast::File &f, F &&visit) {
  visit(f.valid);
  auto all = [&](const auto &list) {
    for (const auto &d : list)
      visit(d.valid);
  };
  all(f.sources);
  all(f.questions);
  for (const auto &q : f.questions)
    all(q.type.answers);
  all(f.obligations);
  all(f.flags);
  all(f.defines);
  for (const auto &d : f.decisions)
    all(d.outcomes);
  all(f.rules);
  all(f.assumes);
  all(f.properties);
}

class DateChecker {
public:
  DateChecker(const std::vector<const ast::File *> &chain, const Timeline &tl, DiagnosticSink &sink)
      : chain_(chain), tl_(tl), sink_(sink), ruleset_(chain.back()->name.text) {}

  void run() {
    collect();
    for (const ast::File *f : chain_)
      checkFile(*f);
  }

private:
  /// Where a declaration holds, for what it refers to: nowhere when its clause has a bad date
  /// (E0701 says all there is to say about it).
  Mask maskOf(const ast::Validity &v) const {
    return v.bad ? Mask(tl_.periods.size(), 0) : maskOf(v.period);
  }
  Mask maskOf(const Period &v) const {
    Mask m(tl_.periods.size(), 0);
    for (std::size_t i = 0; i < tl_.periods.size(); ++i)
      m[i] = v.contains(representative(tl_.periods[i])) && !v.empty();
    return m;
  }
  static Date representative(const Period &p) { return p.from ? *p.from : kFirstDay; }
  static bool any(const Mask &m) { return std::find(m.begin(), m.end(), 1) != m.end(); }

  void add(std::map<std::string, Versions> &table, const ast::Name &name, const ast::Validity &v) {
    Versions &vs = table[name.text];
    if (vs.mask.empty())
      vs.mask.assign(tl_.periods.size(), 0);
    vs.decls.push_back({name.span, v.period});
    vs.bad = vs.bad || v.bad;
    Mask m = v.bad ? Mask(tl_.periods.size(), 1) : maskOf(v.period);
    for (std::size_t i = 0; i < m.size(); ++i)
      vs.mask[i] = vs.mask[i] || m[i];
  }

  void collect() {
    for (const ast::File *f : chain_) {
      for (const auto &d : f->sources)
        add(sources_, d.name, d.valid);
      for (const auto &d : f->questions) {
        add(questions_, d.name, d.valid);
        for (const auto &a : d.type.answers) {
          // An answer exists where both it and its question's version are valid.
          ast::Validity both = a.valid;
          both.bad = a.valid.bad || d.valid.bad;
          Period &p = both.period;
          if (d.valid.period.from && (!p.from || *p.from < *d.valid.period.from))
            p.from = d.valid.period.from;
          if (d.valid.period.until && (!p.until || *d.valid.period.until < *p.until))
            p.until = d.valid.period.until;
          add(answers_, {d.name.text + "\n" + a.name.text, a.name.span}, both);
        }
      }
      for (const auto &d : f->obligations)
        add(obligations_, d.name, d.valid);
      for (const auto &d : f->flags)
        add(flags_, d.name, d.valid);
      for (const auto &d : f->defines)
        add(defines_, d.name, d.valid);
      for (const auto &d : f->decisions)
        for (const auto &o : d.outcomes)
          add(outcomes_, o.name, o.valid);
      for (const auto &d : f->rules)
        add(rules_, d.name, d.valid);
    }
  }

  // ---- E0702, E0703 ----------------------------------------------------------------------

  void validSomewhere(const char *what, const std::string &name, const ast::Validity &v) {
    if (!v.written() || v.bad || any(maskOf(v.period)))
      return;
    std::string who = name.empty() ? tr("frontend.who.the_file") : kindAndName(what, name);
    if (v.period.empty()) {
      sink_
          .error("E0702", v.span,
                 tr("E0702.empty", {{"who", who},
                                    {"until", i18n::date(*v.period.until)},
                                    {"from", i18n::date(*v.period.from)}}))
          .withHelp(tr("E0702.help.from_until"));
      return;
    }
    sink_.error("E0702", v.span, tr("E0702", {{"who", who}, {"ruleset", ruleset_}}))
        .note(tr("E0702.note.valid", {{"period", periodShown(v.period)},
                                      {"ruleset", ruleset_},
                                      {"span", periodShown(tl_.span)}}))
        .withHelp(tr("E0702.help.correct"));
  }

  struct Decl {
    const ast::Name *name;
    const ast::Validity *valid;
  };

  void noOverlap(const char *what, const std::vector<Decl> &decls) {
    std::map<std::string, std::vector<const Decl *>> byName;
    for (const Decl &d : decls)
      byName[d.name->text].push_back(&d);
    for (const auto &[name, list] : byName)
      for (std::size_t j = 1; j < list.size(); ++j)
        for (std::size_t i = 0; i < j; ++i) {
          const Decl &a = *list[i], &b = *list[j];
          if (!a.valid->written() && !b.valid->written())
            continue; // an ordinary duplicate: E0102 of the analysis
          if (a.valid->bad || b.valid->bad)
            continue; // a bad date (E0701) overlaps nothing
          Mask ma = maskOf(a.valid->period), mb = maskOf(b.valid->period), both = ma;
          for (std::size_t k = 0; k < both.size(); ++k)
            both[k] = ma[k] && mb[k];
          if (!any(both))
            continue;
          sink_
              .error("E0703", b.name->span,
                     tr("E0703", {{"what", Analyser::kindWord(what)},
                                  {"name", name},
                                  {"periods", runs(both)}}))
              .label(a.name->span,
                     tr("E0703.label.version", {{"period", periodShown(a.valid->period)}}))
              .note(tr("E0703.label.version", {{"period", periodShown(b.valid->period)}}))
              .withHelp(tr("E0703.help"));
          break;
        }
  }

  // ---- E0704, E0705, W0706 -----------------------------------------------------------------

  std::string runs(const Mask &m) const { return periodRuns(tl_.periods, m); }

  /// `who` (valid in `whoMask`) names `name` of kind `what`, written at `at`.
  void refer(const std::string &who, const Mask &whoMask, const char *what,
             const std::string &shown, const Versions *target, Span at, bool citation = false,
             const std::string &help = "") {
    if (!target || target->bad)
      return; // not declared anywhere (an unknown name), or a version with a bad date (E0701)
    Mask missing(whoMask.size(), 0), hole(whoMask.size(), 0);
    auto first = std::find(target->mask.begin(), target->mask.end(), 1);
    auto last = std::find(target->mask.rbegin(), target->mask.rend(), 1);
    std::size_t lo = first - target->mask.begin(),
                hi = target->mask.size() - 1 - (last - target->mask.rbegin());
    for (std::size_t i = 0; i < whoMask.size(); ++i) {
      missing[i] = whoMask[i] && !target->mask[i];
      hole[i] = missing[i] && first != target->mask.end() && i > lo && i < hi;
    }
    if (!any(missing))
      return;
    if (citation) {
      Diagnostic &d =
          sink_.warning("W0706", at,
                        tr("W0706", {{"who", who}, {"source", shown}, {"periods", runs(missing)}}));
      for (const auto &[span, period] : target->decls)
        d.label(span, tr("frontend.label.valid", {{"name", shown}, {"period", periodShown(period)}}));
      d.withHelp(tr("W0706.help"));
      return;
    }
    Diagnostic *d = nullptr;
    if (any(hole)) {
      d = &sink_
               .error("E0704", at,
                      tr("E0704", {{"what", Analyser::kindWord(what)},
                                   {"name", shown},
                                   {"periods", runs(hole)},
                                   {"who", who}}))
               .withHelp(tr("E0704.help"));
    } else {
      d = &sink_
               .error("E0705", at,
                      tr("E0705", {{"who", who},
                                   {"what", Analyser::kindWord(what)},
                                   {"name", shown},
                                   {"periods", runs(missing)}}))
               .withHelp(!help.empty() ? help
                                       : tr("E0705.help", {{"who", who}, {"name", shown}}));
    }
    for (const auto &[span, period] : target->decls)
      d->label(span, tr("frontend.label.valid", {{"name", shown}, {"period", periodShown(period)}}));
  }

  const Versions *find(const std::map<std::string, Versions> &table,
                       const std::string &name) const {
    auto it = table.find(name);
    return it == table.end() ? nullptr : &it->second;
  }

  void referName(const std::string &who, const Mask &m, const ast::Name &n) {
    if (auto *q = find(questions_, n.text))
      refer(who, m, "question", n.text, q, n.span);
    else if (auto *d = find(defines_, n.text))
      refer(who, m, "define", n.text, d, n.span);
  }

  void referValue(const std::string &who, const Mask &m, const ast::Name &subject,
                  const ast::Value &v, const std::string &help = "") {
    if (v.kind != ast::Value::Kind::Id)
      return;
    if (find(questions_, subject.text))
      refer(who, m, "answer", v.id, find(answers_, subject.text + "\n" + v.id), v.span, false,
            help);
    else if (find(outcomes_, v.id))
      refer(who, m, "outcome", v.id, find(outcomes_, v.id), v.span);
  }

  void referExpr(const std::string &who, const Mask &m, const ast::Expr &e) {
    for (const auto &c : e.children)
      referExpr(who, m, *c);
    using K = ast::ExprKind;
    switch (e.kind) {
    case K::Name:
    case K::InRange:
      referName(who, m, e.subject);
      break;
    case K::Compare:
      referName(who, m, e.subject);
      referValue(who, m, e.subject, e.value);
      break;
    case K::InSet:
      referName(who, m, e.subject);
      for (const ast::Value &v : e.values)
        referValue(who, m, e.subject, v);
      break;
    case K::Obliges:
      refer(who, m, "obligation", e.target.text, find(obligations_, e.target.text), e.target.span);
      break;
    case K::Is:
      refer(who, m, "flag", e.target.text, find(flags_, e.target.text), e.target.span);
      break;
    default:
      break;
    }
  }

  void cites(const std::string &who, const Mask &m, const std::vector<ast::Citation> &list) {
    for (const ast::Citation &c : list)
      refer(who, m, "source", c.source.text, find(sources_, c.source.text), c.span, true);
  }

  void obliges(const std::string &who, const Mask &m, const std::vector<ast::Name> &list) {
    for (const ast::Name &n : list)
      refer(who, m, "obligation", n.text, find(obligations_, n.text), n.span);
  }

  void checkTest(const ast::TestDecl &t) {
    std::string who = tr("frontend.who.test", {{"test", t.text}});
    Mask m(tl_.periods.size(), 1);
    if (t.asOf) {
      int p = tl_.periodOf(*t.asOf);
      if (p < 0) {
        sink_
            .error("E0707", t.span,
                   tr("E0707", {{"who", who},
                                {"date", i18n::date(*t.asOf)},
                                {"ruleset", ruleset_}}))
            .note(tr("E0707.note.span", {{"ruleset", ruleset_}, {"span", periodShown(tl_.span)}}))
            .withHelp(tr("E0707.help"));
        return;
      }
      m.assign(tl_.periods.size(), 0);
      m[p] = 1;
      who += tr("frontend.who.as_of", {{"date", i18n::date(*t.asOf)}});
    }
    // An undated test runs wherever everything it names is valid; it must run somewhere.
    Mask where = m;
    std::vector<std::string> named;
    auto narrow = [&](const Versions *v, const std::string &what, const std::string &name) {
      if (!v)
        return;
      for (std::size_t i = 0; i < where.size(); ++i)
        where[i] = where[i] && v->mask[i];
      named.push_back(tr("E0708.note.valid", {{"what", Analyser::kindWord(what)},
                                              {"name", name},
                                              {"periods", runs(v->mask)}}));
    };
    for (const ast::Given &g : t.givens) {
      if (t.asOf) {
        referName(who, m, g.question);
        // A test is not redirected (it says what it means), but the help names the answer
        // that replaces the one given.
        std::string by = g.value.kind == ast::Value::Kind::Id
                             ? replacementOn(chain_, tl_, g.question.text, g.value.id, *t.asOf)
                             : "";
        referValue(who, m, g.question, g.value,
                   by.empty() ? ""
                              : tr("E0705.help.replaced", {{"date", i18n::date(*t.asOf)},
                                                           {"answer", g.value.id},
                                                           {"by", by},
                                                           {"question", g.question.text}}));
        continue;
      }
      narrow(find(questions_, g.question.text), "question", g.question.text);
      if (g.value.kind == ast::Value::Kind::Id)
        narrow(find(answers_, g.question.text + "\n" + g.value.id), "answer", g.value.id);
    }
    for (const ast::Expectation &e : t.expects) {
      if (t.asOf) {
        refer(who, m, "outcome", e.outcome.text, find(outcomes_, e.outcome.text), e.outcome.span);
        if (e.obligations)
          obliges(who, m, *e.obligations);
        continue;
      }
      narrow(find(outcomes_, e.outcome.text), "outcome", e.outcome.text);
      if (e.obligations)
        for (const ast::Name &o : *e.obligations)
          narrow(find(obligations_, o.text), "obligation", o.text);
    }
    if (!t.asOf && !any(where)) {
      Diagnostic &d = sink_.error(
          "E0708", t.span,
          tr("E0708", {{"who", who}}));
      for (const std::string &n : named)
        d.note(n);
      d.withHelp(tr("E0708.help"));
    }
  }

  void checkFile(const ast::File &f) {
    validSomewhere("file", "", f.valid);
    std::vector<Decl> sources, questions, obligations, flags, defines, outcomes, rules;
    for (const auto &d : f.sources) {
      validSomewhere("source", d.name.text, d.valid);
      sources.push_back({&d.name, &d.valid});
    }
    for (const auto &d : f.questions) {
      validSomewhere("question", d.name.text, d.valid);
      questions.push_back({&d.name, &d.valid});
      std::vector<Decl> answers;
      for (const auto &a : d.type.answers) {
        validSomewhere("answer", a.name.text, a.valid);
        answers.push_back({&a.name, &a.valid});
      }
      noOverlap("answer", answers);
      if (d.askedWhen)
        referExpr(kindAndName("question", d.name.text), maskOf(d.valid), *d.askedWhen);
    }
    for (const auto &d : f.obligations) {
      validSomewhere("obligation", d.name.text, d.valid);
      obligations.push_back({&d.name, &d.valid});
    }
    for (const auto &d : f.flags) {
      validSomewhere("flag", d.name.text, d.valid);
      flags.push_back({&d.name, &d.valid});
    }
    for (const auto &d : f.defines) {
      validSomewhere("define", d.name.text, d.valid);
      defines.push_back({&d.name, &d.valid});
      referExpr(kindAndName("define", d.name.text), maskOf(d.valid), *d.cond);
    }
    for (const auto &dec : f.decisions)
      for (const auto &o : dec.outcomes) {
        validSomewhere("outcome", o.name.text, o.valid);
        outcomes.push_back({&o.name, &o.valid});
        std::string who = kindAndName("outcome", o.name.text);
        Mask m = maskOf(o.valid);
        obliges(who, m, o.obligations);
        for (const ast::Name &fl : o.flags)
          refer(who, m, "flag", fl.text, find(flags_, fl.text), fl.span);
        cites(who, m, o.citations);
      }
    for (const auto &r : f.rules) {
      validSomewhere("rule", r.name.text, r.valid);
      rules.push_back({&r.name, &r.valid});
      std::string who = kindAndName("rule", r.name.text);
      Mask m = maskOf(r.valid);
      referExpr(who, m, *r.cond);
      refer(who, m, "outcome", r.outcome.text, find(outcomes_, r.outcome.text), r.outcome.span);
      obliges(who, m, r.obligations);
      cites(who, m, r.citations);
    }
    for (const auto &a : f.assumes) {
      validSomewhere("assumption", a.text, a.valid);
      std::string who = a.text.empty() ? tr("frontend.who.an_assumption")
                                       : tr("frontend.who.assumption", {{"text", a.text}});
      referExpr(who, maskOf(a.valid), *a.cond);
    }
    for (const auto &p : f.properties) {
      validSomewhere("property", p.text, p.valid);
      std::string who = tr("frontend.who.property", {{"text", p.text}});
      Mask m = maskOf(p.valid);
      if (p.cond)
        referExpr(who, m, *p.cond);
      for (const ast::Name &q : p.questions)
        referName(who, m, q);
    }
    for (const auto &s : f.sets)
      cites(tr("frontend.who.setting", {{"parameter", s.name.text}}), Mask(tl_.periods.size(), 1),
            s.citations);
    for (const auto &t : f.tests)
      checkTest(t);
    noOverlap("source", sources);
    noOverlap("question", questions);
    noOverlap("obligation", obligations);
    noOverlap("flag", flags);
    noOverlap("define", defines);
    noOverlap("outcome", outcomes);
    noOverlap("rule", rules);
  }

  const std::vector<const ast::File *> &chain_;
  const Timeline &tl_;
  DiagnosticSink &sink_;
  std::string ruleset_;
  std::map<std::string, Versions> sources_, questions_, answers_, obligations_, flags_, defines_,
      outcomes_, rules_;
};

} // namespace

Timeline buildTimeline(const std::vector<const ast::File *> &chain, DiagnosticSink &sink) {
  Timeline tl;
  std::set<Date> dates;
  for (const ast::File *f : chain) {
    const Period &h = f->valid.period;
    if (h.from && (!tl.span.from || *tl.span.from < *h.from))
      tl.span.from = h.from;
    if (h.until && (!tl.span.until || *h.until < *tl.span.until))
      tl.span.until = h.until;
    eachValidity(*f, [&](const ast::Validity &v) {
      if (!v.written())
        return;
      tl.dated = true;
      if (v.period.from)
        dates.insert(*v.period.from);
      if (v.period.until)
        dates.insert(*v.period.until);
    });
  }
  // Cut the span at every date inside it.
  std::optional<Date> start = tl.span.from;
  for (const Date &d : dates) {
    if ((tl.span.from && !(*tl.span.from < d)) || (tl.span.until && !(d < *tl.span.until)))
      continue;
    tl.periods.push_back({start, d});
    start = d;
  }
  tl.periods.push_back({start, tl.span.until});
  if (tl.span.empty())
    tl.periods.clear();
  if (tl.periods.empty()) {
    const ast::File &self = *chain.back();
    sink.error("E0702", self.valid.span.valid() ? self.valid.span : self.headerSpan,
               tr("E0702.no_date", {{"ruleset", self.name.text}}))
        .note(tr("E0702.note.together", {{"span", periodShown(tl.span)}}));
    return tl;
  }
  DateChecker(chain, tl, sink).run();
  checkReplaces(chain, tl, sink);
  return tl;
}

std::optional<ir::History> analyseHistory(const std::vector<const ast::File *> &chain,
                                          DiagnosticSink &sink) {
  std::size_t errorsBefore = sink.errorCount();
  Timeline tl = buildTimeline(chain, sink);
  bool badDate = false; // E0701, reported by the parser
  for (const ast::File *f : chain)
    eachValidity(*f, [&](const ast::Validity &v) { badDate = badDate || v.bad; });
  if (sink.errorCount() > errorsBefore || badDate)
    return std::nullopt; // analysing with wrong dates would only repeat these errors
  ir::History history;
  history.id = chain.back()->name.text;
  history.span = tl.span;
  // Each period's findings are collected apart, so that a lint that holds in some periods
  // only can say in which (see mergeByPeriod).
  std::vector<std::vector<Diagnostic>> perPeriod;
  bool failed = false;
  for (std::size_t i = 0; i < tl.periods.size(); ++i) {
    DiagnosticSink local;
    AnalyseOptions options;
    if (tl.dated)
      options.period = tl.periods[i];
    auto rs = analyse(chain, local, options);
    perPeriod.push_back(local.all());
    if (!rs) {
      failed = true;
      continue;
    }
    rs->period = tl.periods[i];
    rs->timeSpan = tl.span;
    rs->periodIndex = static_cast<int>(i);
    rs->periodCount = static_cast<int>(tl.periods.size());
    rs->dated = tl.dated;
    history.periods.push_back(std::move(*rs));
  }
  // Only the "never used" lints depend on the period; the rest are about what was written.
  mergeByPeriod(perPeriod, tl.periods, tl.dated, sink, [](const Diagnostic &d) {
    return d.code == "W0103" || d.code == "W0104" ? PeriodPrefix::WhenPartial : PeriodPrefix::Never;
  });
  if (failed)
    return std::nullopt;
  buildRedirects(history);
  return history;
}

} // namespace ww::sema
