#pragma once
// Shared helpers of the unit tests: run the front end on a string, find diagnostics, and show
// the text a span underlines.

#include "compiler/ast/decl.h"
#include "compiler/ir/ruleset.h"
#include "compiler/parse/parse.h"
#include "compiler/sema/analyser.h"
#include "compiler/support/diagnostic.h"
#include "compiler/support/source.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wwtest {

/// Sources and the diagnostics reported about them, with the lookups every test needs.
struct Diagnosed {
  ww::SourceManager sources;
  ww::DiagnosticSink sink;

  /// The text a span underlines (empty for an invalid span).
  std::string text(ww::Span s) const {
    if (!s.valid())
      return "";
    const std::string &t = sources.file(s.file).text();
    return t.substr(s.begin, s.end - s.begin);
  }
  /// Every diagnostic with this code.
  std::vector<ww::Diagnostic> withCode(const std::string &code) const {
    std::vector<ww::Diagnostic> out;
    for (const auto &d : sink.all())
      if (d.code == code)
        out.push_back(d);
    return out;
  }
};

/// One file through the front end: parsed, and analysed when it parsed.
struct Front : Diagnosed {
  ww::FileId file = 0;
  std::unique_ptr<ww::ast::File> ast;
  std::optional<ww::ir::Ruleset> rs;

  std::size_t errors() const { return sink.errorCount(); }
  /// "CODE message" of every error, one a line (for INFO).
  std::string dump() const {
    std::string out;
    for (const auto &d : sink.all())
      out += d.code + " " + d.message + " [" + text(d.span) + "]\n";
    return out;
  }
};

inline std::unique_ptr<Front> parseOnly(const std::string &text, const std::string &path = "t.ww") {
  auto f = std::make_unique<Front>();
  f->file = f->sources.add(path, text);
  f->ast = ww::parse::parseFile(f->sources.file(f->file), f->sink);
  return f;
}

inline std::unique_ptr<Front> analyse(const std::string &text, const std::string &path = "t.ww") {
  auto f = parseOnly(text, path);
  if (f->ast)
    f->rs = ww::sema::analyse({f->ast.get()}, f->sink);
  return f;
}

/// A module and a ruleset that extends it, analysed as a chain.
struct Chain : Diagnosed {
  std::unique_ptr<ww::ast::File> module, ruleset;
  std::optional<ww::ir::Ruleset> rs;
};

inline std::unique_ptr<Chain> analyseChain(const std::string &module, const std::string &ruleset) {
  auto c = std::make_unique<Chain>();
  ww::FileId m = c->sources.add("m.ww", module);
  ww::FileId r = c->sources.add("r.ww", ruleset);
  c->module = ww::parse::parseFile(c->sources.file(m), c->sink);
  c->ruleset = ww::parse::parseFile(c->sources.file(r), c->sink);
  if (c->module && c->ruleset)
    c->rs = ww::sema::analyse({c->module.get(), c->ruleset.get()}, c->sink);
  return c;
}

inline int indexOf(const std::vector<ww::ir::Question> &xs, const std::string &id) {
  for (std::size_t i = 0; i < xs.size(); ++i)
    if (xs[i].id == id)
      return static_cast<int>(i);
  return -1;
}
template <class T> int idIndex(const std::vector<T> &xs, const std::string &id) {
  for (std::size_t i = 0; i < xs.size(); ++i)
    if (xs[i].id == id)
      return static_cast<int>(i);
  return -1;
}

} // namespace wwtest
