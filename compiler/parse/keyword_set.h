#pragma once
// Internal to compiler/parse: the Dutch keywords at the level of ANTLR tokens. A file is lexed
// by the one lexer (whose keywords are English); a Dutch file's tokens are then retyped, so
// that the parser, the transformer and the formatter see one grammar.

#include "compiler/parse/keywords.h"

#include "WegwijzerLexer.h"
#include "WegwijzerParser.h"

#include <string>
#include <utility>
#include <vector>

namespace ww::parse::kw {

/// `per` (Dutch for `as of`): a type that no lexer rule makes, so the parser alone knows it.
inline constexpr int kPer = gen::WegwijzerParser::PER;

/// English keywords that stand together (`exception to`) and their Dutch spelling: one text per
/// Dutch token, each of one or more words (`bouwt voort op` is one token of type EXTENDS).
struct Unit {
  std::vector<std::size_t> english;
  std::vector<std::pair<std::size_t, std::string>> dutch;
};
const std::vector<Unit> &units();

/// The set of a file from its tokens as the lexer gave them (before `retypeDutch`).
KeywordSet decide(antlr4::CommonTokenStream &tokens, antlr4::CharStream &input);

/// Gives the tokens of a Dutch file the types of the grammar: a Dutch keyword of several words
/// becomes one token (the others go to the hidden channel, its text is the words with one
/// space between), a Dutch keyword the type of its English one, and an English keyword a name.
void retypeDutch(antlr4::CommonTokenStream &tokens, antlr4::CharStream &input);

/// How a token type is written in a set (`` for a name, a number, a text or a symbol).
std::string spelling(std::size_t type, KeywordSet set);

/// Whether a name's word is a keyword of the other set (a Dutch word in an English file: a
/// keyword of one word or the first word of one of several), for the error on mixed sets.
bool otherSetKeyword(const std::string &word, KeywordSet fileSet);

/// The Dutch token an English keyword token is written as, for the expectations of a syntax
/// error: `consent` → `toestemming`, `as` → `per` ("" for a word that is no English keyword).
std::string dutchToken(const std::string &englishWord);

/// The English keyword a Dutch word begins, for messages: `bouwt` → `extends`.
std::string englishOf(const std::string &dutchWord);
/// The Dutch keyword an English word is, for messages: `rule` → `regel`.
std::string dutchOf(const std::string &englishWord);

} // namespace ww::parse::kw
