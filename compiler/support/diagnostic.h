#pragma once
/// The one diagnostic type of every stage, from the parser to the verifier, and the sink
/// that stages report into. Library code never prints: the driver renders the sink.

#include "compiler/support/date.h"
#include "compiler/support/source.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ww {

enum class Severity { Error, Warning, Note };

/// "error", "warning" or "note".
const char *severityName(Severity severity);

/// A secondary location with its own short message ("first defined here").
struct Label {
  Span span;
  std::string message;
};

/// A finding: severity, stable code, primary span, a one-line message, labelled secondary
/// spans, and notes and help lines that render below the source excerpt.
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;    ///< stable, e.g. "E0101"; listed in docs/diagnostics.md
  Span span;           ///< primary location; may be invalid for file-less findings
  std::string message; ///< lowercase, no final period, names in backticks
  std::vector<Label> labels;
  std::vector<std::string> notes;
  std::vector<std::string> help;
  std::string id;         ///< stable finding id (code:ruleset:subject) for waivers and diffs
  std::string ruleset;    ///< the ruleset the finding is about, when there is one
  /// A finding in a shared module that holds word for word in several rulesets is reported
  /// once: every one of them, sorted (`ruleset` is the first). Empty otherwise.
  std::vector<std::string> rulesets;
  /// The id of the gap or conflict this finding follows from (docs/diagnostics.md, "Root
  /// causes"); text shows it under that finding. Empty otherwise.
  std::string causedBy;
  nlohmann::json details; ///< machine-readable evidence (cases, regions, rules), may be null
  std::vector<Period> periods; ///< where the ruleset has dates: the periods it holds in
  std::string waiver;     ///< an accepted finding: "until DATE by AUTHOR: REASON"; else empty

  Diagnostic &label(Span s, std::string m) {
    labels.push_back({s, std::move(m)});
    return *this;
  }
  Diagnostic &note(std::string n) {
    notes.push_back(std::move(n));
    return *this;
  }
  Diagnostic &withHelp(std::string h) {
    help.push_back(std::move(h));
    return *this;
  }
};

/// Collects diagnostics; stages keep going after an error so that one run reports them all.
class DiagnosticSink {
public:
  Diagnostic &report(Diagnostic diagnostic);
  Diagnostic &error(std::string code, Span span, std::string message);
  Diagnostic &warning(std::string code, Span span, std::string message);

  std::size_t errorCount() const;
  std::size_t warningCount() const;
  bool hasErrors() const { return errorCount() > 0; }
  const std::vector<Diagnostic> &all() const { return diagnostics_; }
  /// For marking findings after the fact (waivers).
  std::vector<Diagnostic> &mutableAll() { return diagnostics_; }
  /// Sorted by file path, position, then code and message; duplicates removed.
  std::vector<Diagnostic> sorted(const SourceManager &sources) const;

private:
  std::vector<Diagnostic> diagnostics_;
};

} // namespace ww
