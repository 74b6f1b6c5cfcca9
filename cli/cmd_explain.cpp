// `wegwijzer explain RULESET --answer q=v ...`: the decision for one case, and why.

#include "cli/answers.h"
#include "cli/cli.h"
#include "cli/verified_tree.h"
#include "compiler/support/i18n.h"
#include "compiler/support/render.h"
#include "verifier/tree.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>

namespace po = boost::program_options;

namespace ww::cli {

int cmdExplain(int argc, char **argv) {
  InputOptions options;
  std::vector<std::string> answerSpecs;
  std::string answersFile, whyNot;
  po::options_description desc(tr("explain.help.options"));
  addInputOptions(desc, options, tr("explain.help.formats"));
  desc.add_options()("answer,a", po::value(&answerSpecs)->composing(),
                     tr("explain.help.answer").c_str())(
      "answers", po::value(&answersFile), tr("explain.help.answers").c_str())(
      "why-not", po::value(&whyNot), tr("explain.help.why_not").c_str());
  if (!parseCommand(argc, argv, tr("explain.help.usage"), desc, options, {"text", "json"}))
    return kOk;
  Workspace ws;
  load(ws, options.paths, {options.includeDirs});
  if (ws.sink.hasErrors()) {
    for (const Diagnostic &d : ws.sink.sorted(ws.sources))
      if (d.severity == Severity::Error)
        std::cerr << renderText(d, ws.sources, {useColor(options)});
    for (const Diagnostic &d : ws.sink.all())
      if (isIoError(d))
        return kUsage;
    return kRuleErrors;
  }
  Date date = answerDate(options);
  const ir::History &history = singleRuleset(ws, "explain");
  const ir::Ruleset &rs = rulesetOn(history, date);
  eval::Case c;
  c.answers.assign(rs.questions.size(), std::nullopt);
  std::vector<std::string> errors;
  std::vector<Redirected> redirected; // answers of other dates taken as their replacements
  if (!answersFile.empty()) {
    std::ifstream in(answersFile);
    if (!in)
      throw UsageError(tr("explain.cannot_read", {{"file", answersFile}}));
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (!j.is_object())
      throw UsageError(tr("explain.not_answers_object", {{"file", answersFile}}));
    for (auto &[k, v] : j.items()) {
      std::string value = v.is_string()
                              ? v.get<std::string>()
                              : v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      if (v.is_boolean())
        value = v.get<bool>() ? "yes" : "no";
      std::string e = setAnswer(rs, c, k, value, &history, date, &redirected);
      if (!e.empty())
        errors.push_back(e);
    }
  }
  for (const std::string &spec : answerSpecs) {
    auto eq = spec.find('=');
    if (eq == std::string::npos) {
      errors.push_back(tr("explain.not_question_answer", {{"spec", spec}}));
      continue;
    }
    std::string e =
        setAnswer(rs, c, spec.substr(0, eq), spec.substr(eq + 1), &history, date, &redirected);
    if (!e.empty())
      errors.push_back(e);
  }
  if (errors.empty())
    errors = caseProblems(rs, c);
  if (!whyNot.empty()) {
    bool known = false;
    for (const auto &o : rs.outcomes)
      known = known || o.id == whyNot;
    if (!known)
      errors.push_back(tr("explain.why_not_unknown", {{"outcome", whyNot}}));
  }
  if (!errors.empty()) {
    for (const std::string &e : errors)
      std::cerr << "wegwijzer explain: " << e << "\n";
    return kUsage;
  }
  int main = verify::mainDecision(rs);
  Date today = answerDate({});
  if (options.format == "json") {
    nlohmann::json j = explainJson(rs, c, main);
    j["date"] = dateJson(rs, date, today);
    if (!redirected.empty()) {
      nlohmann::json list = nlohmann::json::array();
      for (const Redirected &r : redirected)
        for (const ir::Question &q : rs.questions)
          if (q.id == r.question)
            list.push_back(redirectJson(q, r));
      j["redirects"] = list;
    }
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    // The answer and, on its second line, the date it holds for.
    std::string text = explainText(rs, c, main, whyNot);
    std::size_t eol = text.find('\n');
    std::cout << text.substr(0, eol + 1) << dateLine(rs, date, today) << "\n";
    for (const Redirected &r : redirected)
      std::cout << tr("explain.redirect_note", {{"note", r.note}}) << "\n";
    std::cout << text.substr(eol + 1);
  }
  return kOk;
}

} // namespace ww::cli
