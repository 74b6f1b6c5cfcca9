// `wegwijzer check` and `wegwijzer test`: the CI gate.

#include "cli/cli.h"
#include "engine/findings.h"
#include "cli/progress.h"
#include "cli/report.h"
#include "engine/coverage.h"
#include "engine/waivers.h"
#include "verifier/proof_cache.h"
#include "verifier/tree.h"

#include "compiler/support/i18n.h"

#include <fmt/format.h>

#include <chrono>
#include <future>
#include <iostream>
#include <memory>

namespace po = boost::program_options;

namespace ww::cli {
namespace {

// `--min-coverage`: E0515 at the header of every ruleset below the minimum.
void reportCoverageBelow(Workspace &ws, const RunResult &run) {
  for (const CoverageReport &r : run.coverage) {
    if (r.percent() >= run.minCoverage)
      continue;
    Span header;
    for (const ir::History &h : ws.rulesets)
      if (h.id == r.ruleset && !h.periods.empty())
        header = h.periods.front().span;
    Diagnostic &d = ws.sink.error("E0515", header,
                                  tr("E0515", {{"ruleset", r.ruleset},
                                               {"percent", decimal(r.percent(), 1)},
                                               {"minimum", decimal(run.minCoverage)}}));
    d.ruleset = r.ruleset;
    d.note(tr(r.dated ? "E0515.note.reached_dated" : "E0515.note.reached",
              {{"reached", i18n::number(r.reached())}, {"total", i18n::number(r.total())}}));
    d.withHelp(tr("E0515.help.add_tests"));
  }
}

} // namespace

int cmdCheck(int argc, char **argv, bool testsOnly) {
  InputOptions options;
  CheckOptions check;
  check.testsOnly = testsOnly;
  std::string name = testsOnly ? "test" : "check";
  po::options_description desc(optionsCaption(name));
  addInputOptions(desc, options, formatsHelp({"text", "json", "sarif", "junit", "github"}));
  bool withCoverage = false;
  double minCoverage = 0;
  if (!testsOnly)
    addCheckOptions(desc, check);
  else
    desc.add_options()("verbose,v", po::bool_switch(&check.verbose),
                       tr("help.option.verbose").c_str());
  if (testsOnly)
    desc.add_options()("coverage", po::bool_switch(&withCoverage),
                       tr("help.option.coverage").c_str())(
        "min-coverage", po::value(&minCoverage)->value_name(tr("help.value.n")),
        tr("help.option.min_coverage").c_str());
  std::string usage = tr(testsOnly ? "help.test.usage" : "help.check.usage");
  if (!parseCommand(argc, argv, usage, desc, options, {"text", "json", "sarif", "junit", "github"}))
    return kOk;
  if (!testsOnly)
    validateCheckOptions(check);
  if (!(minCoverage >= 0 && minCoverage <= 100))
    throw UsageError(tr("usage.min_coverage"));
  check.asOf = options.asOfDate;
  check.progress = Progress::stderrIsTerminal();

  // The kept proofs are read while the files are read and analysed.
  std::future<std::unique_ptr<verify::ProofCache>> reading =
      std::async(std::launch::async, [folder = cacheFolder(check.cacheDir, check.noCache)] {
        return std::make_unique<verify::ProofCache>(folder);
      });
  Workspace ws;
  LoadOptions loadOptions{options.includeDirs};
  loadOptions.rulesetsOfModules = true; // a module is verified through its rulesets
  loadOptions.jobs = check.jobs;
  auto loadStart = std::chrono::steady_clock::now();
  load(ws, options.paths, loadOptions);
  double loadSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - loadStart).count();
  // A date a ruleset does not model is a usage error (the engine would leave it out).
  if (check.asOf)
    for (const ir::History &h : ws.rulesets)
      (void)rulesetOn(h, *check.asOf);
  std::unique_ptr<verify::ProofCache> kept = reading.get();
  verify::ProofCache &cache = *kept;
  reportCacheNotes(cache, check.verbose);
  check.verify.cache = &cache;
  Progress progress(std::cerr, check.progress);
  RunResult result = engine::runChecks(ws, check.toEngine(&progress));
  result.loadSeconds = loadSeconds;
  std::vector<std::string> verified;
  for (const verify::Stats &s : result.stats)
    verified.push_back(s.ruleset);
  std::optional<Date> today = ww::today();
  if (!today)
    throw UsageError(tr("usage.ww_today"));
  engine::applyWaivers(ws, engine::loadWaivers(ws), *today, verified, testsOnly);
  if (withCoverage || minCoverage > 0) {
    result.minCoverage = minCoverage;
    engine::addCoverage(ws, result, check.toEngine());
    reportCoverageBelow(ws, result);
  }
  settleFindings(ws);
  std::cout << renderRun(ws, result, options.format, useColor(options), check);
  int status = exitCode(ws, result, check);
  cache.flush();
  return status;
}

} // namespace ww::cli
