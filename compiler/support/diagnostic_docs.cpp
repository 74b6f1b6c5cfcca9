#include "compiler/support/diagnostic_docs.h"

#include <algorithm>

namespace ww {
namespace {

const char *const kDiagnosticsMd =
#include "diagnostics_md.inc"
    ;

std::string trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  return std::string(s);
}

// The cells of a Markdown table row; `\|` does not split.
std::vector<std::string> cells(std::string_view row) {
  std::vector<std::string> out;
  std::string cell;
  for (std::size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '\\' && i + 1 < row.size() && row[i + 1] == '|') {
      cell += "\\|";
      ++i;
    } else if (row[i] == '|') {
      out.push_back(trim(cell));
      cell.clear();
    } else {
      cell += row[i];
    }
  }
  return out;
}

std::vector<CodeDoc> parse() {
  std::vector<CodeDoc> out;
  std::string_view text = kDiagnosticsMd;
  const std::string_view anchor = "| <a id=\"";
  while (!text.empty()) {
    std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (line.substr(0, anchor.size()) != anchor)
      continue;
    std::vector<std::string> c = cells(line);
    if (c.size() < 5)
      continue;
    CodeDoc d;
    std::size_t close = c[0].find("</a>");
    d.code = trim(c[0].substr(close == std::string::npos ? 0 : close + 4));
    d.severity = c[1];
    d.meaning = c[2];
    d.message = c[3];
    d.fix = c[4];
    out.push_back(std::move(d));
  }
  return out;
}

} // namespace

const std::vector<CodeDoc> &codeDocs() {
  static const std::vector<CodeDoc> docs = parse();
  return docs;
}

const CodeDoc *codeDoc(std::string_view code) {
  const auto &docs = codeDocs();
  auto it = std::find_if(docs.begin(), docs.end(), [&](const CodeDoc &d) { return d.code == code; });
  return it == docs.end() ? nullptr : &*it;
}

std::string plainText(std::string_view md) {
  std::string out;
  for (std::size_t i = 0; i < md.size(); ++i) {
    char c = md[i];
    if (c == '`')
      continue;
    if (c == '\\' && i + 1 < md.size() && md[i + 1] == '|')
      continue;
    if (c == ']' && i + 1 < md.size() && md[i + 1] == '(') { // [text](target) -> text
      std::size_t close = md.find(')', i);
      if (close != std::string_view::npos) {
        i = close;
        continue;
      }
    }
    if (c == '[')
      continue;
    out += c;
  }
  return trim(out);
}

std::string firstSentence(std::string_view text) {
  std::size_t dot = text.find(". ");
  return trim(dot == std::string_view::npos ? text : text.substr(0, dot + 1));
}

} // namespace ww
