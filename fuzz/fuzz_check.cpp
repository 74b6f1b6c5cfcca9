// Fuzz target: `wegwijzer check` with a small solver limit. The bytes are a ruleset file next
// to the shipped rulesets; it is loaded, verified (50 ms per solver call) and the run rendered
// in every format. A crash, an exception or a sanitizer report is a finding; so is a run that
// takes longer than libFuzzer's -timeout.

#include "compiler/driver/report.h"
#include "fuzz/common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string path = wwfuzz::writeInput(data, size);
  wwfuzz::onLargeStack([&] {
    ww::Workspace ws;
    ww::load(ws, {path}, {});
    ww::cli::CheckOptions options;
    options.timeoutSeconds = 0.05;
    options.verify.timeoutMs = 50;
    options.verify.maxRegions = 3;
    options.listChecks = true;
    ww::cli::RunResult run = ww::cli::runChecks(ws, options);
    for (const char *format : {"text", "json", "sarif", "junit"})
      (void)ww::cli::renderRun(ws, run, format, false, options);
    (void)ww::cli::exitCode(ws, run, options);
  });
  return 0;
}
