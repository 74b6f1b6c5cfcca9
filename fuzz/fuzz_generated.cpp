// Fuzz target, structure-aware: the bytes drive a generator of well-formed rulesets
// (fuzz/generator.h), so that sema, the verifier, the evaluator and the exports see valid but
// strange input. Each generated ruleset is analysed (sema must accept it), verified, compared
// with the evaluator (fuzz/oracle.h), and its decision tree built, validated and exported in
// every format. A disagreement, a rejected ruleset or a failed tree validation aborts with the
// ruleset's text: that is a finding, like a crash or a sanitizer report.
//
// WW_FUZZ_EXTREMES=1 lets range bounds be the 64-bit extremes. WW_FUZZ_PRINT=1 prints every
// generated ruleset (to see what a corpus holds).

#include "compiler/support/version.h"
#include "compiler/export/to_json.h"
#include "compiler/parse/parse.h"
#include "compiler/sema/analyser.h"
#include "compiler/support/render.h"
#include "fuzz/common.h"
#include "fuzz/generator.h"
#include "fuzz/oracle.h"
#include "verifier/tree.h"
#include "verifier/verify.h"

#include <fmt/format.h>
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>

namespace {

/// The widest range whose ruleset gets a decision tree here.
constexpr std::int64_t kMaxTreeRange = 256;

const wwfuzz::GeneratorOptions &options() {
  static const wwfuzz::GeneratorOptions o = [] {
    wwfuzz::GeneratorOptions g;
    const char *e = std::getenv("WW_FUZZ_EXTREMES");
    g.extremes = e && std::string(e) == "1";
    return g;
  }();
  return o;
}

[[noreturn]] void finding(const wwfuzz::Generated &g, const std::string &what,
                          const ww::SourceManager &sources,
                          const std::vector<ww::Diagnostic> &diagnostics) {
  std::string text;
  if (!g.module.empty())
    text += "---- gm.ww\n" + g.module + "---- g.ww\n";
  text += g.ruleset;
  std::string found;
  for (const ww::Diagnostic &d : diagnostics)
    found += ww::renderText(d, sources);
  std::fprintf(stderr, "\n==== fuzz_generated finding: %s\n%s\n==== diagnostics:\n%s\n",
               what.c_str(), text.c_str(), found.c_str());
  std::abort();
}

void run(const std::uint8_t *data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  wwfuzz::Generated g = wwfuzz::generate(in, options());
  if (std::getenv("WW_FUZZ_PRINT"))
    std::fprintf(stderr, "%s---- g.ww\n%s\n", g.module.c_str(), g.ruleset.c_str());

  ww::SourceManager sources;
  ww::DiagnosticSink front;
  std::vector<std::unique_ptr<ww::ast::File>> files;
  if (!g.module.empty())
    files.push_back(ww::parse::parseFile(sources.file(sources.add("gm.ww", g.module)), front));
  files.push_back(ww::parse::parseFile(sources.file(sources.add("g.ww", g.ruleset)), front));
  std::vector<const ww::ast::File *> chain;
  for (const auto &f : files)
    chain.push_back(f.get());
  std::optional<ww::ir::Ruleset> rs;
  if (!front.hasErrors())
    rs = ww::sema::analyse(chain, front);
  if (!g.module.empty() && !front.hasErrors())
    (void)ww::sema::analyse({chain.front()}, front); // the module on its own, as `check` does
  if (!rs || front.hasErrors())
    finding(g, "the front end rejects a generated ruleset", sources, front.all());
  (void)ww::ir::dump(*rs);

  ww::DiagnosticSink sink;
  ww::verify::Options vo;
  vo.timeoutMs = 2000;
  vo.maxRegions = 3;
  ww::verify::Stats stats = ww::verify::verify(*rs, vo, sink);
  for (const ww::Diagnostic &d : sink.all()) {
    (void)ww::renderText(d, sources);
    (void)ww::toJson(d, sources).dump();
  }
  wwfuzz::Comparison cmp = wwfuzz::compare(*rs, sink.all());
  if (!cmp.disagreement.empty())
    finding(g, cmp.disagreement, sources, sink.all());

  // The tree, as `export --unverified` builds it, validated, and every export format. The tree
  // builder asks the solver once per answer of a range, and an edge lists its answers one by
  // one: a range of 2^31 answers never ends (a known limit, not fuzzed here).
  if (ww::verify::mainDecision(*rs) < 0)
    return;
  for (const ww::ir::Question &q : rs->questions)
    if (q.type == ww::ir::QuestionType::Range &&
        static_cast<__int128>(q.hi) - q.lo >= kMaxTreeRange)
      return;
  ww::verify::TreeOptions to;
  to.timeoutMs = 2000;
  to.replayLimit = 20000;
  ww::DiagnosticSink treeSink;
  std::optional<ww::exp::Tree> tree = ww::verify::buildTree(*rs, to, treeSink);
  for (const ww::Diagnostic &d : treeSink.all())
    if (d.code != "E0601")
      finding(g, "the decision tree does not validate", sources, treeSink.all());
  if (!tree)
    return;
  ww::exp::Stamp stamp;
  stamp.toolVersion = ww::kVersion;
  stamp.sources = {{"g.ww", "0"}};
  stamp.verified = stats.errors == 0 && stats.inconclusive == 0;
  nlohmann::json doc = ww::exp::toJson(*rs, *tree, stamp);
  (void)doc.dump(2);
  (void)ww::exp::toMarkdown(doc);
  (void)ww::exp::toDot(doc);
  (void)ww::exp::toHtml(doc);
  try {
    (void)ww::exp::toDmn(doc);
  } catch (const std::runtime_error &) {
    // a refusal with its reason (docs/dmn.md)
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  wwfuzz::onLargeStack([&] { run(data, size); });
  return 0;
}
