// `wegwijzer export RULESET --format json|dot|md|html|dmn|vectors [-o FILE]`: the verified decision
// tree.

#include "cli/cli.h"
#include "cli/verified_tree.h"
#include "compiler/export/to_json.h"
#include "compiler/support/render.h"
#include "compiler/support/sha256.h"
#include "compiler/support/version.h"
#include "engine/conformance.h"

#include "compiler/support/i18n.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>

namespace po = boost::program_options;

namespace ww::cli {

int cmdExport(int argc, char **argv) {
  InputOptions options;
  std::string outPath;
  bool unverified = false, allPeriods = false, compact = false;
  std::size_t casesPerPath = 3;
  SolverLimits limits;
  po::options_description desc(optionsCaption("export"));
  options.format = "json";
  addInputOptions(desc, options, formatsHelp({"json", "dot", "md", "html", "dmn", "vectors"}));
  desc.add_options()("output,o", po::value(&outPath)->value_name(tr("help.value.output")),
                     tr("help.option.output").c_str())("unverified", po::bool_switch(&unverified),
                                                       tr("help.option.unverified").c_str())(
      "all-periods", po::bool_switch(&allPeriods), tr("help.option.all_periods").c_str())(
      "cases-per-path",
      po::value(&casesPerPath)->default_value(casesPerPath)->value_name(tr("help.value.arg")),
      tr("help.option.cases_per_path").c_str())("compact", po::bool_switch(&compact),
                                                tr("help.option.compact").c_str());
  addSolverLimits(desc, limits);
  if (!parseCommand(argc, argv, tr("help.export.usage"), desc, options,
                    {"json", "dot", "md", "html", "dmn", "vectors"}))
    return kOk;
  bool vectors = options.format == "vectors"; // every period's tree and the evaluator's cases
  if (vectors && !options.asOf.empty())
    throw UsageError(tr("usage.vectors_as_of"));
  allPeriods = allPeriods || vectors;
  if (compact && options.format != "json")
    throw UsageError(tr("usage.compact_json"));
  if (allPeriods && (options.format == "dot" || options.format == "html"))
    throw UsageError(tr("usage.all_periods_format", {{"format", options.format}}));
  if (allPeriods && !options.asOf.empty())
    throw UsageError(tr("usage.all_periods_as_of"));
  VerifiedTree prepared;
  if (int code = prepareTree(prepared, options, limits, unverified, "export", allPeriods);
      code >= 0)
    return code;
  const Workspace &ws = prepared.ws;
  Date today = answerDate({});

  auto document = [&](const ir::Ruleset &rs, const exp::Tree &tree, std::optional<Date> asOf) {
    exp::Stamp stamp;
    stamp.toolVersion = kVersion;
    stamp.verified = prepared.verified;
    if (!prepared.verified)
      stamp.note = tr("export.note.unverified");
    for (FileId f : rs.files)
      stamp.sources.push_back({ws.sources.file(f).path(), sha256Hex(ws.sources.file(f).text())});
    stamp.date = dateJson(rs, asOf, today);
    return exp::toJson(rs, tree, stamp);
  };
  // DMN refuses a document it cannot write as one table (say why; nothing is written).
  auto dmn = [](const nlohmann::json &doc) {
    try {
      return exp::toDmn(doc);
    } catch (const std::runtime_error &e) {
      std::cerr << "wegwijzer export: --format dmn: " << e.what() << "\n";
      return std::string();
    }
  };
  std::string text;
  if (allPeriods) {
    nlohmann::json periods = nlohmann::json::array();
    for (const PeriodTree &p : prepared.all)
      periods.push_back(document(*p.ruleset, p.tree, p.ruleset->period.from));
    nlohmann::json doc = {{"format", "wegwijzer-history/1"},
                          {"ruleset", periods.front()["ruleset"]},
                          {"span", periodJson(prepared.history->span)},
                          {"periods", periods}};
    if (vectors) {
      engine::VectorOptions vectorOptions;
      vectorOptions.casesPerPath = casesPerPath;
      vectorOptions.tree.timeoutMs = std::max(1u, unsigned(limits.timeoutSeconds * 1000));
      vectorOptions.tree.memoryMb = limits.memoryMb;
      nlohmann::json sets = nlohmann::json::array();
      for (const PeriodTree &p : prepared.all) {
        DiagnosticSink sink;
        auto set =
            engine::conformanceVectors(*p.ruleset, p.tree, vectorOptions, sink, prepared.history);
        if (!set) {
          for (const Diagnostic &d : sink.all())
            std::cerr << renderText(d, ws.sources, {useColor(options)});
          return kInconclusive;
        }
        sets.push_back(std::move(*set));
      }
      nlohmann::json small = exp::toCompact(doc);
      doc = {{"format", "wegwijzer-vectors/1"},
             {"export", std::move(doc)},
             {"compact", std::move(small)},
             {"periods", std::move(sets)}};
    }
    if (compact)
      doc = exp::toCompact(doc);
    if (options.format == "dmn") {
      text = dmn(doc);
      if (text.empty())
        return kUsage;
    } else if (options.format == "json" || vectors) {
      text = doc.dump(vectors || compact ? -1 : 2, ' ', false,
                      nlohmann::json::error_handler_t::replace) +
             "\n";
    } else {
      for (const auto &doc : periods)
        text += (text.empty() ? "" : "\n---\n\n") + exp::toMarkdown(doc);
    }
  } else {
    nlohmann::json doc = document(*prepared.ruleset, *prepared.tree, prepared.asOf);
    text = compact ? exp::toCompact(doc).dump(-1, ' ', false,
                                              nlohmann::json::error_handler_t::replace) +
                         "\n"
           : options.format == "json"
               ? doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"
           : options.format == "dot" ? exp::toDot(doc)
           : options.format == "md"  ? exp::toMarkdown(doc)
           : options.format == "dmn" ? dmn(doc)
                                     : exp::toHtml(doc);
    if (text.empty())
      return kUsage;
  }
  if (outPath.empty()) {
    std::cout << text;
  } else {
    std::ofstream out(outPath, std::ios::binary);
    if (!out || !(out << text)) {
      std::cerr << "wegwijzer export: " << tr("usage.cannot_write", {{"path", outPath}}) << "\n";
      return kUsage;
    }
  }
  return kOk;
}

} // namespace ww::cli
