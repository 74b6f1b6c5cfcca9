#pragma once
/// The declarations of one `.ww` file, as written. Every node keeps its source span.

#include "compiler/ast/expr.h"
#include "compiler/support/date.h"

#include <optional>

namespace ww::ast {

/// `valid from 2015-01-01 until 2018-05-25`: the dates on which a declaration exists. Not
/// written: always (within the span of the ruleset).
struct Validity {
  Period period;
  Span span; ///< the clause; invalid when none was written
  /// A date of the clause is not a date (E0701): the clause says nothing, and the checks of
  /// dates leave out what would only follow from that (its file is never verified).
  bool bad = false;
  bool written() const { return span.valid(); }
};

/// `cite wjz "art. 53 lid 3"`
struct Citation {
  Name source;
  std::string locator;
  Span span;
};

/// `replaces amk, steunpunt "Samen zijn zij Veilig Thuis geworden"` after an answer: the
/// answers of an earlier period of the same question that this answer takes the place of.
struct Replaces {
  std::vector<Name> names;
  std::string reason; ///< empty when not written
  Span span;          ///< the clause; invalid when none was written
  bool written() const { return span.valid(); }
};

/// `yes/no`, `one of { a "label" b "label" }` or `0..17`.
struct AnswerType {
  enum class Kind { YesNo, OneOf, Range };
  /// `veilig_thuis "Veilig Thuis" valid from 2015-01-01 replaces amk, steunpunt`
  struct Answer {
    Name name;
    std::string label;
    Validity valid;
    Replaces replaces;
  };
  Kind kind = Kind::YesNo;
  std::vector<Answer> answers; ///< OneOf
  std::int64_t lo = 0, hi = 0; ///< Range (inclusive)
  Span span;
};

/// `source wjz "Wet op de jeugdzorg, art. 53 lid 3"`
struct SourceDecl {
  Name name;
  std::string text;
  bool isOverride = false;
  Validity valid;
  Span span;
};

/// `question leeftijd "Hoe oud is het kind?" 0..17 asked when situatie != volwassenen`
struct QuestionDecl {
  Name name;
  std::string text;
  AnswerType type;
  ExprPtr askedWhen; ///< may be null: always asked
  std::string help;
  bool isOverride = false;
  Validity valid;
  Span span;
};

/// `parameter politieambtenaar "Is de beroepskracht politieambtenaar?" yes/no`
struct ParameterDecl {
  Name name;
  std::string text;
  AnswerType type;
  Span span;
};

/// `set politieambtenaar = no cite wgbo`
struct SetDecl {
  Name name;
  Value value;
  std::vector<Citation> citations;
  Span span;
};

/// `obligation vastleggen "Leg uw afweging vast in het cliëntendossier."`
struct ObligationDecl {
  Name name;
  std::string text;
  bool isOverride = false;
  Validity valid;
  Span span;
};

/// `flag verplicht "De beroepskracht is verplicht te delen"`
struct FlagDecl {
  Name name;
  std::string text;
  Validity valid;
  Span span;
};

/// `define kind_betrokken = situatie in {kindermishandeling, kind_getuige}`
struct DefineDecl {
  Name name;
  std::string text;
  ExprPtr cond;
  bool isOverride = false;
  Validity valid;
  Span span;
};

/// `outcome meldrecht "U mag melden." discloses without consent obliges vastleggen cite wjz`
struct OutcomeDecl {
  Name name;
  std::string text;
  std::vector<Citation> citations;
  std::vector<Name> obligations;
  std::vector<Name> flags;
  bool discloses = false;
  bool withoutConsent = false;
  Validity valid;
  Span span;
};

/// `decision delen "Mag ik delen?" { outcome … }`; `extend decision delen { … }` adds outcomes.
struct DecisionDecl {
  Name name;
  std::string text;
  std::vector<OutcomeDecl> outcomes;
  bool isExtend = false;
  Span span;
};

/// `rule meldrecht_amk exception to geen_toestemming when … then meldrecht cite wjz`
struct RuleDecl {
  Name name;
  std::vector<Name> exceptionTo;
  ExprPtr cond;
  Name outcome;
  std::vector<Name> obligations;
  std::vector<Citation> citations;
  bool isOverride = false;
  Validity valid;
  Span span;
};

/// `assume "volwassenen hebben geen leeftijd": …`
struct AssumeDecl {
  std::string text;
  ExprPtr cond;
  Validity valid;
  Span span;
};

/// `property "…": COND` or `property "…": delen does not depend on toestemming where COND`
struct PropertyDecl {
  enum class Kind { Condition, Independence };
  Kind kind = Kind::Condition;
  Name name; ///< optional id; empty text when not written
  std::string text;
  ExprPtr cond;                ///< Condition: the statement; Independence: the `where`, may be null
  Name decision;               ///< Independence
  std::vector<Name> questions; ///< Independence
  Validity valid;
  Span span;
};

/// `q = v` inside a test's `given`.
struct Given {
  Name question;
  Value value;
  Span span;
};

/// `expect meldrecht obliges vastleggen`
struct Expectation {
  Name outcome;
  std::optional<std::vector<Name>> obligations; ///< exact set, when written
  Span span;
};

/// `test "…" { given … expect … }`
struct TestDecl {
  std::string text;
  std::vector<Given> givens;
  std::vector<Expectation> expects;
  std::optional<Date> asOf; ///< `as of 2016-03-01`; none: every period its names are valid in
  Span span;
};

/// One file: a `module` or a `ruleset`, and its declarations in source order.
struct File {
  enum class Kind { Module, Ruleset };
  Kind kind = Kind::Ruleset;
  Name name;
  std::string title;
  std::optional<Name> base; ///< `extends`
  FileId file = 0;
  Span headerSpan;
  Validity valid; ///< the span of time the file models (`valid from 2009-01-01` in the header)

  std::vector<SourceDecl> sources;
  std::vector<QuestionDecl> questions;
  std::vector<ParameterDecl> parameters;
  std::vector<SetDecl> sets;
  std::vector<ObligationDecl> obligations;
  std::vector<FlagDecl> flags;
  std::vector<DefineDecl> defines;
  std::vector<DecisionDecl> decisions;
  std::vector<RuleDecl> rules;
  std::vector<AssumeDecl> assumes;
  std::vector<PropertyDecl> properties;
  std::vector<TestDecl> tests;

  /// True when the file had syntax errors: the declarations that did not parse are left out
  /// (the rest is analysed, but nothing that reads the file is verified, tested or exported).
  bool syntaxErrors = false;
  /// The names of the declarations left out for a syntax error, where the parser got as far
  /// as their name (for a decision, its outcomes' names too): an unknown name among these is
  /// not reported again.
  std::vector<std::string> dropped;
};

/// A readable dump of the file's declarations (`wegwijzer dump ast`), without spans.
std::string dump(const File &file);

} // namespace ww::ast
