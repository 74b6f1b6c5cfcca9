#include "compiler/support/render.h"

#include "compiler/support/i18n.h"
#include "compiler/support/terminal.h"

#include <fmt/format.h>

#include <algorithm>

namespace ww {
namespace {

std::string printable(std::string_view line);

// Colours as SGR sequences, with the tool's own ESC marker (terminal.h).
const char *colorOf(Severity severity) {
  switch (severity) {
  case Severity::Error:
    return "1;31m";
  case Severity::Warning:
    return "1;33m";
  case Severity::Note:
    return "1;36m";
  }
  return "0m";
}

std::string paint(const RenderOptions &options, const char *color, const std::string &text) {
  if (!options.color)
    return text;
  return fmt::format("{}[{}{}{}[0m", kEsc, color, text, kEsc);
}

// The source line under a span, with an underline of `mark` characters.
void renderSnippet(std::string &out, Span span, char mark, const std::string &message,
                   const SourceManager &sources, const RenderOptions &options, const char *color) {
  const SourceFile &file = sources.file(span.file);
  LineCol start = file.lineCol(span.begin);
  LineCol stop = file.lineCol(std::max(span.end, span.begin));
  std::string lineText = printable(file.line(start.line));
  std::size_t lineWidth = codePointCount(lineText);
  std::size_t width = stop.line == start.line ? stop.column - start.column : 0;
  if (stop.line != start.line)
    width = lineWidth >= start.column ? lineWidth - start.column + 1 : 1;
  width = std::max<std::size_t>(width, 1);
  // Very long lines are shown as a window around the span.
  constexpr std::size_t kWindow = 100;
  std::size_t column = start.column;
  if (lineWidth > kWindow) {
    std::size_t first = column > kWindow / 2 ? column - kWindow / 2 : 1;
    std::string cut;
    std::size_t cp = 0;
    for (std::size_t i = 0; i < lineText.size(); ++i) {
      bool lead = (static_cast<unsigned char>(lineText[i]) & 0xC0) != 0x80;
      if (lead)
        ++cp;
      if (cp >= first && cp < first + kWindow)
        cut += lineText[i];
    }
    bool before = first > 1, after = first + kWindow <= lineWidth;
    lineText = (before ? "…" : "") + cut + (after ? "…" : "");
    column = column - first + 1 + (before ? 1 : 0);
    width = std::min(width, kWindow - (column - 1) + (before ? 1 : 0));
  }
  std::string number = std::to_string(start.line);
  std::string gutter(number.size(), ' ');
  out += fmt::format("{} |\n", gutter);
  out += fmt::format("{} | {}\n", number, lineText);
  std::string underline = std::string(column - 1, ' ') + std::string(width, mark);
  if (!message.empty())
    underline += " " + message;
  out += fmt::format("{} | {}\n", gutter, paint(options, color, underline));
}

// The line with tabs as spaces, and bytes that are not printable UTF-8 (a NUL, invalid
// sequences, control characters) as one `?` each, so that the output stays valid text.
std::string printable(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    auto c = static_cast<unsigned char>(line[i]);
    std::size_t len = validUtf8SequenceLength(line, i);
    if (len == 0) {
      out += '?';
      ++i;
      continue;
    }
    if (len == 1 && c == '\t')
      out += ' ';
    else if (len == 1 && (c < 0x20 || c == 0x7f))
      out += '?';
    else
      out.append(line.substr(i, len));
    i += len;
  }
  return out;
}

} // namespace

namespace {

// U+FFFE and U+FFFF, which XML 1.0 does not allow (`EF BF BE`, `EF BF BF`).
bool xmlNonCharacter(std::string_view text, std::size_t at, std::size_t len) {
  return len == 3 && static_cast<unsigned char>(text[at]) == 0xEF &&
         static_cast<unsigned char>(text[at + 1]) == 0xBF &&
         (static_cast<unsigned char>(text[at + 2]) & 0xFE) == 0xBE;
}

} // namespace

std::string xmlSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      std::size_t len = validUtf8SequenceLength(text, i);
      if (len == 0 || xmlNonCharacter(text, i, len)) {
        out += "\xEF\xBF\xBD";
      } else {
        out.append(text.substr(i, len));
        i += len - 1;
      }
      continue;
    }
    out += c < 0x20 && c != '\n' && c != '\t' ? ' ' : static_cast<char>(c);
  }
  return out;
}

std::string escapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      // Markup must be valid UTF-8 of characters XML allows: an invalid sequence, U+FFFE and
      // U+FFFF become U+FFFD.
      std::size_t len = validUtf8SequenceLength(text, i);
      if (len == 0 || xmlNonCharacter(text, i, len)) {
        out += "\xEF\xBF\xBD";
      } else {
        out.append(text.substr(i, len));
        i += len - 1;
      }
      continue;
    }
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
        out += ' ';
      else
        out += c;
    }
  }
  return out;
}

std::string location(Span span, const SourceManager &sources) {
  if (!span.valid())
    return tr("render.command_line");
  const SourceFile &file = sources.file(span.file);
  LineCol lc = file.lineCol(span.begin);
  return fmt::format("{}:{}:{}", file.path(), lc.line, lc.column);
}

std::string renderText(const Diagnostic &d, const SourceManager &sources,
                       const RenderOptions &options) {
  std::string out;
  std::string head =
      fmt::format("{}[{}]{}", tr(fmt::format("severity.{}", severityName(d.severity))), d.code,
                  d.waiver.empty() ? "" : " " + tr("render.waived"));
  if (d.span.valid())
    out += fmt::format("{}: {}: {}\n", location(d.span, sources),
                       paint(options, colorOf(d.severity), head), d.message);
  else
    out += fmt::format("{}: {}\n", paint(options, colorOf(d.severity), head), d.message);
  if (d.span.valid())
    renderSnippet(out, d.span, '^', "", sources, options, colorOf(d.severity));
  for (const Label &label : d.labels) {
    if (!label.span.valid())
      continue;
    out += fmt::format("  ::: {}\n", location(label.span, sources));
    renderSnippet(out, label.span, '-', label.message, sources, options, "1;34m");
  }
  for (const std::string &note : d.notes) {
    std::string indented = note;
    for (std::size_t pos = 0; (pos = indented.find('\n', pos)) != std::string::npos; pos += 9)
      indented.replace(pos, 1, "\n        ");
    out += fmt::format("  = {}: {}\n", tr("render.note"), indented);
  }
  for (const std::string &help : d.help)
    out += fmt::format("  = {}: {}\n", tr("render.help"), help);
  return out;
}

nlohmann::json spanJson(Span span, const SourceManager &sources) {
  if (!span.valid())
    return nullptr;
  const SourceFile &file = sources.file(span.file);
  LineCol start = file.lineCol(span.begin);
  LineCol stop = file.lineCol(span.end);
  return {{"file", file.path()},     {"begin", span.begin},    {"end", span.end},
          {"line", start.line},      {"column", start.column}, {"endLine", stop.line},
          {"endColumn", stop.column}};
}

nlohmann::json isoOrNull(const std::optional<Date> &date) {
  return date ? nlohmann::json(date->iso()) : nlohmann::json(nullptr);
}

nlohmann::json periodJson(const Period &p) {
  return {{"from", isoOrNull(p.from)}, {"until", isoOrNull(p.until)}};
}

nlohmann::json periodsJson(const std::vector<Period> &periods) {
  nlohmann::json j = nlohmann::json::array();
  for (const Period &p : periods)
    j.push_back(periodJson(p));
  return j;
}

nlohmann::json toJson(const Diagnostic &d, const SourceManager &sources) {
  nlohmann::json labels = nlohmann::json::array();
  for (const Label &label : d.labels)
    labels.push_back({{"span", spanJson(label.span, sources)}, {"message", label.message}});
  nlohmann::json j = {{"severity", severityName(d.severity)},
                      {"code", d.code},
                      {"message", d.message},
                      {"span", spanJson(d.span, sources)},
                      {"labels", labels},
                      {"notes", d.notes},
                      {"help", d.help}};
  if (!d.id.empty())
    j["id"] = d.id;
  if (!d.ruleset.empty())
    j["ruleset"] = d.ruleset;
  if (!d.rulesets.empty())
    j["rulesets"] = d.rulesets;
  if (!d.causedBy.empty())
    j["causedBy"] = d.causedBy;
  if (!d.details.is_null())
    j["details"] = d.details;
  if (!d.periods.empty())
    j["periods"] = periodsJson(d.periods);
  if (!d.waiver.empty())
    j["waived"] = d.waiver;
  return j;
}

} // namespace ww
