#pragma once
/// The names of a workspace: every declaration and every place a name is used, with what it
/// refers to, for hover, go to definition, references, rename, symbols, completion and
/// semantic tokens.
///
/// A name is looked up along the `extends` chain of the file it is written in (the file
/// itself, then its module, then that module's module): a ruleset sees its module's questions,
/// a module never sees a ruleset's rules. An answer is a name within its question (or
/// parameter), an outcome a name within its decision. Declarations of one name (a dated
/// version, an `override` in a ruleset, a rule in two versions) are one symbol for references
/// and rename: they share a key within a family of files (the files whose chains end in the
/// same module).

#include "engine/workspace.h"

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ww::lsp {

enum class SymbolKind {
  Ruleset,
  Module,
  Source,
  Question,
  Answer,
  Parameter,
  Obligation,
  Flag,
  Define,
  Decision,
  Outcome,
  Rule,
  Property,
  Test,
};

/// "question", "answer", … (the same in every language: part of a symbol's key)
const char *kindName(SymbolKind kind);
/// The kind as people read it, in the language (word.question: "question", "vraag").
std::string kindWord(SymbolKind kind);

/// One declaration.
struct Symbol {
  SymbolKind kind = SymbolKind::Rule;
  std::string name;
  std::string container; ///< an answer's question or parameter; an outcome's decision
  FileId file = 0;
  Span nameSpan;         ///< where the name is written (a test: its text)
  Span whole;            ///< the whole declaration
  std::string text;      ///< the declaration's text (question, outcome, …), when it has one
  std::string help;      ///< a question's help
  std::vector<std::string> details; ///< what a hover shows beyond the text, one line each
  bool yesNo = false;    ///< a yes/no question or parameter
  ast::Validity valid;
  /// The citations: the source's name and the locator.
  std::vector<std::pair<std::string, std::string>> cites;
  /// The key that declarations and uses of one name share (within a family).
  std::string key() const;
};

/// One use of a name.
struct Use {
  Span span;
  FileId file = 0;
  int symbol = -1; ///< the nearest declaration it refers to, -1 when unknown
};

class Index {
public:
  /// Indexes every file the workspace parsed (its ASTs).
  explicit Index(const engine::Workspace &ws);

  const std::vector<Symbol> &symbols() const { return symbols_; }
  const std::vector<Use> &uses() const { return uses_; }

  /// The declaration whose name, or a use of it, lies at `offset` of `file`, and the span of
  /// the name there.
  std::optional<std::pair<int, Span>> at(FileId file, std::size_t offset) const;
  /// Every declaration's name and every use of the symbol's name within its family (the
  /// declarations first when `withDeclarations`), sorted by file and offset.
  std::vector<Span> references(int symbol, bool withDeclarations) const;
  /// Every declaration of the symbol's name within its family (dated versions, overrides).
  std::vector<int> declarations(int symbol) const;
  /// The declarations `file` can see: its own and those of its modules.
  std::vector<int> visible(FileId file) const;
  /// The files of `file`'s chain, the file first.
  const std::vector<FileId> &chain(FileId file) const;
  /// The declaration of `name` of one of `kinds` that `file` sees (nearest first).
  std::optional<int> lookup(FileId file, const std::string &name,
                            std::initializer_list<SymbolKind> kinds,
                            const std::string &container = "") const;

private:
  struct Pending {
    FileId file;
    ast::Name name;
    std::vector<SymbolKind> kinds;
    std::string container;
    bool value = false; ///< a value of `container`: an outcome of a decision, else an answer
  };
  int declare(Symbol s);
  void indexFile(const ast::File &f);
  void use(FileId file, const ast::Name &name, std::initializer_list<SymbolKind> kinds,
           const std::string &container = "");
  void useExpr(FileId file, const ast::Expr &e);
  void useValue(FileId file, const ast::Name &subject, const ast::Value &v);
  void useCitations(FileId file, const std::vector<ast::Citation> &cites);
  FileId family(FileId file) const;
  std::optional<int> lookupKinds(FileId file, const std::string &name,
                                 const std::vector<SymbolKind> &kinds,
                                 const std::string &container) const;

  std::vector<Symbol> symbols_;
  std::vector<Use> uses_;
  std::vector<Pending> pending_;
  std::vector<std::vector<FileId>> chains_; ///< by FileId - 1
  std::map<std::pair<FileId, std::string>, std::vector<int>> byName_; ///< declarations
};

} // namespace ww::lsp
