#pragma once
/// Typed transformation of the ANTLR parse tree into our AST (no std::any visitors).

#include "compiler/ast/decl.h"
#include "compiler/parse/offsets.h"
#include "compiler/support/diagnostic.h"

#include "WegwijzerParser.h"

namespace ww::parse {

/// True when no syntax error touched ctx or anything in it (no error node, no rule left by an
/// exception).
bool parsedCleanly(antlr4::ParserRuleContext *ctx);

class Transformer {
public:
  Transformer(const Offsets &offsets, DiagnosticSink &sink) : offsets_(offsets), sink_(sink) {}

  /// The whole file, leaving out the declarations that did not parse cleanly (their names go
  /// to `dropped`); only called when the header parsed.
  std::unique_ptr<ast::File> file(gen::WegwijzerParser::FileContext *ctx);

private:
  // transform_decl.cpp
  void item(gen::WegwijzerParser::ItemContext *ctx, ast::File &out);
  ast::AnswerType answerType(gen::WegwijzerParser::AnswerTypeContext *ctx);
  ast::OutcomeDecl outcome(gen::WegwijzerParser::OutcomeDeclContext *ctx);
  ast::RuleDecl rule(gen::WegwijzerParser::RuleDeclContext *ctx);
  ast::PropertyDecl property(gen::WegwijzerParser::PropertyDeclContext *ctx);
  ast::TestDecl test(gen::WegwijzerParser::TestDeclContext *ctx);
  ast::Citation citation(gen::WegwijzerParser::CitationContext *ctx);
  std::vector<ast::Name> idList(gen::WegwijzerParser::IdListContext *ctx);
  ast::Validity validity(gen::WegwijzerParser::ValidityContext *ctx);
  /// Sets `into` from an attribute's clause; a second clause on one declaration is E0701.
  void validityOnce(ast::Validity &into, gen::WegwijzerParser::ValidityContext *ctx);
  /// A DATE token as a date; a bad one is reported (E0701) and gives nothing.
  std::optional<Date> date(antlr4::Token *token);

  // transform_expr.cpp
  ast::ExprPtr expr(gen::WegwijzerParser::ExprContext *ctx);
  ast::ExprPtr primary(gen::WegwijzerParser::PrimaryContext *ctx);
  ast::Value value(gen::WegwijzerParser::ValueContext *ctx);
  std::int64_t signedInt(gen::WegwijzerParser::SignedIntContext *ctx);

  // helpers shared by both files
  ast::Name name(antlr4::Token *token) const;
  std::string string(antlr4::Token *token) const;
  Span span(antlr4::ParserRuleContext *ctx) const { return offsets_.context(ctx); }

  const Offsets &offsets_;
  DiagnosticSink &sink_;
};

} // namespace ww::parse
