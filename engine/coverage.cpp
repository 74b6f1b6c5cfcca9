#include "engine/coverage.h"

#include "compiler/eval/evaluator.h"
#include "compiler/support/i18n.h"

#include <fmt/format.h>

#include <functional>
#include <set>

namespace ww::engine {

std::size_t Coverage::reached() const {
  return rules.size() - rulesMissed.size() + exceptions.size() - exceptionsMissed.size() +
         leavesReached;
}

std::size_t Coverage::total() const { return rules.size() + exceptions.size() + leaves; }

double Coverage::percent() const {
  return total() == 0 ? 100.0 : 100.0 * static_cast<double>(reached()) / total();
}

namespace {

eval::Case testCase(const ir::Ruleset &rs, const ir::Test &t) {
  eval::Case c;
  c.answers.assign(rs.questions.size(), std::nullopt);
  for (const auto &g : t.givens)
    c.answers[g.question] = g.value;
  return c;
}

// A well-formed case the assumptions allow with the fixed answers, the other asked questions
// answered by a small search (smallest answers first), or nothing.
std::optional<eval::Case> complete(const ir::Ruleset &rs, const eval::Evaluator &ev,
                                   const std::vector<std::optional<std::int64_t>> &fixed) {
  eval::Case c;
  c.answers.assign(rs.questions.size(), std::nullopt);
  std::size_t budget = 100000;
  std::function<bool(std::size_t)> step = [&](std::size_t i) -> bool {
    if (budget-- == 0)
      return false;
    if (i == rs.questionOrder.size())
      return ev.assumed(c);
    int q = rs.questionOrder[i];
    const auto &when = rs.questions[q].askedWhen;
    if (when && ev.eval(*when, c, nullptr) != eval::Tri::True) {
      c.answers[q].reset();
      return step(i + 1);
    }
    if (fixed[q]) {
      c.answers[q] = fixed[q];
      return step(i + 1);
    }
    for (std::int64_t v = rs.questions[q].lo; v <= rs.questions[q].hi; ++v) {
      c.answers[q] = v;
      if (step(i + 1))
        return true;
    }
    c.answers[q].reset();
    return false;
  };
  if (!step(0))
    return std::nullopt;
  return c;
}

// A keyword as the ruleset's file writes it (`given` or `gegeven`).
std::string keyword(const std::string &english, parse::KeywordSet set) {
  if (set == parse::KeywordSet::Dutch)
    for (const parse::KeywordSpelling &k : parse::keywordSpellings())
      if (k.english == english)
        return k.dutch;
  return english;
}

std::string suggestedTest(const ir::Ruleset &rs, const eval::Evaluator &ev, const eval::Case &c,
                          std::size_t number, const std::optional<Date> &asOf,
                          parse::KeywordSet set) {
  // The test is written in the keywords of the ruleset's file, to be pasted there; its name is
  // a text in the language of the output (Dutch `ja`/`nee`).
  std::string given, named;
  for (std::size_t q = 0; q < rs.questions.size(); ++q)
    if (c.answers[q]) {
      const ir::Question &question = rs.questions[q];
      std::string value = question.valueText(*c.answers[q]);
      if (question.type == ir::QuestionType::YesNo)
        value = keyword(value, set);
      given += fmt::format("{}{} = {}", given.empty() ? "" : ", ", question.id, value);
      if (question.type == ir::QuestionType::YesNo)
        value = tr(*c.answers[q] ? "word.yes" : "word.no");
      named += fmt::format("{}{} = {}", named.empty() ? "" : ", ", question.id, value);
    }
  std::string name = tr("coverage.untested_leaf.name",
                        {{"number", number},
                         {"case", named.empty() ? tr("coverage.no_question_asked") : named}});
  std::string out = fmt::format("{} \"{}\"{} {{\n", keyword("test", set), name,
                                asOf ? " " + keyword("as of", set) + " " + asOf->iso() : "");
  if (!given.empty())
    out += "  " + keyword("given", set) + " " + given + "\n";
  eval::Result r = ev.run(c);
  for (std::size_t d = 0; d < rs.decisions.size(); ++d) {
    const auto &res = r.decisions[d];
    if (!res.outcome)
      continue;
    std::string line = "  " + keyword("expect", set) + " " + rs.outcomes[*res.outcome].id;
    for (std::size_t k = 0; k < res.obligations.size(); ++k)
      line += (k ? ", " : " " + keyword("obliges", set) + " ") + rs.obligations[res.obligations[k]].id;
    out += line + "\n";
  }
  return out + "}";
}

} // namespace

Coverage coverage(const ir::Ruleset &rs, const exp::Tree *tree, const std::optional<Date> &asOf,
                  parse::KeywordSet set) {
  Coverage out;
  out.ruleset = rs.id;
  eval::Evaluator ev(rs);
  std::vector<eval::Result> results;
  std::vector<eval::Case> cases;
  for (const ir::Test &t : rs.tests) {
    cases.push_back(testCase(rs, t));
    results.push_back(ev.run(cases.back()));
  }
  for (std::size_t r = 0; r < rs.rules.size(); ++r) {
    const ir::Rule &rule = rs.rules[r];
    if (rule.inactive || rule.decision < 0)
      continue;
    out.rules.push_back(rule.id);
    bool decides = false, rem = false;
    for (const eval::Result &res : results) {
      const auto &d = res.decisions[rule.decision];
      rem = std::find(d.remaining.begin(), d.remaining.end(), static_cast<int>(r)) !=
            d.remaining.end();
      decides = decides || rem;
    }
    if (!decides)
      out.rulesMissed.push_back(rule.id);
    for (int target : rule.exceptionTo) {
      if (rs.rules[target].inactive)
        continue;
      std::string name =
          tr("coverage.exception", {{"rule", rule.id}, {"over", rs.rules[target].id}});
      out.exceptions.push_back(name);
      bool removes = false;
      for (const eval::Result &res : results) {
        const auto &a = res.decisions[rule.decision].applicable;
        removes = removes ||
                  (std::find(a.begin(), a.end(), static_cast<int>(r)) != a.end() &&
                   std::find(a.begin(), a.end(), target) != a.end());
      }
      if (!removes)
        out.exceptionsMissed.push_back(name);
    }
  }
  if (!tree || tree->root < 0)
    return out;
  out.hasTree = true;
  std::set<int> reached;
  for (const eval::Case &c : cases) {
    int leaf = exp::walk(*tree, c.answers);
    if (leaf >= 0)
      reached.insert(leaf);
  }
  // The leaves in tree order (depth first, smallest answers first), with a path to each.
  std::vector<int> leaves;
  std::vector<std::vector<std::optional<std::int64_t>>> paths;
  std::set<int> seen;
  std::vector<std::optional<std::int64_t>> path(rs.questions.size());
  std::function<void(int)> visit = [&](int n) {
    if (!seen.insert(n).second)
      return;
    const exp::Node &node = tree->nodes[n];
    if (node.question < 0) {
      leaves.push_back(n);
      paths.push_back(path);
      return;
    }
    for (const exp::Edge &e : node.edges) {
      path[node.question] = e.values.front();
      visit(e.child);
    }
    path[node.question].reset();
  };
  visit(tree->root);
  out.leaves = leaves.size();
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    if (reached.count(leaves[i])) {
      ++out.leavesReached;
      continue;
    }
    std::optional<eval::Case> c = complete(rs, ev, paths[i]);
    if (c && exp::walk(*tree, c->answers) == leaves[i])
      out.suggestedTests.push_back(
          suggestedTest(rs, ev, *c, out.suggestedTests.size() + 1, asOf, set));
    else
      out.suggestedTests.push_back(
          "// " + tr("coverage.untested_leaf.no_case", {{"leaf", leaves[i]}}));
  }
  return out;
}

} // namespace ww::engine
