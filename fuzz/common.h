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
