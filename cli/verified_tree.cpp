#include "cli/verified_tree.h"

#include "cli/progress.h"
#include "cli/report.h"
#include "compiler/support/i18n.h"
#include "compiler/support/render.h"
#include "verifier/tree.h"

#include "compiler/support/i18n.h"

#include <fmt/format.h>

#include <iostream>

namespace ww::cli {

void addSolverLimits(boost::program_options::options_description &desc, SolverLimits &limits) {
  namespace po = boost::program_options;
  std::string arg = tr("help.value.arg");
  desc.add_options()("timeout",
                     po::value(&limits.timeoutSeconds)->default_value(limits.timeoutSeconds)->value_name(arg),
                     tr("help.option.timeout_short").c_str())(
      "solver-memory", po::value(&limits.memoryMb)->default_value(limits.memoryMb)->value_name(arg),
      tr("help.option.solver_memory_short").c_str())(
      "cache", po::value(&limits.cacheDir)->value_name(tr("help.value.dir")),
      tr("help.option.cache").c_str())("no-cache", po::bool_switch(&limits.noCache),
                                       tr("help.option.no_cache_short").c_str());
}

const ir::History &singleRuleset(const Workspace &ws, const std::string &command) {
  if (ws.rulesets.size() != 1)
    throw UsageError(tr("explain.one_ruleset", {{"command", command}, {"count", ws.rulesets.size()}}));
  return ws.rulesets.front();
}

namespace {

// Prints the workspace's errors to stderr; returns code.
int printErrors(const Workspace &ws, const InputOptions &options, int code) {
  bool color = useColor(options);
  for (const Diagnostic &d : ws.sink.sorted(ws.sources))
    if (d.severity == Severity::Error)
      std::cerr << renderText(d, ws.sources, {color});
  return code;
}

// Loads the one ruleset and picks its period; -1 when it is there, else the exit code.
int loadRuleset(VerifiedTree &out, const InputOptions &options, const SolverLimits &limits,
                const std::string &command, bool allPeriods) {
  if (!(limits.timeoutSeconds >= 0.001) || limits.timeoutSeconds > 86400)
    throw UsageError(tr("explain.timeout_range"));
  if (limits.memoryMb < 1 || limits.memoryMb > verify::kMaxSolverMemoryMb)
    throw UsageError(tr("explain.solver_memory_range", {{"max", verify::kMaxSolverMemoryMb}}));
  Workspace &ws = out.ws;
  out.cache = std::make_unique<verify::ProofCache>(cacheFolder(limits.cacheDir, limits.noCache));
  reportCacheNotes(*out.cache);
  load(ws, options.paths, {options.includeDirs});
  if (ws.sink.hasErrors() && ws.rulesets.empty()) {
    for (const Diagnostic &d : ws.sink.all())
      if (isIoError(d))
        return printErrors(ws, options, kUsage);
    return printErrors(ws, options, kRuleErrors);
  }
  const ir::History &history = singleRuleset(ws, command);
  out.history = &history;
  out.asOf = answerDate(options);
  out.ruleset = allPeriods ? &history.periods.back() : &rulesetOn(history, out.asOf);
  return -1;
}

CheckOptions checkOptions(const VerifiedTree &out, const SolverLimits &limits, bool allPeriods) {
  CheckOptions check;
  check.verify.timeoutMs = std::max(1u, static_cast<unsigned>(limits.timeoutSeconds * 1000));
  check.verify.memoryMb = limits.memoryMb;
  check.verify.cache = out.cache.get();
  if (!allPeriods)
    check.asOf = out.asOf;
  return check;
}

// The refusal of a ruleset that does not verify; returns status.
int refuse(const VerifiedTree &out, const InputOptions &options, const std::string &command,
           int status) {
  bool exporting = command == "export";
  std::cerr << fmt::format("wegwijzer {}: ", command)
            << tr(exporting ? "explain.refused_export" : "explain.refused",
                  {{"ruleset", out.ruleset->id}})
            << "\n";
  printErrors(out.ws, options, 0);
  std::cerr << tr(exporting ? "explain.refused_export.hint" : "explain.refused.hint") << "\n";
  return status;
}

// The exit code after the tree builder failed (E0601: inconclusive, else rule errors).
int treeFailed(const Workspace &ws, const InputOptions &options) {
  bool inconclusive = false;
  for (const Diagnostic &d : ws.sink.all())
    inconclusive = inconclusive || d.code == "E0601";
  return printErrors(ws, options, inconclusive ? kInconclusive : kRuleErrors);
}

// prepareTree after loading.
int verifyAndBuild(VerifiedTree &out, const InputOptions &options, const SolverLimits &limits,
                   bool allowUnverified, const std::string &command, bool allPeriods) {
  Workspace &ws = out.ws;
  const ir::History &history = *out.history;
  const ir::Ruleset &rs = *out.ruleset;
  CheckOptions check = checkOptions(out, limits, allPeriods);
  // `ask` keeps the terminal for its questions; `export` shows what it checks.
  check.progress = command == "export" && Progress::stderrIsTerminal();
  verify::TreeOptions treeOptions;
  treeOptions.timeoutMs = check.verify.timeoutMs;
  treeOptions.memoryMb = check.verify.memoryMb;
  treeOptions.cache = out.cache.get();
  // One date: the tree is built and validated on a second thread (a Z3 context of its own)
  // while the checks run; it is used only if they pass (or with allowUnverified).
  DiagnosticSink treeSink;
  std::future<std::optional<exp::Tree>> early;
  if (!allPeriods && verify::mainDecision(rs) >= 0)
    early = std::async(std::launch::async, [&rs, treeOptions, &treeSink] {
      return verify::buildTree(rs, treeOptions, treeSink);
    });
  Progress progress(std::cerr, check.progress);
  RunResult run = engine::runChecks(ws, check.toEngine(&progress));
  int status = exitCode(ws, run, check);
  out.verified = status == kOk;
  std::optional<exp::Tree> earlyTree;
  if (early.valid())
    earlyTree = early.get();
  if (!out.verified && !allowUnverified)
    return refuse(out, options, command, status);
  if (verify::mainDecision(rs) < 0) {
    std::cerr << fmt::format("wegwijzer {}: ", command)
              << tr("explain.no_main_decision", {{"ruleset", rs.id}}) << "\n";
    return kRuleErrors;
  }
  auto build = [&](const ir::Ruleset &period) -> std::optional<exp::Tree> {
    auto tree = verify::buildTree(period, treeOptions, ws.sink);
    if (tree)
      tree->verified = out.verified;
    return tree;
  };
  auto gaveUp = [&] { return treeFailed(ws, options); };
  if (allPeriods) {
    for (const ir::Ruleset &period : history.periods) {
      if (verify::mainDecision(period) < 0) {
        std::cerr << fmt::format("wegwijzer {}: ", command)
                  << tr("explain.no_main_decision_in",
                        {{"ruleset", rs.id},
                         {"period", i18n::language() == i18n::Lang::Nl ? period.period.dutch()
                                                                      : period.period.text()}})
                  << "\n";
        return kRuleErrors;
      }
      auto tree = build(period);
      if (!tree)
        return gaveUp();
      out.all.push_back({&period, std::move(*tree)});
    }
    return -1;
  }
  for (const Diagnostic &d : treeSink.all())
    ws.sink.report(d);
  out.tree = std::move(earlyTree);
  if (!out.tree)
    return gaveUp();
  out.tree->verified = out.verified;
  return -1;
}

} // namespace

int startTree(VerifiedTree &out, const InputOptions &options, const SolverLimits &limits,
              bool allowUnverified, const std::string &command) {
  if (allowUnverified) // the header says whether it verified: wait for everything
    return prepareTree(out, options, limits, allowUnverified, command);
  if (int code = loadRuleset(out, options, limits, command, false); code >= 0)
    return code;
  const ir::Ruleset &rs = *out.ruleset;
  if (verify::mainDecision(rs) < 0) // rare: report in prepareTree's order
    return verifyAndBuild(out, options, limits, allowUnverified, command, false);
  CheckOptions check = checkOptions(out, limits, false);
  verify::TreeOptions treeOptions;
  treeOptions.timeoutMs = check.verify.timeoutMs;
  treeOptions.memoryMb = check.verify.memoryMb;
  treeOptions.cache = out.cache.get();
  treeOptions.validate = false;
  DiagnosticSink buildSink;
  out.tree = verify::buildTree(rs, treeOptions, buildSink);
  if (!out.tree) {
    // The tree cannot be built: say why `check` refuses the ruleset, if it does, else why.
    RunResult run = engine::runChecks(out.ws, check.toEngine());
    if (int status = exitCode(out.ws, run, check); status != kOk)
      return refuse(out, options, command, status);
    for (const Diagnostic &d : buildSink.all())
      out.ws.sink.report(d);
    return treeFailed(out.ws, options);
  }
  out.verified = true; // provisionally: finishTree says whether it holds
  out.tree->verified = true;
  treeOptions.validate = true;
  exp::Tree copy = *out.tree; // validated on the other thread; the walk reads out.tree
  out.pending = std::async(std::launch::async, [&out, check, treeOptions, copy]() mutable {
    RunResult run = engine::runChecks(out.ws, check.toEngine());
    if (int status = exitCode(out.ws, run, check); status != kOk)
      return status;
    if (!verify::validateTree(*out.ruleset, copy, treeOptions, out.pendingSink))
      return -2;
    return -1;
  });
  return -1;
}

int finishTree(VerifiedTree &out, const InputOptions &options, const std::string &command) {
  if (!out.pending.valid())
    return -1;
  int status = out.pending.get();
  if (status == -1)
    return -1;
  out.verified = false;
  if (status >= 0)
    return refuse(out, options, command, status);
  for (const Diagnostic &d : out.pendingSink.all())
    out.ws.sink.report(d);
  return treeFailed(out.ws, options);
}

int prepareTree(VerifiedTree &out, const InputOptions &options, const SolverLimits &limits,
                bool allowUnverified, const std::string &command, bool allPeriods) {
  if (int code = loadRuleset(out, options, limits, command, allPeriods); code >= 0)
    return code;
  return verifyAndBuild(out, options, limits, allowUnverified, command, allPeriods);
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
  nlohmann::json j = {{"asOf", isoOrNull(asOf)},
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
