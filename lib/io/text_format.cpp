#include "verbund/io/text_format.hpp"

#include <array>
#include <charconv>
#include <system_error>

namespace verbund::io {

std::string format_double(double value) {
  std::array<char, 32> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), end};
}

std::string format_float(float value) {
  std::array<char, 32> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), end};
}

std::string format_optional(const std::optional<int>& value) {
  return value ? std::to_string(*value) : std::string();
}

bool is_formula_trigger(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

bool reads_as_number(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

bool needs_formula_guard(std::string_view text) {
  const std::size_t quotes = text.find_first_not_of('\'');
  if (quotes == std::string_view::npos || !is_formula_trigger(text[quotes])) return false;
  return quotes > 0 || !reads_as_number(text);
}

namespace {

std::string rfc4180_field(std::string_view text) {
  const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                            (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!needs_quotes) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (needs_formula_guard(text)) return rfc4180_field("'" + std::string(text));
  return rfc4180_field(text);
}

std::string strip_formula_guard(std::string text) {
  const std::size_t quotes = text.find_first_not_of('\'');
  if (quotes != std::string::npos && quotes > 0 && is_formula_trigger(text[quotes])) {
    text.erase(0, 1);
  }
  return text;
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  out += '\n';
  return out;
}

}  // namespace verbund::io
