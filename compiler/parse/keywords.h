#pragma once
/// The two keyword sets of the rule language, English and Dutch (docs/language.md#dutch-keywords).
/// A file is written in one of them; both give the same syntax tree.

#include <string>
#include <vector>

namespace ww::parse {

enum class KeywordSet { English, Dutch };

/// `en` or `nl`, as `wegwijzer fmt --keywords` takes them.
const char *keywordSetName(KeywordSet set);

/// One keyword as an author writes it in either set: `exception to` beside `uitzondering op`.
struct KeywordSpelling {
  std::string english;
  std::string dutch;
};

/// Every keyword, English beside Dutch, in the order of docs/language.md. Where two English
/// keywords always stand together (`asked when`, `one of`) they are one entry.
const std::vector<KeywordSpelling> &keywordSpellings();

/// The set a file is written in: its first keyword that is spelled differently in the two
/// sets decides (`ruleset` or `regelset`; in a module, the first such keyword after its name).
/// A file with no such keyword is English.
KeywordSet keywordSetOf(const std::string &text);

/// Whether `word` cannot be a name in a file of `set`: a word of an English keyword, or a
/// Dutch keyword of one word (the words of a Dutch keyword of several words, such as
/// `toestemming`, are names elsewhere).
bool reservedWord(const std::string &word, KeywordSet set);

} // namespace ww::parse
