#pragma once
/// Calendar dates (ISO 8601 `YYYY-MM-DD`) and half-open periods of validity between them.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace ww {

/// A day of the proleptic Gregorian calendar.
struct Date {
  int year = 0, month = 0, day = 0;
  friend auto operator<=>(const Date &, const Date &) = default;
  friend bool operator==(const Date &, const Date &) = default;

  /// `2015-01-01`.
  std::string iso() const;
  /// `1 januari 2015`: the date as a Dutch reader writes it.
  std::string dutch() const;
  /// The next day.
  Date next() const;
};

/// The first day a date in the language can name (`0000-01-01`, year 0 of the proleptic
/// Gregorian calendar): a period without a start holds on it when it holds on any day.
inline constexpr Date kFirstDay{0, 1, 1};

/// The number of days of a month (February of a leap year has 29).
int daysInMonth(int year, int month);

/// Why a text is not a date, for a diagnostic; empty when it is one.
struct DateError {
  std::string message; ///< "`2015-02-30` is not a date: February 2015 has 28 days"
  std::string help;    ///< "write `2015-02-28`" or "write dates as YYYY-MM-DD, e.g. `2015-01-01`"
};

/// Parses exactly `YYYY-MM-DD` (four, two and two digits) naming a real day.
std::optional<Date> parseDate(std::string_view text, DateError *error = nullptr);

/// Today in UTC, or the date in the environment variable `WW_TODAY` when it is set (for
/// reproducible output). Returns nothing when `WW_TODAY` is set but not a date.
std::optional<Date> today();

/// A half-open period `[from, until)`; a missing end is open.
struct Period {
  std::optional<Date> from, until;

  bool contains(const Date &d) const { return (!from || *from <= d) && (!until || d < *until); }
  bool empty() const { return from && until && !(*from < *until); }
  bool unbounded() const { return !from && !until; }
  friend bool operator==(const Period &, const Period &) = default;
  /// `from 2015-01-01 until 2018-05-25`, `from 2015-01-01`, `until 2015-01-01`, `always`.
  std::string text() const;
  /// `sinds 1 januari 2019`, `van 1 januari 2015 tot 25 mei 2018`, `tot 1 januari 2015`.
  std::string dutch() const;
};

} // namespace ww
