// Fuzz target: waiver files, as `wegwijzer check` reads and applies them. The bytes are cut at
// each "\n%%\n" into up to four files in a scratch folder: `w.ww`, `w.waivers`, `o.ww` and
// `o.waivers` (a missing part: no such file), next to the shipped rulesets. Both rulesets are
// loaded and verified (50 ms per solver call; not when large, see common.h), the waivers
// loaded and applied on a fixed date, the findings settled and the run rendered in every
// format of `check`.
//
// A finding, besides a crash or a sanitizer report: a waived finding that no waiver in force
// of its own ruleset names (directly, or as the gap or conflict it follows from); a waiver of
// another ruleset's finding, or of its own verified ruleset's finding that does not exist,
// without E0903; a second waiver of one finding without W0904; a waiver file with a NUL or
// invalid UTF-8 without E0002, or with a waiver that was read; an unwaived error with exit
// code 0; JSON or SARIF that does not parse, JUnit that is not
// well-formed XML; text or GitHub annotations with a control character or a workflow command
// the tool did not write.

#include "engine/findings.h"
#include "cli/report.h"
#include "engine/waivers.h"
#include "fuzz/common.h"
#include "fuzz/wellformed.h"

#include <algorithm>
#include <set>

namespace {

constexpr std::string_view kSeparator = "\n%%\n";
const char *const kFiles[] = {"w.ww", "w.waivers", "o.ww", "o.waivers"};
constexpr ww::Date kToday{2026, 1, 1};

void run(const std::uint8_t *data, std::size_t size) {
  std::vector<std::string_view> parts = wwfuzz::split(data, size, kSeparator, 4);
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < std::size(kFiles); ++i) {
    if (i < parts.size())
      wwfuzz::writeFile(kFiles[i], parts[i]);
    else
      wwfuzz::removeFile(kFiles[i]);
  }
  paths.push_back((wwfuzz::scratchDir() / "w.ww").string());
  if (parts.size() > 2)
    paths.push_back((wwfuzz::scratchDir() / "o.ww").string());

  ww::engine::Workspace ws;
  ww::engine::load(ws, paths, {});
  wwfuzz::dropLarge(ws);
  ww::cli::CheckOptions options;
  options.timeoutSeconds = 0.05;
  options.verify.timeoutMs = 50;
  options.verify.maxRegions = 2;
  options.listChecks = true;
  options.jobs = 1;
  ww::cli::RunResult result = ww::engine::runChecks(ws, options.toEngine());
  std::vector<std::string> verified;
  for (const ww::verify::Stats &s : result.stats)
    verified.push_back(s.ruleset);
  std::vector<ww::engine::Waiver> waivers = ww::engine::loadWaivers(ws);
  ww::engine::applyWaivers(ws, waivers, kToday, verified, false);
  ww::engine::settleFindings(ws);

  // What the waivers must have done.
  std::set<std::pair<std::string, std::string>> inForce;
  for (const ww::engine::Waiver &w : waivers)
    if (kToday < w.until) {
      inForce.insert({w.ruleset, w.id});
    }
  auto reported = [&](const char *code, const ww::engine::Waiver &w) {
    for (const ww::Diagnostic &d : ws.sink.all())
      if (d.code == code && d.span.file == w.span.file && d.span.begin == w.span.begin)
        return true;
    return false;
  };
  std::set<std::pair<std::string, std::string>> seen;
  for (const ww::engine::Waiver &w : waivers) {
    if (!(kToday < w.until))
      continue;
    std::string named = w.id.substr(w.id.find(':') + 1);
    named = named.substr(0, named.find(':'));
    if (named != w.ruleset && !reported("E0903", w))
      wwfuzz::finding("fuzz_waivers", "no E0903 for a waiver of ruleset `" + named +
                                          "` in the waiver file of `" + w.ruleset + "`: " + w.id);
    if (!seen.insert({w.ruleset, w.id}).second) {
      if (!reported("W0904", w))
        wwfuzz::finding("fuzz_waivers", "no W0904 for a second waiver of " + w.id);
      continue;
    }
    // A waiver of its own, verified ruleset that names no finding (mistyped, or fixed).
    bool verifiedHere = std::find(verified.begin(), verified.end(), w.ruleset) != verified.end();
    bool matches = false;
    for (const ww::Diagnostic &d : ws.sink.all())
      matches = matches || (d.ruleset == w.ruleset && d.id == w.id);
    if (named == w.ruleset && verifiedHere && !matches && !reported("E0903", w))
      wwfuzz::finding("fuzz_waivers", "no E0903 for a waiver that matches no finding: " + w.id);
  }
  // A waiver file that is not text (a NUL, invalid UTF-8) is E0002, and waives nothing.
  for (ww::FileId f = 1; f <= ws.sources.size(); ++f) {
    const ww::SourceFile &file = ws.sources.file(f);
    std::size_t bad = 0;
    if (!file.path().ends_with(".waivers") ||
        (file.text().find('\0') == std::string::npos && ww::isValidUtf8(file.text(), bad)))
      continue;
    bool e0002 = false;
    for (const ww::Diagnostic &d : ws.sink.all())
      e0002 = e0002 || (d.code == "E0002" && d.span.file == f);
    if (!e0002)
      wwfuzz::finding("fuzz_waivers", "no E0002 for a waiver file that is not text");
    for (const ww::engine::Waiver &w : waivers)
      if (w.span.file == f)
        wwfuzz::finding("fuzz_waivers", "a waiver read from a file that is not text: " + w.id);
  }
  bool unwaivedError = false;
  for (const ww::Diagnostic &d : ws.sink.all()) {
    if (d.waiver.empty()) {
      unwaivedError = unwaivedError || d.severity == ww::Severity::Error;
      continue;
    }
    if (!inForce.count({d.ruleset, d.id}) &&
        (d.causedBy.empty() || !inForce.count({d.ruleset, d.causedBy})))
      wwfuzz::finding("fuzz_waivers", "finding " + d.id + " of ruleset `" + d.ruleset +
                                          "` is waived, but no waiver of that ruleset names it");
  }
  if (unwaivedError && ww::cli::exitCode(ws, result, options) == 0)
    wwfuzz::finding("fuzz_waivers", "an unwaived error, and exit code 0");

  for (const char *format : {"text", "json", "sarif", "junit", "github"}) {
    std::string out = ww::cli::renderRun(ws, result, format, false, options);
    std::string f = format;
    if (f == "json" || f == "sarif")
      wwfuzz::require("fuzz_waivers", f, wwfuzz::jsonProblem(out), out);
    else if (f == "junit")
      wwfuzz::require("fuzz_waivers", f, wwfuzz::xmlProblem(out), out);
    else if (f == "github")
      wwfuzz::require("fuzz_waivers", f, wwfuzz::githubProblem(out), out);
    else
      wwfuzz::require("fuzz_waivers", f, wwfuzz::terminalProblem(out), out);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  wwfuzz::onLargeStack([&] { run(data, size); });
  return 0;
}
