#include "compiler/driver/verified_tree.h"

#include "compiler/driver/report.h"
#include "compiler/support/render.h"
#include "verifier/tree.h"

#include <fmt/format.h>

#include <iostream>

namespace ww::cli {

const ir::History &singleRuleset(const Workspace &ws, const std::string &command) {
  if (ws.rulesets.size() != 1)
    throw UsageError(
        fmt::format("`{}` takes exactly one ruleset file; {} given", command, ws.rulesets.size()));
  return ws.rulesets.front();
}

int prepareTree(VerifiedTree &out, const InputOptions &options, double timeoutSeconds,
                bool allowUnverified, const std::string &command, bool allPeriods) {
  if (!(timeoutSeconds >= 0.001))
    throw UsageError("--timeout must be at least 0.001 seconds");
  Workspace &ws = out.ws;
  load(ws, options.paths, {options.includeDirs});
  bool color = useColor(options);
  auto fail = [&](int code) {
    for (const Diagnostic &d : ws.sink.sorted(ws.sources))
      if (d.severity == Severity::Error)
        std::cerr << renderText(d, ws.sources, {color});
    return code;
  };
  if (ws.sink.hasErrors() && ws.rulesets.empty()) {
    for (const Diagnostic &d : ws.sink.all())
      if (isIoError(d))
        return fail(kUsage);
    return fail(kRuleErrors);
  }
  const ir::History &history = singleRuleset(ws, command);
  out.history = &history;
  out.asOf = answerDate(options);
  const ir::Ruleset &rs = allPeriods ? history.periods.back() : rulesetOn(history, out.asOf);
  out.ruleset = &rs;
  CheckOptions check;
  check.verify.timeoutMs = std::max(1u, static_cast<unsigned>(timeoutSeconds * 1000));
  if (!allPeriods)
    check.asOf = out.asOf;
  RunResult run = runChecks(ws, check);
  int status = exitCode(ws, run, check);
  out.verified = status == kOk;
  if (!out.verified && !allowUnverified) {
    bool exporting = command == "export";
    std::cerr << fmt::format("wegwijzer {}: `{}` does not verify; {}\n", command, rs.id,
                             exporting ? "nothing was exported" : "its questions are not asked");
    fail(0);
    std::cerr << fmt::format("(`wegwijzer check` shows every finding; `--unverified` {})\n",
                             exporting ? "exports anyway, stamped as such" : "asks anyway");
    return status;
  }
  if (verify::mainDecision(rs) < 0) {
    std::cerr << fmt::format("wegwijzer {}: `{}` has no main decision\n", command, rs.id);
    return kRuleErrors;
  }
  verify::TreeOptions treeOptions;
  treeOptions.timeoutMs = check.verify.timeoutMs;
  auto build = [&](const ir::Ruleset &period) -> std::optional<exp::Tree> {
    auto tree = verify::buildTree(period, treeOptions, ws.sink);
    if (tree)
      tree->verified = out.verified;
    return tree;
  };
  auto gaveUp = [&] {
    bool inconclusive = false;
    for (const Diagnostic &d : ws.sink.all())
      inconclusive = inconclusive || d.code == "E0601";
    return fail(inconclusive ? kInconclusive : kRuleErrors);
  };
  if (allPeriods) {
    for (const ir::Ruleset &period : history.periods) {
      if (verify::mainDecision(period) < 0) {
        std::cerr << fmt::format("wegwijzer {}: `{}` has no main decision {}\n", command, rs.id,
                                 period.period.text());
        return kRuleErrors;
      }
      auto tree = build(period);
      if (!tree)
        return gaveUp();
      out.all.push_back({&period, std::move(*tree)});
    }
    return -1;
  }
  out.tree = build(rs);
  if (!out.tree)
    return gaveUp();
  return -1;
}

std::string dateLine(const ir::Ruleset &rs, const Date &asOf, const Date &today) {
  bool past = asOf < today;
  std::string line = fmt::format("Deze wegwijzer geeft de regels zoals die {} op {}",
                                 past ? "golden" : "gelden", asOf.dutch());
  if (!rs.dated)
    return line + "; de regels noemen geen data en gelden voor elke datum.";
  bool ended = rs.period.until && !(today < *rs.period.until);
  line += fmt::format("; deze regels {} {}.", ended ? "golden" : "gelden", rs.period.dutch());
  if (past)
    line += ended ? fmt::format(" Dit is een historische wegwijzer: sinds {} gelden andere regels.",
                                rs.period.until->dutch())
                  : " Dit is een wegwijzer voor een datum in het verleden; deze regels gelden "
                    "nog steeds.";
  return line;
}

nlohmann::json dateJson(const ir::Ruleset &rs, std::optional<Date> asOf, const Date &today) {
  nlohmann::json j = {{"asOf", asOf ? nlohmann::json(asOf->iso()) : nlohmann::json(nullptr)},
                      {"period", periodJson(rs.period)},
                      {"span", periodJson(rs.timeSpan)},
                      {"dated", rs.dated}};
  if (!asOf) {
    // A period that starts before any date of the ruleset (its span is open at the start).
    bool ended = rs.period.until && !(today < *rs.period.until);
    j["historical"] = ended;
    j["statement"] =
        fmt::format("Deze regels {} {}.", ended ? "golden" : "gelden", rs.period.dutch());
    return j;
  }
  j["historical"] = *asOf < today;
  j["statement"] = dateLine(rs, *asOf, today);
  return j;
}

} // namespace ww::cli
