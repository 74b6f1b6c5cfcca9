#include "compiler/support/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace ww {

const char *severityName(Severity severity) {
  switch (severity) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "note";
  }
  return "error";
}

Diagnostic &DiagnosticSink::report(Diagnostic diagnostic) {
  diagnostics_.push_back(std::move(diagnostic));
  return diagnostics_.back();
}

Diagnostic &DiagnosticSink::error(std::string code, Span span, std::string message) {
  Diagnostic d;
  d.severity = Severity::Error;
  d.code = std::move(code);
  d.span = span;
  d.message = std::move(message);
  return report(std::move(d));
}

Diagnostic &DiagnosticSink::warning(std::string code, Span span, std::string message) {
  Diagnostic &d = error(std::move(code), span, std::move(message));
  d.severity = Severity::Warning;
  return d;
}

std::size_t DiagnosticSink::errorCount() const {
  return std::count_if(diagnostics_.begin(), diagnostics_.end(),
                       [](const Diagnostic &d) { return d.severity == Severity::Error; });
}

std::size_t DiagnosticSink::warningCount() const {
  return std::count_if(diagnostics_.begin(), diagnostics_.end(),
                       [](const Diagnostic &d) { return d.severity == Severity::Warning; });
}

std::vector<Diagnostic> DiagnosticSink::sorted(const SourceManager &sources) const {
  std::vector<Diagnostic> out = diagnostics_;
  // A file's syntax errors first: what follows from them (a declaration left out) comes after.
  auto syntax = [](const std::string &code) {
    return code == "E0001" || code == "E0002" || code == "E0003" || code == "E0004" ||
           code == "E0009" || code == "E0701";
  };
  auto key = [&](const Diagnostic &d) {
    std::string path = d.span.valid() ? sources.file(d.span.file).path() : std::string();
    return std::make_tuple(path, !syntax(d.code), d.span.begin, d.span.end, d.code, d.message,
                           d.id);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const Diagnostic &a, const Diagnostic &b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end(),
                        [&](const Diagnostic &a, const Diagnostic &b) {
                          return key(a) == key(b) && a.notes == b.notes;
                        }),
            out.end());
  return out;
}

} // namespace ww
