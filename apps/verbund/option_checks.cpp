#include "option_checks.hpp"

#include <charconv>
#include <cmath>
#include <functional>
#include <optional>
#include <regex>

namespace verbund::cli {

namespace {

// The whole of `text` as a number, or nothing.
std::optional<double> parse_number(const std::string& text) {
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string got(const std::string& text) {
  const auto value = parse_number(text);
  return value && std::isnan(*value) ? " (got " + text + ", not a number)" : " (got " + text + ")";
}

std::string lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

CLI::Validator number_check(std::string what, std::function<bool(double)> fits) {
  return CLI::Validator(
      [what, fits](std::string& text) -> std::string {
        const auto value = parse_number(text);
        if (value && std::isfinite(*value) && fits(*value)) return {};
        return "must be " + what + got(text);
      },
      "", "number");
}

}  // namespace

std::string short_number(double value, report::Lang lang) {
  if (value == 0.0) return "0";  // and not "-0"
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, ec == std::errc() ? end : buffer);
  if (lang == report::Lang::de) {
    if (const auto dot = text.find('.'); dot != std::string::npos) text[dot] = ',';
  }
  return text;
}

CLI::Validator whole_range(long long lo, long long hi) {
  const std::string what = "a whole number " + std::to_string(lo) + ".." + std::to_string(hi);
  return CLI::Validator(
      [lo, hi, what](std::string& text) -> std::string {
        long long value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec == std::errc() && end == text.data() + text.size() && value >= lo && value <= hi)
          return {};
        return "must be " + what + got(text);
      },
      std::to_string(lo) + ".." + std::to_string(hi), "whole number range");
}

CLI::Validator number_range(double lo, double hi) {
  return number_check("a number " + short_number(lo) + ".." + short_number(hi),
                      [lo, hi](double v) { return v >= lo && v <= hi; })
      .description(short_number(lo) + ".." + short_number(hi));
}

CLI::Validator positive_number() {
  return number_check("a number above 0", [](double v) { return v > 0.0; });
}

CLI::Validator non_negative_number() {
  return number_check("a number of at least 0", [](double v) { return v >= 0.0; });
}

CLI::Validator one_of(std::vector<std::string> words, bool ignore_case) {
  std::string list;
  for (std::size_t i = 0; i < words.size(); ++i)
    list += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
  return CLI::Validator(
      [words, ignore_case, list](std::string& text) -> std::string {
        for (const auto& word : words)
          if (word == text || (ignore_case && lower(word) == lower(text))) return {};
        return "must be " + list + " (got " + text + ")";
      },
      "", "one of");
}

std::string plain_option_message(std::string message, report::Lang lang) {
  // "--unit: must be a number above 0 (got 0)" (CLI11 puts the option's name first).
  static const std::regex sentence(R"(^(\S+): must be (.*) \(got (.*)\)$)");
  const auto line_end = message.find('\n');
  const std::string first = message.substr(0, line_end);
  const std::string rest = line_end == std::string::npos ? "" : message.substr(line_end);
  std::smatch m;
  // "--firm: 1 required TEXT missing": an option given without its value.
  static const std::regex missing(R"(^(\S+): \d+ required (\S+) missing$)");
  if (std::regex_match(first, m, missing))
    return m[1].str() + (lang == report::Lang::de ? " braucht einen Wert (" : " needs a value (") +
           m[2].str() + ")" + rest;
  const bool de = lang == report::Lang::de;
  // "Could not convert: --seed = abc": a value of the wrong type, for options without a check.
  static const std::regex unconverted(R"(^Could not convert: (\S+) = (.*)$)");
  if (std::regex_match(first, m, unconverted))
    return m[1].str() + (de ? ": '" : ": '") + m[2].str() +
           (de ? "' ist kein gültiger Wert" : "' is not a valid value") + rest;
  // "--db: At Most 1 required but received 2": an option given twice.
  static const std::regex twice(R"(^(\S+): At Most 1 required but received (\d+)$)");
  if (std::regex_match(first, m, twice))
    return m[1].str() +
           (de ? " ist " + m[2].str() + "-mal angegeben; nur einmal angeben"
               : " is given " + m[2].str() + " times; give it once") +
           rest;
  if (!std::regex_match(first, m, sentence)) return message;
  if (lang == report::Lang::en)
    return m[1].str() + " must be " + m[2].str() + " (got " + m[3].str() + ")" + rest;
  std::string what = m[2].str();
  what = std::regex_replace(what, std::regex(R"(^a whole number )"), "eine ganze Zahl ");
  what = std::regex_replace(what, std::regex(R"(^a number of at least )"), "eine Zahl ab ");
  what = std::regex_replace(what, std::regex(R"(^a number above )"), "eine Zahl über ");
  what = std::regex_replace(what, std::regex(R"(^a number )"), "eine Zahl ");
  what = std::regex_replace(what, std::regex(R"( or )"), " oder ");
  what = std::regex_replace(what, std::regex(R"((\d)\.(\d))"), "$1,$2");  // decimal comma
  std::string value =
      std::regex_replace(m[3].str(), std::regex(R"(, not a number$)"), ", keine Zahl");
  return m[1].str() + " muss " + what + " sein (nicht " + value + ")" + rest;
}

}  // namespace verbund::cli
