// Fuzz target, structure-aware, for what the tool writes: the bytes drive the generator with
// hostile texts (fuzz/generator.h: markup, ends of elements, terminal and bidirectional
// controls, characters XML forbids, workflow commands, or bytes of the input), so that every
// title, question, outcome, source, property and test name is one. The ruleset is loaded as
// `check` loads it (sema must accept it), checked and rendered in every format of `check`
// (text, JSON, SARIF, JUnit, GitHub), and its decision tree built and exported in every format
// of `export` (JSON, Markdown, DOT, HTML).
//
// A finding, besides a crash or a sanitizer report: JSON or SARIF that does not parse, JUnit
// that is not well-formed XML; a control character in text or GitHub annotations after the
// terminal filter, or in Markdown, DOT or HTML (files: no filter), or a workflow command the tool
// did not write; `<wwx` (a text become markup) in JUnit, HTML or Markdown; `wwx` outside a quoted
// string in DOT.

#include "cli/report.h"
#include "compiler/support/version.h"
#include "compiler/export/to_json.h"
#include "compiler/support/render.h"
#include "fuzz/common.h"
#include "fuzz/generator.h"
#include "fuzz/wellformed.h"
#include "verifier/tree.h"

#include <fmt/format.h>
#include <fuzzer/FuzzedDataProvider.h>

namespace {

constexpr std::int64_t kMaxTreeRange = 256;

std::string text(const wwfuzz::Generated &g) {
  return (g.module.empty() ? "" : "---- gm.ww\n" + g.module + "---- g.ww\n") + g.ruleset;
}

void require(const wwfuzz::Generated &g, const std::string &what, const std::string &problem,
             const std::string &out) {
  if (!problem.empty())
    wwfuzz::finding("fuzz_export", what + ": " + problem,
                    out.substr(0, 3000) + "\n==== ruleset:\n" + text(g));
}

// `<wwx` as markup: not escaped (Markdown escapes it as `\<`).
std::string markupProblem(std::string_view out, bool markdown) {
  for (std::size_t at = out.find("<wwx"); at != std::string_view::npos;
       at = out.find("<wwx", at + 1))
    if (!markdown || at == 0 || out[at - 1] != '\\')
      return "a text became markup at byte " + std::to_string(at);
  return "";
}

// DOT: every `wwx` inside a double-quoted string, the strings closed.
std::string dotProblem(std::string_view out) {
  bool quoted = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (quoted && out[i] == '\\') {
      ++i;
    } else if (out[i] == '"') {
      quoted = !quoted;
    } else if (!quoted && out.substr(i, 3) == "wwx") {
      return "a text outside a quoted string at byte " + std::to_string(i);
    } else if (quoted && out[i] == '\n') {
      return "a line break in a quoted string at byte " + std::to_string(i);
    }
  }
  return quoted ? "a quoted string is not closed" : "";
}

void run(const std::uint8_t *data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  wwfuzz::GeneratorOptions options;
  options.hostile = true;
  wwfuzz::Generated g = wwfuzz::generate(in, options);
  if (std::getenv("WW_FUZZ_PRINT"))
    std::fprintf(stderr, "%s\n", text(g).c_str());
  if (g.module.empty())
    wwfuzz::removeFile("export/gm.ww");
  else
    wwfuzz::writeFile("export/gm.ww", g.module);
  std::string path = wwfuzz::writeFile("export/g.ww", g.ruleset);

  ww::engine::Workspace ws;
  ww::engine::load(ws, {path}, {});
  if (ws.sink.hasErrors() || ws.rulesets.size() != 1) {
    std::string found;
    for (const ww::Diagnostic &d : ws.sink.sorted(ws.sources))
      found += ww::renderText(d, ws.sources);
    wwfuzz::finding("fuzz_export", "the front end rejects a generated ruleset:\n" + found, text(g));
  }

  ww::cli::CheckOptions check;
  check.timeoutSeconds = 0.2;
  check.verify.timeoutMs = 200;
  check.verify.maxRegions = 2;
  check.listChecks = true;
  check.verbose = in.ConsumeBool();
  check.jobs = 1;
  ww::cli::RunResult result = ww::engine::runChecks(ws, check.toEngine());
  for (std::string format : {"text", "json", "sarif", "junit", "github"}) {
    std::string out = ww::cli::renderRun(ws, result, format, false, check);
    if (format == "json" || format == "sarif")
      require(g, format, wwfuzz::jsonProblem(out), out);
    else if (format == "junit")
      require(g, format, wwfuzz::xmlProblem(out) + markupProblem(out, false), out);
    else if (format == "github")
      require(g, format, wwfuzz::githubProblem(out), out);
    else
      require(g, format, wwfuzz::terminalProblem(out), out);
  }

  // The tree, as `export --unverified` builds it, in every format (a range of more than 256
  // answers is left out: the tree builder asks the solver once per answer).
  const ww::ir::Ruleset &rs = ws.rulesets.front().periods.front();
  if (ww::verify::mainDecision(rs) < 0)
    return;
  for (const ww::ir::Question &q : rs.questions)
    if (q.type == ww::ir::QuestionType::Range &&
        static_cast<__int128>(q.hi) - q.lo >= kMaxTreeRange)
      return;
  ww::verify::TreeOptions to;
  to.timeoutMs = 2000;
  to.replayLimit = 20000;
  ww::DiagnosticSink treeSink;
  std::optional<ww::exp::Tree> tree = ww::verify::buildTree(rs, to, treeSink);
  if (!tree)
    return;
  ww::exp::Stamp stamp;
  stamp.toolVersion = ww::kVersion;
  stamp.sources = {{"export/g.ww", "0"}};
  stamp.verified = false;
  stamp.note = "UNVERIFIED";
  nlohmann::json doc = ww::exp::toJson(rs, *tree, stamp);
  std::string json = doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  require(g, "export json", wwfuzz::jsonProblem(json), json);
  std::string md = ww::exp::toMarkdown(doc);
  require(g, "export md", wwfuzz::controlProblem(md) + markupProblem(md, true), md);
  std::string dot = ww::exp::toDot(doc);
  require(g, "export dot", wwfuzz::controlProblem(dot) + dotProblem(dot), dot);
  std::string html = ww::exp::toHtml(doc);
  require(g, "export html", wwfuzz::controlProblem(html) + markupProblem(html, false), html);
  // DMN: well-formed XML without control characters, or a refusal with its reason (a question
  // named by a word FEEL reserves, too many paths), never another exception.
  std::string dmn;
  try {
    dmn = ww::exp::toDmn(doc);
  } catch (const std::runtime_error &) {
    return;
  }
  require(g, "export dmn", wwfuzz::controlProblem(dmn) + wwfuzz::xmlProblem(dmn), dmn);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  wwfuzz::onLargeStack([&] { run(data, size); });
  return 0;
}
