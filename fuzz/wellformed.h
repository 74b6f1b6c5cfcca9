#pragma once
// What the fuzz targets require of every output they render: JSON parses, XML (JUnit) is
// well-formed, text for a terminal carries no control sequence, GitHub workflow commands are
// only the tool's own, and no text of the input becomes markup. Each check returns why the
// output is wrong, or an empty string.

#include "compiler/support/terminal.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace wwfuzz {

/// Why `text` is not JSON; empty when it parses.
inline std::string jsonProblem(std::string_view text) {
  if (nlohmann::json::parse(text, nullptr, false).is_discarded())
    return "not JSON";
  return "";
}

/// The code point of the UTF-8 sequence at text[i] and its length; length 0 when the bytes are
/// not a valid sequence (overlong, surrogate, past U+10FFFF, truncated).
inline std::size_t decodeUtf8(std::string_view text, std::size_t i, std::uint32_t &cp) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = b(i);
  std::size_t n = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xE  ? 3
                  : (c >> 3) == 0x1E ? 4
                                     : 0;
  if (n == 0 || i + n > text.size())
    return 0;
  cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  static const std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

/// Why `text` is not well-formed XML 1.0, checked minimally: UTF-8 of characters XML allows,
/// one root element, tags balanced and nested, attribute values quoted without `<`, `&` only
/// in references, comments, CDATA and processing instructions closed.
inline std::string xmlProblem(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    std::size_t n = decodeUtf8(text, i, cp);
    if (n == 0)
      return "invalid UTF-8 at byte " + std::to_string(i);
    bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                   (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
    if (!allowed)
      return "a character XML 1.0 forbids at byte " + std::to_string(i);
    i += n;
  }
  auto nameChar = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':' || c == '-' ||
           c == '.' || static_cast<unsigned char>(c) >= 0x80;
  };
  auto reference = [&](std::size_t at) { // text[at] == '&': the length of a valid reference
    std::size_t semi = text.find(';', at);
    if (semi == std::string_view::npos)
      return std::size_t(0);
    std::string_view ref = text.substr(at + 1, semi - at - 1);
    if (ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot" || ref == "apos")
      return semi - at + 1;
    if (ref.size() >= 2 && ref[0] == '#') {
      bool hex = ref[1] == 'x';
      std::string_view digits = ref.substr(hex ? 2 : 1);
      if (digits.empty())
        return std::size_t(0);
      for (char c : digits)
        if (!(hex ? std::isxdigit(static_cast<unsigned char>(c))
                  : std::isdigit(static_cast<unsigned char>(c))))
          return std::size_t(0);
      return semi - at + 1;
    }
    return std::size_t(0);
  };
  std::vector<std::string_view> open;
  int roots = 0;
  std::size_t i = 0;
  auto at = [&](std::string_view s) { return text.substr(i, s.size()) == s; };
  while (i < text.size()) {
    if (text[i] != '<') {
      if (open.empty() && !std::isspace(static_cast<unsigned char>(text[i])))
        return "text outside the root element at byte " + std::to_string(i);
      if (text[i] == '&') {
        std::size_t n = reference(i);
        if (n == 0)
          return "a bare `&` at byte " + std::to_string(i);
        i += n;
      } else {
        ++i;
      }
      continue;
    }
    std::string_view close;
    if (at("<!--"))
      close = "-->";
    else if (at("<![CDATA["))
      close = "]]>";
    else if (at("<?"))
      close = "?>";
    if (!close.empty()) {
      std::size_t end = text.find(close, i + 2);
      if (end == std::string_view::npos)
        return "an unclosed comment, CDATA section or processing instruction";
      i = end + close.size();
      continue;
    }
    bool closing = at("</");
    std::size_t start = i + (closing ? 2 : 1);
    std::size_t j = start;
    while (j < text.size() && nameChar(text[j]))
      ++j;
    std::string_view name = text.substr(start, j - start);
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])) || name[0] == '-' ||
        name[0] == '.')
      return "a `<` that starts no tag at byte " + std::to_string(i);
    if (closing) {
      while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j])))
        ++j;
      if (j >= text.size() || text[j] != '>')
        return "an unclosed end tag at byte " + std::to_string(i);
      if (open.empty() || open.back() != name)
        return "end tag `" + std::string(name) + "` does not match at byte " + std::to_string(i);
      open.pop_back();
      i = j + 1;
      continue;
    }
    if (open.empty() && ++roots > 1)
      return "a second root element at byte " + std::to_string(i);
    bool selfClosing = false;
    while (true) {
      bool space = false;
      while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) {
        ++j;
        space = true;
      }
      if (j >= text.size())
        return "an unclosed start tag";
      if (text[j] == '>') {
        ++j;
        break;
      }
      if (text.substr(j, 2) == "/>") {
        j += 2;
        selfClosing = true;
        break;
      }
      std::size_t a = j;
      while (j < text.size() && nameChar(text[j]))
        ++j;
      if (a == j || !space)
        return "a malformed attribute at byte " + std::to_string(a);
      if (j >= text.size() || text[j] != '=')
        return "an attribute without `=` at byte " + std::to_string(a);
      ++j;
      if (j >= text.size() || (text[j] != '"' && text[j] != '\''))
        return "an unquoted attribute value at byte " + std::to_string(j);
      char quote = text[j];
      std::size_t end = text.find(quote, j + 1);
      if (end == std::string_view::npos)
        return "an unclosed attribute value";
      for (std::size_t k = j + 1; k < end; ++k) {
        if (text[k] == '<')
          return "`<` in an attribute value at byte " + std::to_string(k);
        if (text[k] == '&' && reference(k) == 0)
          return "a bare `&` in an attribute value at byte " + std::to_string(k);
      }
      j = end + 1;
    }
    if (!selfClosing)
      open.push_back(name);
    i = j;
  }
  if (!open.empty())
    return "element `" + std::string(open.back()) + "` is not closed";
  if (roots != 1)
    return "no root element";
  return "";
}

/// Why `text`, once through the terminal filter as main() installs it, would still carry a
/// control character other than tab and newline (an ESC sequence, a carriage return, a C1
/// control, a bidirectional override); empty when it carries none. `color`: the text may hold
/// the tool's own colour markers.
inline std::string terminalProblem(std::string_view text, bool color = false) {
  if (!color && (text.find(ww::kEsc) != std::string_view::npos ||
                 text.find(ww::kCr) != std::string_view::npos))
    return "the tool's ESC or CR marker without colours (the input made it)";
  std::string shown = ww::terminalSafe(text);
  for (std::size_t i = 0; i < shown.size();) {
    std::uint32_t cp = 0;
    std::size_t n = decodeUtf8(shown, i, cp);
    if (n == 0)
      return "invalid UTF-8 after the filter at byte " + std::to_string(i);
    bool control = (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) ||
                   (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    if (control && !(color && cp == 0x1B))
      return "control character U+" + std::to_string(cp) + " after the filter at byte " +
             std::to_string(i);
    i += n;
  }
  return "";
}

/// Why `text`, a file the tool writes (Markdown, DOT, HTML), holds a C0 control character
/// other than tab and newline (those XML forbids: an ESC that `cat` would send to the terminal
/// as it is); empty when none.
inline std::string controlProblem(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n')
      return "control character " + std::to_string(c) + " at byte " + std::to_string(i);
  }
  return "";
}

/// Why `text` (GitHub workflow commands, then the text summary) holds a line that starts a
/// workflow command the tool did not write. The runner reads a command from any line that
/// starts with `::` after leading white space; every such line must come before the summary
/// and be `::error `, `::warning ` or `::notice ` with properties and `::`, or lie between
/// `::stop-commands::TOKEN` and `::TOKEN::`, where the runner reads no commands.
inline std::string githubProblem(std::string_view text) {
  bool summary = false;
  std::string resume; // `::TOKEN::` while commands are stopped
  std::size_t lineStart = 0;
  while (lineStart < text.size()) {
    std::size_t end = text.find('\n', lineStart);
    std::string_view line = text.substr(
        lineStart, end == std::string_view::npos ? std::string_view::npos : end - lineStart);
    std::size_t first = line.find_first_not_of(" \t");
    line = first == std::string_view::npos ? std::string_view() : line.substr(first);
    if (!resume.empty()) {
      if (line == resume)
        resume.clear();
    } else if (line.substr(0, 17) == "::stop-commands::") {
      resume = "::" + std::string(line.substr(17)) + "::";
      summary = true;
    } else if (line.substr(0, 2) == "::") {
      if (summary)
        return "a workflow command in the summary: " + std::string(line.substr(0, 80));
      bool known = false;
      for (std::string_view kind : {"::error ", "::warning ", "::notice "})
        known = known || line.substr(0, kind.size()) == kind;
      if (!known || line.find("::", 2) == std::string_view::npos)
        return "a line that is not one of the tool's annotations: " +
               std::string(line.substr(0, 80));
    } else {
      summary = true;
    }
    if (end == std::string_view::npos)
      break;
    lineStart = end + 1;
  }
  return terminalProblem(text);
}

/// Stops the run with the finding (libFuzzer saves the input).
[[noreturn]] inline void finding(const std::string &target, const std::string &what,
                                 std::string_view output = {}) {
  std::fprintf(stderr, "\n==== %s finding: %s\n", target.c_str(), what.c_str());
  if (!output.empty())
    std::fprintf(stderr, "==== output:\n%.*s\n",
                 static_cast<int>(std::min<std::size_t>(output.size(), 4000)), output.data());
  std::abort();
}

/// Each check of a rendered output: a finding when it fails.
inline void require(const std::string &target, const std::string &what, const std::string &problem,
                    std::string_view output) {
  if (!problem.empty())
    finding(target, what + ": " + problem, output);
}

} // namespace wwfuzz
