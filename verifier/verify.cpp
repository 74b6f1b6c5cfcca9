#include "verifier/verify.h"

#include "compiler/eval/evaluator.h"
#include "compiler/support/parallel.h"
#include "verifier/boxes.h"
#include "verifier/constant_atoms.h"
#include "verifier/regions.h"
#include "verifier/texts.h"
#include "verifier/z3/encoder.h"
#include "verifier/z3/solver.h"

#include <fmt/format.h>


#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <mutex>
#include <set>
#include <thread>

namespace ww::verify {

const char *statusName(CheckRecord::Status status) {
  switch (status) {
  case CheckRecord::Status::Proven:
    return "proven";
  case CheckRecord::Status::Failed:
    return "failed";
  case CheckRecord::Status::Inconclusive:
    return "inconclusive";
  case CheckRecord::Status::Skipped:
    return "skipped";
  case CheckRecord::Status::Passed:
    return "passed";
  case CheckRecord::Status::Warning:
    return "warning";
  }
  return "failed";
}

namespace {

using Status = CheckRecord::Status;

std::string citationText(const ir::Ruleset &rs, const std::vector<ir::Citation> &cites) {
  std::string out;
  for (const ir::Citation &c : cites) {
    std::string one = rs.sources[c.source].text;
    if (!c.locator.empty())
      one += ", " + c.locator;
    out += (out.empty() ? "" : "; ") + one;
  }
  return out.empty() ? tr("verifier.no_citation") : out;
}

std::string ruleList(const ir::Ruleset &rs, const std::vector<int> &rules) {
  std::vector<std::string> names;
  for (int r : rules)
    names.push_back("`" + rs.rules[r].id + "`");
  return names.empty() ? tr("verifier.none") : i18n::listItems(names);
}

// "`a`, `b`" (Dutch "`a` en `b`") for the questions given.
std::string questionList(const ir::Ruleset &rs, const std::vector<int> &questions) {
  std::vector<std::string> names;
  for (int q : questions)
    names.push_back("`" + rs.questions[q].id + "`");
  return i18n::listItems(names);
}

// The outcome of a decision in a case: `o`, a conflict, or no outcome.
std::string gotText(const ir::Ruleset &rs, const eval::DecisionResult &d) {
  return d.outcome ? "`" + rs.outcomes[*d.outcome].id + "`"
                   : tr(d.conflict ? "verifier.got.conflict" : "verifier.got.no_outcome");
}

// "assumption “…”", or the condition when it has no text (eval::assumptionName, for people).
std::string assumptionText(const ir::Ruleset &rs, int a) {
  const ir::Assumption &as = rs.assumptions[a];
  if (!as.text.empty())
    return tr("verifier.assumption_named", {{"text", as.text}});
  return tr("verifier.assumption_condition", {{"condition", ir::toString(rs, *as.cond)}});
}

// The atoms of a condition that are undefined in a case: what "reads an unasked question" means.
void undefinedAtoms(const ir::Ruleset &rs, const eval::Evaluator &ev, const ir::Expr &e,
                    const eval::Case &c, const eval::Result *decided,
                    std::vector<const ir::Expr *> &out) {
  if (!e.args.empty()) {
    for (const auto &a : e.args)
      undefinedAtoms(rs, ev, *a, c, decided, out);
    return;
  }
  if (e.kind != ir::Expr::Kind::Const && ev.eval(e, c, decided) == eval::Tri::Undefined)
    out.push_back(&e);
}

std::string atomReadText(const ir::Ruleset &rs, const ir::Expr &atom) {
  if (atom.question >= 0)
    return tr("E0504.label.question", {{"question", rs.questions[atom.question].id}});
  return tr("E0504.label.decision", {{"decision", rs.decisions[atom.decision].id}});
}

class Verifier {
public:
  Verifier(const ir::Ruleset &rs, const Options &options, DiagnosticSink &sink)
      : rs_(rs), options_(options), sink_(sink), ev_(rs), enc_(ctx_, rs),
        solver_(ctx_, options.timeoutMs, options.memoryMb, options.cache, options.cancel),
        regions_(enc_, solver_, rs),
        // `wegwijzer test` proves nothing: it needs the evaluator only, not the encoding.
        c_(options.testsOnly ? CaseTerms(ctx_) : enc_.encodeCase("")),
        base_(options.testsOnly ? ctx_.bool_val(true) : c_.wellFormed && c_.assumptions) {
    const char *off = std::getenv("WW_NO_BOX_FAST_PATH");
    bool fast = options.boxFastPath && !options.testsOnly && !(off && *off && *off != '0');
    for (std::size_t d = 0; d < rs_.decisions.size(); ++d)
      boxes_.push_back(fast ? boxTable(rs_, static_cast<int>(d)) : std::nullopt);
  }

  Stats run() {
    auto start = std::chrono::steady_clock::now();
    stats_.ruleset = rs_.id;
    stats_.rules = rs_.rules.size();
    stats_.properties = rs_.properties.size();
    stats_.tests = rs_.tests.size();
    stats_.decisions = rs_.decisions.size();
    std::size_t errors = sink_.errorCount(), warnings = sink_.warningCount();
    if (!options_.testsOnly) {
      checkConstantAtoms();
      if (checkAssumptions()) {
        checkUndefinedReads();
        for (std::size_t d = 0; d < rs_.decisions.size(); ++d) {
          checkCompleteness(static_cast<int>(d));
          checkConsistency(static_cast<int>(d));
        }
        proveTogether();
        for (const ir::Property &p : rs_.properties)
          checkProperty(p);
        checkDecisiveQuestions();
        witnessRules();
        findIdleParts();
        for (std::size_t r = 0; r < rs_.rules.size(); ++r)
          checkRule(static_cast<int>(r));
      }
    }
    runTests();
    stats_.errors = sink_.errorCount() - errors;
    stats_.warnings = sink_.warningCount() - warnings;
    stats_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    stats_.solverCalls = solver_.calls();
    stats_.reused = solver_.reused();
    stats_.shared = solver_.shared();
    return stats_;
  }

private:
  /// A case at hand and its result (probes).
  struct Probe {
    eval::Case c;
    eval::Result res;
  };

  Diagnostic &finding(Severity severity, const std::string &code, Span span, std::string message,
                      const std::string &subject) {
    Diagnostic d;
    d.severity = severity;
    d.code = code;
    d.span = span;
    d.message = std::move(message);
    d.ruleset = rs_.id;
    d.id = fmt::format("{}:{}:{}", code, rs_.id, subject);
    pending_.push_back(d.id);
    return sink_.report(std::move(d));
  }

  // Every check records itself right after the findings it reported (pending_).
  // Its time is the time since the check before it was recorded.
  void record(const std::string &kind, const std::string &name, Status status,
              const std::string &message = "") {
    auto now = std::chrono::steady_clock::now();
    double seconds = std::chrono::duration<double>(now - lastRecord_).count();
    lastRecord_ = now;
    std::size_t calls = solver_.calls() - lastCalls_, reused = solver_.reused() - lastReused_;
    lastCalls_ = solver_.calls();
    lastReused_ = solver_.reused();
    stats_.checks.push_back(
        {kind, name, status, message, seconds, std::move(pending_), {}, calls, reused});
    pending_.clear();
  }

  void inconclusive(Span span, const std::string &what, const std::string &subject) {
    ++stats_.inconclusive;
    if (solver_.outOfMemory())
      finding(Severity::Error, "E0511", span,
              tr("E0511.memory", {{"what", what}, {"megabytes", options_.memoryMb}}), subject)
          .note(tr("E0511.note.never_passed"))
          .withHelp(tr("E0511.help.memory"));
    else
      finding(Severity::Error, "E0511", span,
              tr("E0511", {{"what", what}, {"seconds", i18n::decimal(options_.timeoutMs / 1000.0)}}),
              subject)
          .note(tr("E0511.note.never_passed"))
          .withHelp(tr("E0511.help.timeout"));
  }

  // Adds the regions of a search to a diagnostic, as notes and as JSON details.
  void addRegions(Diagnostic &d, const RegionSearch &found, int decision) {
    nlohmann::json regions = nlohmann::json::array();
    for (std::size_t i = 0; i < found.regions.size(); ++i) {
      const Region &r = found.regions[i];
      d.note(tr("verifier.cases", {{"cases", regionText(rs_, r)}}));
      std::string example = tr("verifier.for_example", {{"example", exampleText(rs_, r.example)}});
      if (decision >= 0) {
        eval::Result res = ev_.run(r.example);
        example += tr("verifier.rules_applied",
                      {{"rules", ruleList(rs_, res.decisions[decision].applicable)}});
      }
      d.notes.back() += "\n" + example;
      regions.push_back(regionJson(rs_, r));
    }
    if (found.more > 0)
      d.note(found.moreCapped
                 ? tr("verifier.more_cases_capped", {{"count", i18n::number(found.more)}})
                 : trn("verifier.more_cases", found.more));
    if (found.inconclusive)
      d.note(tr("verifier.search_timed_out"));
    d.details["regions"] = regions;
    d.details["moreCases"] = found.more;
    d.details["moreCasesIsLowerBound"] = found.moreCapped;
  }

  // W0514: a decision atom that is false in every case tests nothing; a property that reads
  // one is recorded as a warning even when proven.
  void checkConstantAtoms() {
    std::set<Span> seen;
    auto lint = [&](const ir::Expr &cond, const std::string &where) {
      std::vector<ConstantAtom> atoms;
      constantAtoms(rs_, cond, atoms);
      for (const ConstantAtom &a : atoms) {
        // A module's condition is written for every ruleset that extends it, some of which add
        // the outcome it asks about: only the ruleset's own conditions are reported.
        if (a.atom->span.file != rs_.span.file || !seen.insert(a.atom->span).second)
          continue;
        std::string text = ir::toString(rs_, *a.atom);
        finding(Severity::Warning, "W0514", a.atom->span,
                tr(a.value ? "W0514.true" : "W0514", {{"condition", text}, {"why", a.why}}),
                fmt::format("{}:{}", where, text))
            .note(tr("W0514.note.tests_nothing"))
            .withHelp(tr("W0514.help.attribute"));
      }
      return std::any_of(atoms.begin(), atoms.end(),
                         [&](const ConstantAtom &a) { return a.atom->span.file == rs_.span.file; });
    };
    for (const ir::Rule &r : rs_.rules)
      if (!r.inactive && r.guard)
        lint(*r.guard, r.id);
    for (const ir::Property &p : rs_.properties)
      if (p.cond && lint(*p.cond, p.id))
        constantProperties_.insert(&p);
  }

  bool checkAssumptions() {
    // Every assumption must be defined in every well-formed case.
    for (std::size_t i = 0; i < rs_.assumptions.size(); ++i) {
      const ir::Assumption &a = rs_.assumptions[i];
      TF tf = enc_.encode(*a.cond, c_);
      reportUndefined(c_.wellFormed, !tf.defined(), *a.cond, a.span,
                      a.text.empty() ? tr("E0504.assumption")
                                     : tr("E0504.assumption_named", {{"text", a.text}}),
                      fmt::format("assume{}", i), -1,
                      tr("verifier.assumption_number", {{"number", i + 1}}));
    }
    Answer sat = solver_.check(base_);
    if (sat == Answer::Unknown) {
      inconclusive(rs_.span, tr("verifier.undecided.assumptions"), "assumptions");
      record("assumptions", tr("verifier.record.assumptions"), Status::Inconclusive);
      skipRest(tr("verifier.record.undecided_assumptions"));
      return false;
    }
    if (sat == Answer::Sat) {
      record("assumptions", tr("verifier.record.assumptions"), Status::Proven);
      assertBase();
      return true;
    }
    Diagnostic &d = finding(
        Severity::Error, "E0505", rs_.assumptions.empty() ? rs_.span : rs_.assumptions.front().span,
        tr("E0505"), "assumptions");
    for (std::size_t i = 1; i < rs_.assumptions.size(); ++i)
      d.label(rs_.assumptions[i].span, tr("E0505.label.also"));
    d.note(tr("E0505.note.none_run"));
    record("assumptions", tr("verifier.record.assumptions"), Status::Failed, d.message);
    skipRest(tr("verifier.record.contradicting_assumptions"));
    return false;
  }

  // Every later query is about well-formed cases, most about those the assumptions allow:
  // assert both once, instead of with every query. The assumptions are asserted under a
  // literal, which then stands for them as base_ in every query that includes them (the
  // definedness of `asked when` and assumptions is asked about every well-formed case).
  void assertBase() {
    solver_.add(c_.wellFormed);
    z3::expr assumed = ctx_.bool_const("assumed!");
    solver_.add(z3::implies(assumed, c_.assumptions));
    base_ = assumed;
  }

  // Records every check that cannot run, so that none is skipped silently.
  void skipRest(const std::string &why) {
    for (const auto &d : rs_.decisions) {
      record("completeness", tr("verifier.record.complete", {{"decision", d.id}}), Status::Skipped,
             why);
      record("consistency", tr("verifier.record.consistent", {{"decision", d.id}}),
             Status::Skipped, why);
    }
    for (const auto &p : rs_.properties)
      record("property", tr("verifier.record.property", {{"property", p.text}}), Status::Skipped,
             why);
    for (const auto &r : rs_.rules)
      record("rule", tr("verifier.rule", {{"rule", r.id}}), Status::Skipped, why);
  }

  // E0504: a condition that may be undefined; `undefinedIn` describes where. Records the check.
  Status reportUndefined(const z3::expr &base, const z3::expr &undefinedIn, const ir::Expr &cond,
                         Span span, const std::string &message, const std::string &subject,
                         int decision, const std::string &what) {
    RegionSearch found = regions_.find(base, undefinedIn, c_, options_.maxRegions);
    std::string name = tr("verifier.record.defined", {{"what", what}});
    if (found.inconclusive && found.regions.empty()) {
      inconclusive(span, tr("verifier.undecided.defined", {{"what", what}}), subject);
      record("definedness", name, Status::Inconclusive);
      return Status::Inconclusive;
    }
    if (found.regions.empty()) {
      record("definedness", name, Status::Proven);
      return Status::Proven;
    }
    const eval::Case &example = found.regions.front().example;
    eval::Result res = ev_.run(example);
    std::vector<const ir::Expr *> atoms;
    undefinedAtoms(rs_, ev_, cond, example, &res, atoms);
    Diagnostic &d = finding(Severity::Error, "E0504", span, message, subject);
    for (const ir::Expr *atom : atoms)
      d.label(atom->span, atomReadText(rs_, *atom));
    addRegions(d, found, decision);
    d.withHelp(tr("E0504.help.order"));
    record("definedness", name, Status::Failed, d.message);
    return Status::Failed;
  }

  void checkUndefinedReads() {
    for (std::size_t q = 0; q < rs_.questions.size(); ++q) {
      const ir::Question &question = rs_.questions[q];
      if (!question.askedWhen)
        continue;
      TF tf = enc_.encode(*question.askedWhen, c_);
      reportUndefined(c_.wellFormed, !tf.defined(), *question.askedWhen, question.span,
                      tr("E0504.asked_when", {{"question", question.id}}), question.id, -1,
                      tr("verifier.asked_when_of", {{"question", question.id}}));
    }
    // The rules' conditions that may read a value the case lacks, proven defined together
    // first; a condition whose encoding is defined in every case needs no query.
    std::vector<int> rules;
    std::vector<z3::expr> undefined;
    std::vector<bool> defined(rs_.rules.size(), false);
    for (std::size_t r = 0; r < rs_.rules.size(); ++r) {
      const ir::Rule &rule = rs_.rules[r];
      // A box reads questions only, all of them always asked: it is defined in every case.
      if (rule.inactive || (rule.decision >= 0 && boxes_[rule.decision]))
        continue;
      z3::expr u = !enc_.encode(*rule.guard, c_).defined();
      if (u.simplify().is_false()) {
        defined[r] = true;
        continue;
      }
      rules.push_back(static_cast<int>(r));
      undefined.push_back(u);
    }
    std::vector<bool> none = noneTogether(undefined);
    for (std::size_t i = 0; i < rules.size(); ++i)
      if (none[i])
        defined[static_cast<std::size_t>(rules[i])] = true;
    for (std::size_t r = 0; r < rs_.rules.size(); ++r) {
      const ir::Rule &rule = rs_.rules[r];
      if (rule.inactive)
        continue;
      if (defined[r] || (rule.decision >= 0 && boxes_[rule.decision])) {
        record("definedness",
               tr("verifier.record.defined", {{"what", tr("verifier.rule", {{"rule", rule.id}})}}),
               Status::Proven);
        continue;
      }
      TF tf = enc_.encode(*rule.guard, c_);
      Status st =
          reportUndefined(base_, !tf.defined(), *rule.guard, rule.span,
                          tr("E0504.rule", {{"rule", rule.id}}), rule.id, rule.decision,
                          tr("verifier.rule", {{"rule", rule.id}}));
      if (st == Status::Failed)
        undefinedRules_.insert(static_cast<int>(r));
    }
  }

  void checkCompleteness(int d) {
    const ir::Decision &decision = rs_.decisions[d];
    std::string name = tr("verifier.record.complete", {{"decision", decision.id}});
    std::optional<RegionSearch> fast;
    if (boxes_[d])
      fast = confirmed(boxRegions(rs_, gapFinding(rs_, *boxes_[d]), options_.maxRegions),
                       !c_.decisions[d].any);
    RegionSearch found =
        fast ? *fast : findRegions(!c_.decisions[d].any, [&](const Probe &x) {
          return x.res.decisions[static_cast<std::size_t>(d)].remaining.empty();
        });
    if (found.inconclusive && found.regions.empty()) {
      inconclusive(decision.span, tr("verifier.undecided.complete", {{"decision", decision.id}}),
                   decision.id);
      record("completeness", name, Status::Inconclusive);
      return;
    }
    if (found.regions.empty()) {
      record("completeness", name, Status::Proven);
      return;
    }
    Diagnostic &d2 = finding(Severity::Error, "E0501", decision.span,
                             tr("E0501", {{"decision", decision.id}}), decision.id);
    addRegions(d2, found, d);
    d2.withHelp(tr("E0501.help.add"));
    record("completeness", name, Status::Failed, d2.message);
  }

  // Every pair of rules that remain together with different outcomes is reported once (up to
  // 50 pairs): one query asks for a case in which some pair not yet reported conflicts.
  void checkConsistency(int d) {
    const ir::Decision &decision = rs_.decisions[d];
    std::string name = tr("verifier.record.consistent", {{"decision", decision.id}});
    if (boxes_[d] && boxConsistency(d, name))
      return;
    const DecisionTerms &terms = c_.decisions[d];
    // The pairs of rules with different outcomes, less those reported, without listing them
    // (a decision of n rules has up to n²/2 pairs): a case has such a pair when two rules that
    // are in no reported pair ("free") give different outcomes, or a free rule and a rule of a
    // reported pair do, or two rules of reported pairs that are not themselves a reported pair.
    std::set<std::pair<int, int>> reported;
    std::vector<int> involved; // the rules of reported pairs, in the order reported
    auto anyOpen = [&] {
      std::set<int> inPair(involved.begin(), involved.end());
      std::map<int, std::vector<z3::expr>> freeBy; // by outcome: the free rules' remains
      for (int r : decision.rules)
        if (!rs_.rules[r].inactive && !inPair.count(r))
          freeBy[rs_.rules[r].outcome].push_back(terms.remains[r]);
      std::map<int, z3::expr> freeHas;
      for (auto &[o, xs] : freeBy) {
        z3::expr_vector v(ctx_);
        for (const z3::expr &x : xs)
          v.push_back(x);
        freeHas.emplace(o, z3::mk_or(v));
      }
      z3::expr_vector v(ctx_);
      for (auto i = freeHas.begin(); i != freeHas.end(); ++i)
        for (auto j = std::next(i); j != freeHas.end(); ++j)
          v.push_back(i->second && j->second);
      for (int x : involved) {
        z3::expr_vector others(ctx_);
        for (auto &[o, e] : freeHas)
          if (o != rs_.rules[x].outcome)
            others.push_back(e);
        if (!others.empty())
          v.push_back(terms.remains[x] && z3::mk_or(others));
      }
      for (std::size_t i = 0; i < involved.size(); ++i)
        for (std::size_t j = i + 1; j < involved.size(); ++j) {
          int x = involved[i], y = involved[j];
          if (rs_.rules[x].outcome != rs_.rules[y].outcome &&
              !reported.count({std::min(x, y), std::max(x, y)}))
            v.push_back(terms.remains[x] && terms.remains[y]);
        }
      return base_ && (v.empty() ? ctx_.bool_val(false) : z3::mk_or(v));
    };
    std::vector<int> position(rs_.rules.size(), -1); // in the decision's source order
    for (std::size_t i = 0; i < decision.rules.size(); ++i)
      position[decision.rules[i]] = static_cast<int>(i);
    int pairs = 0;
    while (pairs < 50) {
      z3::expr search = anyOpen();
      bool byPairs = pairs == 0 && decision.rules.size() >= options_.consistencyByPairsFrom;
      Answer a = byPairs ? Answer::Unknown : solver_.check(search);
      if (a == Answer::Unknown && pairs == 0) {
        // A decision of thousands of rules (or whose one query is undecided: an `or` over every
        // pair of outcomes, each an `or` of hundreds of rules): asked per pair of outcomes, each
        // a smaller query; none when every pair has none.
        a = Answer::Unsat;
        for (std::size_t i = 0; i < decision.outcomes.size() && a == Answer::Unsat; ++i)
          for (std::size_t j = i + 1; j < decision.outcomes.size() && a == Answer::Unsat; ++j) {
            z3::expr pair = base_ && terms.has[static_cast<std::size_t>(decision.outcomes[i])] &&
                            terms.has[static_cast<std::size_t>(decision.outcomes[j])];
            a = solver_.check(pair); // when Sat, the example is still the smallest of `search`
          }
      }
      if (a == Answer::Unknown) {
        inconclusive(decision.span, tr("verifier.undecided.consistent", {{"decision", decision.id}}),
                     decision.id);
        record("consistency", name, Status::Inconclusive);
        return;
      }
      if (a == Answer::Unsat)
        break;
      // The smallest case with an open pair: on the classes when every class is at hand (the
      // smallest corner of the classes that have one), else with the solver.
      std::optional<eval::Case> example = smallestOnCells([&](const Probe &x) {
        return firstOpenPair(x.res.decisions[static_cast<std::size_t>(d)].remaining, position,
                             reported)
            .has_value();
      });
      if (!example)
        example = regions_.smallest(search, c_);
      eval::Case c = example ? *example : enc_.decode(solver_.model(), c_);
      eval::Result res = ev_.run(c);
      std::optional<std::pair<int, int>> next =
          firstOpenPair(res.decisions[d].remaining, position, reported);
      if (!next)
        break; // cannot happen: the encoding and the evaluator agree
      auto [ra, rb] = *next;
      reported.insert({std::min(ra, rb), std::max(ra, rb)});
      for (int r : {ra, rb})
        if (std::find(involved.begin(), involved.end(), r) == involved.end())
          involved.push_back(r);
      reportConflict(d, ra, rb);
      ++pairs;
    }
    if (pairs == 50 && solver_.check(anyOpen()) != Answer::Unsat)
      finding(Severity::Note, "N0513", decision.span, tr("N0513", {{"decision", decision.id}}),
              decision.id + ":more");
    record("consistency", name, pairs > 0 ? Status::Failed : Status::Proven,
           pairs > 0 ? tr("verifier.record.conflicting") : "");
  }

  // The first pair of rules not yet reported (in source order of both rules, `position`) that
  // remain in a case (`remaining`) and give different outcomes.
  std::optional<std::pair<int, int>> firstOpenPair(std::vector<int> remaining,
                                                   const std::vector<int> &position,
                                                   const std::set<std::pair<int, int>> &reported) const {
    std::sort(remaining.begin(), remaining.end(),
              [&](int x, int y) { return position[x] < position[y]; });
    for (std::size_t i = 0; i < remaining.size(); ++i)
      for (std::size_t j = i + 1; j < remaining.size(); ++j) {
        int x = remaining[i], y = remaining[j];
        if (position[x] >= 0 && position[y] >= 0 &&
            rs_.rules[x].outcome != rs_.rules[y].outcome && !rs_.rules[x].inactive &&
            !rs_.rules[y].inactive && !reported.count({std::min(x, y), std::max(x, y)}))
          return std::pair(x, y);
      }
    return std::nullopt;
  }

  // The consistency check of a box decision: the overlapping pairs, in the order the solver
  // path reports them, each region confirmed by the solver. False when a confirmation fails:
  // then the solver path runs.
  bool boxConsistency(int d, const std::string &name) {
    const BoxTable &table = *boxes_[d];
    bool more = false;
    std::vector<std::pair<int, int>> pairs = conflictOrder(rs_, table, 50, more);
    std::vector<RegionSearch> found;
    auto position = [&](int r) {
      return static_cast<int>(std::find(table.rules.begin(), table.rules.end(), r) -
                              table.rules.begin());
    };
    for (auto [ra, rb] : pairs) {
      z3::expr both = c_.decisions[d].remains[ra] && c_.decisions[d].remains[rb];
      auto f = confirmed(
          boxRegions(rs_, bothFinding(table, position(ra), position(rb)), options_.maxRegions),
          both);
      if (!f)
        return false;
      found.push_back(std::move(*f));
    }
    for (std::size_t i = 0; i < pairs.size(); ++i)
      reportConflict(d, pairs[i].first, pairs[i].second, &found[i]);
    const ir::Decision &decision = rs_.decisions[d];
    if (more)
      finding(Severity::Note, "N0513", decision.span, tr("N0513", {{"decision", decision.id}}),
              decision.id + ":more");
    record("consistency", name, pairs.empty() ? Status::Proven : Status::Failed,
           pairs.empty() ? "" : tr("verifier.record.conflicting"));
    return true;
  }

  // The solver judges what the fast path found: every region lies in the finding
  // (base ∧ region ∧ ¬finding is unsatisfiable). Nothing when it does not confirm them.
  std::optional<RegionSearch> confirmed(RegionSearch found, const z3::expr &findingExpr) {
    for (const Region &r : found.regions)
      if (solver_.check(base_ && regions_.region(r, c_) && !findingExpr, false) != Answer::Unsat)
        return std::nullopt;
    return found;
  }

  void reportConflict(int d, int ra, int rb, const RegionSearch *fast = nullptr) {
    z3::expr both = c_.decisions[d].remains[ra] && c_.decisions[d].remains[rb];
    RegionSearch found = fast ? *fast : findRegions(both, [&](const Probe &x) {
      const std::vector<int> &left = x.res.decisions[static_cast<std::size_t>(d)].remaining;
      return contains(left, ra) && contains(left, rb);
    });
    const ir::Rule &A = rs_.rules[ra];
    const ir::Rule &B = rs_.rules[rb];
    Diagnostic &diag = finding(
        Severity::Error, "E0502", A.span,
        tr("E0502", {{"rule", A.id},
                     {"other", B.id},
                     {"outcome", rs_.outcomes[A.outcome].id},
                     {"other_outcome", rs_.outcomes[B.outcome].id},
                     {"decision", rs_.decisions[d].id}}),
        A.id + ":" + B.id);
    diag.label(B.span,
               tr("E0502.label.gives", {{"rule", B.id}, {"outcome", rs_.outcomes[B.outcome].id}}));
    diag.note(
        tr("E0502.note.cites", {{"rule", A.id}, {"citations", citationText(rs_, A.citations)}}));
    diag.note(
        tr("E0502.note.cites", {{"rule", B.id}, {"citations", citationText(rs_, B.citations)}}));
    addRegions(diag, found, d);
    diag.details["rules"] = {A.id, B.id};
    diag.withHelp(tr("E0502.help.exception", {{"rule", B.id}, {"other", A.id}}));
  }

  // A proof that rests on a vacuous premise or on an atom that is constant is recorded as a
  // warning, so that no record claims more than was shown.
  // The condition properties that hold, proven together: one query "does some allowed case
  // break one of them?"; the properties a model breaks are left to checkProperty (which finds
  // their regions), and the query is asked again for the rest until the answer is no. Each
  // property so proven is kept as proven on its own (its query "does some allowed case break
  // it?"), so that a later run asks only about the properties whose query changed.
  void proveTogether() {
    std::vector<const ir::Property *> props;
    std::vector<z3::expr> broken;
    for (const ir::Property &p : rs_.properties) {
      if (p.kind != ir::Property::Kind::Condition)
        continue;
      props.push_back(&p);
      broken.push_back(!enc_.encode(*p.cond, c_).t);
    }
    std::vector<bool> none = noneTogether(broken);
    for (std::size_t i = 0; i < props.size(); ++i)
      if (none[i])
        provenTogether_.insert(props[i]);
  }

  // Which of `findings` hold in no allowed case, proven together: those an earlier run proved
  // (Solver::kept), then one query "does an allowed case have any of them?"; the ones its model
  // has are left to their own check, the query is asked again for the rest. Each so proven is
  // kept in the proof cache as proven on its own (Solver::keepUnsat: its own query is then
  // answered without solving, in this run and the next).
  std::vector<bool> noneTogether(const std::vector<z3::expr> &findings) {
    std::vector<bool> none(findings.size(), false);
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < findings.size(); ++i) {
      std::optional<Answer> kept = solver_.kept(base_ && findings[i]);
      if (kept == Answer::Unsat)
        none[i] = true;
      else if (!kept)
        open.push_back(i);
    }
    while (open.size() > 1) {
      z3::expr_vector any(ctx_);
      for (std::size_t i : open)
        any.push_back(findings[i]);
      Answer a = solver_.check(base_ && z3::mk_or(any));
      if (a == Answer::Unknown)
        break;
      if (a == Answer::Unsat) {
        for (std::size_t i : open) {
          none[i] = true;
          solver_.keepUnsat(base_ && findings[i]);
        }
        break;
      }
      std::vector<std::size_t> still;
      for (std::size_t i : open)
        if (!solver_.model().eval(findings[i], true).is_true())
          still.push_back(i);
      if (still.size() == open.size())
        break;
      open = std::move(still);
    }
    return none;
  }

  void provenProperty(const ir::Property &p, const std::string &name, bool vacuous) {
    if (vacuous)
      record("property", name, Status::Warning, tr("verifier.record.vacuous"));
    else if (constantProperties_.count(&p))
      record("property", name, Status::Warning, tr("verifier.record.constant"));
    else
      record("property", name, Status::Proven);
  }

  void checkProperty(const ir::Property &p) {
    std::string name = tr("verifier.record.property", {{"property", p.text}});
    if (p.kind == ir::Property::Kind::Independence)
      return checkIndependence(p, name);
    TF prop = enc_.encode(*p.cond, c_);
    bool vacuous = false;
    if (p.premise) {
      Answer a = holdsInCaseAtHand(*p.premise) ? Answer::Sat
                                                : solver_.check(base_ && enc_.encode(*p.premise, c_).t);
      if (a == Answer::Unknown)
        inconclusive(p.span, tr("verifier.undecided.premise", {{"property", p.text}}), p.id);
      vacuous = a == Answer::Unsat;
      if (vacuous)
        finding(Severity::Warning, "W0506", p.span, tr("W0506.premise", {{"property", p.text}}),
                p.id)
            .note(tr("W0506.note.premise"));
    }
    if (provenTogether_.count(&p)) {
      provenProperty(p, name, vacuous);
      return;
    }
    RegionSearch found = findRegions(!prop.t, [&](const Probe &x) {
      return ev_.eval(*p.cond, x.c, &x.res) != eval::Tri::True;
    });
    if (found.inconclusive && found.regions.empty()) {
      inconclusive(p.span, tr("verifier.undecided.holds", {{"property", p.text}}), p.id);
      record("property", name, Status::Inconclusive);
      return;
    }
    if (found.regions.empty()) {
      provenProperty(p, name, vacuous);
      return;
    }
    Diagnostic &d =
        finding(Severity::Error, "E0503", p.span, tr("E0503", {{"property", p.text}}), p.id);
    if (p.origin != rs_.id)
      d.note(tr("E0503.note.module", {{"module", p.origin}}));
    addRegions(d, found, -1);
    const eval::Case &ex = found.regions.front().example;
    eval::Result res = ev_.run(ex);
    std::string outcomes;
    for (std::size_t i = 0; i < rs_.decisions.size(); ++i) {
      const auto &r = res.decisions[i];
      outcomes += (outcomes.empty() ? "" : ", ") +
                  tr("verifier.decided", {{"decision", rs_.decisions[i].id},
                                          {"outcome", gotText(rs_, r)},
                                          {"rules", ruleList(rs_, r.remaining)}});
    }
    d.note(tr("E0503.note.example", {{"outcomes", outcomes}}));
    // A module's property broken in this ruleset: point at the ruleset's own deciding rules.
    if (p.origin != rs_.id)
      for (const auto &r : res.decisions)
        for (int rule : r.remaining)
          if (rs_.rules[rule].span.valid() && rs_.rules[rule].span.file == rs_.span.file)
            d.label(rs_.rules[rule].span,
                    tr("E0503.label.decides", {{"rule", rs_.rules[rule].id}, {"ruleset", rs_.id}}));
    if (ev_.eval(*p.cond, ex, &res) == eval::Tri::Undefined)
      d.note(tr("E0503.note.undefined"));
    record("property", name, Status::Failed, d.message);
  }

  // Two cases are compared when they agree on every other question wherever both ask it: a
  // question that only one of them asks (because the questions of the property decide
  // whether it is asked) may have any answer there. See docs/semantics.md#properties.
  // The second case of the independence properties, encoded once per period.
  const CaseTerms &otherCase() {
    if (!otherCase_)
      otherCase_ = std::make_unique<CaseTerms>(enc_.encodeCase("other!"));
    return *otherCase_;
  }

  void checkIndependence(const ir::Property &p, const std::string &name) {
    const CaseTerms &other = otherCase();
    auto inProperty = [&](std::size_t q) {
      return std::find(p.questions.begin(), p.questions.end(), static_cast<int>(q)) !=
             p.questions.end();
    };
    z3::expr_vector sv(ctx_), differ(ctx_);
    for (std::size_t q = 0; q < rs_.questions.size(); ++q) {
      z3::expr bothAsked = c_.asked[q] && other.asked[q];
      if (inProperty(q))
        differ.push_back(c_.asked[q] != other.asked[q] ||
                         (bothAsked && c_.value[q] != other.value[q]));
      else
        sv.push_back(z3::implies(bothAsked, c_.value[q] == other.value[q]));
    }
    z3::expr where1 = p.cond ? enc_.encode(*p.cond, c_).t : ctx_.bool_val(true);
    z3::expr where2 = p.cond ? enc_.encode(*p.cond, other).t : ctx_.bool_val(true);
    const DecisionTerms &x = c_.decisions[p.decision];
    const DecisionTerms &y = other.decisions[p.decision];
    z3::expr_vector diff(ctx_);
    diff.push_back(x.single != y.single);
    for (int o : rs_.decisions[p.decision].outcomes)
      diff.push_back(x.single && (x.has[o] != y.has[o]));
    z3::expr both = base_ && other.wellFormed && other.assumptions && where1 && where2;
    z3::expr agree = sv.empty() ? ctx_.bool_val(true) : z3::mk_and(sv);
    Answer whereSat = !p.cond || holdsInCaseAtHand(*p.cond) ? Answer::Sat
                                                            : solver_.check(base_ && where1);
    if (whereSat == Answer::Unknown)
      inconclusive(p.span, tr("verifier.undecided.where", {{"property", p.text}}), p.id);
    bool vacuous = whereSat == Answer::Unsat;
    if (vacuous)
      finding(Severity::Warning, "W0506", p.span, tr("W0506.where", {{"property", p.text}}), p.id);
    std::string qs = questionList(rs_, p.questions);
    // Nothing to compare: no two allowed cases differ in the questions of the property.
    if (whereSat == Answer::Sat) {
      Answer comparable = solver_.check(both && agree && z3::mk_or(differ));
      if (comparable == Answer::Unknown)
        inconclusive(p.span, tr("verifier.undecided.comparable", {{"property", p.text}}), p.id);
      if (comparable == Answer::Unsat) {
        vacuous = true;
        finding(Severity::Warning, "W0506", p.span,
                tr("W0506.nothing_to_compare", {{"property", p.text}}), p.id)
            .note(tr(p.cond ? "W0506.note.compare_where" : "W0506.note.compare",
                     {{"questions", qs}}))
            .withHelp(tr("W0506.help.correct"));
      }
    }
    z3::expr violation = both && agree && z3::mk_or(diff);
    Answer a = solver_.check(violation);
    if (a == Answer::Unknown) {
      inconclusive(p.span, tr("verifier.undecided.holds", {{"property", p.text}}), p.id);
      record("property", name, Status::Inconclusive);
      return;
    }
    if (a == Answer::Unsat) {
      provenProperty(p, name, vacuous);
      return;
    }
    // The smallest first case, then the smallest second case with it, so the pair is the same
    // whatever model the solver found first.
    eval::Case c1 = enc_.decode(solver_.model(), c_);
    eval::Case c2 = enc_.decode(solver_.model(), other);
    if (auto small1 = regions_.smallest(violation, c_)) {
      c1 = *small1;
      z3::expr_vector fixed(ctx_);
      for (std::size_t q = 0; q < rs_.questions.size(); ++q)
        fixed.push_back(c1.answers[q] ? enc_.answerIs(c_, static_cast<int>(q), *c1.answers[q])
                                      : !c_.asked[q]);
      if (auto small2 = regions_.smallest(violation && z3::mk_and(fixed), other))
        c2 = *small2;
    }
    auto outcomeText = [&](const eval::Case &c) {
      eval::Result r = ev_.run(c);
      const auto &d = r.decisions[p.decision];
      return tr("verifier.outcome_rules",
                {{"outcome", gotText(rs_, d)}, {"rules", ruleList(rs_, d.remaining)}});
    };
    Diagnostic &d = finding(Severity::Error, "E0503", p.span,
                            tr("E0503.depends", {{"property", p.text},
                                                 {"decision", rs_.decisions[p.decision].id},
                                                 {"questions", qs}}),
                            p.id);
    if (p.origin != rs_.id)
      d.note(tr("E0503.note.module", {{"module", p.origin}}));
    d.note(tr("E0503.note.case",
              {{"number", 1}, {"case", exampleText(rs_, c1)}, {"outcome", outcomeText(c1)}}));
    d.note(tr("E0503.note.case",
              {{"number", 2}, {"case", exampleText(rs_, c2)}, {"outcome", outcomeText(c2)}}));
    std::vector<int> onlyOne;
    for (std::size_t q = 0; q < rs_.questions.size(); ++q)
      if (!inProperty(q) && c1.answers[q].has_value() != c2.answers[q].has_value())
        onlyOne.push_back(static_cast<int>(q));
    d.note(onlyOne.empty() ? tr("E0503.note.differ", {{"questions", qs}})
                           : tr("E0503.note.differ_asked",
                                {{"questions", qs}, {"only", questionList(rs_, onlyOne)}}));
    d.details["cases"] = {caseJson(rs_, c1), caseJson(rs_, c2)};
    record("property", name, Status::Failed, d.message);
  }

  // A rule's warning is recorded as failed when its condition also reads a value the case
  // does not have (E0504, an error): the record never understates a failure.
  Status ruleStatus(int r) const {
    return undefinedRules_.count(r) ? Status::Failed : Status::Warning;
  }
  std::string withUndefined(int r, const std::string &what) const {
    return undefinedRules_.count(r) ? tr("verifier.record.with_undefined", {{"what", what}}) : what;
  }

  // The per-rule checks ask three queries per rule: "does it apply", "does it remain", "does
  // leaving it out change anything". Each is answered "yes" by any allowed case that shows it,
  // so the cases at hand are run through the evaluator first: the tests' cases, then the
  // allowed cases in the evaluator's order among the first kWitnessCases. A rule shown to apply,
  // remain and matter needs no query; only the others (the dead, masked and redundant ones
  // among them, whose findings the solver proves) ask theirs in checkRule. Rules on the box
  // fast path are left alone.
  void witnessRules() {
    witness_.assign(rs_.rules.size(), Witness{});
    witnessed_.assign(rs_.rules.size(), 0);
    if (!witnessing())
      return;
    std::vector<int> rules;
    for (std::size_t r = 0; r < rs_.rules.size(); ++r) {
      const ir::Rule &rule = rs_.rules[r];
      if (!rule.inactive && rule.decision >= 0 &&
          !boxes_[static_cast<std::size_t>(rule.decision)]) {
        rules.push_back(static_cast<int>(r));
        witnessed_[r] = 1;
      }
    }
    if (rules.empty())
      return;
    // Whether every rule is shown; a rule once shown stays shown, so the rules before `open`
    // are not looked at again.
    std::size_t open = 0;
    auto shownAll = [&] {
      while (open < rules.size() && shown(rules[open]))
        ++open;
      return open == rules.size();
    };
    std::uint64_t work = 0;
    for (const Probe &p : probes()) {
      work += witnessIn(p.res);
      if (shownAll() || work >= kWitnessWork)
        return;
    }
    // One case of every class was looked at: no other case shows more.
    if (probesComplete_)
      return;
    // Then the cases in the evaluator's order, up to kWitnessCases of them (allowed by the
    // assumptions or not), or until every rule is shown.
    std::uint64_t cases = 0;
    ev_.enumerateUpTo(kWitnessCases, [&](const eval::Case &c) {
      witnessIn(ev_.run(c));
      return ++cases % 64 != 0 || !shownAll();
    });
    // A rule still not shown: a case built for it (caseFor) from one of the first cases at hand
    // (kWitnessBases of them); what it shows of every rule counts. No budget but the
    // kWitnessBases cases per rule: a case built costs one evaluator run, the query it saves
    // more than a thousand of them.
    for (int r : rules) {
      if (shown(r))
        continue;
      std::vector<Literal> onDecisions;
      std::optional<std::vector<Literal>> parts =
          literalsOf(*rs_.rules[static_cast<std::size_t>(r)].guard, &onDecisions);
      if (!parts)
        continue;
      std::size_t tried = 0;
      for (const Probe &base : probes()) {
        if (tried == kWitnessBases || shown(r))
          break;
        // A base in which the parts on decisions hold (the answers set below may still change
        // them: the evaluator says).
        if (!std::all_of(onDecisions.begin(), onDecisions.end(), [&](const Literal &l) {
              return ev_.eval(*l.first, base.c, &base.res) ==
                     (l.second ? eval::Tri::True : eval::Tri::False);
            }))
          continue;
        ++tried;
        std::optional<eval::Case> c = caseFor(r, *parts, base.c);
        if (!c)
          break;
        Probe built{std::move(*c), {}};
        built.res = ev_.run(built.c);
        witnessIn(built.res);
        if (witness_[static_cast<std::size_t>(r)].changes) {
          found_.push_back(std::move(built));
          break;
        }
      }
    }
    // Still not shown: one query for a case in which it applies, remains and matters (instead
    // of checkRule's three); the case found shows what it shows of the other rules. When there
    // is none, checkRule asks its three queries and reports what fails.
    work = 0;
    for (int r : rules) {
      Witness &w = witness_[static_cast<std::size_t>(r)];
      if (w.changes || undefinedRules_.count(r) || work >= kWitnessWork)
        continue;
      const DecisionTerms &terms = c_.decisions[static_cast<std::size_t>(rs_.rules[r].decision)];
      if (solver_.check(base_ && terms.remains[r] && changes(r)) != Answer::Sat)
        continue;
      w.applies = w.remains = w.changes = Answer::Sat;
      Probe found{enc_.decode(solver_.model(), c_), {}};
      found.res = ev_.run(found.c);
      work += witnessIn(found.res) + runCost();
      found_.push_back(std::move(found));
    }
  }

  // Is rule r shown to apply, remain and matter (or, its condition undefined in some case, to
  // remain: checkRule then reports it as it is)?
  bool shown(int r) const {
    const Witness &w = witness_[static_cast<std::size_t>(r)];
    return w.changes || (w.remains && undefinedRules_.count(r));
  }

  // What an allowed case (its result res) shows of the rules witnessRules looks at
  // (witnessed_): those that apply and remain in it, and those whose leaving out changes their
  // decision there (as checkRule's queries ask it). Returns the work done (rules looked at).
  std::uint64_t witnessIn(const eval::Result &res) {
    std::uint64_t work = 0;
    for (const eval::DecisionResult &got : res.decisions) {
      for (int r : got.applicable) {
        if (!witnessed_[static_cast<std::size_t>(r)])
          continue;
        Witness &w = witness_[static_cast<std::size_t>(r)];
        ++work;
        if (!w.applies)
          w.applies = Answer::Sat;
        if (!w.remains &&
            std::find(got.remaining.begin(), got.remaining.end(), r) != got.remaining.end())
          w.remains = Answer::Sat;
        // Leaving r out changes only its own decision (no decision before it reads it): that
        // decision settled again from the rules that apply but r, as a run without r would.
        if (w.changes || undefinedRules_.count(r))
          continue;
        std::vector<int> others;
        others.reserve(got.applicable.size());
        for (int o : got.applicable)
          if (o != r)
            others.push_back(o);
        work += got.applicable.size();
        if (decides(got, ev_.settle(std::move(others))))
          w.changes = Answer::Sat;
      }
    }
    return work;
  }

  // Do two results of one decision differ as Encoder::differs asks: in the outcomes the
  // remaining rules give, or in the obligations where there is exactly one?
  bool decides(const eval::DecisionResult &a, const eval::DecisionResult &b) const {
    auto outcomes = [&](const eval::DecisionResult &x) {
      std::set<int> out;
      for (int r : x.remaining)
        if (rs_.rules[static_cast<std::size_t>(r)].outcome >= 0)
          out.insert(rs_.rules[static_cast<std::size_t>(r)].outcome);
      return out;
    };
    auto obligations = [](const eval::DecisionResult &x) {
      return x.outcome ? x.obligations : std::vector<int>{};
    };
    return outcomes(a) != outcomes(b) || obligations(a) != obligations(b);
  }

  void checkRule(int r) {
    const ir::Rule &rule = rs_.rules[r];
    std::string name = tr("verifier.rule", {{"rule", rule.id}});
    if (rule.inactive) {
      finding(Severity::Note, "N0512", rule.span, tr("N0512", {{"rule", rule.id}}), rule.id);
      record("rule", name, Status::Skipped, tr("verifier.record.inactive"));
      return;
    }
    if (rule.decision < 0)
      return;
    const DecisionTerms &terms = c_.decisions[rule.decision];
    if (boxes_[rule.decision] && boxRule(r, name))
      return;
    const Witness &w = witness_[static_cast<std::size_t>(r)];
    Answer applies = w.applies ? *w.applies : solver_.check(base_ && terms.applies[r]);
    if (applies == Answer::Unknown) {
      inconclusive(rule.span, tr("verifier.undecided.applies", {{"rule", rule.id}}), rule.id);
      record("rule", name, Status::Inconclusive);
      return;
    }
    if (applies == Answer::Unsat) {
      reportDead(r, name);
      return;
    }
    Answer remains = w.remains ? *w.remains : solver_.check(base_ && terms.remains[r]);
    if (remains == Answer::Unknown) {
      inconclusive(rule.span, tr("verifier.undecided.decides", {{"rule", rule.id}}), rule.id);
      record("rule", name, Status::Inconclusive);
      return;
    }
    if (remains == Answer::Unsat) {
      Diagnostic &d =
          finding(Severity::Warning, "W0508", rule.span, tr("W0508", {{"rule", rule.id}}), rule.id);
      for (int other : rs_.decisions[rule.decision].rules)
        for (int target : rs_.rules[other].exceptionTo)
          if (target == r)
            d.label(rs_.rules[other].span,
                    tr("W0508.label.exception", {{"rule", rs_.rules[other].id}}));
      // Evidence: the cases where it applies, and the exception that removes it there.
      RegionSearch found = findRegions(terms.applies[r], [&](const Probe &x) {
        return contains(x.res.decisions[static_cast<std::size_t>(rule.decision)].applicable, r);
      });
      addRegions(d, found, rule.decision);
      d.withHelp(tr("W0508.help.remove"));
      record("rule", name, ruleStatus(r), withUndefined(r, tr("verifier.record.masked")));
      return;
    }
    if (undefinedRules_.count(r)) {
      record("rule", name, Status::Failed, tr("verifier.record.undefined"));
      return;
    }
    Answer changes = w.changes ? *w.changes : changesSomething(r);
    if (changes == Answer::Unknown) {
      inconclusive(rule.span, tr("verifier.undecided.needed", {{"rule", rule.id}}), rule.id);
      record("rule", name, Status::Inconclusive);
      return;
    }
    if (changes == Answer::Unsat) {
      // Evidence: the cases it decides, with the rules that decide them as well.
      reportRedundant(r, name, findRegions(terms.remains[r], [&](const Probe &x) {
                        return contains(
                            x.res.decisions[static_cast<std::size_t>(rule.decision)].remaining, r);
                      }));
      return;
    }
    recordNeeded(r, name);
  }

  // A rule that is needed: proven, unless a part of its condition is never decisive (W0516).
  void recordNeeded(int r, const std::string &name) {
    auto it = idleParts_.find(r);
    if (it == idleParts_.end()) {
      record("rule", name, Status::Proven);
      return;
    }
    const ir::Rule &rule = rs_.rules[r];
    for (const IdlePart &part : it->second) {
      // The id keeps the IR's words (`and`); the message joins the atoms as the language does.
      std::string text, shown;
      for (const ir::Expr *atom : part.atoms) {
        text += (text.empty() ? "" : " and ") + ir::toString(rs_, *atom);
        shown += (shown.empty() ? "" : " " + tr("word.and") + " ") + ir::toString(rs_, *atom);
      }
      const std::string &decision = rs_.decisions[rule.decision].id;
      finding(Severity::Warning, "W0516", part.atoms.front()->span,
              tr("W0516.part", {{"part", shown}, {"rule", rule.id}}),
              fmt::format("{}:{}", rule.id, text))
          .label(rule.span, tr("W0516.label.decides", {{"rule", rule.id}, {"decision", decision}}))
          .note(tr(part.value ? "W0516.note.read_true" : "W0516.note.read_false",
                   {{"decision", decision}}))
          .note(tr("W0516.note.alone"))
          .withHelp(tr(part.value ? "W0516.help.leave_out_true" : "W0516.help.leave_out_false"));
    }
    record("rule", name, Status::Warning, tr("verifier.record.idle_part"));
  }

  void reportDead(int r, const std::string &name) {
    const ir::Rule &rule = rs_.rules[r];
    finding(Severity::Warning, "W0507", rule.span, tr("W0507", {{"rule", rule.id}}), rule.id)
        .note(tr("W0507.note.no_case"))
        .withHelp(tr("W0507.help.remove"));
    record("rule", name, ruleStatus(r), withUndefined(r, tr("verifier.record.dead")));
  }

  // Is there a case where rule r applies and the result of its decision without it differs?
  Answer changesSomething(int r) { return solver_.check(base_ && changes(r)); }

  // Rule r applies and the result of its decision without it differs.
  z3::expr changes(int r) {
    int d = rs_.rules[r].decision;
    auto it = without_.find(d);
    if (it == without_.end())
      it = without_.emplace(d, enc_.differs(d, c_.decisions[d], enc_.without(d, c_, left_))).first;
    return left_ == ctx_.int_val(r) && c_.decisions[d].applies[r] && it->second;
  }

  void reportRedundant(int r, const std::string &name, const RegionSearch &found) {
    const ir::Rule &rule = rs_.rules[r];
    Diagnostic &d =
        finding(Severity::Warning, "W0509", rule.span, tr("W0509", {{"rule", rule.id}}), rule.id);
    d.note(tr("W0509.note.covered"));
    addRegions(d, found, rule.decision);
    d.note(tr("W0509.note.alone"));
    d.withHelp(tr("W0509.help.remove"));
    record("rule", name, Status::Warning, tr("verifier.record.redundant"));
  }

  // The position of rule r (of a decision on the fast path) in its table, and its box.
  int tablePosition(int r) const {
    const BoxTable &table = *boxes_[rs_.rules[r].decision];
    return static_cast<int>(std::find(table.rules.begin(), table.rules.end(), r) -
                            table.rules.begin());
  }
  const Box &tableBox(int r) const {
    return boxes_[rs_.rules[r].decision]->boxes[static_cast<std::size_t>(tablePosition(r))];
  }

  // The rule checks of a box rule: dead when its box is empty, never masked (no exceptions),
  // redundant by box subtraction. Each finding is confirmed by the solver's own query; false
  // when one is not confirmed, and then the solver path runs.
  bool boxRule(int r, const std::string &name) {
    const ir::Rule &rule = rs_.rules[r];
    const BoxTable &table = *boxes_[rule.decision];
    const DecisionTerms &terms = c_.decisions[rule.decision];
    int at = tablePosition(r);
    const Box &box = table.boxes[at];
    if (box.empty()) {
      if (solver_.check(base_ && terms.applies[r], false) != Answer::Unsat)
        return false;
      reportDead(r, name);
      return true;
    }
    if (!redundant(rs_, table, at)) {
      recordNeeded(r, name);
      return true;
    }
    if (changesSomething(r) != Answer::Unsat)
      return false;
    BoxFinding f;
    f.parts.push_back(box);
    auto found = confirmed(boxRegions(rs_, f, options_.maxRegions), terms.remains[r]);
    if (!found)
      return false;
    reportRedundant(r, name, *found);
    return true;
  }

  // W0516, questions: for every question, two allowed cases that differ only in its answer
  // (and agree on every other question wherever both ask it, as `does not depend on` compares
  // them) and get a different outcome or obligation of some decision. One query per question;
  // a question for which there is no such pair is asked in vain (AVG art. 5 lid 1 onder c).
  void checkDecisiveQuestions() {
    if (rs_.questions.empty())
      return;
    std::vector<Shown> witnessed = decisiveByCases();
    // The second case and the pair's terms, built only for a question the tests do not show.
    std::unique_ptr<CaseTerms> other;
    std::optional<z3::expr> both;
    for (std::size_t q = 0; q < rs_.questions.size(); ++q) {
      const ir::Question &question = rs_.questions[q];
      std::string name = tr("verifier.record.decisive", {{"question", question.id}});
      if (witnessed[q] != Shown::No) {
        record("question", name, Status::Proven,
               tr(witnessed[q] == Shown::ByTest ? "verifier.record.decisive_by_test"
                                                : "verifier.record.decisive_by_case"));
        continue;
      }
      // Not asked at all (a question of a module that this ruleset's parameters or assumptions
      // never reach): not asked in vain.
      Answer asked = solver_.check(base_ && c_.asked[q], false);
      if (asked == Answer::Unsat) {
        record("question", name, Status::Skipped, tr("verifier.record.never_asked"));
        continue;
      }
      if (!other) {
        other = std::make_unique<CaseTerms>(enc_.encodeCase("pair!"));
        z3::expr_vector anyDiff(ctx_);
        for (std::size_t d = 0; d < rs_.decisions.size(); ++d)
          anyDiff.push_back(enc_.differs(static_cast<int>(d), c_, *other));
        both = base_ && other->wellFormed && other->assumptions &&
               (anyDiff.empty() ? ctx_.bool_val(false) : z3::mk_or(anyDiff));
      }
      z3::expr_vector agree(ctx_);
      for (std::size_t o = 0; o < rs_.questions.size(); ++o)
        if (o != q)
          agree.push_back(
              z3::implies(c_.asked[o] && other->asked[o], c_.value[o] == other->value[o]));
      z3::expr differ = c_.asked[q] != other->asked[q] ||
                        (c_.asked[q] && other->asked[q] && c_.value[q] != other->value[q]);
      z3::expr pair = *both && differ && (agree.empty() ? ctx_.bool_val(true) : z3::mk_and(agree));
      Answer a = asked == Answer::Unknown ? Answer::Unknown : solver_.check(pair, false);
      if (a == Answer::Unknown) {
        inconclusive(question.span, tr("verifier.undecided.decisive", {{"question", question.id}}),
                     question.id);
        record("question", name, Status::Inconclusive);
        continue;
      }
      if (a == Answer::Sat) {
        record("question", name, Status::Proven);
        continue;
      }
      std::set<int> readers;
      for (const ir::Rule &r : rs_.rules)
        if (!r.inactive && r.decision >= 0 && r.guard && reads(*r.guard, static_cast<int>(q)))
          readers.insert(r.decision);
      std::vector<std::string> decisions;
      for (int d : readers)
        decisions.push_back("`" + rs_.decisions[d].id + "`");
      Diagnostic &d = finding(Severity::Warning, "W0516", question.span,
                              tr("W0516.question", {{"question", question.id}}), question.id);
      d.note(decisions.empty() ? tr("W0516.note.no_reader")
                               : tr("W0516.note.asked_for", {{"decisions", i18n::listItems(decisions)}}));
      d.withHelp(tr("W0516.help.minimise"));
      d.details["decisions"] = nlohmann::json::array();
      for (int x : readers)
        d.details["decisions"].push_back(rs_.decisions[x].id);
      record("question", name, Status::Warning, d.message);
    }
  }

  // The cases of the tests, each with the answer of one question changed: a pair of allowed,
  // complete cases with different results shows that the question decides something, without
  // asking the solver (the evaluator and the encoding agree: tests/unit/oracle_test.cpp). A
  // question that no such pair shows is left to the solver.
  // A test's case made an allowed case: every question it asks answered (the lowest answer
  // where the test gives none), the answers of questions it does not ask dropped; nothing when
  // that does not settle or the assumptions do not allow it.
  std::optional<eval::Case> completeCase(eval::Case c) const {
    for (std::size_t round = 0; round <= rs_.questions.size(); ++round) {
      std::vector<eval::Tri> asked = ev_.asked(c);
      bool changed = false;
      for (std::size_t q = 0; q < rs_.questions.size(); ++q) {
        if (asked[q] == eval::Tri::Undefined)
          return std::nullopt;
        bool is = asked[q] == eval::Tri::True;
        if (is != c.answers[q].has_value()) {
          c.answers[q] = is ? std::optional<std::int64_t>(rs_.questions[q].lo) : std::nullopt;
          changed = true;
        }
      }
      if (!changed)
        return ev_.assumed(c) ? std::optional<eval::Case>(c) : std::nullopt;
    }
    return std::nullopt;
  }

  // The cases at hand, with their results: the tests' cases, then (when the options allow
  // showing with cases, Options::ruleWitness) the first case of every class of alike cases the
  // assumptions allow (Evaluator::enumerateClassesUpTo), up to kWitnessClasses classes. What
  // they show (a rule applies, a question or a part of a condition changes a decision) needs
  // no solver; only what none of them shows is asked.
  const std::vector<Probe> &probes() {
    if (probes_)
      return *probes_;
    probes_.emplace();
    for (eval::Case &c : testCases()) {
      eval::Result res = ev_.run(c);
      probes_->push_back({std::move(c), std::move(res)});
    }
    probeTests_ = probes_->size();
    if (!witnessing())
      return *probes_;
    std::uint64_t most = std::min<std::uint64_t>(kWitnessClasses, kWitnessWork / runCost());
    probesComplete_ = ev_.enumerateClassesUpTo(most, [&](const eval::Case &c) {
      probes_->push_back({c, ev_.run(c)});
      return true;
    });
    if (probesComplete_)
      return *probes_;
    // Not every class fits: the classes enumerated are those of the lowest answers of the first
    // questions. Then cases drawn from all classes, each answer the first of a class drawn at
    // random (a fixed sequence, so every run draws the same cases), up to kWitnessSamples and
    // the work limit.
    std::uint64_t looked = probes_->size() - probeTests_;
    std::uint64_t draws = std::min<std::uint64_t>(
        kWitnessSamples, kWitnessWork / runCost() > looked ? kWitnessWork / runCost() - looked : 0);
    const std::vector<std::vector<std::int64_t>> &firsts = classFirsts();
    std::uint64_t state = kSampleSeed;
    for (std::uint64_t i = 0; i < draws; ++i) {
      eval::Case c;
      for (const auto &f : firsts)
        c.answers.push_back(f.empty() ? std::nullopt
                                      : std::optional(f[nextRandom(state) % f.size()]));
      if (std::optional<eval::Case> allowed = completeCase(std::move(c))) {
        eval::Result res = ev_.run(*allowed);
        probes_->push_back({std::move(*allowed), std::move(res)});
      }
    }
    return *probes_;
  }

  // The classes of alike cases as boxes (for CellSpace), in the order of their cases among the
  // probes (after the tests'); built only when every class is at hand (probesComplete_).
  const std::vector<Box> &cells() {
    if (cells_)
      return *cells_;
    cells_.emplace();
    const std::vector<std::vector<std::int64_t>> &firsts = classFirsts();
    const std::vector<Probe> &ps = probes();
    for (std::size_t i = probeTests_; i < ps.size(); ++i) {
      Box b;
      for (std::size_t q = 0; q < rs_.questions.size(); ++q) {
        const ir::Question &question = rs_.questions[q];
        const auto &a = ps[i].c.answers[q];
        if (!a) {
          b.dims.push_back({{question.lo - 1, question.lo - 1}});
          continue;
        }
        auto next = std::upper_bound(firsts[q].begin(), firsts[q].end(), *a);
        b.dims.push_back({{*a, next == firsts[q].end() ? question.hi : *next - 1}});
      }
      cells_->push_back(std::move(b));
    }
    return *cells_;
  }

  // Up to maxRegions regions of the allowed cases in which `finding` holds. When one case of
  // every class of alike cases is at hand, the solver answers only whether there is such a case
  // (the search's first query), and the regions, their examples and the count of the cases left
  // are found on the classes (CellSpace), `has` saying whether the finding holds in a class's
  // case: the same regions as the solver finds (every condition is the same throughout a class).
  RegionSearch findRegions(const z3::expr &finding, const std::function<bool(const Probe &)> &has) {
    if (!onCells())
      return regions_.find(base_, finding, c_, options_.maxRegions);
    RegionSearch none;
    switch (solver_.check(base_ && finding)) {
    case Answer::Unsat:
      return none;
    case Answer::Unknown:
      none.inconclusive = true;
      return none;
    case Answer::Sat:
      break;
    }
    const std::vector<Box> &cs = cells();
    std::vector<Box> found;
    std::vector<const Box *> rest;
    for (std::size_t i = 0; i < cs.size(); ++i) {
      if (has(probes()[probeTests_ + i]))
        found.push_back(cs[i]);
      else
        rest.push_back(&cs[i]);
    }
    if (found.empty()) // the classes and the solver disagree: the solver's search
      return regions_.find(base_, finding, c_, options_.maxRegions);
    CellSpace space(rs_, std::move(found), std::move(rest));
    return searchRegions(space, rs_, options_.maxRegions);
  }

  static bool contains(const std::vector<int> &v, int x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  }

  // Are the regions found on the classes (findRegions)? When the cases at hand are one case of
  // every class, and every answer has one below its domain (the unasked answer of a class box).
  bool onCells() {
    return witnessing() && !probes().empty() && probesComplete_ &&
           std::none_of(rs_.questions.begin(), rs_.questions.end(), [](const auto &q) {
             return q.lo == std::numeric_limits<std::int64_t>::min();
           });
  }

  // The smallest allowed case (question order, unasked first) of the classes in which `has`
  // holds: the smallest corner of their boxes. Nothing when the regions are not found on the
  // classes (onCells) or no class has it.
  std::optional<eval::Case> smallestOnCells(const std::function<bool(const Probe &)> &has) {
    if (!onCells())
      return std::nullopt;
    const std::vector<Box> &cs = cells();
    std::optional<std::vector<std::int64_t>> least;
    for (std::size_t i = 0; i < cs.size(); ++i)
      if (has(probes()[probeTests_ + i]) && (!least || corner(cs[i]) < *least))
        least = corner(cs[i]);
    if (!least)
      return std::nullopt;
    eval::Case c;
    for (std::size_t q = 0; q < least->size(); ++q)
      c.answers.push_back((*least)[q] < rs_.questions[q].lo ? std::nullopt
                                                             : std::optional((*least)[q]));
    return c;
  }

  // What one run of the evaluator costs, in rule conditions evaluated (at least 1).
  std::uint64_t runCost() const { return std::max<std::uint64_t>(1, rs_.rules.size()); }

  // Are the rules, questions and parts of conditions first shown with the cases at hand?
  bool witnessing() const {
    // WW_NO_RULE_WITNESS=1: the solver answers all (for measuring and comparing).
    const char *off = std::getenv("WW_NO_RULE_WITNESS");
    return options_.ruleWitness && !(off && *off && *off != '0');
  }

  // The allowed cases of the tests (completeCase of what each gives), in the tests' order.
  std::vector<eval::Case> testCases() const {
    std::vector<eval::Case> out;
    for (const ir::Test &t : rs_.tests) {
      eval::Case given;
      given.answers.assign(rs_.questions.size(), std::nullopt);
      for (const auto &g : t.givens)
        given.answers[g.question] = g.value;
      if (std::optional<eval::Case> c = completeCase(given))
        out.push_back(std::move(*c));
    }
    return out;
  }

  // How a question was shown to decide something with the cases at hand (probes).
  enum class Shown { No, ByTest, ByCase };

  // The questions that a pair of the cases at hand shows to decide something: a case, and the
  // same case with another answer to the question (the lowest of another class of alike
  // answers; questions it then asks answered with their lowest answer, those it no longer
  // asks dropped), both allowed, with different results.
  std::vector<Shown> decisiveByCases() {
    std::vector<Shown> shown(rs_.questions.size(), Shown::No);
    auto same = [&](const eval::Result &a, const eval::Result &b) {
      for (std::size_t d = 0; d < a.decisions.size(); ++d) {
        const eval::DecisionResult &x = a.decisions[d], &y = b.decisions[d];
        if (x.outcome != y.outcome || x.conflict != y.conflict || x.obligations != y.obligations)
          return false;
      }
      return true;
    };
    const std::vector<std::vector<std::int64_t>> &firsts = classFirsts();
    const std::vector<Probe> &cases = probes();
    std::uint64_t work = 0;
    for (std::size_t i = 0; i < cases.size() && work < kWitnessWork; ++i) {
      const eval::Case &c = cases[i].c;
      for (std::size_t q = 0; q < rs_.questions.size(); ++q) {
        if (shown[q] != Shown::No || !c.answers[q] || firsts[q].size() > 64)
          continue;
        for (std::int64_t v : firsts[q]) {
          if (v == *c.answers[q])
            continue;
          eval::Case changed = c;
          changed.answers[q] = v;
          std::optional<eval::Case> other = completeCase(changed);
          work += runCost();
          // The pair must differ in this question only (where both ask the others).
          if (other && other->answers[q] == v && !same(cases[i].res, ev_.run(*other))) {
            shown[q] = i < probeTests_ ? Shown::ByTest : Shown::ByCase;
            break;
          }
        }
      }
    }
    return shown;
  }

  // Marks in `read` the questions `e` reads (as `reads` tells them, in one walk).
  static void markQuestionsRead(const ir::Expr &e, std::vector<char> &read) {
    if (e.question >= 0 &&
        (e.kind == ir::Expr::Kind::QuestionIn || e.kind == ir::Expr::Kind::QuestionRange))
      read[static_cast<std::size_t>(e.question)] = 1;
    for (const ir::ExprRef &a : e.args)
      markQuestionsRead(*a, read);
  }

  // The questions the conditions of decision d's rules read, sorted; worked out once.
  const std::vector<int> &questionsReadByDecision(int d) {
    if (questionsOfDecision_.empty())
      questionsOfDecision_.resize(rs_.decisions.size());
    auto &known = questionsOfDecision_[static_cast<std::size_t>(d)];
    if (!known) {
      std::vector<char> read(rs_.questions.size(), 0);
      for (int x : rs_.decisions[static_cast<std::size_t>(d)].rules)
        if (const ir::ExprRef &guard = rs_.rules[static_cast<std::size_t>(x)].guard)
          markQuestionsRead(*guard, read);
      known.emplace();
      for (std::size_t q = 0; q < read.size(); ++q)
        if (read[q])
          known->push_back(static_cast<int>(q));
    }
    return *known;
  }

  static bool reads(const ir::Expr &e, int q) {
    if (e.question == q &&
        (e.kind == ir::Expr::Kind::QuestionIn || e.kind == ir::Expr::Kind::QuestionRange))
      return true;
    return std::any_of(e.args.begin(), e.args.end(),
                       [&](const ir::ExprRef &a) { return reads(*a, q); });
  }

  // The parts of a rule's condition as written in the rule: its atoms (a comparison of a
  // question, a test of a decision). A define's atoms belong to the define, which is written
  // once for many rules: they are not parts of the rules that use it.
  static void writtenParts(const ir::Expr &e, Span within, std::vector<const ir::Expr *> &out) {
    if (!e.args.empty()) {
      for (const auto &a : e.args)
        writtenParts(*a, within, out);
      return;
    }
    if (e.kind != ir::Expr::Kind::Const && e.span.file == within.file &&
        e.span.begin >= within.begin && e.span.end <= within.end)
      out.push_back(&e);
  }

  // Whether reading `part` as `value` makes the whole condition false: the condition itself, or
  // a conjunct of a top-level `and` (or its negation).
  static bool settlesRule(const ir::Expr &guard, const std::vector<const ir::Expr *> &part,
                          bool value) {
    auto falseChild = [&](const ir::Expr &c) {
      if (std::find(part.begin(), part.end(), &c) != part.end())
        return !value;
      if (c.kind == ir::Expr::Kind::Not &&
          std::find(part.begin(), part.end(), c.args[0].get()) != part.end())
        return value;
      return false;
    };
    if (falseChild(guard))
      return true;
    return guard.kind == ir::Expr::Kind::And &&
           std::any_of(guard.args.begin(), guard.args.end(),
                       [&](const ir::ExprRef &c) { return falseChild(*c); });
  }

  // W0516, parts of conditions: a part that can be read as a constant (true, as if a conjunct
  // were left out, or false, as if a disjunct were) and still leave every allowed case decided
  // by the same rules of its decision (so with the same outcomes, obligations and citations),
  // without making the condition undefined where it is defined. Found for all rules at once: each candidate is a part with one of the
  // two constants; each query asks for a case in which some candidate not yet shown to matter
  // changes its rule's decision, and the model's case shows every candidate it changes. The
  // candidates left when no such case exists never change anything.
  void findIdleParts() {
    struct Candidate {
      int rule;
      std::vector<const ir::Expr *> atoms;
      bool value;
      z3::expr changes, undefines;
      bool mayUndefine; ///< the condition can be undefined (an unasked question, a decision)
    };
    std::vector<Candidate> candidates;
    for (std::size_t r = 0; r < rs_.rules.size(); ++r) {
      const ir::Rule &rule = rs_.rules[r];
      if (rule.inactive || rule.decision < 0 || !rule.guard || undefinedRules_.count(r))
        continue;
      std::vector<const ir::Expr *> atoms;
      writtenParts(*rule.guard, rule.span, atoms);
      if (atoms.empty())
        continue;
      // One atom as written may be several in the IR (`d discloses without consent`): the atoms
      // with one span are one part.
      std::vector<std::vector<const ir::Expr *>> written;
      for (const ir::Expr *atom : atoms) {
        auto same = std::find_if(written.begin(), written.end(),
                                 [&](const auto &w) { return w.front()->span == atom->span; });
        if (same == written.end())
          written.push_back({atom});
        else
          same->push_back(atom);
      }
      // In a decision table on the fast path (every question asked, no exceptions) a part
      // changes the rule's decision exactly where it changes the rule's box: box arithmetic
      // settles the parts that matter; the solver still confirms those it finds idle.
      bool table = boxes_[static_cast<std::size_t>(rule.decision)].has_value();
      std::optional<TF> g;
      bool mayUndefine = mayBeUndefined(*rule.guard);
      for (const auto &part : written)
        for (bool value : {true, false}) {
          // A part that is a conjunct of the whole condition (or a negated one), read so that
          // the conjunct is false, makes the rule apply nowhere: that changes its decision
          // wherever the rule remains, which it does somewhere, or it would be reported dead or
          // masked instead (and then its parts are not). No query for those.
          if (settlesRule(*rule.guard, part, value))
            continue;
          if (table && partChangesBox(rs_, tableBox(static_cast<int>(r)), *rule.guard, part, value)
                           .value_or(false))
            continue;
          if (!g)
            g = enc_.encode(*rule.guard, c_);
          TF x = enc_.encodeReplacing(*rule.guard, c_, part, value);
          candidates.push_back({static_cast<int>(r), part, value,
                                enc_.changesWith(rule.decision, c_, static_cast<int>(r), x.t),
                                g->defined() && !x.defined(), mayUndefine});
        }
    }
    // A part that changes its rule's decision in a case at hand, or makes its condition
    // undefined there (showsPart), needs no query.
    std::vector<bool> shown(candidates.size(), false);
    const std::vector<std::vector<int>> &exceptionsOf = exceptionsByRule();
    std::uint64_t nearbyWork = kNearbyWork;
    if (witnessing() && !candidates.empty()) {
      std::uint64_t work = 0;
      RuleFlags flags(rs_.rules.size());
      for (const Probe &p : probes()) {
        flags.set(p.res);
        for (std::size_t i = 0; i < candidates.size(); ++i)
          if (!shown[i]) {
            shown[i] = showsPart(candidates[i], p, flags, exceptionsOf);
            ++work;
          }
        if (work >= kWitnessWork)
          break;
      }
      std::vector<const Probe *> from;
      for (const Probe &p : probes())
        from.push_back(&p);
      for (const Probe &p : found_)
        from.push_back(&p);
      nearbyWork = 0;
      showPartsNearby(candidates, shown, exceptionsOf, from, nearbyWork);
    }
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (!shown[i])
        open.push_back(i);
    while (!open.empty()) {
      z3::expr_vector any(ctx_);
      for (std::size_t i : open)
        any.push_back(candidates[i].changes);
      Answer a = solver_.check(base_ && z3::mk_or(any));
      if (a == Answer::Unsat)
        break;
      if (a == Answer::Unknown) {
        // Undecided: no part is reported.
        inconclusive(rs_.span, "every part of every rule's condition is decisive", "parts");
        return;
      }
      std::set<int> reach; // the rules of the parts the model shows
      for (std::size_t i : open)
        if (solver_.model().eval(candidates[i].changes, true).is_true()) {
          shown[i] = true;
          reach.insert(candidates[i].rule);
        }
      // The model's case is a case at hand too: its neighbours may show the other parts of the
      // rules that apply in it.
      if (witnessing() && nearbyWork < kNearbyWork) {
        Probe found{enc_.decode(solver_.model(), c_), {}};
        found.res = ev_.run(found.c);
        showPartsNearby(candidates, shown, exceptionsOf, {&found}, nearbyWork, reach);
      }
      std::vector<std::size_t> still;
      for (std::size_t i : open)
        if (!shown[i])
          still.push_back(i);
      if (still.size() == open.size())
        return; // cannot happen: the model makes some open candidate change its decision
      open = std::move(still);
    }
    for (std::size_t i : open) {
      const Candidate &c = candidates[i];
      auto &parts = idleParts_[c.rule];
      if (std::any_of(parts.begin(), parts.end(),
                      [&](const IdlePart &p) { return p.atoms == c.atoms; }))
        continue;
      if (solver_.check(base_ && c.undefines, false) == Answer::Unsat)
        parts.push_back({c.atoms, c.value});
    }
    for (auto it = idleParts_.begin(); it != idleParts_.end();)
      it = it->second.empty() ? idleParts_.erase(it) : std::next(it);
  }

  // The parts not shown by the cases at hand, tried on their neighbours: a part of a rule's
  // condition usually changes its decision in a case next to one where the rule applies (for a
  // part of an `and`: the case with the answer the part reads changed so that the part is
  // false). For each rule with parts not yet shown, the first case at hand in which it applies,
  // with the answer of one question its condition reads replaced by the first answer of another
  // of that question's classes (made allowed again: completeCase). Given the one case of a
  // model, the rules of `reach` that do not apply in it start from a neighbour of it in which
  // they apply. Up to kNearbyWork rule conditions evaluated in all (`work`).
  template <typename Candidate>
  void showPartsNearby(const std::vector<Candidate> &candidates, std::vector<bool> &shown,
                       const std::vector<std::vector<int>> &exceptionsOf,
                       const std::vector<const Probe *> &from, std::uint64_t &work,
                       const std::set<int> &reach = {}) {
    std::map<int, std::vector<std::size_t>> openOf; // by rule: its candidates not yet shown
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (!shown[i])
        openOf[candidates[i].rule].push_back(i);
    if (openOf.empty())
      return;
    std::map<int, const Probe *> appliesIn; // by rule: the first case in which it applies
    for (std::size_t i = 0; i < from.size() && appliesIn.size() < openOf.size(); ++i)
      for (const eval::DecisionResult &d : from[i]->res.decisions)
        for (int r : d.applicable)
          if (openOf.count(r))
            appliesIn.emplace(r, from[i]);
    const std::vector<std::vector<std::int64_t>> &firsts = classFirsts();
    // What changesIn reads of a neighbour for rule r: whether r and the rules it is an exception
    // to apply and remain, and whether the exceptions to each of them apply. A neighbour is
    // evaluated on those rules alone, after the decisions their conditions read (`decisions`,
    // with the decisions those read; its `res` has only these), unless those decisions have
    // about as many rules as the whole ruleset: then by a whole evaluator run (`whole`).
    RuleFlags flags(rs_.rules.size());
    struct Local {
      std::vector<int> rules;
      std::vector<char> decisions; ///< by decision: evaluated before the rules
      std::vector<int> questions;  ///< what r reads, itself or through the decisions
      bool whole = false;
      std::uint64_t cost = 0;
    };
    auto localRules = [&](int r) {
      const ir::Rule &rule = rs_.rules[static_cast<std::size_t>(r)];
      Local local;
      local.rules.push_back(r);
      for (int x : rule.exceptionTo)
        local.rules.push_back(x);
      for (std::size_t i = 0, n = local.rules.size(); i < n; ++i)
        for (int o : exceptionsOf[static_cast<std::size_t>(local.rules[i])])
          local.rules.push_back(o);
      std::sort(local.rules.begin(), local.rules.end());
      local.rules.erase(std::unique(local.rules.begin(), local.rules.end()), local.rules.end());
      local.decisions.assign(rs_.decisions.size(), 0);
      for (int x : local.rules)
        if (const ir::ExprRef &guard = rs_.rules[static_cast<std::size_t>(x)].guard)
          markDecisionsRead(*guard, local.decisions);
      local.cost = local.rules.size();
      for (std::size_t d = 0; d < rs_.decisions.size(); ++d)
        if (local.decisions[d])
          local.cost += rs_.decisions[d].rules.size();
      local.whole = 2 * local.cost > runCost();
      std::vector<char> read(rs_.questions.size(), 0);
      markQuestionsRead(*rule.guard, read);
      for (std::size_t d = 0; d < rs_.decisions.size(); ++d)
        if (local.decisions[d])
          for (int q : questionsReadByDecision(static_cast<int>(d)))
            read[static_cast<std::size_t>(q)] = 1;
      for (std::size_t q = 0; q < read.size(); ++q)
        if (read[q])
          local.questions.push_back(static_cast<int>(q));
      return local;
    };
    // Calls f with each neighbour of `start` in the answers rule r reads, its rules' flags set in
    // `flags`, until f returns false.
    auto neighbours = [&](const Probe &start, int r, const Local &local,
                          const std::function<bool(const Probe &)> &f) {
      for (int q : local.questions) {
        for (std::int64_t v : firsts[static_cast<std::size_t>(q)]) {
          if (work >= kNearbyWork)
            return;
          if (start.c.answers[static_cast<std::size_t>(q)] &&
              nextClassFirst(firsts[static_cast<std::size_t>(q)],
                             *start.c.answers[static_cast<std::size_t>(q)]) ==
                  nextClassFirst(firsts[static_cast<std::size_t>(q)], v))
            continue; // the same class
          eval::Case c = start.c;
          c.answers[static_cast<std::size_t>(q)] = v;
          std::optional<eval::Case> allowed = completeCase(std::move(c));
          if (!allowed)
            continue;
          Probe near{std::move(*allowed), {}};
          if (local.whole) {
            near.res = ev_.run(near.c);
            flags.set(near.res);
            work += runCost();
          } else {
            near.res = ev_.runOnly(near.c, local.decisions);
            setFlagsOf(near, r, local.rules, exceptionsOf, flags);
            work += local.cost;
          }
          if (!f(near))
            return;
        }
      }
    };
    for (auto &entry : openOf) {
      // Named, not bound: a lambda below uses them (clang 14 cannot capture a structured binding).
      const int r = entry.first;
      std::vector<std::size_t> &open = entry.second;
      std::optional<Probe> reached;
      auto at = appliesIn.find(r);
      if (at == appliesIn.end() && (from.size() != 1 || !reach.count(r)))
        continue;
      const Local local = localRules(r);
      if (at == appliesIn.end()) {
        // For the rules to reach from one case (a model's): a neighbour of it in which the
        // rule applies.
        neighbours(*from.front(), r, local, [&](const Probe &near) {
          if (flags.applies[static_cast<std::size_t>(r)])
            reached = near;
          return !reached;
        });
        if (!reached)
          continue;
      }
      const Probe &start = reached ? *reached : *at->second;
      neighbours(start, r, local, [&](const Probe &near) {
        std::erase_if(open, [&](std::size_t i) {
          const Candidate &k = candidates[i];
          return shown[i] = showsPart(k, near, flags, exceptionsOf);
        });
        return !open.empty();
      });
      if (work >= kNearbyWork)
        return;
    }
  }

  std::vector<std::optional<std::vector<int>>> questionsOfDecision_; // questionsReadByDecision

  // By rule: the active rules of its decision that are an exception to it, computed once.
  const std::vector<std::vector<int>> &exceptionsByRule() {
    if (!exceptionsOf_) {
      exceptionsOf_.emplace(rs_.rules.size());
      for (std::size_t o = 0; o < rs_.rules.size(); ++o) {
        const ir::Rule &other = rs_.rules[o];
        if (other.inactive)
          continue;
        for (int x : other.exceptionTo)
          if (rs_.rules[static_cast<std::size_t>(x)].decision == other.decision)
            (*exceptionsOf_)[static_cast<std::size_t>(x)].push_back(static_cast<int>(o));
      }
    }
    return *exceptionsOf_;
  }

  // The parts of a condition that is a conjunction of answers, each read as it must be for the
  // condition to hold (an atom on a question, true or, under `not`, false); nothing when the
  // condition is of another form. With `decisions`, atoms on a decision's outcome may be parts
  // too, kept there apart.
  using Literal = std::pair<const ir::Expr *, bool>;
  static std::optional<std::vector<Literal>> literalsOf(const ir::Expr &e,
                                                        std::vector<Literal> *decisions = nullptr) {
    using K = ir::Expr::Kind;
    std::vector<Literal> out;
    auto atom = [&](const ir::Expr &a, bool value) {
      if (a.kind == K::QuestionIn || a.kind == K::QuestionRange)
        out.push_back({&a, value});
      else if (decisions && a.decision >= 0 && a.args.empty())
        decisions->push_back({&a, value});
      else
        return false;
      return true;
    };
    std::function<bool(const ir::Expr &)> walk = [&](const ir::Expr &x) {
      switch (x.kind) {
      case K::And:
        return std::all_of(x.args.begin(), x.args.end(),
                           [&](const ir::ExprRef &a) { return walk(*a); });
      case K::Const:
        return x.value;
      case K::Not:
        return atom(*x.args[0], false);
      default:
        return atom(x, true);
      }
    };
    if (!walk(e))
      return std::nullopt;
    return out;
  }

  // Does answer v make the atom of a literal read as the literal needs?
  static bool meets(const Literal &l, std::int64_t v) {
    const ir::Expr &a = *l.first;
    bool holds = a.kind == ir::Expr::Kind::QuestionRange
                     ? a.lo <= v && v <= a.hi
                     : std::find(a.values.begin(), a.values.end(), v) != a.values.end();
    return holds == l.second;
  }

  // A case built to make rule r apply and remain, from the answers of `base`: each question its
  // condition's parts on answers (`lits`, literalsOf) read answered so that they hold (the
  // base's answer when it does, else the first answer of the first class that does), and for
  // each exception to r whose parts on answers then all hold, one question it alone reads
  // answered so that its part does not; then made allowed (completeCase). Parts on decisions are
  // the caller's: it picks a base in which they hold. Nothing when no such case is found.
  // Whether the rule applies, remains and matters in it is the evaluator's to say.
  std::optional<eval::Case> caseFor(int r, const std::vector<Literal> &lits,
                                    const eval::Case &base) {
    const std::vector<std::vector<std::int64_t>> &firsts = classFirsts();
    eval::Case c = base;
    std::set<int> fixed; // the questions r's condition reads
    auto answer = [&](int q, const std::function<bool(std::int64_t)> &ok) {
      const std::optional<std::int64_t> &now = c.answers[static_cast<std::size_t>(q)];
      if (now && ok(*now))
        return true;
      for (std::int64_t v : firsts[static_cast<std::size_t>(q)])
        if (ok(v)) {
          c.answers[static_cast<std::size_t>(q)] = v;
          return true;
        }
      return false;
    };
    for (const Literal &l : lits)
      fixed.insert(l.first->question);
    for (int q : fixed)
      if (!answer(q, [&](std::int64_t v) {
            return std::all_of(lits.begin(), lits.end(), [&](const Literal &l) {
              return l.first->question != q || meets(l, v);
            });
          }))
        return std::nullopt;
    for (int e : exceptionsByRule()[static_cast<std::size_t>(r)]) {
      std::vector<Literal> onDecisions; // taken to hold: a question of its own is set instead
      std::optional<std::vector<Literal>> els =
          literalsOf(*rs_.rules[static_cast<std::size_t>(e)].guard, &onDecisions);
      if (!els)
        continue;
      bool holds = std::all_of(els->begin(), els->end(), [&](const Literal &l) {
        const std::optional<std::int64_t> &v = c.answers[static_cast<std::size_t>(l.first->question)];
        return v && meets(l, *v);
      });
      if (!holds)
        continue;
      for (const Literal &l : *els)
        if (!fixed.count(l.first->question) &&
            answer(l.first->question, [&](std::int64_t v) { return !meets(l, v); })) {
          fixed.insert(l.first->question);
          break;
        }
    }
    return completeCase(std::move(c));
  }

  // Evaluator::classFirsts of the period, computed once.
  const std::vector<std::vector<std::int64_t>> &classFirsts() {
    if (!firsts_)
      firsts_ = ev_.classFirsts();
    return *firsts_;
  }

  // The first answer of the class after the one of answer a (firsts: ascending class firsts).
  static std::int64_t nextClassFirst(const std::vector<std::int64_t> &firsts, std::int64_t a) {
    auto next = std::upper_bound(firsts.begin(), firsts.end(), a);
    return next == firsts.end() ? std::numeric_limits<std::int64_t>::max() : *next;
  }

  // Marks in `decisions` the decisions `e` reads, and the decisions their rules read.
  void markDecisionsRead(const ir::Expr &e, std::vector<char> &decisions) const {
    if (e.decision >= 0 && !decisions[static_cast<std::size_t>(e.decision)]) {
      decisions[static_cast<std::size_t>(e.decision)] = 1;
      for (int x : rs_.decisions[static_cast<std::size_t>(e.decision)].rules)
        if (const ir::ExprRef &guard = rs_.rules[static_cast<std::size_t>(x)].guard)
          markDecisionsRead(*guard, decisions);
    }
    for (const ir::ExprRef &a : e.args)
      markDecisionsRead(*a, decisions);
  }

  // Is `e` true in one of the cases at hand (probes)? Then the solver need not find a case.
  bool holdsInCaseAtHand(const ir::Expr &e) {
    if (!witnessing())
      return false;
    return std::any_of(probes().begin(), probes().end(), [&](const Probe &p) {
      return ev_.eval(e, p.c, &p.res) == eval::Tri::True;
    });
  }

  // `e` in the case of p with the nodes `part` read as the constant `value`, as
  // Encoder::encodeReplacing encodes it.
  eval::Tri evalReplacing(const ir::Expr &e, const Probe &p,
                          const std::vector<const ir::Expr *> &part, bool value) const {
    using K = ir::Expr::Kind;
    if (std::find(part.begin(), part.end(), &e) != part.end())
      return value ? eval::Tri::True : eval::Tri::False;
    switch (e.kind) {
    case K::Not: {
      eval::Tri a = evalReplacing(*e.args[0], p, part, value);
      return a == eval::Tri::Undefined ? a
             : a == eval::Tri::True    ? eval::Tri::False
                                       : eval::Tri::True;
    }
    case K::And:
    case K::Or: {
      bool isAnd = e.kind == K::And, undefined = false;
      for (const auto &a : e.args) {
        eval::Tri t = evalReplacing(*a, p, part, value);
        if (t == eval::Tri::Undefined)
          undefined = true;
        else if ((t == eval::Tri::True) != isAnd)
          return isAnd ? eval::Tri::False : eval::Tri::True;
      }
      return undefined ? eval::Tri::Undefined : isAnd ? eval::Tri::True : eval::Tri::False;
    }
    default:
      return ev_.eval(e, p.c, &p.res);
    }
  }

  // Which rules apply and which remain in one case, by rule index.
  struct RuleFlags {
    std::vector<char> applies, remains;
    explicit RuleFlags(std::size_t rules) : applies(rules, 0), remains(rules, 0) {}
    void set(const eval::Result &res) {
      std::fill(applies.begin(), applies.end(), 0);
      std::fill(remains.begin(), remains.end(), 0);
      for (const eval::DecisionResult &d : res.decisions) {
        for (int r : d.applicable)
          applies[static_cast<std::size_t>(r)] = 1;
        for (int r : d.remaining)
          remains[static_cast<std::size_t>(r)] = 1;
      }
    }
  };

  // The flags of the case of p for the rules `local` (see showPartsNearby) as Evaluator::run
  // sets them, the decisions their conditions read in p.res: whether each applies, and whether
  // r and the rules it is an exception to remain (they apply, and no exception to them of their
  // decision does). The flags of other rules are left as they were.
  void setFlagsOf(const Probe &p, int r, const std::vector<int> &local,
                  const std::vector<std::vector<int>> &exceptionsOf, RuleFlags &flags) const {
    for (int x : local) {
      const ir::Rule &rule = rs_.rules[static_cast<std::size_t>(x)];
      flags.applies[static_cast<std::size_t>(x)] =
          rule.decision >= 0 && !rule.inactive && rule.guard &&
          ev_.eval(*rule.guard, p.c, &p.res) == eval::Tri::True;
    }
    auto remains = [&](int x) {
      const std::vector<int> &exceptions = exceptionsOf[static_cast<std::size_t>(x)];
      flags.remains[static_cast<std::size_t>(x)] =
          flags.applies[static_cast<std::size_t>(x)] &&
          std::none_of(exceptions.begin(), exceptions.end(), [&](int o) {
            return flags.applies[static_cast<std::size_t>(o)] != 0;
          });
    };
    remains(r);
    for (int x : rs_.rules[static_cast<std::size_t>(r)].exceptionTo)
      remains(x);
  }

  // Does reading `part` of rule r's condition as `value` change which rules of its decision
  // remain in the case of p (whose applying and remaining rules are `now`)?
  // Encoder::changesWith on the evaluator: only the rule itself and the rules it is an
  // exception to can change, and only if the rule's own applying changes.
  bool changesIn(int r, const std::vector<const ir::Expr *> &part, bool value, const Probe &p,
                 const RuleFlags &now,
                 const std::vector<std::vector<int>> &exceptionsOf) const {
    const ir::Rule &rule = rs_.rules[static_cast<std::size_t>(r)];
    bool appliesNow = evalReplacing(*rule.guard, p, part, value) == eval::Tri::True;
    if (appliesNow == (now.applies[static_cast<std::size_t>(r)] != 0))
      return false;
    auto appliesOf = [&](int x) {
      return x == r ? appliesNow : now.applies[static_cast<std::size_t>(x)] != 0;
    };
    auto check = [&](int x) {
      bool removed = false;
      for (int other : exceptionsOf[static_cast<std::size_t>(x)])
        if (appliesOf(other)) {
          removed = true;
          break;
        }
      return (now.remains[static_cast<std::size_t>(x)] != 0) != (appliesOf(x) && !removed);
    };
    if (check(r))
      return true;
    return std::any_of(rule.exceptionTo.begin(), rule.exceptionTo.end(), check);
  }

  // Is candidate k (a part of a rule's condition read as a constant, findIdleParts) not idle,
  // as case p shows: reading it so changes the rule's decision there, or makes the condition
  // undefined where it is not (the `undefines` query answered by the case)?
  template <typename Candidate>
  bool showsPart(const Candidate &k, const Probe &p, const RuleFlags &now,
                 const std::vector<std::vector<int>> &exceptionsOf) const {
    if (changesIn(k.rule, k.atoms, k.value, p, now, exceptionsOf))
      return true;
    const ir::Expr &guard = *rs_.rules[static_cast<std::size_t>(k.rule)].guard;
    return k.mayUndefine && ev_.eval(guard, p.c, &p.res) != eval::Tri::Undefined &&
           evalReplacing(guard, p, k.atoms, k.value) == eval::Tri::Undefined;
  }

  // Can `e` be undefined in some case: does it read a question that is not always asked, or a
  // decision's outcome?
  bool mayBeUndefined(const ir::Expr &e) const {
    if (e.decision >= 0)
      return true;
    if ((e.kind == ir::Expr::Kind::QuestionIn || e.kind == ir::Expr::Kind::QuestionRange) &&
        rs_.questions[static_cast<std::size_t>(e.question)].askedWhen)
      return true;
    return std::any_of(e.args.begin(), e.args.end(),
                       [&](const ir::ExprRef &a) { return mayBeUndefined(*a); });
  }

  // What is wrong with the expectations of t in case c (empty: all met).
  std::vector<std::string> expectationProblems(const ir::Test &t, const eval::Case &c) const {
    std::vector<std::string> problems;
    eval::Result res = ev_.run(c);
    for (const auto &e : t.expects) {
      int d = rs_.outcomes[e.outcome].decision;
      const eval::DecisionResult &got = res.decisions[d];
      if (!got.outcome || *got.outcome != e.outcome) {
        problems.push_back(tr("verifier.test.expected", {{"outcome", rs_.outcomes[e.outcome].id},
                                                         {"decision", rs_.decisions[d].id},
                                                         {"got", gotText(rs_, got)},
                                                         {"rules", ruleList(rs_, got.remaining)}}));
        continue;
      }
      if (e.obligations && *e.obligations != got.obligations) {
        auto names = [&](const std::vector<int> &obl) {
          std::vector<std::string> s;
          for (int o : obl)
            s.push_back("`" + rs_.obligations[o].id + "`");
          return s.empty() ? tr("verifier.none") : i18n::listItems(s);
        };
        problems.push_back(tr("verifier.test.expected_obligations",
                              {{"expected", names(*e.obligations)},
                               {"decision", rs_.decisions[d].id},
                               {"got", names(got.obligations)}}));
      }
    }
    return problems;
  }

  // "assumption “…” (line 4)" for the assumptions that c does not meet.
  // "… rules this case out" for the assumptions that c does not meet.
  std::string assumptionsFailing(const eval::Case &c) const {
    std::vector<std::string> names;
    for (int a : ev_.failedAssumptions(c))
      names.push_back(assumptionText(rs_, a));
    return trn("verifier.test.rules_out", names.size(), {{"assumptions", i18n::listItems(names)}});
  }

  // The terms of the cases tests are proven on (encoded once, when a test first needs them).
  const CaseTerms &testCase() {
    if (!testCase_)
      testCase_ = std::make_unique<CaseTerms>(enc_.encodeCase("test_"));
    return *testCase_;
  }

  // A test that leaves out questions its case may ask passes when every answer to them gives
  // the expected result: Base ∧ givens ∧ ¬expected is unsatisfiable, over the cases in which
  // the left-out questions are free (asked or not as `asked when` says).
  void proveTest(const ir::Test &t, const std::string &name, const std::vector<int> &leftOut,
                 const eval::Case &partial) {
    const CaseTerms &tc = testCase();
    z3::expr given = ctx_.bool_val(true);
    for (const auto &g : t.givens)
      given = given && enc_.answerIs(tc, g.question, g.value);
    z3::expr expected = ctx_.bool_val(true);
    for (const auto &e : t.expects) {
      const DecisionTerms &dt = tc.decisions[rs_.outcomes[e.outcome].decision];
      expected = expected && dt.single && dt.has[e.outcome];
      if (e.obligations)
        for (std::size_t x = 0; x < rs_.obligations.size(); ++x) {
          bool wanted = std::find(e.obligations->begin(), e.obligations->end(),
                                  static_cast<int>(x)) != e.obligations->end();
          expected = expected && (wanted ? dt.obliges[x] : !dt.obliges[x]);
        }
    }
    std::string questions = questionList(rs_, leftOut);
    z3::expr base = tc.wellFormed && tc.assumptions && given;
    Answer some = solver_.check(base);
    Answer counter = some == Answer::Sat ? solver_.check(base && !expected) : some;
    if (some == Answer::Unknown || counter == Answer::Unknown) {
      inconclusive(t.span, tr("verifier.undecided.test", {{"questions", questions}, {"test", t.text}}),
                   t.text);
      record("test", name, Status::Inconclusive);
      return;
    }
    if (some == Answer::Unsat) {
      // An assumption already false on the given answers is named; otherwise the assumptions
      // together leave no answer to the questions the test leaves out.
      std::vector<std::string> named;
      for (std::size_t a = 0; a < rs_.assumptions.size(); ++a)
        if (ev_.eval(*rs_.assumptions[a].cond, partial, nullptr) == eval::Tri::False)
          named.push_back(assumptionText(rs_, static_cast<int>(a)));
      std::string why =
          named.empty()
              ? tr("verifier.test.rules_out_left_out", {{"questions", questions}})
              : trn("verifier.test.rules_out", named.size(), {{"assumptions", i18n::listItems(named)}});
      Diagnostic &d = finding(Severity::Error, "E0510", t.span,
                              tr("E0510", {{"test", t.text}, {"problem", why}}), t.text);
      d.note(tr("E0510.note.case", {{"case", exampleText(rs_, partial)}}));
      record("test", name, Status::Failed, d.message);
      return;
    }
    if (counter == Answer::Unsat) {
      record("test", name, Status::Passed,
             tr("verifier.record.test_proven", {{"questions", questions}}));
      return;
    }
    std::optional<eval::Case> found = regions_.smallest(base && !expected, tc);
    eval::Case c = found ? *found : enc_.decode(solver_.model(), tc);
    std::string answers;
    for (int q : leftOut)
      if (c.answers[q])
        answers += fmt::format("{}{} = {}", answers.empty() ? "" : ", ", rs_.questions[q].id,
                               answerText(rs_.questions[q], *c.answers[q]));
    std::vector<std::string> problems = expectationProblems(t, c);
    std::string problem = problems.empty() ? tr("verifier.test.differs") : problems.front();
    // Does some answer give the expected result? Then the answer matters; else the test is
    // wrong whatever the answers.
    Answer good = solver_.check(base && expected);
    std::string message =
        good == Answer::Unsat
            ? tr("E0510.whatever", {{"test", t.text}, {"problem", problem}, {"questions", questions}})
            : tr("E0510.matters",
                 {{"test", t.text},
                  {"questions", questions},
                  {"answers", answers.empty() ? tr("verifier.test.them_unasked") : answers},
                  {"problem", problem}});
    Diagnostic &d = finding(Severity::Error, "E0510", t.span, message, t.text);
    for (std::size_t i = 1; i < problems.size(); ++i)
      d.note(problems[i]);
    d.note(tr("E0510.note.case", {{"case", exampleText(rs_, c)}}));
    d.withHelp(tr("E0510.help.given"));
    record("test", name, Status::Failed, d.message);
  }

  void runTests() {
    for (const ir::Test &t : rs_.tests) {
      std::string name = tr("verifier.record.test", {{"test", t.text}});
      eval::Case c;
      c.answers.assign(rs_.questions.size(), std::nullopt);
      for (const auto &g : t.givens)
        c.answers[g.question] = g.value;
      std::vector<eval::Tri> asked = ev_.asked(c);
      std::vector<std::string> problems;
      for (const auto &g : t.givens)
        if (asked[g.question] != eval::Tri::True)
          problems.push_back(
              tr("verifier.test.unasked_answer", {{"question", rs_.questions[g.question].id}}));
      // Questions the test does not answer that its case asks, or may ask (an `asked when`
      // that reads one of them): the test must hold for every answer to them.
      std::vector<int> leftOut;
      for (std::size_t q = 0; q < rs_.questions.size(); ++q)
        if (asked[q] != eval::Tri::False && !c.answers[q])
          leftOut.push_back(static_cast<int>(q));
      if (problems.empty() && !leftOut.empty()) {
        proveTest(t, name, leftOut, c);
        continue;
      }
      if (problems.empty() && !ev_.assumed(c))
        problems.push_back(assumptionsFailing(c));
      if (problems.empty())
        problems = expectationProblems(t, c);
      if (problems.empty()) {
        record("test", name, Status::Passed);
        continue;
      }
      Diagnostic &d = finding(Severity::Error, "E0510", t.span,
                              tr("E0510", {{"test", t.text}, {"problem", problems.front()}}), t.text);
      for (std::size_t i = 1; i < problems.size(); ++i)
        d.note(problems[i]);
      d.note(tr("E0510.note.case", {{"case", exampleText(rs_, c)}}));
      record("test", name, Status::Failed, d.message);
    }
  }

  const ir::Ruleset &rs_;
  const Options &options_;
  DiagnosticSink &sink_;
  eval::Evaluator ev_;
  z3::context ctx_;
  Encoder enc_;
  Solver solver_;
  RegionFinder regions_;
  CaseTerms c_;
  z3::expr base_;
  std::vector<std::string> pending_; ///< ids of findings not yet recorded with their check
  std::chrono::steady_clock::time_point lastRecord_ = std::chrono::steady_clock::now();
  std::size_t lastCalls_ = 0, lastReused_ = 0; ///< the solver's counts at the last record
  Stats stats_;
  std::set<int> undefinedRules_;
  std::set<const ir::Property *> constantProperties_; ///< read an atom that is constant (W0514)
  std::set<const ir::Property *> provenTogether_;     ///< hold (proveTogether)
  std::unique_ptr<CaseTerms> testCase_;
  std::unique_ptr<CaseTerms> otherCase_; ///< otherCase()
  std::vector<std::optional<BoxTable>> boxes_; ///< by decision: its rules as boxes (fast path)
  /// The redundancy check: the rule left out (`left_ == r`), and per decision the term "its
  /// result differs without that rule", built once.
  z3::expr left_{ctx_.int_const("without!")};
  /// At most this many cases are looked at to show rules apply, remain and matter.
  static constexpr std::uint64_t kWitnessCases = 1024;
  /// The cases at hand a case built for a rule not shown starts from (witnessRules, caseFor).
  static constexpr std::size_t kWitnessBases = 4;
  /// At most this many classes of alike cases are looked at for the cases at hand (probes).
  static constexpr std::uint64_t kWitnessClasses = 4096;
  /// At most this many cases are drawn at random when not every class is at hand (probes).
  static constexpr std::uint64_t kWitnessSamples = 4096;
  static constexpr std::uint64_t kSampleSeed = 0x5745474e575a4a52; // "WEGWZJR"
  /// The next number of a fixed sequence (splitmix64): the same on every machine.
  static std::uint64_t nextRandom(std::uint64_t &state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
  }
  /// At most this many rule conditions are evaluated for each use of the cases at hand (the
  /// classes, the questions, the parts of conditions): a ruleset of thousands of rules looks at
  /// fewer classes and leaves more to the solver.
  static constexpr std::uint64_t kWitnessWork = 20'000'000;
  /// The same for the neighbours of cases (showPartsNearby): each shows the parts of one rule,
  /// and a query it saves costs more than a thousand runs of the evaluator.
  static constexpr std::uint64_t kNearbyWork = 100'000'000;
  std::optional<std::vector<Probe>> probes_;
  bool probesComplete_ = false; ///< the probes are one case of every class of alike cases
  std::size_t probeTests_ = 0;  ///< the first probes are the tests' cases
  std::optional<std::vector<Box>> cells_; ///< cells(): the classes as boxes
  std::vector<Probe> found_; ///< the cases witnessRules built or asked the solver for
  std::optional<std::vector<std::vector<int>>> exceptionsOf_; ///< exceptionsByRule
  std::optional<std::vector<std::vector<std::int64_t>>> firsts_; ///< Evaluator::classFirsts
  /// What witnessRules found for each rule: the answers of checkRule's three queries, where known.
  struct Witness {
    std::optional<Answer> applies, remains, changes;
  };
  std::vector<Witness> witness_;
  std::vector<char> witnessed_; ///< by rule: looked at by witnessRules (active, not on boxes)
  std::map<int, z3::expr> without_;
  /// A part of a rule's condition that is never decisive (W0516), and the constant it can be
  /// read as.
  struct IdlePart {
    std::vector<const ir::Expr *> atoms; ///< one atom as written (several in the IR)
    bool value;
  };
  /// By rule: the parts of its condition that are never decisive, in the order written.
  std::map<int, std::vector<IdlePart>> idleParts_;
};

} // namespace

Stats verify(const ir::Ruleset &ruleset, const Options &options, DiagnosticSink &sink) {
  try {
    return Verifier(ruleset, options, sink).run();
  } catch (const Cancelled &) {
    Stats stats;
    stats.ruleset = ruleset.id;
    stats.cancelled = true;
    return stats;
  } catch (const z3::exception &e) {
    Diagnostic d;
    d.code = "E0511";
    d.span = ruleset.span;
    if (std::string(e.msg()).find("memory") != std::string::npos) {
      d.message = tr("E0511.solver_memory",
                     {{"megabytes", options.memoryMb}, {"ruleset", ruleset.id}});
      d.help.push_back(tr("E0511.help.memory"));
    } else {
      d.message = tr("E0511.solver_failed", {{"ruleset", ruleset.id}, {"what", e.msg()}});
    }
    d.ruleset = ruleset.id;
    d.id = "E0511:" + ruleset.id + ":solver";
    sink.report(std::move(d));
    Stats s;
    s.ruleset = ruleset.id;
    s.inconclusive = 1;
    return s;
  }
}

void verifyAll(std::vector<Job> &jobs, const Options &options, unsigned threads,
               const std::function<void(std::size_t)> &started) {
  parallelFor(
      jobs.size(), threads,
      [&](std::size_t i) { jobs[i].stats = verify(*jobs[i].ruleset, options, jobs[i].findings); },
      started);
}

} // namespace ww::verify
