// Unit tests of compiler/support: SHA-256 (stamped into exports), source positions, escaping.

#include <doctest/doctest.h>

#include "compiler/support/render.h"
#include "compiler/support/sha256.h"
#include "compiler/support/source.h"

TEST_CASE("sha256 matches the FIPS 180-4 test vectors") {
  CHECK(ww::sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(ww::sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(ww::sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(ww::sha256Hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("line and column count code points, and CRLF lines lose their terminator") {
  ww::SourceManager sources;
  ww::FileId id = sources.add("x.ww", "ab\r\ncliënt x\n");
  const ww::SourceFile &f = sources.file(id);
  CHECK(f.line(1) == "ab");
  ww::LineCol lc = f.lineCol(static_cast<std::uint32_t>(std::string("ab\r\ncliënt ").size()));
  CHECK(lc.line == 2);
  CHECK(lc.column == 8); // "cliënt " is 7 code points
}

TEST_CASE("markup escaping covers the five XML specials and control characters") {
  CHECK(ww::escapeMarkup("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  CHECK(ww::escapeMarkup(std::string("a\x01"
                                     "b\n")) == "a b\n");
  // Invalid UTF-8 becomes U+FFFD; valid characters pass through.
  CHECK(ww::escapeMarkup("caf\xC3\xA9 \xED\xA0\x80 \xE9<") == "caf\xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD&lt;");
}

TEST_CASE("CR-only line endings start new lines") {
  ww::SourceManager sources;
  ww::FileId id = sources.add("x.ww", "ab\rcd\r\ref\n");
  const ww::SourceFile &f = sources.file(id);
  CHECK(f.lineCount() == 5);
  CHECK(f.line(2) == "cd");
  CHECK(f.line(3) == "");
  CHECK(f.line(4) == "ef");
  ww::LineCol lc = f.lineCol(8); // the `f`
  CHECK(lc.line == 4);
  CHECK(lc.column == 2);
}

TEST_CASE("a byte-order mark is not part of the first line") {
  ww::SourceManager sources;
  ww::FileId id = sources.add("x.ww", "\xEF\xBB\xBFruleset x\nrule\n");
  const ww::SourceFile &f = sources.file(id);
  CHECK(f.line(1) == "ruleset x");
  CHECK(f.lineCol(3).column == 1);  // `r`, right after the mark
  CHECK(f.lineCol(11).column == 9); // `x`
  CHECK(f.lineCol(13).line == 2);
  CHECK(f.lineCol(13).column == 1);
}

TEST_CASE("UTF-8 validation rejects overlong forms, surrogates and code points past U+10FFFF") {
  auto bad = [](const std::string &text) {
    std::size_t at = 999;
    return ww::isValidUtf8(text, at) ? std::size_t(999) : at;
  };
  CHECK(bad("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF") == 999);
  CHECK(bad("\xEF\xBB\xBF\xED\x9F\xBF\xEE\x80\x80") == 999); // U+D7FF and U+E000 are fine
  CHECK(bad("ab\xC0\xAF") == 2);                              // overlong `/`
  CHECK(bad("ab\xE0\x80\xAF") == 2);                          // overlong, three bytes
  CHECK(bad("ab\xF0\x80\x80\xAF") == 2);                      // overlong, four bytes
  CHECK(bad("a\xED\xA0\x80") == 1);                           // U+D800
  CHECK(bad("a\xED\xBF\xBF") == 1);                           // U+DFFF
  CHECK(bad("a\xF4\x90\x80\x80") == 1);                       // U+110000
  CHECK(bad("a\xF7\x9A\x8B\x8B") == 1);
  CHECK(bad("a\xF8\x88\x80\x80\x80") == 1); // five bytes
  CHECK(bad("a\x80") == 1);
  CHECK(bad("a\xC3") == 1);
  CHECK(bad("a\xE2\x82") == 1);
}

TEST_CASE("utf8Prefix never cuts a character") {
  std::string text = "aa\xC3\xA9\xE2\x82\xAC";
  CHECK(ww::utf8Prefix(text, 3) == "aa");
  CHECK(ww::utf8Prefix(text, 4) == "aa\xC3\xA9");
  CHECK(ww::utf8Prefix(text, 5) == "aa\xC3\xA9");
  CHECK(ww::utf8Prefix(text, 6) == "aa\xC3\xA9");
  CHECK(ww::utf8Prefix(text, 7) == text);
  CHECK(ww::utf8Prefix(text, 100) == text);
}

TEST_CASE("markup: every character XML 1.0 forbids is replaced, in JUnit's and SARIF's texts") {
  // The C0 controls but tab, newline and carriage return; U+FFFE and U+FFFF; bytes that are
  // not UTF-8.
  std::vector<std::string> forbidden;
  for (int c = 0; c < 0x20; ++c)
    if (c != '\t' && c != '\n' && c != '\r')
      forbidden.push_back(std::string(1, static_cast<char>(c)));
  forbidden.push_back("\xEF\xBF\xBE"); // U+FFFE
  forbidden.push_back("\xEF\xBF\xBF"); // U+FFFF
  forbidden.push_back("\xFF");
  forbidden.push_back("\xC3");
  for (const std::string &bad : forbidden) {
    std::string text = "test “a" + bad + "b”";
    for (const std::string &out : {ww::escapeMarkup(text), ww::xmlSafe(text)}) {
      CAPTURE(out);
      CHECK(out.find(bad) == std::string::npos);
      CHECK(out.rfind("test “a", 0) == 0);
      CHECK(out.find("b”") != std::string::npos);
    }
  }
  // What XML allows passes: other text, tabs, newlines, U+FFFD itself, astral characters.
  CHECK(ww::xmlSafe("a\tb\nc \xEF\xBF\xBD \xF0\x9F\x98\x80") == "a\tb\nc \xEF\xBF\xBD \xF0\x9F\x98\x80");
  CHECK(ww::escapeMarkup("<a & 'b'>") == "&lt;a &amp; &apos;b&apos;&gt;");
}

TEST_CASE("sha256 in parts gives the digest of the whole, wherever the parts are cut") {
  std::string text;
  for (int i = 0; i < 300; ++i)
    text += static_cast<char>('a' + i % 26);
  ww::Digest whole = ww::sha256(text);
  for (std::size_t cut : {0ul, 1ul, 55ul, 56ul, 63ul, 64ul, 65ul, 128ul, 299ul, 300ul}) {
    ww::Sha256 h;
    h.update(std::string_view(text).substr(0, cut)).update(std::string_view(text).substr(cut));
    CHECK(h.finish() == whole);
  }
  ww::Sha256 bytes;
  for (char c : text)
    bytes.update(std::string_view(&c, 1));
  CHECK(bytes.finish() == whole);
}
