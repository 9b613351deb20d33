#pragma once

// The HTML side of reports: every value taken from data reaches the page through `escape` (text
// and attribute values alike), and markup is only ever written from string literals of the
// library. A report is one self-contained file: inline CSS and SVG, no script, nothing fetched.

#include <string>
#include <string_view>
#include <vector>

namespace verbund::report {

/// `text` with &, <, >, " and ' replaced by character references, so that it shows as written
/// inside an element or a quoted attribute value and can never open a tag, close an attribute
/// or start a script. Invalid UTF-8 bytes are replaced by U+FFFD. O(size). Thread-safe; throws
/// only std::bad_alloc.
[[nodiscard]] std::string escape(std::string_view text);

/// An HTML fragment under construction. Text and attribute values go through `escape`; tags are
/// written from the caller's literals. Not thread-safe (one writer per fragment); every member
/// is O(size of what it appends) and throws only std::bad_alloc. \code
///   Html h;
///   h.open("p", {{"class", "reason"}}).text(actor_name).close("p");
/// \endcode
class Html {
 public:
  struct Attribute {
    std::string_view name;  ///< a literal of the library, never data
    std::string value;      ///< data: escaped
  };
  /// `<tag a="v" ...>`.
  Html& open(std::string_view tag, const std::vector<Attribute>& attributes = {});
  /// `</tag>`.
  Html& close(std::string_view tag);
  /// Escaped text.
  Html& text(std::string_view value);
  /// `<tag ...>escaped text</tag>`.
  Html& element(std::string_view tag, std::string_view value,
                const std::vector<Attribute>& attributes = {});
  /// Markup made by this library (an SVG chart, another fragment): appended as it is.
  Html& markup(std::string_view trusted);
  /// A table: header cells and rows of cells, all escaped.
  Html& table(const std::vector<std::string>& header,
              const std::vector<std::vector<std::string>>& rows, std::string_view css_class = "");
  [[nodiscard]] const std::string& str() const noexcept { return out_; }

 private:
  std::string out_;
};

/// A whole page: doctype, `<html lang>`, the title (escaped), the inline style sheet (screen and
/// print) and `body` (a fragment built with Html). O(size). Thread-safe; throws only
/// std::bad_alloc.
[[nodiscard]] std::string html_page(std::string_view lang_code, std::string_view title,
                                    std::string_view body);

}  // namespace verbund::report
