#pragma once
/// Semantic analysis: resolves every name and checks every type of a module chain and its
/// last file, and builds the IR. Reports all it finds; never stops at the first error.

#include "compiler/ast/decl.h"
#include "compiler/ir/ruleset.h"
#include "compiler/support/diagnostic.h"

#include <map>
#include <optional>

namespace ww::sema {

/// Which declarations an analysis sees.
struct AnalyseOptions {
  /// Only the declarations valid in this period (one period of the ruleset's timeline, so
  /// that every declaration is valid in all of it or in none). None: every declaration.
  std::optional<Period> period;
};

/// Analyses `chain` (root module first; the last file is the one analysed) and returns its
/// IR, or nothing when it has errors. Diagnostics about module files are reported too (the
/// sink's sorted() removes the repeats that analysing several rulesets of one module gives).
std::optional<ir::Ruleset> analyse(const std::vector<const ast::File *> &chain,
                                   DiagnosticSink &sink, const AnalyseOptions &options = {});

class Analyser {
public:
  Analyser(const std::vector<const ast::File *> &chain, DiagnosticSink &sink,
           const AnalyseOptions &options = {});
  std::optional<ir::Ruleset> run();

  /// The kind of a name in a message (`question`, `setting of parameter`), in the reader's
  /// language.
  static std::string kindWord(std::string_view what);

private:
  enum class SymKind { Question, Parameter, Define, Decision };
  struct Sym {
    SymKind kind;
    int index;
    Span span;
    std::size_t level; ///< position in the chain of the file that declared it
  };
  struct Entry { ///< a name in one of the other namespaces
    int index;
    Span span;
    std::size_t level;
  };
  /// What a condition may read where it is used.
  struct Ctx {
    bool decisions = true;
    const char *where = "frontend.where.condition"; ///< a catalogue key: who reads the decision
  };

  // declare.cpp
  bool withinLimits();
  bool rangeWithinLimits(std::int64_t lo, std::int64_t hi, Span span);
  void declareAll();
  bool declare(std::map<std::string, Entry> &table, const ast::Name &name, bool isOverride,
               const char *what, int &index);
  bool declareCond(const ast::Name &name, SymKind kind, bool isOverride, const char *what,
                   int &index);
  void duplicate(const ast::Name &name, Span first, const char *what, bool overridable = true);

  // resolve_expr.cpp
  ir::ExprRef resolve(const ast::Expr &e, const Ctx &ctx);
  ir::ExprRef resolveAtom(const ast::Expr &e, const Ctx &ctx);
  ir::ExprRef resolveDefine(int index, const ast::Expr &use);
  std::optional<std::int64_t> answerValue(int question, const ast::Value &v, const char *code);
  std::optional<int> outcomeOf(int decision, const ast::Value &v);
  std::optional<std::int64_t> parameterValue(int parameter, const ast::Value &v);
  bool parameterTest(int parameter, const ast::Expr &e, bool &result);
  bool falseWhateverParameters(const ir::Expr &guard);
  void unknownName(const ast::Name &name, const std::vector<std::string> &candidates,
                   const char *what);
  std::vector<std::string> condNames() const;

  // declare.cpp: dates
  /// True when a declaration with this validity exists in the analysed period.
  bool live(const ast::Validity &v) const;
  /// True when some file of the chain before the current level declares `name` as `what` on
  /// another date (so that an `override`, or an `exception to`, that finds nothing in this
  /// period is not an error).
  bool declaredOnOtherDates(const std::string &name, const char *what, std::size_t below) const;
  /// True when an undated test names something that exists on other dates but not in this
  /// period: the test does not run in this period.
  bool testElsewhere(const ast::TestDecl &t) const;

  // analyser.cpp
  /// True when a file of the chain had syntax errors: analysed, but no IR is returned.
  bool incomplete() const;
  /// True when `name` is the name of a declaration left out for a syntax error.
  bool dropped(const std::string &name) const;
  void resolveQuestions();
  void resolveParameters();
  void resolveOutcomes();
  void resolveRules();
  void resolveRest();
  void resolveTests();
  void checkGraphs();
  void lints();
  std::vector<ir::Citation> citations(const std::vector<ast::Citation> &list);
  std::vector<int> obligationList(const std::vector<ast::Name> &names);
  std::optional<int> lookup(const std::map<std::string, Entry> &table, const ast::Name &name,
                            const char *what);

  const std::vector<const ast::File *> &chain_;
  DiagnosticSink &sink_;
  AnalyseOptions options_;
  std::optional<Date> at_; ///< a date inside options_.period
  std::size_t errorsAtStart_;
  std::size_t level_ = 0; ///< the chain position being declared
  ir::Ruleset out_;

  std::map<std::string, Sym> cond_;
  std::map<std::string, Entry> sources_, obligations_, flags_, outcomes_, rules_;
  // AST declarations by IR index (an override replaces the module's).
  std::vector<const ast::QuestionDecl *> questionAst_;
  std::vector<const ast::ParameterDecl *> parameterAst_;
  std::vector<const ast::DefineDecl *> defineAst_;
  std::vector<const ast::DecisionDecl *> decisionAst_;
  std::vector<const ast::OutcomeDecl *> outcomeAst_;
  std::vector<const ast::RuleDecl *> ruleAst_;
  std::vector<std::optional<std::int64_t>> parameterValues_;
  std::vector<const ast::SetDecl *> parameterSets_;
  // defines: resolved lazily, with cycle detection
  std::vector<int> defineState_; ///< 0 new, 1 resolving, 2 done
  std::vector<ir::ExprRef> defineIr_;
  std::vector<bool> defineReadsParameter_;
  bool readsParameter_ = false; ///< set while resolving when a parameter was folded in
  /// The constants that parameter tests became: the parameter and the test as written.
  std::map<const ir::Expr *, std::pair<int, const ast::Expr *>> parameterTests_;
  /// The nodes parameterTests_ is keyed by, kept alive: a freed node's address could be taken
  /// by a new node of another condition, which would then pass for a parameter test.
  std::vector<ir::ExprRef> parameterTestNodes_;
  std::vector<bool> ruleInactive_;
};

} // namespace ww::sema
