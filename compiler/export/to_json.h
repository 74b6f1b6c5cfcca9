#pragma once
/// The exported decision tree as JSON (schema: docs/export.schema.json). Every other format is
/// written from this same document, so apps, reviewers and the HTML page see one tree.

#include "compiler/export/tree.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ww::exp {

/// What the export says about where it came from.
struct Stamp {
  std::string toolVersion;
  struct File {
    std::string path, sha256;
  };
  std::vector<File> sources;
  bool verified = false; ///< false: exported with --unverified
  std::string note;      ///< e.g. why it is unverified
  /// The date the answers hold for: `asOf`, `period`, `span`, `historical`, `statement`
  /// (schema in docs/export.schema.json).
  nlohmann::json date;
};

/// The ruleset's content version: 16 hex digits of the SHA-256 over its files' hashes.
std::string contentVersion(const Stamp& stamp);

/// The tree with its questions, outcomes, obligations, citations and stamp.
nlohmann::json toJson(const ir::Ruleset &rs, const Tree &tree, const Stamp &stamp);

/// The citations of a leaf: its outcome's, then its rules', without repeats.
nlohmann::json leafCitations(const ir::Ruleset &rs, const Tree &tree, const Leaf &leaf);

/// The compact form of an export document (`export --compact`, wegwijzer-compact/1): every
/// string, array or object that occurs more than once (and is longer than a reference) is
/// stored once in `shared` and written `{"$": k}` where it occurs; shared values refer only to
/// those before them. Expanding the references gives `doc` back exactly.
nlohmann::json toCompact(const nlohmann::json &doc);

/// Markdown (a document a lawyer reviews), Graphviz DOT, and the standalone HTML page, all
/// written from the JSON document.
std::string toMarkdown(const nlohmann::json &doc);
std::string toDot(const nlohmann::json &doc);
std::string toHtml(const nlohmann::json &doc);

/// DMN 1.3 (docs/dmn.md): the main decision as one decision table with hit policy UNIQUE, one
/// rule per root-to-leaf path; for a history (wegwijzer-history/1) every period's paths with a
/// date input `peildatum` in half-open ranges. Throws std::runtime_error when the document
/// cannot be one table (more than 100,000 paths, a question whose type changes between periods).
std::string toDmn(const nlohmann::json &doc);

} // namespace ww::exp
