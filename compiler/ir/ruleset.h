#pragma once
/// The normalised ruleset that the verifier, the evaluator and every exporter read: names
/// resolved to indices, defines and parameters folded in, a module merged into its ruleset.

#include "compiler/support/date.h"
#include "compiler/support/source.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ww::ir {

struct Expr;
/// Conditions are immutable and shared (a define is inlined wherever it is used).
using ExprRef = std::shared_ptr<const Expr>;

/// A resolved condition. Reading a question that is not asked, or a decision that has no
/// single outcome, is *undefined*; the connectives follow Kleene's three-valued logic.
struct Expr {
  enum class Kind {
    Const,             ///< true / false
    Not,               ///< args[0]
    And,               ///< all args (n-ary)
    Or,                ///< any arg (n-ary)
    QuestionIn,        ///< answer of `question` is one of `values` (yes = 1, no = 0, list = index)
    QuestionRange,     ///< lo <= answer of `question` <= hi
    DecisionIn,        ///< the outcome of `decision` is one of `outcomes`
    DecisionDiscloses, ///< the outcome of `decision` discloses
    DecisionWithoutConsent, ///< the outcome of `decision` is without consent
    DecisionObliges,        ///< the case's obligations for `decision` include `target`
    DecisionFlag,           ///< the outcome of `decision` carries flag `target`
  };
  Kind kind = Kind::Const;
  Span span;
  bool value = false;
  std::vector<ExprRef> args;
  int question = -1;
  std::vector<std::int64_t> values;
  std::int64_t lo = 0, hi = 0;
  int decision = -1;
  std::vector<int> outcomes;
  int target = -1;
};

ExprRef makeConst(bool value, Span span);
ExprRef makeNot(ExprRef arg, Span span);
ExprRef makeAnd(std::vector<ExprRef> args, Span span);
ExprRef makeOr(std::vector<ExprRef> args, Span span);

struct Citation {
  int source = -1;
  std::string locator;
  Span span;
};

struct Source {
  std::string id, text;
  Span span;
};

struct Obligation {
  std::string id, text;
  Span span;
};

struct Flag {
  std::string id, text;
  Span span;
};

struct Answer {
  std::string id, label;
  Span span;
  /// `replaces amk, steunpunt "reason"`: the answers of an earlier period of this question
  /// that this answer takes the place of, and the reason written (may be empty).
  std::vector<std::string> replaces;
  std::string reason;
};

/// An answer of another period that is not an answer of this period's question, but that a
/// `replaces` clause sends to one of its answers (`amk` after 2015: `veilig_thuis`). Built by
/// `sema::analyseHistory` from every period of the ruleset.
struct Redirect {
  std::string id, label;        ///< the old answer, as it was
  std::vector<Period> valid;    ///< the dates on which it was an answer (merged)
  int answer = -1;              ///< the answer of this question that replaces it
  std::vector<std::string> via; ///< answers replaced in between, in date order (usually none)
  std::optional<Date> since;    ///< the first day of the first replacement (none: no start)
  std::string reason;           ///< the `replaces` clause's text, else its question's help
};

enum class QuestionType { YesNo, OneOf, Range };

struct Question {
  std::string id, text, help;
  QuestionType type = QuestionType::YesNo;
  std::vector<Answer> answers;     ///< OneOf
  std::int64_t lo = 0, hi = 1;     ///< the domain: YesNo 0..1, OneOf 0..n-1, Range as written
  ExprRef askedWhen;               ///< null: always asked
  std::vector<Redirect> redirects; ///< OneOf: old answers and their replacements, by old id
  Span span;

  /// The number of answers, computed without overflow; the whole 64-bit range (2^64 answers)
  /// gives the largest std::uint64_t.
  std::uint64_t domainSize() const {
    std::uint64_t width = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    return width == UINT64_MAX ? width : width + 1;
  }
  /// `yes`, `no`, the answer id, or the number.
  std::string valueText(std::int64_t value) const;
  /// The words a professional reads: a list answer's label, `ja`/`nee`, or the number.
  std::string valueLabel(std::int64_t value) const;
};

struct Outcome {
  std::string id, text;
  int decision = -1;
  std::vector<int> obligations;
  std::vector<int> flags;
  bool discloses = false;
  bool withoutConsent = false;
  std::vector<Citation> citations;
  Span span;
};

struct Decision {
  std::string id, text;
  std::vector<int> outcomes;
  std::vector<int> rules; ///< the rules that decide it, in source order
  bool isMain = false;    ///< no other decision reads it
  Span span;
};

struct Rule {
  std::string id;
  int decision = -1;
  int outcome = -1;
  ExprRef guard;
  std::vector<int> exceptionTo; ///< rules this one removes where it applies
  std::vector<int> obligations; ///< added to the outcome's
  std::vector<Citation> citations;
  bool inactive = false; ///< a parameter of this profession makes its condition false
  Span span;
};

struct Assumption {
  std::string text;
  ExprRef cond;
  Span span;
};

struct Property {
  enum class Kind { Condition, Independence };
  std::string id, text;
  Kind kind = Kind::Condition;
  ExprRef cond;               ///< Condition: the statement; Independence: `where` (may be null)
  ExprRef premise;            ///< Condition of the form `A implies B`: A, for the vacuity check
  int decision = -1;          ///< Independence
  std::vector<int> questions; ///< Independence
  std::string origin;         ///< the module or ruleset that declared it
  Span span;
};

struct Test {
  struct Given {
    int question = -1;
    std::int64_t value = 0;
    Span span;
  };
  struct Expect {
    int outcome = -1;
    std::optional<std::vector<int>> obligations; ///< sorted, exact
    Span span;
  };
  std::string text;
  std::vector<Given> givens;
  std::vector<Expect> expects;
  Span span;
};

/// One profession's complete rule set, module included, in declaration order.
struct Ruleset {
  std::string id, title;
  bool isModule = false;
  Span span;                 ///< the header
  std::vector<FileId> files; ///< root module first
  std::vector<Source> sources;
  std::vector<Obligation> obligations;
  std::vector<Flag> flags;
  std::vector<Question> questions; ///< in the author's order
  std::vector<Decision> decisions;
  std::vector<Outcome> outcomes;
  std::vector<Rule> rules;
  std::vector<Assumption> assumptions;
  std::vector<Property> properties;
  std::vector<Test> tests;
  std::vector<int> decisionOrder; ///< every decision after those it reads
  std::vector<int> questionOrder; ///< every question after those its `asked when` reads

  // Time. A ruleset is analysed once per period of its timeline: this IR holds the
  // declarations valid in `period`, and every declaration is valid in all of it or in none.
  Period period;       ///< the dates on which this IR's answers hold
  Period timeSpan;     ///< the dates the ruleset models (its header's `valid` clause)
  int periodIndex = 0; ///< position in the timeline
  int periodCount = 1; ///< periods in the timeline
  bool dated = false;  ///< the ruleset's files contain dates at all
};

/// A ruleset through time: one IR per period of its timeline, in date order. A ruleset
/// without dates has one unbounded period.
struct History {
  std::string id;
  Period span; ///< what the ruleset models; a date outside it has no answer
  std::vector<Ruleset> periods;

  bool dated() const { return !periods.empty() && periods.front().dated; }
  /// The IR that holds on `date`, or null when the ruleset does not model that date.
  const Ruleset *at(const Date &date) const;
};

/// How an old answer taken as its replacement is explained (by `explain`, `ask` and the
/// runtimes that read the export): "`amk` (an answer of `ontvanger` from 2009-01-01 until
/// 2015-01-01) is replaced by `veilig_thuis` from 2015-01-01: REASON".
std::string redirectNote(const Question &q, const Redirect &r);

/// A readable dump (`wegwijzer dump ir`), deterministic, without spans.
std::string dump(const Ruleset &ruleset);
/// The condition in the language's own syntax.
std::string toString(const Ruleset &ruleset, const Expr &expr);

} // namespace ww::ir
