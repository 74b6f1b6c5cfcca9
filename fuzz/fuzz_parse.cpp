// Fuzz target: the parser alone. Any bytes as one file: parse, print the AST, render every
// diagnostic as text and JSON. A crash, an exception or a sanitizer report is a finding.

#include "compiler/parse/parse.h"
#include "compiler/support/render.h"
#include "fuzz/common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  wwfuzz::onLargeStack([&] {
    ww::SourceManager sources;
    ww::DiagnosticSink sink;
    ww::FileId id = sources.add("fuzz.ww", std::string(reinterpret_cast<const char *>(data), size));
    auto ast = ww::parse::parseFile(sources.file(id), sink);
    if (ast)
      (void)ww::ast::dump(*ast);
    for (const ww::Diagnostic &d : sink.sorted(sources)) {
      (void)ww::renderText(d, sources);
      (void)ww::toJson(d, sources).dump();
    }
  });
  return 0;
}
