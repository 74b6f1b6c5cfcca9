// Fuzz target: the whole front end. The bytes are a ruleset file next to the shipped rulesets
// (so it may extend `basis`); it is loaded as `wegwijzer check` loads it: read, parsed,
// `extends` resolved, analysed. The IR is printed and every diagnostic rendered as text and
// JSON. A crash, an exception or a sanitizer report is a finding.

#include "compiler/support/render.h"
#include "fuzz/common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string path = wwfuzz::writeInput(data, size);
  wwfuzz::onLargeStack([&] {
    ww::engine::Workspace ws;
    ww::engine::load(ws, {path}, {});
    for (const auto *histories : {&ws.rulesets, &ws.modules})
      for (const ww::ir::History &h : *histories)
        for (const ww::ir::Ruleset &rs : h.periods)
          (void)ww::ir::dump(rs);
    for (const ww::Diagnostic &d : ws.sink.sorted(ws.sources)) {
      (void)ww::renderText(d, ws.sources, {true});
      (void)ww::toJson(d, ws.sources).dump();
    }
  });
  return 0;
}
