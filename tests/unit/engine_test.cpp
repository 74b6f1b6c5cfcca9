// The engine's calls as a language server makes them: checks that can be cancelled, a workspace
// with an unsaved buffer, and a second run that reuses the first one's results.

#include <doctest/doctest.h>

#include "engine/check.h"
#include "engine/findings.h"
#include "engine/workspace.h"
#include "verifier/proof_cache.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

namespace fs = std::filesystem;
using namespace ww;

namespace {

const std::string kRulesets = std::string(WW_REPO_ROOT) + "/rulesets";

// The file system, but for the files given in memory (an editor's unsaved buffers).
class Overlay : public engine::FileSource {
public:
  std::map<std::string, std::string> buffers; ///< by path as given

  std::optional<std::string> read(const fs::path &path, std::size_t limit,
                                   std::error_code &why) const override {
    auto it = buffers.find(path.lexically_normal().string());
    if (it != buffers.end())
      return it->second;
    return FileSource::read(path, limit, why);
  }
  using FileSource::read;
};

std::string findings(const engine::Workspace &ws) {
  std::string out;
  for (const Diagnostic &d : ws.sink.sorted(ws.sources))
    out += d.code + " " + d.id + ": " + d.message + "\n";
  return out;
}

} // namespace

TEST_CASE("engine: a check cancelled before it starts checks nothing and says so") {
  engine::Workspace ws;
  engine::load(ws, {kRulesets + "/huisarts.ww"}, {});
  std::atomic<bool> cancel{true};
  engine::CheckOptions options;
  options.cancel = &cancel;
  engine::RunResult run = engine::runChecks(ws, options);
  CHECK(run.cancelled);
  CHECK(run.stats.empty());
}

TEST_CASE("engine: a check cancelled while it runs stops at once") {
  engine::Workspace ws;
  engine::load(ws, {kRulesets}, {});
  std::atomic<bool> cancel{false};
  engine::CheckOptions options;
  options.cancel = &cancel;
  options.jobs = 1;
  auto start = std::chrono::steady_clock::now();
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cancel = true;
  });
  engine::RunResult run = engine::runChecks(ws, options);
  stopper.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(run.cancelled);
  // A full check of every shipped ruleset on one thread takes seconds; a cancelled one ends
  // within its current solver call.
  CHECK(seconds < 2.0);
}

TEST_CASE("engine: an unsaved buffer is checked instead of the file, and a second run reuses the "
          "results of the first") {
  Overlay files;
  std::string path = (fs::path(kRulesets) / "huisarts.ww").lexically_normal().string();
  std::string text = *files.FileSource::read(path);
  // The author deletes the rule for children of 12 to 15 in the editor: a gap.
  std::size_t at = text.find("rule wgbo_12_tot_16");
  REQUIRE(at != std::string::npos);
  std::size_t end = text.find("\nrule ", at + 1);
  files.buffers[path] = text.substr(0, at) + text.substr(end + 1);

  verify::ProofCache cache;
  engine::CheckOptions options;
  options.verify.cache = &cache;
  std::string first, second;
  for (std::string *out : {&first, &second}) {
    engine::Workspace ws;
    engine::load(ws, {path}, {{}, &files});
    engine::RunResult run = engine::runChecks(ws, options);
    CHECK_FALSE(run.cancelled);
    *out = findings(ws);
    if (out == &second)
      for (const verify::Stats &s : run.stats)
        CHECK(s.shared == s.solverCalls); // nothing solved again
  }
  CHECK(first.find("E0501") != std::string::npos); // the gap the edit made
  CHECK(first == second);
}
