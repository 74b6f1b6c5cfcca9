#pragma once
/// `wegwijzer fmt`: one canonical layout for a `.ww` file, computed from its tokens alone
/// (comments and blank lines between declarations kept). See docs/fmt.md.

#include "compiler/parse/keywords.h"
#include "compiler/support/diagnostic.h"

#include <optional>
#include <string>

namespace ww::parse {

/// The file in the canonical layout, or nothing when it does not parse (the syntax errors go
/// to sink). The result has exactly the file's tokens and comments, in the same order;
/// formatting it again gives the same text.
///
/// With `keywords`, the file is written in that keyword set (`fmt --keywords`): its keywords
/// are spelled as that set spells them, and nothing else changes. A name that would be read as
/// a keyword of that set is refused (E0012), never written.
std::optional<std::string> formatFile(const SourceFile &file, DiagnosticSink &sink,
                                      std::optional<KeywordSet> keywords = std::nullopt);

} // namespace ww::parse
