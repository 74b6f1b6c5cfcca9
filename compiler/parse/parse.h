#pragma once
/// The front door of the front end: text in, AST out. ANTLR types never leave parse/.

#include "compiler/ast/decl.h"
#include "compiler/support/diagnostic.h"

#include <memory>

namespace ww::parse {

/// Conditions nested deeper than this are rejected with E0004 instead of parsed.
inline constexpr int kMaxNesting = 200;

/// Parses one file. Reports every syntax error (the parser recovers at the declaration) into
/// sink. Returns null when the file cannot be parsed at all (empty, not UTF-8, too deep, a
/// number out of range, a header that does not parse). After other syntax errors it returns
/// the declarations that parsed, with `syntaxErrors` set and the left-out names in `dropped`:
/// analysis reports their errors but never gives an IR for such a file.
std::unique_ptr<ast::File> parseFile(const SourceFile &file, DiagnosticSink &sink);

/// Whether the file is UTF-8 text: no NUL byte, only well-formed UTF-8; E0002 at the first bad
/// byte otherwise. `what` names such files in the note (`rule files`, `waiver files`).
bool isText(const SourceFile &file, DiagnosticSink &sink, const char *what = "rule files");

} // namespace ww::parse
