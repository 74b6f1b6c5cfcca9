// `wegwijzer diff`: which cases get another answer between two versions. The work is done by
// compiler/review (load, verify, compare); this file parses the options and prints.

#include "cli/cli.h"
#include "engine/findings.h"
#include "verifier/proof_cache.h"
#include "cli/report.h"
#include "engine/git_files.h"
#include "engine/diff.h"
#include "compiler/support/render.h"

#include "compiler/support/i18n.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace po = boost::program_options;

namespace ww::cli {

int cmdDiff(int argc, char **argv) {
  InputOptions options;
  CheckOptions check;
  std::string gitRev, failOn = "property", against;
  bool detailed = false;
  po::options_description desc(optionsCaption("diff"));
  addInputOptions(desc, options, formatsHelp({"text", "json", "md"}));
  addCheckOptions(desc, check, false);
  desc.add_options()("git", po::value(&gitRev)->value_name(tr("help.value.rev")),
                     tr("help.option.git").c_str())(
      "against-as-of", po::value(&against)->value_name(tr("help.value.date")),
      tr("help.option.against_as_of").c_str())(
      "fail-on", po::value(&failOn)->default_value(failOn)->value_name(tr("help.value.arg")),
      tr("help.option.fail_on").c_str())("detailed-exitcode", po::bool_switch(&detailed),
                                         tr("help.option.detailed_exitcode").c_str());
  std::string usage = tr("help.diff.usage");
  if (!parseCommand(argc, argv, usage, desc, options, {"text", "json", "md"}))
    return kOk;
  validateCheckOptions(check);
  if (failOn != "changed" && failOn != "property" && failOn != "none")
    throw UsageError(tr("usage.unknown_fail_on", {{"value", failOn}}));

  // Without a date every date is compared; `--as-of` alone compares both versions on that date.
  bool everyDate = options.asOf.empty() && against.empty();
  Date newDate = answerDate(options), oldDate = newDate;
  if (!against.empty()) {
    DateError error;
    auto d = parseDate(against, &error);
    if (!d)
      throw UsageError(fmt::format("--against-as-of: {}; {}", error.message, error.help));
    oldDate = *d;
  }
  std::optional<Date> today = ww::today();
  if (!today)
    throw UsageError(tr("usage.ww_today"));
  engine::Version before, after;
  std::unique_ptr<engine::GitFiles> git;
  if (!gitRev.empty()) {
    try {
      git = std::make_unique<engine::GitFiles>(gitRev);
    } catch (const std::runtime_error &e) {
      throw UsageError(e.what());
    }
    before = {options.paths, git.get(), oldDate};
    after = {options.paths, nullptr, newDate};
  } else if (!against.empty() && options.paths.size() != 2) {
    // One version on two dates.
    before = {options.paths, nullptr, oldDate};
    after = {options.paths, nullptr, newDate};
  } else {
    if (options.paths.size() != 2)
      throw UsageError(tr("usage.diff_paths", {{"count", options.paths.size()}}));
    before = {{options.paths[0]}, nullptr, oldDate};
    after = {{options.paths[1]}, nullptr, newDate};
  }
  engine::DiffOptions diffOptions;
  diffOptions.includeDirs = options.includeDirs;
  diffOptions.verify = check.verify;
  diffOptions.compare.timeoutMs = check.verify.timeoutMs;
  diffOptions.compare.memoryMb = check.verify.memoryMb;
  diffOptions.jobs = check.jobs;
  diffOptions.compare.maxRegions = check.verify.maxRegions;
  diffOptions.today = *today;
  verify::ProofCache cache(cacheFolder(check.cacheDir, check.noCache));
  reportCacheNotes(cache);
  diffOptions.verify.cache = &cache;
  diffOptions.compare.cache = &cache;
  diffOptions.everyDate = everyDate;

  engine::DiffResult result;
  engine::diff(result, before, after, diffOptions);
  cache.flush();
  // As `check` settles them: a waived root's consequences are waived with it.
  settleFindings(result.before);
  settleFindings(result.after);
  bool io = false;
  for (const Workspace *ws : {&result.before, &result.after})
    for (const Diagnostic &d : ws->sink.all())
      if (isIoError(d)) {
        std::cerr << renderText(d, ws->sources, {useColor(options)});
        io = true;
      }
  if (io)
    return kUsage;
  if (options.format == "json")
    std::cout << engine::toJson(result);
  else if (options.format == "md")
    std::cout << engine::toMarkdown(result);
  else
    std::cout << engine::toText(result);
  // A comparison that left a ruleset out is never a pass, whatever --fail-on says.
  if (result.incomplete())
    return kRuleErrors;
  if (failOn == "none")
    return kOk;
  bool errors = false;
  for (const Diagnostic &d : result.after.sink.all())
    errors = errors || (d.severity == Severity::Error && d.code != "E0511" && d.waiver.empty());
  if (errors || (failOn == "changed" && result.anyCaseChanged()))
    return kRuleErrors;
  if (result.inconclusive() && !check.allowInconclusive)
    return kInconclusive;
  if (detailed && result.anyCaseChanged())
    return kChanged;
  return kOk;
}

} // namespace ww::cli
