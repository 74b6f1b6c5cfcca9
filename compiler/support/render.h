#pragma once
/// Rendering diagnostics for people (rustc-like text) and for programs (JSON). Pure
/// functions of the diagnostics and the in-memory sources.

#include "compiler/support/diagnostic.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace ww {

struct RenderOptions {
  bool color = false;
};

/// `file:line:col: error[CODE]: message`, the source line, an underline, labels, notes.
std::string renderText(const Diagnostic &diagnostic, const SourceManager &sources,
                       const RenderOptions &options = {});

/// The JSON object of one diagnostic (schema in docs/diagnostics.md).
nlohmann::json toJson(const Diagnostic &diagnostic, const SourceManager &sources);

/// The JSON object of a span: file, byte offsets, 1-based start and end line and column.
nlohmann::json spanJson(Span span, const SourceManager &sources);
/// `"2015-01-01"`, or null for no date.
nlohmann::json isoOrNull(const std::optional<Date> &date);
/// `{"from": "2015-01-01", "until": null}`: a period, an open end as null.
nlohmann::json periodJson(const Period &period);
/// The periods as an array of periodJson objects.
nlohmann::json periodsJson(const std::vector<Period> &periods);

/// Text escaped for XML and HTML content and attributes (& < > " '); control characters other
/// than tab and newline, which XML 1.0 forbids, become spaces, and U+FFFE, U+FFFF and each
/// byte of an invalid UTF-8 sequence become U+FFFD.
std::string escapeMarkup(std::string_view text);

/// The same characters replaced as escapeMarkup replaces them, without escaping markup: a text
/// every consumer of SARIF and XML can read.
std::string xmlSafe(std::string_view text);

/// "file:line:col" for a span, or "<command line>" for an invalid one.
std::string location(Span span, const SourceManager &sources);

} // namespace ww
