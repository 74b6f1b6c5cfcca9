// `wegwijzer check` and `wegwijzer test`: the CI gate.

#include "cli/cli.h"
#include "engine/findings.h"
#include "cli/progress.h"
#include "cli/report.h"
#include "engine/coverage.h"
#include "engine/waivers.h"
#include "verifier/proof_cache.h"
#include "verifier/tree.h"

#include <fmt/format.h>

#include <chrono>
#include <iostream>

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
    Diagnostic &d =
        ws.sink.error("E0515", header,
                      fmt::format("coverage of ruleset `{}` is {:.1f}%, below the minimum of {}%",
                                  r.ruleset, r.percent(), run.minCoverage));
    d.ruleset = r.ruleset;
    d.note(fmt::format("the tests reach {} of {} rules, exceptions and tree leaves{}", r.reached(),
                       r.total(), r.dated ? " over every period checked" : ""));
    d.withHelp("add tests for what the coverage report lists (`--coverage` prints a test to "
               "paste for every leaf no test reaches)");
  }
}

} // namespace

int cmdCheck(int argc, char **argv, bool testsOnly) {
  InputOptions options;
  CheckOptions check;
  check.testsOnly = testsOnly;
  std::string name = testsOnly ? "test" : "check";
  po::options_description desc(name + " options");
  addInputOptions(desc, options, "text, json, sarif, junit or github");
  bool withCoverage = false;
  double minCoverage = 0;
  if (!testsOnly)
    addCheckOptions(desc, check);
  else
    desc.add_options()("verbose,v", po::bool_switch(&check.verbose),
                       "show notes (N-codes), one line each, and put them in SARIF");
  if (testsOnly)
    desc.add_options()("coverage", po::bool_switch(&withCoverage),
                       "report the rules, exceptions and tree leaves the tests reach, in every "
                       "period, in the chosen format")(
        "min-coverage", po::value(&minCoverage),
        "exit 1 when a ruleset's coverage is below N percent (implies --coverage)");
  std::string usage =
      testsOnly ? "usage: wegwijzer test [options] PATH...\n\nRuns the tests of the rulesets in "
                  "PATH (files, or folders searched for *.ww)."
                : "usage: wegwijzer check [options] PATH...\n\nParses, analyses and verifies the "
                  "rulesets in PATH (files, or folders searched for *.ww) and runs their tests.";
  if (!parseCommand(argc, argv, usage, desc, options, {"text", "json", "sarif", "junit", "github"}))
    return kOk;
  if (!testsOnly)
    validateCheckOptions(check);
  if (!(minCoverage >= 0 && minCoverage <= 100))
    throw UsageError("--min-coverage must be a percentage from 0 to 100");
  check.asOf = options.asOfDate;
  check.progress = Progress::stderrIsTerminal();

  Workspace ws;
  LoadOptions loadOptions{options.includeDirs};
  loadOptions.rulesetsOfModules = true; // a module is verified through its rulesets
  auto loadStart = std::chrono::steady_clock::now();
  load(ws, options.paths, loadOptions);
  double loadSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - loadStart).count();
  // A date a ruleset does not model is a usage error (the engine would leave it out).
  if (check.asOf)
    for (const ir::History &h : ws.rulesets)
      (void)rulesetOn(h, *check.asOf);
  verify::ProofCache cache(cacheFolder(check.cacheDir, check.noCache));
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
    throw UsageError("WW_TODAY is set but is not a date (YYYY-MM-DD)");
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
