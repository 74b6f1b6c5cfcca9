// Unit tests of compiler/support: SHA-256 (stamped into exports), source positions, escaping.

#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
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
}
