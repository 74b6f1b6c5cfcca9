#include "engine/conformance.h"

#include "compiler/export/to_json.h"
#include "compiler/ir/answer_text.h"
#include "compiler/support/render.h"

#include <limits>
#include <set>

namespace ww::engine {
namespace {

// The day before d.
Date previousDay(const Date &d) {
  if (d.day > 1)
    return {d.year, d.month, d.day - 1};
  if (d.month > 1)
    return {d.year, d.month - 1, daysInMonth(d.year, d.month - 1)};
  return {d.year - 1, 12, 31};
}

nlohmann::json answerJson(const ir::Question &q, std::int64_t v) {
  if (q.type == ir::QuestionType::Range)
    return v;
  return q.valueText(v); // "yes"/"no", or the answer's id
}

// The questions the tree asks a case, in order (the case follows the tree to a leaf).
nlohmann::json askedOnPath(const ir::Ruleset &rs, const exp::Tree &tree, const eval::Case &c) {
  nlohmann::json out = nlohmann::json::array();
  int id = tree.root;
  while (id >= 0 && tree.nodes[id].question >= 0) {
    const exp::Node &n = tree.nodes[id];
    out.push_back(rs.questions[n.question].id);
    int next = -1;
    for (const exp::Edge &e : n.edges)
      for (auto v : e.values)
        if (c.answers[n.question] && *c.answers[n.question] == v)
          next = e.child;
    id = next;
  }
  return out;
}

nlohmann::json expectJson(const ir::Ruleset &rs, const exp::Tree &tree, const exp::Leaf &leaf) {
  nlohmann::json decided = nlohmann::json::object();
  for (std::size_t d = 0; d < rs.decisions.size(); ++d)
    decided[rs.decisions[d].id] = leaf.outcomes[d]
                                      ? nlohmann::json(rs.outcomes[*leaf.outcomes[d]].id)
                                      : nlohmann::json(nullptr);
  nlohmann::json obligations = nlohmann::json::array();
  for (int k : leaf.obligations)
    obligations.push_back(rs.obligations[k].id);
  nlohmann::json rules = nlohmann::json::array();
  for (int r : leaf.rules)
    rules.push_back(rs.rules[r].id);
  nlohmann::json won = nlohmann::json::array();
  for (auto [a, t] : leaf.exceptionsWon)
    won.push_back({{"rule", rs.rules[a].id}, {"over", rs.rules[t].id}});
  const auto &main = leaf.outcomes[tree.mainDecision];
  return {{"outcome", main ? nlohmann::json(rs.outcomes[*main].id) : nlohmann::json(nullptr)},
          {"decisions", decided},
          {"obligations", obligations},
          {"rules", rules},
          {"exceptions", won},
          {"citations", exp::leafCitations(rs, tree, leaf)}};
}

// True when `id` is an answer of a question `question` in some period (or of q here).
bool anywhere(const ir::Question &q, const std::string &id, const ir::History *history) {
  auto has = [&](const ir::Question &x) {
    for (std::int64_t v = x.lo; v <= x.hi && x.type != ir::QuestionType::Range; ++v)
      if (x.valueText(v) == id)
        return true;
    return false;
  };
  if (has(q))
    return true;
  if (history)
    for (const ir::Ruleset &other : history->periods)
      for (const ir::Question &x : other.questions)
        if (x.id == q.id && has(x))
          return true;
  return false;
}

// The answers of q the runtimes must refuse: an unknown id (the number above the range), and
// the answers of q in other periods that are not answers here and nothing redirects.
std::vector<nlohmann::json> wrongAnswers(const ir::Question &q, const ir::History *history) {
  std::vector<nlohmann::json> out;
  if (q.type == ir::QuestionType::Range) {
    if (q.hi < std::numeric_limits<std::int64_t>::max())
      out.push_back(q.hi + 1);
    return out;
  }
  std::string unknown = q.id + "_onbekend";
  while (anywhere(q, unknown, history))
    unknown += "_";
  out.push_back(unknown);
  if (!history)
    return out;
  std::set<std::string> seen;
  for (const ir::Ruleset &other : history->periods)
    for (const ir::Question &x : other.questions) {
      if (x.id != q.id || x.type == ir::QuestionType::Range)
        continue;
      for (std::int64_t v = x.lo; v <= x.hi; ++v) {
        std::string id = x.valueText(v);
        bool here = false, redirected = false;
        for (std::int64_t w = q.lo; w <= q.hi; ++w)
          here = here || q.valueText(w) == id;
        for (const ir::Redirect &r : q.redirects)
          redirected = redirected || r.id == id;
        if (!here && !redirected && seen.insert(id).second)
          out.push_back(id);
      }
    }
  return out;
}

} // namespace

std::optional<nlohmann::json> conformanceVectors(const ir::Ruleset &rs, const exp::Tree &tree,
                                                 const VectorOptions &options,
                                                 DiagnosticSink &sink,
                                                 const ir::History *history) {
  auto byPath = verify::casesOnPaths(rs, tree, options.tree, options.casesPerPath, sink);
  if (!byPath)
    return std::nullopt;
  eval::Evaluator ev(rs);
  nlohmann::json cases = nlohmann::json::array();
  for (std::size_t path = 0; path < byPath->size(); ++path) {
    for (const eval::Case &c : (*byPath)[path]) {
      nlohmann::json answers = nlohmann::json::object();
      for (int q : rs.questionOrder)
        if (c.answers[q])
          answers[rs.questions[q].id] = answerJson(rs.questions[q], *c.answers[q]);
      nlohmann::json expect = expectJson(rs, tree, exp::leafOf(rs, ev, tree.mainDecision, c));
      nlohmann::json asked = askedOnPath(rs, tree, c);
      cases.push_back({{"path", path},
                       {"answers", answers},
                       {"asked", asked},
                       {"redirects", nlohmann::json::array()},
                       {"expect", expect}});
      // The same case with an old answer in place of the answer that replaces it.
      for (int q : rs.questionOrder) {
        const ir::Question &question = rs.questions[q];
        for (const ir::Redirect &r : question.redirects) {
          if (!c.answers[q] || *c.answers[q] != r.answer)
            continue;
          nlohmann::json old = answers;
          old[question.id] = r.id;
          cases.push_back({{"path", path},
                           {"answers", old},
                           {"asked", asked},
                           {"redirects",
                            {{{"question", question.id},
                              {"given", r.id},
                              {"answer", question.answers[r.answer].id},
                              {"note", ir::redirectNote(question, r)}}}},
                           {"expect", expect}});
        }
      }
    }
  }
  // Answers to refuse, on the first date, each in a case whose path asks the question.
  Date first = rs.period.from ? *rs.period.from : kFirstDay;
  nlohmann::json refusals = nlohmann::json::array();
  for (int q : rs.questionOrder) {
    const ir::Question &question = rs.questions[q];
    const nlohmann::json *base = nullptr;
    for (const nlohmann::json &c : cases)
      if (!base && c["redirects"].empty())
        for (const auto &asked : c["asked"])
          if (asked == question.id)
            base = &c;
    if (!base)
      continue;
    for (const nlohmann::json &wrong : wrongAnswers(question, history)) {
      nlohmann::json answers = (*base)["answers"];
      answers[question.id] = wrong;
      std::string text = wrong.is_string() ? wrong.get<std::string>() : wrong.dump();
      refusals.push_back({{"answers", answers},
                          {"question", question.id},
                          {"message", ir::notAnAnswer(question, text, history, first)}});
    }
  }
  nlohmann::json dates = nlohmann::json::array();
  dates.push_back(first.iso());
  if (rs.period.until && previousDay(*rs.period.until).iso() != dates.front())
    dates.push_back(previousDay(*rs.period.until).iso());
  return nlohmann::json{
      {"dates", dates}, {"paths", byPath->size()}, {"cases", cases}, {"refusals", refusals}};
}

} // namespace ww::engine
