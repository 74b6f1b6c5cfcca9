#include "compiler/export/to_json.h"

#include "compiler/support/i18n.h"
#include "compiler/support/render.h"
#include "compiler/support/sha256.h"

#include <set>

namespace ww::exp {
namespace {

nlohmann::json citationJson(const ir::Ruleset &rs, const ir::Citation &c) {
  return {{"source", rs.sources[c.source].id},
          {"title", rs.sources[c.source].text},
          {"locator", c.locator}};
}

nlohmann::json citations(const ir::Ruleset &rs, const std::vector<ir::Citation> &list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto &c : list)
    out.push_back(citationJson(rs, c));
  return out;
}

nlohmann::json answerValue(const ir::Question &q, std::int64_t v) {
  if (q.type == ir::QuestionType::Range)
    return v;
  return q.valueText(v);
}


} // namespace

nlohmann::json leafCitations(const ir::Ruleset &rs, const Tree &tree, const Leaf &leaf) {
  nlohmann::json out = nlohmann::json::array();
  std::set<std::string> seen;
  auto add = [&](const std::vector<ir::Citation> &list) {
    for (const auto &c : list) {
      nlohmann::json j = citationJson(rs, c);
      if (seen.insert(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)).second)
        out.push_back(j);
    }
  };
  if (tree.mainDecision >= 0 && leaf.outcomes[tree.mainDecision])
    add(rs.outcomes[*leaf.outcomes[tree.mainDecision]].citations);
  for (int r : leaf.rules)
    add(rs.rules[r].citations);
  return out;
}

std::string contentVersion(const Stamp &stamp) {
  std::string all;
  for (const auto &f : stamp.sources)
    all += f.sha256 + "\n";
  return sha256Hex(all).substr(0, 16);
}

nlohmann::json toJson(const ir::Ruleset &rs, const Tree &tree, const Stamp &stamp) {
  nlohmann::json questions = nlohmann::json::array();
  for (int qi : rs.questionOrder) {
    const ir::Question &q = rs.questions[qi];
    nlohmann::json j = {{"id", q.id}, {"text", q.text}};
    if (!q.help.empty())
      j["help"] = q.help;
    switch (q.type) {
    case ir::QuestionType::YesNo:
      j["type"] = "yes/no";
      j["answers"] = {{{"id", "yes"}, {"label", q.valueLabel(1)}},
                      {{"id", "no"}, {"label", q.valueLabel(0)}}};
      break;
    case ir::QuestionType::OneOf: {
      j["type"] = "one of";
      nlohmann::json answers = nlohmann::json::array();
      for (const auto &a : q.answers)
        answers.push_back({{"id", a.id}, {"label", a.label.empty() ? a.id : a.label}});
      j["answers"] = answers;
      // Old answers and what replaces them on this date, for an app that kept an answer.
      nlohmann::json redirects = nlohmann::json::array();
      for (const ir::Redirect &r : q.redirects)
        redirects.push_back({{"answer", r.id},
                             {"label", r.label.empty() ? r.id : r.label},
                             {"valid", periodsJson(r.valid)},
                             {"by", q.answers[r.answer].id},
                             {"via", r.via},
                             {"since", isoOrNull(r.since)},
                             {"reason", r.reason}});
      if (!redirects.empty())
        j["redirects"] = redirects;
      break;
    }
    case ir::QuestionType::Range:
      j["type"] = "number";
      j["min"] = q.lo;
      j["max"] = q.hi;
      break;
    }
    questions.push_back(j);
  }
  nlohmann::json obligations = nlohmann::json::array();
  for (const auto &o : rs.obligations)
    obligations.push_back({{"id", o.id}, {"text", o.text}});
  nlohmann::json decisions = nlohmann::json::array();
  for (const auto &d : rs.decisions) {
    nlohmann::json outcomes = nlohmann::json::array();
    for (int oi : d.outcomes) {
      const ir::Outcome &o = rs.outcomes[oi];
      nlohmann::json flags = nlohmann::json::array();
      for (int f : o.flags)
        flags.push_back(rs.flags[f].id);
      nlohmann::json obl = nlohmann::json::array();
      for (int k : o.obligations)
        obl.push_back(rs.obligations[k].id);
      outcomes.push_back({{"id", o.id},
                          {"text", o.text},
                          {"discloses", o.discloses},
                          {"withoutConsent", o.withoutConsent},
                          {"flags", flags},
                          {"obligations", obl},
                          {"citations", citations(rs, o.citations)}});
    }
    decisions.push_back({{"id", d.id}, {"text", d.text}, {"outcomes", outcomes}});
  }
  nlohmann::json rules = nlohmann::json::array();
  for (const auto &r : rs.rules) {
    nlohmann::json except = nlohmann::json::array();
    for (int t : r.exceptionTo)
      except.push_back(rs.rules[t].id);
    rules.push_back({{"id", r.id},
                     {"decision", r.decision >= 0 ? rs.decisions[r.decision].id : ""},
                     {"outcome", r.outcome >= 0 ? rs.outcomes[r.outcome].id : ""},
                     {"exceptionTo", except},
                     {"citations", citations(rs, r.citations)}});
  }
  nlohmann::json nodes = nlohmann::json::array();
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
    const Node &n = tree.nodes[i];
    nlohmann::json j = {{"id", i}};
    if (n.question >= 0) {
      const ir::Question &q = rs.questions[n.question];
      j["question"] = q.id;
      nlohmann::json edges = nlohmann::json::array();
      for (const Edge &e : n.edges) {
        nlohmann::json values = nlohmann::json::array();
        for (auto v : e.values)
          values.push_back(answerValue(q, v));
        edges.push_back({{"answers", values}, {"next", e.child}});
      }
      j["edges"] = edges;
    } else {
      const Leaf &leaf = n.leaf;
      nlohmann::json decided = nlohmann::json::object();
      for (std::size_t d = 0; d < rs.decisions.size(); ++d)
        decided[rs.decisions[d].id] = leaf.outcomes[d]
                                          ? nlohmann::json(rs.outcomes[*leaf.outcomes[d]].id)
                                          : nlohmann::json(nullptr);
      nlohmann::json obl = nlohmann::json::array();
      for (int k : leaf.obligations)
        obl.push_back(rs.obligations[k].id);
      nlohmann::json ruleIds = nlohmann::json::array();
      for (int r : leaf.rules)
        ruleIds.push_back(rs.rules[r].id);
      nlohmann::json won = nlohmann::json::array();
      for (auto [a, t] : leaf.exceptionsWon)
        won.push_back({{"rule", rs.rules[a].id}, {"over", rs.rules[t].id}});
      const auto &main = leaf.outcomes[tree.mainDecision];
      j["leaf"] = {
          {"outcome", main ? nlohmann::json(rs.outcomes[*main].id) : nlohmann::json(nullptr)},
          {"decisions", decided},
          {"obligations", obl},
          {"rules", ruleIds},
          {"exceptions", won},
          {"citations", leafCitations(rs, tree, leaf)}};
    }
    nodes.push_back(j);
  }
  nlohmann::json files = nlohmann::json::array();
  for (const auto &f : stamp.sources)
    files.push_back({{"path", f.path}, {"sha256", f.sha256}});
  nlohmann::json sources = nlohmann::json::array();
  for (const auto &s : rs.sources)
    sources.push_back({{"id", s.id}, {"title", s.text}});
  nlohmann::json proven = nlohmann::json::array();
  for (const std::string &sentence : tree.proven)
    proven.push_back(sentence);
  nlohmann::json verification = {{"verified", stamp.verified},
                                 {"proven", proven},
                                 {"casesReplayed", tree.casesReplayed},
                                 {"paths", tree.paths}};
  if (!stamp.note.empty())
    verification["note"] = stamp.note;
  return {{"format", "wegwijzer-tree/1"},
          {"tool", {{"name", "wegwijzer"}, {"version", stamp.toolVersion}}},
          {"ruleset", {{"id", rs.id}, {"title", rs.title}, {"version", contentVersion(stamp)}}},
          {"files", files},
          {"verification", verification},
          {"date", stamp.date},
          {"decision", rs.decisions[tree.mainDecision].id},
          {"questions", questions},
          {"decisions", decisions},
          {"obligations", obligations},
          {"sources", sources},
          {"rules", rules},
          {"root", tree.root},
          {"nodes", nodes}};
}

} // namespace ww::exp
