#pragma once
/// Conditions as written, before names are resolved.

#include "compiler/support/source.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ww::ast {

/// A name as written, with where it was written.
struct Name {
  std::string text;
  Span span;
};

/// A literal on the right of `==`, `!=` or in `in {…}`: `kind_getuige`, `yes`, `no`, `12`.
struct Value {
  enum class Kind { Id, Yes, No, Int };
  Kind kind = Kind::Id;
  std::string id;          ///< for Kind::Id
  std::int64_t number = 0; ///< for Kind::Int
  Span span;
};

enum class ExprKind {
  Bool,           ///< `true`, `false`
  Not,            ///< `not A`
  And,            ///< `A and B`
  Or,             ///< `A or B`
  Implies,        ///< `A implies B`
  Name,           ///< `toestemming` (a yes/no question, parameter or define)
  Compare,        ///< `situatie == volwassenen`, `leeftijd < 12`, `delen != meldrecht`
  InSet,          ///< `ontvanger in {amk, shg}`, `ontvanger not in {raad}`
  InRange,        ///< `leeftijd in 12..15`
  Discloses,      ///< `delen discloses`, `delen discloses without consent`
  WithoutConsent, ///< `delen without consent`
  Obliges,        ///< `delen obliges vastleggen`
  Is,             ///< `delen is verplicht`
};

enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge };

/// "==", "!=", "<", "<=", ">", ">=".
const char *compareOpText(CompareOp op);

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

/// One node of a condition; which fields matter depends on kind.
struct Expr {
  ExprKind kind = ExprKind::Bool;
  Span span;
  bool boolValue = false;        ///< Bool
  std::vector<ExprPtr> children; ///< Not: 1; And, Or, Implies: 2
  Name subject;                  ///< the name on the left of every atom
  CompareOp op = CompareOp::Eq;  ///< Compare
  Value value;                   ///< Compare
  std::vector<Value> values;     ///< InSet
  std::int64_t lo = 0, hi = 0;   ///< InRange (inclusive)
  bool negated = false;          ///< `not in`
  bool withoutConsent = false;   ///< `discloses without consent`
  Name target;                   ///< Obliges: the obligation; Is: the flag
};

/// The condition as the author could have written it (for messages and `dump ast`).
std::string toString(const Expr &expr);

} // namespace ww::ast
