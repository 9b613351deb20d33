// The HTML writer: every value is escaped, whatever it holds.
#include <catch2/catch.hpp>

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
