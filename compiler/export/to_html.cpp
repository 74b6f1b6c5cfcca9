// The standalone HTML page: the Digitale Wegwijzer for one profession, in one file. The page
// (compiler/export/html/page.inc) embeds the JSON document and walks its tree in the browser
// with the package that apps use (runtime/js, built into the binary); it loads nothing from
// elsewhere and sends nothing anywhere. See docs/html.md and docs/runtime.md.

#include "compiler/export/to_json.h"
#include "compiler/support/i18n.h"
#include "compiler/support/render.h"

#include <string>
#include <string_view>

namespace ww::exp {
namespace {

// The language of the verification note, which the export writes in the output's language
// (the page itself is Dutch).
const char *noteLang() { return i18n::languageCode(i18n::language()); }


#include "compiler/export/html/page.inc"

/// The browser build of runtime/js (dist/browser/wegwijzer.js), compiled by CMake.
constexpr std::string_view kRuntimeScript =
#include "runtime_js.inc"
    ;

std::string escapeHtml(std::string_view s) { return escapeMarkup(s); }

std::string str(const nlohmann::json &j, const char *key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The JSON document as the text of a <script type="application/json">: every '<' becomes
/// \u003c (only possible inside strings), so neither "</script" nor "<!--" can end or change
/// the element; JSON.parse reads it back unchanged.
std::string embedJson(const nlohmann::json &doc) {
  std::string text = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + 64);
  for (char c : text) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

// The visible line that says for which date the page answers (a past date says so plainly).
std::string dateBanner(const nlohmann::json &doc) {
  if (!doc.contains("date") || doc.at("date").is_null())
    return "";
  const auto &date = doc.at("date");
  bool historical = date.value("historical", false);
  return std::string("<p class=\"date-line") + (historical ? " banner historical" : "") +
         "\" id=\"date-line\">" + (historical ? "<strong>Historisch.</strong> " : "") +
         escapeHtml(str(date, "statement")) + "</p>\n";
}

std::string banner(const nlohmann::json &doc) {
  const auto &v = doc.at("verification");
  if (v.value("verified", false))
    return dateBanner(doc);
  std::string note = str(v, "note");
  return dateBanner(doc) +
         "<p class=\"banner\" role=\"note\" id=\"unverified\"><strong>NIET GEVERIFIEERD.</strong> "
         "Deze wegwijzer is geëxporteerd met regels die de controle niet hebben doorstaan; gebruik "
         "de "
         "uitkomst niet zonder juridische toets." +
         (note.empty() ? std::string() : " <span lang=\"" + std::string(noteLang()) + "\">(" + escapeHtml(note) + ")</span>") +
         "</p>\n";
}

std::string footer(const nlohmann::json &doc) {
  const auto &v = doc.at("verification");
  bool verified = v.value("verified", false);
  std::string out = "<footer class=\"stamp\" id=\"stamp\">\n";
  if (verified) {
    out += "<p><span class=\"verified\">Geverifieerd</span>: de beslisboom is bewezen gelijk aan "
           "de regels (" +
           std::to_string(v.value("paths", 0)) + " paden; " +
           std::to_string(v.value("casesReplayed", 0)) + " gevallen nagespeeld).</p>\n";
  } else {
    out += "<p><span class=\"unverified\">NIET GEVERIFIEERD</span>";
    std::string note = str(v, "note");
    if (!note.empty())
      out += ": <span lang=\"" + std::string(noteLang()) + "\">" + escapeHtml(note) + "</span>";
    out += "</p>\n";
  }
  const auto &tool = doc.at("tool");
  out += "<p>Gemaakt met " + escapeHtml(str(tool, "name")) + " " +
         escapeHtml(str(tool, "version")) + " uit regelset <code>" +
         escapeHtml(str(doc.at("ruleset"), "id")) + "</code>. Bronbestanden (SHA-256):</p>\n<ul>\n";
  for (const auto &f : doc.at("files"))
    out += "<li><code>" + escapeHtml(str(f, "path")) + "</code> <code>" +
           escapeHtml(str(f, "sha256")) + "</code></li>\n";
  out += "</ul>\n<p>Deze pagina werkt zonder internet. Wat u invult, blijft op deze "
         "pagina.</p>\n</footer>\n";
  return out;
}

} // namespace

std::string toHtml(const nlohmann::json &doc) {
  std::string title = escapeHtml("Wegwijzer beroepsgeheim: " + str(doc.at("ruleset"), "title"));
  // Fill the placeholders in the order they occur, so no inserted text is searched again.
  std::string page(kPageTemplate);
  std::string out;
  out.reserve(page.size() + 200000);
  std::size_t pos = 0;
  while (true) {
    std::size_t at = page.find("@@", pos);
    if (at == std::string::npos)
      break;
    std::size_t end = page.find("@@", at + 2);
    if (end == std::string::npos)
      break;
    std::string_view key(page.data() + at + 2, end - at - 2);
    std::string value;
    bool known = true;
    if (key == "TITLE")
      value = title;
    else if (key == "BANNER")
      value = banner(doc);
    else if (key == "FOOTER")
      value = footer(doc);
    else if (key == "DATA")
      value = embedJson(doc);
    else if (key == "RUNTIME")
      value = kRuntimeScript;
    else
      known = false;
    if (!known) { // not a placeholder: keep the text
      out.append(page, pos, at + 2 - pos);
      pos = at + 2;
      continue;
    }
    out.append(page, pos, at - pos);
    out += value;
    pos = end + 2;
  }
  out.append(page, pos, std::string::npos);
  return out;
}

} // namespace ww::exp
