#pragma once

// Strict reading of one TOML table: typed getters with range checks, and an error for every key
// no getter asked for. Errors name file:line:column. Private to lib/.

#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "io/toml.hpp"

namespace verbund::io {

/// Every key must be consumed by a getter, else finish() reports it as unknown.
class TomlReader {
 public:
  TomlReader(const toml::table& table, std::string file, std::string context)
      : table_(table), file_(std::move(file)), context_(std::move(context)) {}

  [[nodiscard]] SourceLocation where(const toml::node& node) const {
    return io::location_of(file_, node.source());
  }
  [[nodiscard]] SourceLocation where() const { return io::location_of(file_, table_.source()); }

  const toml::node* get(std::string_view key) {
    seen_.insert(std::string(key));
    return table_.get(key);
  }
  std::optional<std::string> string(std::string_view key) {
    const auto* node = get(key);
    if (!node) return std::nullopt;
    if (!node->is_string()) fail(*node, "'" + std::string(key) + "' must be a string");
    return node->value<std::string>();
  }
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t lo, std::int64_t hi) {
    const auto* node = get(key);
    if (!node) return std::nullopt;
    const auto v = node->value_exact<std::int64_t>();
    if (!v || *v < lo || *v > hi) {
      fail(*node, "'" + std::string(key) + "' must be a whole number from " + std::to_string(lo) +
                      " to " + std::to_string(hi));
    }
    return v;
  }
  std::optional<double> number(std::string_view key) {
    const auto* node = get(key);
    if (!node) return std::nullopt;
    const auto v = node->value<double>();
    if (!v || !std::isfinite(*v) || *v < 0.0)
      fail(*node, "'" + std::string(key) + "' must be a finite number >= 0");
    return v;
  }
  std::optional<bool> boolean(std::string_view key) {
    const auto* node = get(key);
    if (!node) return std::nullopt;
    if (!node->is_boolean()) fail(*node, "'" + std::string(key) + "' must be true or false");
    return node->value<bool>();
  }
  std::vector<std::string> strings(std::string_view key) {
    std::vector<std::string> out;
    const auto* node = get(key);
    if (!node) return out;
    const auto* array = node->as_array();
    if (!array) fail(*node, "'" + std::string(key) + "' must be an array of strings");
    for (const auto& item : *array) {
      if (!item.is_string()) fail(item, "'" + std::string(key) + "' must hold strings only");
      out.push_back(*item.value<std::string>());
    }
    return out;
  }
  /// Where each string of the array `key` is written (as `strings(key)` reads them), for
  /// messages about one of them; empty when the key is absent.
  std::vector<SourceLocation> places_of_strings(std::string_view key) {
    std::vector<SourceLocation> out;
    const auto* node = get(key);
    if (const auto* array = node ? node->as_array() : nullptr)
      for (const auto& item : *array) out.push_back(where(item));
    return out;
  }
  /// Throws on the first key no getter asked for.
  void finish() const {
    for (const auto& [key, node] : table_) {
      if (!seen_.contains(std::string(key.str()))) {
        throw InvalidInput(io::location_of(file_, key.source()),
                           "unknown key '" + std::string(key.str()) + "' in " + context_);
      }
    }
  }
  [[noreturn]] void fail(const toml::node& node, const std::string& message) const {
    throw InvalidInput(where(node), message + " (in " + context_ + ")");
  }

 private:
  const toml::table& table_;
  std::string file_;
  std::string context_;
  std::set<std::string> seen_;
};

/// The table under `node`, or an error naming `name`.
inline const toml::table& sub_table(TomlReader& parent, const toml::node* node,
                                    const std::string& name) {
  if (!node->is_table()) parent.fail(*node, "'" + name + "' must be a table");
  return *node->as_table();
}

}  // namespace verbund::io
