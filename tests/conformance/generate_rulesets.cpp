// Writes random rulesets made by the fuzz generator (fuzz/generator.h), so that the conformance
// vectors reach constructs the shipped rulesets do not use: `asked when`, modules with
// parameters, helper decisions, exceptions, odd texts, dates.
//
//   ww_generate_rulesets OUT_DIR COUNT [FIRST_SEED]
//
// Seed s gives OUT_DIR/s/g.ww (and OUT_DIR/s/gm.ww, the module it extends, when it has one),
// from 4096 bytes of std::mt19937_64(s): the same seed gives the same ruleset on every machine.
// Number questions are kept to at most 256 answers (the fuzz target's limit for trees).
#include "fuzz/generator.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

int main(int argc, char **argv) {
  if (argc < 3) {
    std::cerr << "usage: ww_generate_rulesets OUT_DIR COUNT [FIRST_SEED]\n";
    return 2;
  }
  std::filesystem::path out = argv[1];
  unsigned count = static_cast<unsigned>(std::strtoul(argv[2], nullptr, 10));
  unsigned first = argc > 3 ? static_cast<unsigned>(std::strtoul(argv[3], nullptr, 10)) : 1;
  for (unsigned seed = first; seed < first + count; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::uint8_t> bytes(4096);
    for (auto &b : bytes)
      b = static_cast<std::uint8_t>(rng());
    FuzzedDataProvider in(bytes.data(), bytes.size());
    wwfuzz::Generated g = wwfuzz::generate(in, {});
    std::filesystem::path dir = out / std::to_string(seed);
    std::filesystem::create_directories(dir);
    if (!g.module.empty())
      std::ofstream(dir / "gm.ww", std::ios::binary) << g.module;
    std::ofstream(dir / "g.ww", std::ios::binary) << g.ruleset;
  }
  return 0;
}
