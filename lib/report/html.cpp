#include "verbund/report/html.hpp"

namespace verbund::report {
namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is not one.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  std::size_t n = 0;
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF)
    n = 2;
  else if (b >= 0xE0 && b <= 0xEF)
    n = 3;
  else if (b >= 0xF0 && b <= 0xF4)
    n = 4;
  else
    return 0;
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  // Overlong forms, surrogates and code points above U+10FFFF.
  if (n == 3 && b == 0xE0 && byte(i + 1) < 0xA0) return 0;
  if (n == 3 && b == 0xED && byte(i + 1) >= 0xA0) return 0;
  if (n == 4 && b == 0xF0 && byte(i + 1) < 0x90) return 0;
  if (n == 4 && b == 0xF4 && byte(i + 1) >= 0x90) return 0;
  return n;
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    switch (c) {
      case '&':
        out += "&amp;";
        ++i;
        continue;
      case '<':
        out += "&lt;";
        ++i;
        continue;
      case '>':
        out += "&gt;";
        ++i;
        continue;
      case '"':
        out += "&quot;";
        ++i;
        continue;
      case '\'':
        out += "&#39;";
        ++i;
        continue;
      default:
        break;
    }
    const auto n = utf8_length(text, i);
    const auto b = static_cast<unsigned char>(c);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    } else if (n == 1 && b < 0x20 && c != '\n' && c != '\t') {
      out += ' ';  // control characters are not allowed in HTML text
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

Html& Html::open(std::string_view tag, const std::vector<Attribute>& attributes) {
  out_ += '<';
  out_ += tag;
  for (const auto& a : attributes) {
    out_ += ' ';
    out_ += a.name;
    out_ += "=\"";
    out_ += escape(a.value);
    out_ += '"';
  }
  out_ += '>';
  return *this;
}

Html& Html::close(std::string_view tag) {
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

Html& Html::text(std::string_view value) {
  out_ += escape(value);
  return *this;
}

Html& Html::element(std::string_view tag, std::string_view value,
                    const std::vector<Attribute>& attributes) {
  return open(tag, attributes).text(value).close(tag);
}

Html& Html::markup(std::string_view trusted) {
  out_ += trusted;
  return *this;
}

Html& Html::table(const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows, std::string_view css_class) {
  if (css_class.empty()) {
    open("table");
  } else {
    open("table", {{"class", std::string(css_class)}});
  }
  open("thead").open("tr");
  for (const auto& h : header) element("th", h);
  close("tr").close("thead").open("tbody");
  for (const auto& row : rows) {
    open("tr");
    for (const auto& cell : row) element("td", cell);
    close("tr");
  }
  return close("tbody").close("table");
}

namespace {
// Screen and print: A4 portrait, charts kept whole on a page, no colours lost in print.
constexpr std::string_view style_sheet = R"css(
:root { --ink: #1d2733; --muted: #5b6673; --rule: #d5dbe1; --accent: #1f5f99; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; color: var(--accent); }
h2 { font-size: 1.25rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .3rem; }
p.lead, p.note { color: var(--muted); }
p.empty { font-weight: bold; padding: .6rem; border: 1px solid var(--rule); background: #fff8e1; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; padding: .25rem .45rem; border-bottom: 1px solid var(--rule);
         vertical-align: top; }
th { background: #eef2f6; }
ul.reasons { margin: .2rem 0 .2rem 1.1rem; padding: 0; }
section.card { border: 1px solid var(--rule); border-radius: 4px; padding: .5rem .8rem;
               margin: .6rem 0; break-inside: avoid; }
figure { margin: .6rem 0 1rem; break-inside: avoid; }
figcaption { color: var(--muted); font-size: .88rem; }
svg { max-width: 100%; height: auto; font-family: inherit; }
svg text { fill: var(--ink); }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@page { size: A4; margin: 15mm; }
)css";
}  // namespace

std::string html_page(std::string_view lang_code, std::string_view title, std::string_view body) {
  std::string page;
  page.reserve(body.size() + style_sheet.size() + 512);
  page += "<!DOCTYPE html>\n<html lang=\"";
  page += escape(lang_code);
  page += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // Nothing may be fetched or run: a reader's browser enforces it even if a value slipped.
  page +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n";
  page += "<title>";
  page += escape(title);
  page += "</title>\n<style>";
  page += style_sheet;
  page += "</style>\n</head>\n<body>\n";
  page += body;
  page += "\n</body>\n</html>\n";
  return page;
}

}  // namespace verbund::report
