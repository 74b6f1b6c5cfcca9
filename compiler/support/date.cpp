#include "compiler/support/date.h"

#include "compiler/support/i18n.h"

#include <fmt/format.h>

#include <cctype>
#include <chrono>
#include <cstdlib>

namespace ww {
namespace {

const char *const kMonths[] = {"januari",   "februari", "maart",    "april",
                               "mei",       "juni",     "juli",     "augustus",
                               "september", "oktober",  "november", "december"};

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

} // namespace

int daysInMonth(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12)
    return 0;
  return month == 2 && leap(year) ? 29 : days[month - 1];
}

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

std::string Date::dutch() const {
  if (month < 1 || month > 12)
    return iso();
  return fmt::format("{} {} {}", day, kMonths[month - 1], year);
}

Date Date::next() const {
  Date d = *this;
  if (++d.day > daysInMonth(d.year, d.month)) {
    d.day = 1;
    if (++d.month > 12) {
      d.month = 1;
      ++d.year;
    }
  }
  return d;
}

std::optional<Date> parseDate(std::string_view text, DateError *error) {
  auto fail = [&](std::string message, std::string help) -> std::optional<Date> {
    if (error)
      *error = {std::move(message), std::move(help)};
    return std::nullopt;
  };
  std::string shown(text);
  // Split at the dashes, so that `2015-1-1` can be told how it should look.
  std::size_t a = text.find('-'), b = a == std::string_view::npos ? a : text.find('-', a + 1);
  auto digits = [](std::string_view s) {
    if (s.empty() || s.size() > 9)
      return false;
    for (char c : s)
      if (!std::isdigit(static_cast<unsigned char>(c)))
        return false;
    return true;
  };
  if (a == std::string_view::npos || b == std::string_view::npos ||
      text.find('-', b + 1) != std::string_view::npos)
    return fail(tr("E0701.not_a_date", {{"text", shown}}), tr("E0701.help.format"));
  std::string_view ys = text.substr(0, a), ms = text.substr(a + 1, b - a - 1),
                   ds = text.substr(b + 1);
  if (!digits(ys) || !digits(ms) || !digits(ds))
    return fail(tr("E0701.not_a_date", {{"text", shown}}), tr("E0701.help.format"));
  int y = std::atoi(std::string(ys).c_str()), m = std::atoi(std::string(ms).c_str()),
      d = std::atoi(std::string(ds).c_str());
  bool shapeOk = ys.size() == 4 && ms.size() == 2 && ds.size() == 2;
  if (!shapeOk) {
    std::string fix = y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
                          ? tr("E0701.help.write", {{"date", fmt::format("{:04}-{:02}-{:02}", y, m, d)}})
                          : tr("E0701.help.format");
    return fail(tr("E0701.not_iso", {{"text", shown}}), fix);
  }
  if (m < 1 || m > 12)
    return fail(tr("E0701.no_month", {{"text", shown}, {"month", m}}), tr("E0701.help.month"));
  if (d < 1 || d > daysInMonth(y, m))
    return fail(tr("E0701.no_day", {{"text", shown},
                                     {"month", tr(fmt::format("frontend.month.{}", m))},
                                     {"year", fmt::format("{}", y)},
                                     {"days", daysInMonth(y, m)}}),
                d < 1 ? tr("E0701.help.day")
                      : tr("E0701.help.write",
                           {{"date", fmt::format("{:04}-{:02}-{:02}", y, m, daysInMonth(y, m))}}));
  return Date{y, m, d};
}

std::optional<Date> today() {
  if (const char *fixed = std::getenv("WW_TODAY"); fixed && *fixed)
    return parseDate(fixed);
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day ymd{now};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::string Period::text() const {
  if (from && until)
    return fmt::format("from {} until {}", from->iso(), until->iso());
  if (from)
    return fmt::format("from {}", from->iso());
  if (until)
    return fmt::format("until {}", until->iso());
  return "always";
}

std::string Period::dutch() const {
  if (from && until)
    return fmt::format("van {} tot {}", from->dutch(), until->dutch());
  if (from)
    return fmt::format("sinds {}", from->dutch());
  if (until)
    return fmt::format("tot {}", until->dutch());
  return "altijd";
}

} // namespace ww
