#include "cli/answers.h"

#include "compiler/ir/answer_text.h"
#include "compiler/support/i18n.h"
#include "compiler/support/render.h"

#include <fmt/format.h>

#include <charconv>

namespace ww::cli {

namespace {

/// "assumption “TEXT”" or "assumption `CONDITION`" (as eval::assumptionName, in the language).
std::string assumptionName(const ir::Ruleset &rs, int a) {
  const ir::Assumption &as = rs.assumptions[a];
  if (!as.text.empty())
    return tr("answer.assumption_text", {{"text", as.text}});
  return tr("answer.assumption_condition", {{"condition", ir::toString(rs, *as.cond)}});
}


} // namespace

std::optional<Redirected> redirectAnswer(const ir::Question &q, const std::string &value) {
  for (const ir::Redirect &r : q.redirects) {
    if (r.id != value)
      continue;
    return Redirected{q.id, value, r.answer, &r, ir::redirectNote(q, r)};
  }
  return std::nullopt;
}

nlohmann::json redirectJson(const ir::Question &q, const Redirected &r) {
  return {{"question", r.question},
          {"given", r.given},
          {"answer", q.answers[r.answer].id},
          {"via", r.redirect->via},
          {"givenValid", periodsJson(r.redirect->valid)},
          {"since", isoOrNull(r.redirect->since)},
          {"reason", r.redirect->reason},
          {"note", r.note}};
}

std::string setAnswer(const ir::Ruleset &rs, eval::Case &c, const std::string &name,
                      const std::string &value, const ir::History *history, const Date &date,
                      std::vector<Redirected> *redirected) {
  int q = -1;
  std::string all;
  for (std::size_t i = 0; i < rs.questions.size(); ++i) {
    if (rs.questions[i].id == name)
      q = static_cast<int>(i);
    all += (all.empty() ? "`" : ", `") + rs.questions[i].id + "`";
  }
  if (q < 0)
    return tr("answer.unknown_question", {{"name", name}, {"questions", all}});
  const ir::Question &question = rs.questions[q];
  for (std::int64_t v = question.lo; v <= question.hi && question.type != ir::QuestionType::Range;
       ++v)
    if (question.valueText(v) == value) {
      c.answers[q] = v;
      return "";
    }
  // `ja` and `nee`, as the page, `ask` and `explain` show the answers of a yes/no question.
  if (question.type == ir::QuestionType::YesNo && (value == "ja" || value == "nee")) {
    c.answers[q] = value == "ja" ? 1 : 0;
    return "";
  }
  if (question.type == ir::QuestionType::Range) {
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec == std::errc() && p == value.data() + value.size() && n >= question.lo &&
        n <= question.hi) {
      c.answers[q] = n;
      return "";
    }
  }
  if (auto r = redirectAnswer(question, value)) {
    c.answers[q] = r->answer;
    if (redirected)
      redirected->push_back(std::move(*r));
    return "";
  }
  return ir::notAnAnswer(question, value, history, date);
}

std::vector<std::string> caseProblems(const ir::Ruleset &rs, const eval::Case &c) {
  eval::Evaluator ev(rs);
  std::vector<eval::Tri> asked = ev.asked(c);
  std::vector<std::string> out;
  for (int q : rs.questionOrder) {
    bool isAsked = asked[q] == eval::Tri::True;
    if (isAsked && !c.answers[q])
      out.push_back(tr("answer.missing", {{"question", rs.questions[q].id},
                                          {"text", rs.questions[q].text},
                                          {"valid", ir::validValues(rs.questions[q])}}));
    if (!isAsked && c.answers[q])
      out.push_back(tr("answer.not_asked", {{"question", rs.questions[q].id}}));
  }
  if (out.empty())
    for (int a : ev.failedAssumptions(c))
      out.push_back(tr("answer.ruled_out", {{"assumption", assumptionName(rs, a)}}));
  return out;
}

namespace {

std::string citationText(const ir::Ruleset &rs, const std::vector<ir::Citation> &list) {
  std::string out;
  for (const auto &c : list)
    out += fmt::format("{}{}{}", out.empty() ? "" : "; ", rs.sources[c.source].text,
                       c.locator.empty() ? "" : ", " + c.locator);
  return out;
}

} // namespace

std::string conflictText(const ir::Ruleset &rs, const std::vector<int> &remaining, int except) {
  std::string out;
  for (int rule : remaining)
    if (rs.rules[rule].outcome != except)
      out += (out.empty() ? "" : ", ") +
             tr("explain.gives", {{"rule", rs.rules[rule].id},
                                  {"outcome", rs.outcomes[rs.rules[rule].outcome].id}});
  return out;
}

namespace {

std::vector<int> decisionsMainFirst(const ir::Ruleset &rs, int main) {
  std::vector<int> order{main};
  for (std::size_t d = 0; d < rs.decisions.size(); ++d)
    if (static_cast<int>(d) != main)
      order.push_back(static_cast<int>(d));
  return order;
}

} // namespace

std::string explainText(const ir::Ruleset &rs, const eval::Case &c, int main,
                        const std::string &whyNot) {
  eval::Evaluator ev(rs);
  eval::Result r = ev.run(c);
  std::string out = fmt::format("{} — {}\n\n{}\n", rs.id, rs.title, tr("explain.answers"));
  for (int q : rs.questionOrder)
    if (c.answers[q])
      out += fmt::format("  {}: {}\n", rs.questions[q].text,
                         rs.questions[q].valueLabel(*c.answers[q]));
  for (int d : decisionsMainFirst(rs, main)) {
    const ir::Decision &decision = rs.decisions[d];
    const eval::DecisionResult &res = r.decisions[d];
    out += fmt::format("\n{} ({})\n", decision.text.empty() ? decision.id : decision.text,
                       decision.id);
    if (!res.outcome) {
      out += "  " +
             (res.conflict
                  ? tr("explain.no_outcome_conflict", {{"rules", conflictText(rs, res.remaining, -1)}})
                  : tr("explain.no_outcome_no_rule")) +
             "\n";
      continue;
    }
    const ir::Outcome &o = rs.outcomes[*res.outcome];
    out += "  " + tr("explain.outcome", {{"text", o.text}, {"id", o.id}}) + "\n";
    if (!o.citations.empty())
      out += "  " + tr("explain.source", {{"sources", citationText(rs, o.citations)}}) + "\n";
    for (int rule : res.applicable) {
      bool remains =
          std::find(res.remaining.begin(), res.remaining.end(), rule) != res.remaining.end();
      out += "  " + tr(remains ? "explain.rule_decided" : "explain.rule_set_aside",
                       {{"rule", rs.rules[rule].id}});
      if (!rs.rules[rule].citations.empty())
        out += fmt::format(" ({})", citationText(rs, rs.rules[rule].citations));
      out += "\n";
      for (int other : res.remaining)
        for (int t : rs.rules[other].exceptionTo)
          if (t == rule)
            out += "    " + tr("explain.exception_won", {{"exception", rs.rules[other].id}}) + "\n";
    }
    if (!res.obligations.empty()) {
      out += "  " + tr("explain.obligations") + "\n";
      for (int k : res.obligations)
        out += fmt::format("  - {}\n", rs.obligations[k].text);
    }
  }
  if (!whyNot.empty()) {
    int o = -1;
    for (std::size_t i = 0; i < rs.outcomes.size(); ++i)
      if (rs.outcomes[i].id == whyNot)
        o = static_cast<int>(i);
    int d = rs.outcomes[o].decision;
    const eval::DecisionResult &res = r.decisions[d];
    out += "\n" + tr("explain.why_not", {{"outcome", whyNot}}) + "\n";
    if (res.outcome && *res.outcome == o)
      out += "  " + tr("explain.why_not.is_outcome") + "\n";
    bool any = false;
    for (int rule : rs.decisions[d].rules) {
      if (rs.rules[rule].outcome != o)
        continue;
      any = true;
      const ir::Rule &ru = rs.rules[rule];
      eval::Tri t = ev.eval(*ru.guard, c, &r);
      if (t != eval::Tri::True) {
        // The parts that are false (or undefined), not the whole condition with its defines
        // written out.
        std::vector<const ir::Expr *> parts = ev.culprits(*ru.guard, c, &r, t);
        std::vector<std::string> items;
        for (const ir::Expr *p : parts)
          items.push_back("`" + ir::toString(rs, *p) + "`");
        out += "  " +
               trn(t == eval::Tri::False ? "explain.why_not.false" : "explain.why_not.undefined",
                   parts.size(), {{"rule", ru.id}, {"parts", i18n::listItems(items)}}) +
               "\n";
        continue;
      }
      for (int other : res.applicable)
        for (int target : rs.rules[other].exceptionTo)
          if (target == rule)
            out += "  " +
                   tr("explain.why_not.set_aside", {{"rule", ru.id}, {"exception", rs.rules[other].id}}) +
                   "\n";
      if (res.conflict)
        out += "  " +
               tr("explain.why_not.conflict", {{"rule", ru.id}, {"others", conflictText(rs, res.remaining, o)}}) +
               "\n";
    }
    if (!any)
      out += "  " + tr("explain.why_not.no_rule") + "\n";
  }
  return out;
}

nlohmann::json explainJson(const ir::Ruleset &rs, const eval::Case &c, int main) {
  eval::Evaluator ev(rs);
  eval::Result r = ev.run(c);
  nlohmann::json answers = nlohmann::json::object();
  for (int q : rs.questionOrder)
    if (c.answers[q])
      answers[rs.questions[q].id] = rs.questions[q].valueText(*c.answers[q]);
  nlohmann::json decisions = nlohmann::json::array();
  for (int d : decisionsMainFirst(rs, main)) {
    const eval::DecisionResult &res = r.decisions[d];
    nlohmann::json applied = nlohmann::json::array(), remaining = nlohmann::json::array(),
                   won = nlohmann::json::array(), obl = nlohmann::json::array();
    for (int rule : res.applicable)
      applied.push_back(rs.rules[rule].id);
    for (int rule : res.remaining)
      remaining.push_back(rs.rules[rule].id);
    for (int a : res.remaining)
      for (int t : rs.rules[a].exceptionTo)
        if (std::find(res.applicable.begin(), res.applicable.end(), t) != res.applicable.end())
          won.push_back({{"rule", rs.rules[a].id}, {"over", rs.rules[t].id}});
    for (int k : res.obligations)
      obl.push_back({{"id", rs.obligations[k].id}, {"text", rs.obligations[k].text}});
    decisions.push_back({{"decision", rs.decisions[d].id},
                         {"outcome", res.outcome ? nlohmann::json(rs.outcomes[*res.outcome].id)
                                                 : nlohmann::json(nullptr)},
                         {"text", res.outcome ? rs.outcomes[*res.outcome].text : ""},
                         {"conflict", res.conflict},
                         {"applied", applied},
                         {"decidedBy", remaining},
                         {"exceptions", won},
                         {"obligations", obl}});
  }
  return {{"ruleset", rs.id}, {"answers", answers}, {"decisions", decisions}};
}

/// "title, locator; title" (as `explain` writes them).
static std::string citationsText(const ir::Ruleset &rs, const std::vector<ir::Citation> &list) {
  std::string out;
  for (const auto &c : list)
    out += fmt::format("{}{}{}", out.empty() ? "" : "; ", rs.sources[c.source].text,
                       c.locator.empty() ? "" : ", " + c.locator);
  return out;
}


// The summary at a leaf, laid out like `explain`: the answers given, then every decision
/// (the main one first) with its answer, sources and obligations; for the main decision the
/// rules that decided, with the rules they set aside as exceptions. (Not explainText: that
/// needs a complete case, and the tree skips questions that cannot change the result.) Everything
/// here comes from the leaf, which is the same for every case that reaches it: the questions the
/// tree skipped (they cannot change the result) are not needed.
std::string leafSummary(const ir::Ruleset &rs, const exp::Tree &tree,
                        const std::vector<std::pair<int, std::int64_t>> &path,
                        const exp::Leaf &leaf) {
  std::string out = fmt::format("{} — {}\n\n{}\n", rs.id, rs.title, tr("explain.answers"));
  for (const auto &[node, value] : path) {
    const ir::Question &q = rs.questions[tree.nodes[node].question];
    out += fmt::format("  {}: {}\n", q.text, q.valueLabel(value));
  }
  std::vector<int> order{tree.mainDecision};
  for (std::size_t d = 0; d < rs.decisions.size(); ++d)
    if (static_cast<int>(d) != tree.mainDecision)
      order.push_back(static_cast<int>(d));
  for (int d : order) {
    const ir::Decision &decision = rs.decisions[d];
    out += fmt::format("\n{} ({})\n", decision.text.empty() ? decision.id : decision.text,
                       decision.id);
    if (!leaf.outcomes[d]) {
      if (!leaf.conflicts[d]) {
        out += "  " + tr("explain.no_outcome_no_rule") + "\n";
        continue;
      }
      // The main decision's leaf keeps the rules that remained: those that conflict.
      out += "  " +
             (d == tree.mainDecision
                  ? tr("explain.no_outcome_conflict", {{"rules", conflictText(rs, leaf.rules, -1)}})
                  : tr("explain.no_outcome_conflict_short")) +
             "\n";
      continue;
    }
    const ir::Outcome &o = rs.outcomes[*leaf.outcomes[d]];
    out += "  " + tr("explain.outcome", {{"text", o.text}, {"id", o.id}}) + "\n";
    if (!o.citations.empty())
      out += "  " + tr("explain.source", {{"sources", citationsText(rs, o.citations)}}) + "\n";
    if (d != tree.mainDecision) {
      // The tree keeps only the main decision's obligations; a helper decision's are its
      // outcome's (rules of helper decisions that add obligations are not in the tree).
      if (!o.obligations.empty()) {
        out += "  " + tr("explain.obligations") + "\n";
        for (int k : o.obligations)
          out += fmt::format("  - {}\n", rs.obligations[k].text);
      }
      continue;
    }
    for (int rule : leaf.rules) {
      out += "  " + tr("explain.rule_decided", {{"rule", rs.rules[rule].id}});
      if (!rs.rules[rule].citations.empty())
        out += fmt::format(" ({})", citationsText(rs, rs.rules[rule].citations));
      out += "\n";
      for (auto [a, t] : leaf.exceptionsWon)
        if (a == rule)
          out += "    " + tr("explain.exception_to", {{"rule", rs.rules[t].id}}) + "\n";
    }
    if (!leaf.obligations.empty()) {
      out += "  " + tr("explain.obligations") + "\n";
      for (int k : leaf.obligations)
        out += fmt::format("  - {}\n", rs.obligations[k].text);
    }
  }
  return out;
}

} // namespace ww::cli
