#include "compiler/support/i18n.h"

#include "compiler/support/date.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>

namespace ww::i18n {
namespace {

// Every catalogue file, compiled in by i18n/embed_catalogue.cmake: {language, file, text}.
struct EmbeddedFile {
  const char *lang;
  const char *file;
  const char *text;
};
const EmbeddedFile kFiles[] = {
#include "catalogue.inc"
};

std::atomic<Lang> gLanguage{Lang::En};

struct Catalogues {
  nlohmann::json en = nlohmann::json::object(), nl = nlohmann::json::object();
  std::vector<std::string> problems;
};

const Catalogues &catalogues() {
  static const Catalogues all = [] {
    Catalogues c;
    for (const EmbeddedFile &f : kFiles) {
      nlohmann::json &target = std::string_view(f.lang) == "nl" ? c.nl : c.en;
      nlohmann::json parsed = nlohmann::json::parse(f.text, nullptr, false);
      if (parsed.is_discarded() || !parsed.is_object()) {
        c.problems.push_back(fmt::format("i18n/{}/{}: not a JSON object", f.lang, f.file));
        continue;
      }
      for (auto it = parsed.begin(); it != parsed.end(); ++it) {
        if (it.key().starts_with("//")) // a comment for translators
          continue;
        const nlohmann::json &v = it.value();
        bool plural = v.is_object() && v.size() == 2 && v.contains("one") &&
                      v.contains("other") && v["one"].is_string() && v["other"].is_string();
        if (!v.is_string() && !plural) {
          c.problems.push_back(fmt::format("i18n/{}/{}: `{}` is neither a text nor "
                                           "{{\"one\": …, \"other\": …}}",
                                           f.lang, f.file, it.key()));
          continue;
        }
        if (target.contains(it.key()))
          c.problems.push_back(
              fmt::format("i18n/{}/{}: `{}` is defined in another file too", f.lang, f.file, it.key()));
        target[it.key()] = v;
      }
    }
    return c;
  }();
  return all;
}

const nlohmann::json *lookup(Lang lang, std::string_view key) {
  const Catalogues &c = catalogues();
  std::string k(key);
  if (lang == Lang::Nl) {
    auto it = c.nl.find(k);
    if (it != c.nl.end())
      return &*it;
  }
  auto it = c.en.find(k);
  return it != c.en.end() ? &*it : nullptr;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return out;
}

// Items joined by `separator`, the last two by `last`.
std::string joined(const std::vector<std::string> &items, std::string_view separator,
                   std::string_view last) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0)
      out += i + 1 == items.size() ? last : separator;
    out += items[i];
  }
  return out;
}

} // namespace

Arg::Arg(std::string_view n, long long v) : name(n), value(std::to_string(v)) {}
Arg::Arg(std::string_view n, unsigned long long v) : name(n), value(std::to_string(v)) {}

Lang language() { return gLanguage.load(std::memory_order_relaxed); }
void setLanguage(Lang lang) { gLanguage.store(lang, std::memory_order_relaxed); }
const char *languageCode(Lang lang) { return lang == Lang::Nl ? "nl" : "en"; }

std::optional<Lang> parseLanguage(std::string_view text) {
  std::string t = lower(text);
  if (t == "nl")
    return Lang::Nl;
  if (t == "en")
    return Lang::En;
  return std::nullopt;
}

Choice languageFromEnvironment() {
  Choice choice;
  if (const char *w = std::getenv("WEGWIJZER_LANG"); w && *w) {
    if (auto l = parseLanguage(w))
      choice.lang = *l;
    else
      choice.error = w;
    return choice;
  }
  for (const char *name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char *v = std::getenv(name);
    if (!v || !*v)
      continue;
    std::string_view s(v);
    bool dutch = s == "nl" || (s.size() > 2 && s.starts_with("nl") &&
                               (s[2] == '_' || s[2] == '.' || s[2] == '@'));
    choice.lang = dutch ? Lang::Nl : Lang::En;
    return choice;
  }
  return choice;
}

static std::string fillWith(std::string_view text, Args args, const Arg *extra) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c == '{') {
      std::size_t close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        std::string_view name = text.substr(i + 1, close - i - 1);
        const Arg *found = nullptr;
        for (const Arg &a : args)
          if (a.name == name)
            found = &a;
        if (!found && extra && extra->name == name)
          found = extra;
        if (found) {
          out += found->value;
          i = close;
          continue;
        }
      }
    }
    out += c;
  }
  return out;
}

std::string fill(std::string_view text, Args args) { return fillWith(text, args, nullptr); }

std::string tr(Lang lang, std::string_view key, Args args) {
  const nlohmann::json *entry = lookup(lang, key);
  if (!entry)
    return std::string(key);
  if (entry->is_object())
    return fill((*entry)["other"].get_ref<const std::string &>(), args);
  return fill(entry->get_ref<const std::string &>(), args);
}

std::string tr(std::string_view key, Args args) { return tr(language(), key, args); }

std::string trn(Lang lang, std::string_view key, std::uint64_t count, Args args) {
  const nlohmann::json *entry = lookup(lang, key);
  if (!entry)
    return std::string(key);
  const std::string &text = entry->is_object()
                                ? (*entry)[count == 1 ? "one" : "other"].get_ref<const std::string &>()
                                : entry->get_ref<const std::string &>();
  // {count} first, as number() writes it in `lang`; then the caller's placeholders.
  Arg counted("count", number(lang, count));
  return fillWith(text, args, &counted);
}

std::string trn(std::string_view key, std::uint64_t count, Args args) {
  return trn(language(), key, count, args);
}

bool has(Lang lang, std::string_view key) {
  const Catalogues &c = catalogues();
  return (lang == Lang::Nl ? c.nl : c.en).contains(std::string(key));
}

const nlohmann::json &catalogue(Lang lang) {
  return lang == Lang::Nl ? catalogues().nl : catalogues().en;
}

std::vector<std::string> catalogueProblems() { return catalogues().problems; }

std::string number(std::uint64_t n) { return number(language(), n); }

std::string number(Lang lang, std::uint64_t n) {
  std::string digits = std::to_string(n);
  if (lang != Lang::Nl || n < 10000)
    return digits;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0)
      out += '.';
    out += digits[i];
  }
  return out;
}

std::string decimal(double value, int digits) {
  std::string text =
      digits < 0 ? fmt::format("{}", value) : fmt::format("{:.{}f}", value, digits);
  if (language() == Lang::Nl)
    std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

std::string date(const Date &d) { return language() == Lang::Nl ? d.dutch() : d.iso(); }

std::string listAnd(const std::vector<std::string> &items) {
  return joined(items, ", ", language() == Lang::Nl ? " en " : " and ");
}

std::string listItems(const std::vector<std::string> &items, std::string_view englishSeparator) {
  if (language() == Lang::Nl)
    return listAnd(items);
  return joined(items, englishSeparator, englishSeparator);
}

std::string listOr(const std::vector<std::string> &items) {
  return joined(items, ", ", language() == Lang::Nl ? " of " : " or ");
}

} // namespace ww::i18n
