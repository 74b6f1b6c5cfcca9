#pragma once
// What the fuzz targets share: the input as a file in a scratch folder next to copies of the
// shipped rulesets (so `extends basis` resolves), and a large stack as `wegwijzer` has.

#include "engine/workspace.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <pthread.h>
#include <string>
#include <string_view>
#include <vector>

namespace wwfuzz {

/// The scratch folder of this process: made once, holding copies of rulesets/*.ww.
inline const std::filesystem::path &scratchDir() {
  static const std::filesystem::path dir = [] {
    namespace fs = std::filesystem;
    std::string tmpl = (fs::temp_directory_path() / "wwfuzz.XXXXXX").string();
    if (!mkdtemp(tmpl.data()))
      std::abort();
    fs::path d = tmpl;
    for (const auto &e : fs::directory_iterator(WW_FUZZ_RULESETS))
      if (e.path().extension() == ".ww")
        fs::copy_file(e.path(), d / e.path().filename());
    return d;
  }();
  return dir;
}

/// Writes the input to `fuzz_input.ww` in the scratch folder and returns its path.
inline std::string writeInput(const std::uint8_t *data, std::size_t size) {
  std::filesystem::path p = scratchDir() / "fuzz_input.ww";
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out)
    std::abort();
  return p.string();
}

/// Writes `bytes` to `name` (a path relative to the scratch folder, its folders made) and
/// returns its path.
inline std::string writeFile(const std::string &name, std::string_view bytes) {
  std::filesystem::path p = scratchDir() / name;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out)
    std::abort();
  return p.string();
}

/// Removes `name` (relative to the scratch folder) when it exists.
inline void removeFile(const std::string &name) {
  std::error_code ignored;
  std::filesystem::remove(scratchDir() / name, ignored);
}

/// The input cut at every `separator`, into at most `parts` parts (the last keeps the rest).
inline std::vector<std::string_view> split(const std::uint8_t *data, std::size_t size,
                                           std::string_view separator, std::size_t parts) {
  std::string_view rest(reinterpret_cast<const char *>(data), size);
  std::vector<std::string_view> out;
  while (out.size() + 1 < parts) {
    std::size_t at = rest.find(separator);
    if (at == std::string_view::npos)
      break;
    out.push_back(rest.substr(0, at));
    rest = rest.substr(at + separator.size());
  }
  out.push_back(rest);
  return out;
}

/// The most rules a period of a ruleset may have, and the most periods, for a target to verify
/// it: a shipped ruleset (over 100 rules with `basis`) takes seconds to verify under the
/// sanitizers, and would spend a short run's time on its seeds instead of on new inputs.
inline constexpr std::size_t kMaxVerifiedRules = 60;
inline constexpr std::size_t kMaxVerifiedPeriods = 6;

/// Whether every ruleset of the workspace is small enough to verify in a fuzz target.
inline bool smallEnough(const ww::engine::Workspace &ws) {
  for (const ww::ir::History &h : ws.rulesets) {
    if (h.periods.size() > kMaxVerifiedPeriods)
      return false;
    for (const ww::ir::Ruleset &rs : h.periods)
      if (rs.rules.size() > kMaxVerifiedRules)
        return false;
  }
  return true;
}

/// Leaves the rulesets that are not small enough out of the workspace (they are loaded and
/// their front-end diagnostics rendered, but not verified); returns how many.
inline std::size_t dropLarge(ww::engine::Workspace &ws) {
  std::size_t before = ws.rulesets.size();
  std::erase_if(ws.rulesets, [](const ww::ir::History &h) {
    if (h.periods.size() > kMaxVerifiedPeriods)
      return true;
    for (const ww::ir::Ruleset &rs : h.periods)
      if (rs.rules.size() > kMaxVerifiedRules)
        return true;
    return false;
  });
  return before - ws.rulesets.size();
}

/// Runs f on a thread with a 1 GiB stack, as `wegwijzer`'s main() does for deep inputs.
inline void onLargeStack(const std::function<void()> &f) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, std::size_t(1) << 30);
  pthread_t thread;
  auto body = [](void *p) -> void * {
    (*static_cast<const std::function<void()> *>(p))();
    return nullptr;
  };
  if (pthread_create(&thread, &attr, body, const_cast<std::function<void()> *>(&f)) != 0)
    std::abort();
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

} // namespace wwfuzz
