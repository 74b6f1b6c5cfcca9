#pragma once
/// What docs/diagnostics.md says about each code, read from the file itself (compiled in at
/// build time), for SARIF rule descriptions and help.

#include <string>
#include <string_view>
#include <vector>

namespace ww {

/// One row of a table in docs/diagnostics.md, as Markdown.
struct CodeDoc {
  std::string code, severity, meaning, message, fix;
};

/// Every documented code, in the order of docs/diagnostics.md.
const std::vector<CodeDoc> &codeDocs();
/// The row of a code, or null when the code is not documented.
const CodeDoc *codeDoc(std::string_view code);
/// Markdown as plain text: backticks and link targets removed, `\|` unescaped.
std::string plainText(std::string_view markdown);
/// The first sentence of a text (up to and including its first ". ", or all of it).
std::string firstSentence(std::string_view text);

} // namespace ww
