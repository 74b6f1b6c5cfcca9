// The Markdown export: one document per profession, for a lawyer who reviews the tree. Written
// from the JSON document (docs/export.schema.json) alone; the labels are Dutch.

#include "compiler/export/to_json.h"
#include "compiler/support/date.h"
#include "compiler/support/i18n.h"
#include "compiler/support/render.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ww::exp {
namespace {

using nlohmann::json;

/// Text taken literally: Markdown's inline markup characters escaped, line breaks folded,
/// control characters (an ESC sequence would reach the terminal of whoever prints the file)
/// replaced as xmlSafe replaces them.
std::string text(const std::string &s) {
  std::string out;
  out.reserve(s.size());
  for (char c : xmlSafe(s)) {
    switch (c) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '<':
    case '>':
    case '|':
      out += '\\';
      out += c;
      break;
    case '\r':
      break;
    case '\n':
      out += ' ';
      break;
    default:
      out += c;
    }
  }
  return out;
}

/// An identifier or path as a code span (longer fences when it holds backticks).
std::string code(const std::string &s) {
  std::size_t run = 0, longest = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    if (run > longest)
      longest = run;
  }
  std::string fence(longest + 1, '`');
  bool pad = !s.empty() && (s.front() == '`' || s.back() == '`');
  return fence + (pad ? " " : "") + s + (pad ? " " : "") + fence;
}

struct Doc {
  const json &doc;
  std::map<std::string, const json *> questions, outcomes, obligations, decisions;
  std::map<std::int64_t, const json *> nodes;

  explicit Doc(const json &d) : doc(d) {
    for (const json &q : d.at("questions"))
      questions[q.at("id").get<std::string>()] = &q;
    for (const json &dec : d.at("decisions")) {
      decisions[dec.at("id").get<std::string>()] = &dec;
      for (const json &o : dec.at("outcomes"))
        outcomes[o.at("id").get<std::string>()] = &o;
    }
    for (const json &o : d.at("obligations"))
      obligations[o.at("id").get<std::string>()] = &o;
    for (const json &n : d.at("nodes"))
      nodes[n.at("id").get<std::int64_t>()] = &n;
  }

  std::string str(const json &j, const char *key) const {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  }

  /// The labels of an edge's answers: number sets as ranges, others by their labels.
  std::string answerText(const json &question, const json &answers) const {
    if (str(question, "type") == "number") {
      std::vector<std::int64_t> v;
      for (const json &a : answers)
        v.push_back(a.get<std::int64_t>());
      return valueRanges(std::move(v), "–");
    }
    std::string out;
    for (const json &a : answers) {
      std::string id = a.get<std::string>(), label = id;
      for (const json &ans : question.at("answers"))
        if (ans.at("id") == id)
          label = ans.at("label").get<std::string>();
      if (!out.empty())
        out += " / ";
      out += text(label);
    }
    return out;
  }
};

struct Step {
  const json *question;
  const json *answers;
};

void writeStamp(std::string &out, const Doc &d) {
  const json &doc = d.doc;
  const json &v = doc.at("verification");
  bool verified = v.at("verified").get<bool>();
  out += "## Herkomst\n\n";
  out += "- Gemaakt met: wegwijzer " + text(doc.at("tool").at("version").get<std::string>()) +
         " (formaat " + code(doc.at("format").get<std::string>()) + ")\n";
  if (verified)
    out += "- Geverifieerd: ja. `wegwijzer check` vond geen fouten en de boom is gevalideerd "
           "tegen de regels.\n";
  else
    out += "- Geverifieerd: **" + tr("export.md.verified_no") + "**. " + text(d.str(v, "note")) +
           "\n";
  out += "- Bewezen:";
  if (v.at("proven").empty())
    out += " niets\n";
  else {
    out += "\n";
    for (const json &p : v.at("proven"))
      out += "  - " + text(p.get<std::string>()) + "\n";
  }
  out += "- Paden: " + std::to_string(v.at("paths").get<std::uint64_t>()) +
         "; nagespeelde gevallen: " + std::to_string(v.at("casesReplayed").get<std::uint64_t>()) +
         "\n";
  out += "- Bronbestanden (sha256):\n";
  for (const json &f : doc.at("files"))
    out += "  - " + code(f.at("path").get<std::string>()) + ": " +
           code(f.at("sha256").get<std::string>()) + "\n";
  out += "\n";
}

void writeQuestions(std::string &out, const Doc &d) {
  out += "## Vragen\n\n";
  out += "In deze volgorde gesteld; een vraag wordt overgeslagen waar zij niet gesteld wordt of "
         "de uitkomst niet verandert.\n\n";
  int i = 0;
  for (const json &q : d.doc.at("questions")) {
    std::string type = q.at("type").get<std::string>();
    std::string kind = type == "yes/no" ? "ja/nee" : type == "one of" ? "één antwoord" : "getal";
    out += std::to_string(++i) + ". **" + text(q.at("text").get<std::string>()) + "** (" +
           code(q.at("id").get<std::string>()) + ", " + kind;
    if (type == "number")
      out += " " + std::to_string(q.at("min").get<std::int64_t>()) + "–" +
             std::to_string(q.at("max").get<std::int64_t>());
    out += ")\n";
    if (q.contains("help"))
      out += "\n   *Toelichting:* " + text(q.at("help").get<std::string>()) + "\n";
    if (q.contains("answers")) {
      out += "\n";
      for (const json &a : q.at("answers"))
        out += "   - " + code(a.at("id").get<std::string>()) + ": " +
               text(a.at("label").get<std::string>()) + "\n";
    }
    if (q.contains("redirects")) {
      out += "\n   *Vervangen antwoorden* (een oud antwoord geldt als het nieuwe):\n\n";
      for (const json &r : q.at("redirects")) {
        out += "   - " + code(r.at("answer").get<std::string>()) + " (" +
               text(r.at("label").get<std::string>()) + ") → " +
               code(r.at("by").get<std::string>());
        if (!r.at("since").is_null()) {
          std::string since = r.at("since").get<std::string>();
          std::optional<Date> day = parseDate(since);
          out += ", sinds " + (day ? day->dutch() : since);
        }
        if (!r.at("reason").get<std::string>().empty())
          out += ": " + text(r.at("reason").get<std::string>());
        out += "\n";
      }
    }
    out += "\n";
  }
}

void writeLeaf(std::string &out, const Doc &d, const json &leaf) {
  const json &doc = d.doc;
  std::string main = doc.at("decision").get<std::string>();
  const json &outcome = leaf.at("outcome");
  if (outcome.is_null()) {
    out += "**Uitkomst:** geen: de regels beslissen hier niets (of spreken elkaar tegen).\n\n";
  } else {
    std::string id = outcome.get<std::string>();
    const json *o = d.outcomes.count(id) ? d.outcomes.at(id) : nullptr;
    out += "**Uitkomst:** ";
    if (o) {
      out += text(o->at("text").get<std::string>()) + " (" + code(id) + "; ";
      if (!o->at("discloses").get<bool>())
        out += "deelt geen informatie";
      else if (o->at("withoutConsent").get<bool>())
        out += "deelt informatie zonder toestemming";
      else
        out += "deelt informatie";
      out += ")\n\n";
    } else {
      out += code(id) + "\n\n";
    }
  }
  // Helper decisions, in the order the document lists them.
  for (const json &dec : doc.at("decisions")) {
    std::string did = dec.at("id").get<std::string>();
    if (did == main)
      continue;
    out += "- " + text(dec.at("text").get<std::string>()) + " → ";
    auto it = leaf.at("decisions").find(did);
    if (it == leaf.at("decisions").end() || it->is_null()) {
      out += "geen uitkomst\n";
      continue;
    }
    std::string oid = it->get<std::string>();
    if (d.outcomes.count(oid))
      out += text(d.outcomes.at(oid)->at("text").get<std::string>()) + " ";
    out += "(" + code(oid) + ")\n";
  }
  // The case's obligations: the leaf lists those of every decision.
  const json &obligations = leaf.at("obligations");
  out += "- Verplichtingen:";
  if (obligations.empty())
    out += " geen\n";
  else {
    out += "\n";
    for (const json &k : obligations) {
      std::string kid = k.get<std::string>();
      out += "  - " +
             (d.obligations.count(kid)
                  ? text(d.obligations.at(kid)->at("text").get<std::string>()) + " "
                  : std::string()) +
             "(" + code(kid) + ")\n";
    }
  }
  out += "- Regels die beslisten:";
  if (leaf.at("rules").empty())
    out += " geen";
  bool first = true;
  for (const json &r : leaf.at("rules")) {
    out += std::string(first ? " " : ", ") + code(r.get<std::string>());
    first = false;
  }
  out += "\n";
  if (!leaf.at("exceptions").empty()) {
    out += "- Uitzonderingen die voorgingen:";
    first = true;
    for (const json &e : leaf.at("exceptions")) {
      out += std::string(first ? " " : "; ") + code(e.at("rule").get<std::string>()) +
             " gaat voor " + code(e.at("over").get<std::string>());
      first = false;
    }
    out += "\n";
  }
  out += "- Bronnen:";
  if (leaf.at("citations").empty())
    out += " geen\n";
  else {
    // One line per source, in the order the sources are first cited, its locators after it.
    out += "\n";
    std::vector<std::pair<std::string, std::string>> lines; // (source id, text)
    for (const json &c : leaf.at("citations")) {
      std::string src = c.at("source").get<std::string>();
      auto it =
          std::find_if(lines.begin(), lines.end(), [&](const auto &l) { return l.first == src; });
      std::string loc = text(c.at("locator").get<std::string>());
      if (it == lines.end())
        lines.push_back({src, "*" + text(c.at("title").get<std::string>()) + "*: " + loc});
      else
        it->second += "; " + loc;
    }
    for (const auto &l : lines)
      out += "  - " + l.second + "\n";
  }
  out += "\n";
}

void writePaths(std::string &out, const Doc &d) {
  const json &doc = d.doc;
  out += "## Paden\n\n";
  out += "Elk pad van de eerste vraag naar een uitkomst, met de antwoorden die ernaartoe leiden. "
         "Een vraag die op een pad ontbreekt, wordt daar niet gesteld of verandert de uitkomst "
         "niet; antwoorden die de aannames uitsluiten, komen niet voor.\n\n";
  std::vector<Step> steps;
  int count = 0;
  // Depth first, edges in their order: deterministic, and paths that share a start stay together.
  auto visit = [&](auto &&self, std::int64_t id) -> void {
    auto it = d.nodes.find(id);
    if (it == d.nodes.end())
      return;
    const json &n = *it->second;
    if (n.contains("leaf")) {
      const json &leaf = n.at("leaf");
      out += "### Pad " + std::to_string(++count) + ": ";
      out += leaf.at("outcome").is_null() ? std::string("geen uitkomst")
                                          : code(leaf.at("outcome").get<std::string>());
      out += "\n\n";
      int i = 0;
      for (const Step &s : steps)
        out += std::to_string(++i) + ". " + code(s.question->at("id").get<std::string>()) + " → " +
               d.answerText(*s.question, *s.answers) + "\n";
      if (steps.empty())
        out += "(geen vragen: de uitkomst is altijd dezelfde)\n";
      out += "\n";
      writeLeaf(out, d, leaf);
      return;
    }
    std::string qid = n.at("question").get<std::string>();
    const json *q = d.questions.count(qid) ? d.questions.at(qid) : nullptr;
    for (const json &e : n.at("edges")) {
      json stub;
      if (!q)
        stub = {{"id", qid}, {"text", qid}, {"type", "one of"}, {"answers", json::array()}};
      steps.push_back({q ? q : &stub, &e.at("answers")});
      self(self, e.at("next").get<std::int64_t>());
      steps.pop_back();
    }
  };
  visit(visit, doc.at("root").get<std::int64_t>());
}

} // namespace

std::string toMarkdown(const nlohmann::json &doc) {
  Doc d(doc);
  std::string out;
  const json &rs = doc.at("ruleset");
  out += "# Wegwijzer: " + text(rs.at("title").get<std::string>()) + "\n\n";
  bool verified = doc.at("verification").at("verified").get<bool>();
  if (!verified)
    out += "> **" + tr("export.unverified") +
           ".** Deze beslisboom is geëxporteerd met `--unverified`: de regels zelf bevatten fouten "
           "volgens `wegwijzer check`. Gebruik hem niet als advies.\n\n";
  if (const json *date = doc.contains("date") ? &doc.at("date") : nullptr;
      date && !date->is_null()) {
    std::string statement = text(date->value("statement", ""));
    out += date->value("historical", false) ? "> **Historisch.** " + statement + "\n\n"
                                            : statement + "\n\n";
  }
  std::string main = doc.at("decision").get<std::string>();
  out += "Beslisboom van regelset " + code(rs.at("id").get<std::string>()) + " voor de vraag **";
  if (d.decisions.count(main))
    out += text(d.decisions.at(main)->at("text").get<std::string>());
  out += "** (" + code(main) + ").\n\n";
  writeStamp(out, d);
  writeQuestions(out, d);
  writePaths(out, d);
  return out;
}

} // namespace ww::exp
