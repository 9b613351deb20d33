// The HTML writer: every value is escaped, whatever it holds.
#include <catch2/catch.hpp>

#include <random>
#include <utility>

#include "verbund/report/html.hpp"

using verbund::report::escape;
using verbund::report::Html;

TEST_CASE("escape replaces the five characters that can end text or an attribute", "[report]") {
  CHECK(escape("a & b") == "a &amp; b");
  CHECK(escape("<script>alert(1)</script> GmbH") == "&lt;script&gt;alert(1)&lt;/script&gt; GmbH");
  CHECK(escape("\"x\" 'y'") == "&quot;x&quot; &#39;y&#39;");
  CHECK(escape("Müller & Söhne") == "Müller &amp; Söhne");  // UTF-8 kept
  CHECK(escape("") == "");
}

TEST_CASE("escape replaces invalid UTF-8 and control characters", "[report]") {
  CHECK(escape(std::string("a\xff"
                           "b")) ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(escape(std::string("\xC3")) == "\xEF\xBF\xBD");                  // truncated sequence
  CHECK(escape(std::string("\xC0\xAF")) == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  CHECK(escape(std::string("a\x01"
                           "b")) == "a b");
  CHECK(escape("line\nnext\ttab") == "line\nnext\ttab");
}

TEST_CASE("Html escapes text and attribute values, not its own tags", "[report]") {
  Html h;
  h.open("p", {{"title", "\"><script>x</script>"}})
      .text("<script>alert(1)</script> GmbH")
      .close("p");
  CHECK(h.str() ==
        "<p title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">&lt;script&gt;alert(1)&lt;/"
        "script&gt; GmbH</p>");
  Html t;
  t.table({"<h>"}, {{"a&b"}, {"<i>"}});
  CHECK(t.str() ==
        "<table><thead><tr><th>&lt;h&gt;</th></tr></thead><tbody><tr><td>a&amp;b</td></tr>"
        "<tr><td>&lt;i&gt;</td></tr></tbody></table>");
}

TEST_CASE("html_page is self-contained: no script, nothing fetched", "[report]") {
  const auto page = verbund::report::html_page("de", "<Bericht>", "<p>x</p>");
  CHECK(page.find("<title>&lt;Bericht&gt;</title>") != std::string::npos);
  CHECK(page.find("<html lang=\"de\">") != std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("http:") == std::string::npos);
  CHECK(page.find("https:") == std::string::npos);
  CHECK(page.find("url(") == std::string::npos);
  CHECK(page.find("@import") == std::string::npos);
  CHECK(page.find("default-src 'none'") != std::string::npos);
}

namespace {
// The inverse of escape for its five references: an independent reader of what it writes.
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool matched = false;
    for (const auto& [ref, ch] : {std::pair<std::string, char>{"&amp;", '&'},
                                  {"&lt;", '<'},
                                  {"&gt;", '>'},
                                  {"&quot;", '"'},
                                  {"&#39;", '\''}}) {
      if (s.compare(i, ref.size(), ref) == 0) {
        out += ch;
        i += ref.size();
        matched = true;
        break;
      }
    }
    if (!matched) out += s[i++];
  }
  return out;
}
}  // namespace

TEST_CASE("escape on random text: no markup character survives, and it reads back", "[report]") {
  std::mt19937 rng(11);
  const std::string alphabet = "<>&\"' ab/=;#x\xc3\xa4\xe2\x82\xac";  // with ä and €
  for (int trial = 0; trial < 3000; ++trial) {
    std::string s;
    const int length = static_cast<int>(rng() % 24);
    for (int k = 0; k < length; ++k) {
      // Whole UTF-8 sequences only: ä (2 bytes) and € (3 bytes) as units.
      const auto pick = rng() % 14;
      if (pick < 12)
        s += alphabet[pick];
      else if (pick == 12)
        s += "\xc3\xa4";
      else
        s += "\xe2\x82\xac";
    }
    const auto e = verbund::report::escape(s);
    INFO(s);
    CHECK(e.find_first_of("<>\"'") == std::string::npos);
    for (std::size_t i = e.find('&'); i != std::string::npos; i = e.find('&', i + 1))
      CHECK(e.find(';', i) != std::string::npos);
    CHECK(unescape(e) == s);
  }
}
