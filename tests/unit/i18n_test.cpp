// The message catalogues and the choice of language (compiler/support/i18n.h, docs/i18n.md).
#include "compiler/support/date.h"
#include "compiler/support/i18n.h"

#include <doctest/doctest.h>

#include <cstdlib>

using namespace ww;
using namespace ww::i18n;

namespace {

// Sets (or, with nullptr, unsets) the locale variables for one test and restores English.
struct Env {
  Env(const char *wegwijzer, const char *all, const char *messages, const char *lang) {
    set("WEGWIJZER_LANG", wegwijzer);
    set("LC_ALL", all);
    set("LC_MESSAGES", messages);
    set("LANG", lang);
  }
  ~Env() {
    for (const char *n : {"WEGWIJZER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"})
      unsetenv(n);
    setLanguage(Lang::En);
  }
  static void set(const char *name, const char *value) {
    if (value)
      setenv(name, value, 1);
    else
      unsetenv(name);
  }
};

} // namespace

TEST_CASE("the compiled-in catalogues are sound") {
  CHECK(catalogueProblems().empty());
  CHECK(has(Lang::En, "severity.error"));
  CHECK(has(Lang::Nl, "severity.error"));
}

TEST_CASE("a text in the chosen language, with its placeholders filled in") {
  Env env(nullptr, nullptr, nullptr, nullptr);
  CHECK(tr("severity.warning") == "warning");
  setLanguage(Lang::Nl);
  CHECK(tr("severity.warning") == "waarschuwing");
  CHECK(tr("usage.unknown_language", {{"name", "fr"}}) == "onbekende taal `fr`: geef `nl` of `en`");
  CHECK(tr(Lang::En, "usage.unknown_language", {{"name", "fr"}}) ==
        "unknown language `fr`: give `nl` or `en`");
  // A key that is in no catalogue is shown as it is (tests/i18n fails on it).
  CHECK(tr("no.such.key") == "no.such.key");
}

TEST_CASE("placeholders: named, repeated, unknown, and escaped braces") {
  CHECK(fill("{a} and {a}", {{"a", "x"}}) == "x and x");
  CHECK(fill("{a} {b}", {{"a", "x"}}) == "x {b}");
  CHECK(fill("`in {{` … `}}`", {}) == "`in {` … `}`");
  CHECK(fill("{n} rules", {{"n", 3}}) == "3 rules");
  // A value is never read as a template.
  CHECK(fill("{a}", {{"a", "{b}"}, {"b", "y"}}) == "{b}");
}

TEST_CASE("plurals and counts: zero takes the plural; Dutch groups from 10.000") {
  CHECK(trn(Lang::En, "count.errors", 1) == "1 error");
  CHECK(trn(Lang::En, "count.errors", 0) == "0 errors");
  CHECK(trn(Lang::Nl, "count.errors", 0) == "0 fouten");
  CHECK(trn(Lang::Nl, "count.errors", 12345) == "12.345 fouten");
  CHECK(number(Lang::En, 1048576) == "1048576");
  CHECK(number(Lang::Nl, 2238) == "2238");
  CHECK(number(Lang::Nl, 10000) == "10.000");
  CHECK(number(Lang::Nl, 1048576) == "1.048.576");
}

TEST_CASE("dates and lists follow the language") {
  Env env(nullptr, nullptr, nullptr, nullptr);
  Date d{2015, 1, 1};
  CHECK(date(d) == "2015-01-01");
  CHECK(listAnd({"`a`", "`b`", "`c`"}) == "`a`, `b` and `c`");
  setLanguage(Lang::Nl);
  CHECK(date(d) == "1 januari 2015");
  CHECK(listAnd({"`a`", "`b`", "`c`"}) == "`a`, `b` en `c`");
  CHECK(listOr({"`a`", "`b`"}) == "`a` of `b`");
  CHECK(listOr({"`a`"}) == "`a`");
}

TEST_CASE("the language from the environment: WEGWIJZER_LANG, then LC_ALL, LC_MESSAGES, LANG") {
  {
    Env env(nullptr, nullptr, nullptr, nullptr);
    CHECK(languageFromEnvironment().lang == Lang::En);
  }
  {
    Env env(nullptr, nullptr, nullptr, "nl_NL.UTF-8");
    CHECK(languageFromEnvironment().lang == Lang::Nl);
  }
  {
    Env env(nullptr, nullptr, nullptr, "nl_BE");
    CHECK(languageFromEnvironment().lang == Lang::Nl);
  }
  {
    // The first one that is set decides: LC_ALL=C is English even with LANG=nl_NL.
    Env env(nullptr, "C", nullptr, "nl_NL.UTF-8");
    CHECK(languageFromEnvironment().lang == Lang::En);
  }
  {
    Env env(nullptr, "", "nl_NL.UTF-8", "en_GB.UTF-8");
    CHECK(languageFromEnvironment().lang == Lang::Nl);
  }
  {
    // `nld` and `nn_NO` are not Dutch.
    Env env(nullptr, nullptr, nullptr, "nn_NO.UTF-8");
    CHECK(languageFromEnvironment().lang == Lang::En);
  }
  {
    Env env("en", nullptr, nullptr, "nl_NL.UTF-8");
    CHECK(languageFromEnvironment().lang == Lang::En);
  }
  {
    Env env("NL", nullptr, nullptr, nullptr);
    CHECK(languageFromEnvironment().lang == Lang::Nl);
  }
  {
    Env env("fr", nullptr, nullptr, "nl_NL.UTF-8");
    Choice c = languageFromEnvironment();
    CHECK(c.error == "fr");
  }
}
