#pragma once
/// The language of every text a person reads: one message catalogue per language (i18n/en,
/// i18n/nl, compiled in), keyed by diagnostic codes and named keys, with named placeholders.
/// Codes, ids, JSON keys and exit codes never change with the language (docs/i18n.md).
///
///   ww::i18n::setLanguage(ww::i18n::Lang::Nl);
///   tr("E0101", {{"what", tr("word.question")}, {"name", "leeftyd"}})
///     → "onbekende vraag `leeftyd`"
///   trn("summary.errors", 2) → "2 fouten"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ww {
struct Date;
}

namespace ww::i18n {

enum class Lang { En, Nl };

/// The language of this process (English until set).
Lang language();
void setLanguage(Lang lang);
/// "en" or "nl".
const char *languageCode(Lang lang);
/// "en" / "nl", case-insensitively; nullopt for anything else.
std::optional<Lang> parseLanguage(std::string_view text);

/// The language the environment asks for: WEGWIJZER_LANG when set and not empty (an unknown
/// value is an error, returned in `error`), else the first of LC_ALL, LC_MESSAGES, LANG that is
/// set and not empty: `nl` or `nl_*` (any territory and encoding) gives Dutch, anything else
/// English. Nothing set: English.
struct Choice {
  Lang lang = Lang::En;
  std::string error; ///< not empty: WEGWIJZER_LANG names no language we have
};
Choice languageFromEnvironment();

/// A named value for a placeholder `{name}`.
struct Arg {
  std::string_view name;
  std::string value;
  Arg(std::string_view n, std::string v) : name(n), value(std::move(v)) {}
  Arg(std::string_view n, const char *v) : name(n), value(v) {}
  Arg(std::string_view n, std::string_view v) : name(n), value(v) {}
  Arg(std::string_view n, long long v);
  Arg(std::string_view n, unsigned long long v);
  Arg(std::string_view n, int v) : Arg(n, static_cast<long long>(v)) {}
  Arg(std::string_view n, long v) : Arg(n, static_cast<long long>(v)) {}
  Arg(std::string_view n, unsigned v) : Arg(n, static_cast<unsigned long long>(v)) {}
  Arg(std::string_view n, unsigned long v) : Arg(n, static_cast<unsigned long long>(v)) {}
};
using Args = std::initializer_list<Arg>;

/// The text of `key` in the current language with its placeholders filled in; a key missing in
/// Dutch falls back to English, a key missing in both is returned as it is (tests/i18n fails on
/// both). `{{` and `}}` are literal braces; a placeholder without a value stays as written.
std::string tr(std::string_view key, Args args = {});
std::string tr(Lang lang, std::string_view key, Args args = {});
/// The plural form of `key` for `count` (its entry is {"one": …, "other": …}); `{count}` is
/// the count written as number() writes it.
std::string trn(std::string_view key, std::uint64_t count, Args args = {});
std::string trn(Lang lang, std::string_view key, std::uint64_t count, Args args = {});
/// Fills `{name}` placeholders of a template (tr without the lookup).
std::string fill(std::string_view text, Args args);

/// Whether the catalogue of `lang` has `key`.
bool has(Lang lang, std::string_view key);
/// The whole catalogue of a language, merged from its files: key → string, or → {"one",
/// "other"} for plurals.
const nlohmann::json &catalogue(Lang lang);
/// Problems of the compiled-in catalogues (a file that is not JSON, a key in two files, a value
/// that is neither a string nor a plural): empty when they are sound.
std::vector<std::string> catalogueProblems();

/// A count for people: English `10000`, Dutch from 10.000 with a point every three digits.
std::string number(std::uint64_t n);
std::string number(Lang lang, std::uint64_t n);
/// A number with a fraction for people: `{:.Nf}` (digits < 0: `{}`), with a decimal comma in
/// Dutch (`50,0`, `0,001`).
std::string decimal(double value, int digits = -1);
/// A date for people: English `2015-01-01`, Dutch `1 januari 2015`.
std::string date(const Date &d);
/// "`a`, `b` and `c`" / "`a`, `b` en `c`" (items as given, joined).
std::string listAnd(const std::vector<std::string> &items);
/// A list of names as the English output always wrote it, every item joined by
/// `englishSeparator` ("`a`, `b`, `c`"), and in Dutch as the glossary writes lists
/// ("`a`, `b` en `c`").
std::string listItems(const std::vector<std::string> &items, std::string_view englishSeparator = ", ");
/// "`a`, `b` or `c`" / "`a`, `b` of `c`".
std::string listOr(const std::vector<std::string> &items);

} // namespace ww::i18n

namespace ww {
using i18n::tr;
using i18n::trn;
} // namespace ww
