#include "verbund/match/weights_file.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "io/read_text.hpp"
#include "io/toml.hpp"
#include "verbund/io/text_format.hpp"

namespace verbund::match {

namespace {

struct Number {
  const char* key;
  double* field;
};

// The weights file's number keys and their fields: one list for the reader and the writer.
std::array<Number, 10> number_fields(ScoreWeights& w) {
  return {{{"fit", &w.fit},
           {"theme_credit", &w.theme_credit},
           {"proximity", &w.proximity},
           {"half_distance_km", &w.half_distance_km},
           {"same_municipality", &w.same_municipality},
           {"network", &w.network},
           {"prior_tie", &w.prior_tie},
           {"first_science_tie", &w.first_science_tie},
           {"bridge", &w.bridge},
           {"capacity_penalty", &w.capacity_penalty}}};
}

}  // namespace

ScoreWeights parse_score_weights(std::string_view toml_text, const std::string& file) {
  const toml::table table = io::parse_toml(toml_text, file);
  ScoreWeights w;
  const auto numbers = number_fields(w);
  for (const auto& [key, node] : table) {
    const auto where = io::location_of(file, node.source());
    const std::string name(key.str());
    auto number = std::find_if(std::begin(numbers), std::end(numbers),
                               [&](const Number& n) { return name == n.key; });
    if (number != std::end(numbers)) {
      const auto value = node.value<double>();  // integers convert too
      if (!value) throw InvalidInput(where, "'" + name + "' must be a number");
      if (!std::isfinite(*value) || *value < 0.0)
        throw InvalidInput(where, "'" + name + "' must be a finite number >= 0");
      const bool is_weight = name != "theme_credit" && name != "half_distance_km";
      if (is_weight && *value > ScoreWeights::max_weight) {
        throw InvalidInput(where, "'" + name + "' = " + io::format_double(*value) +
                                      " is out of range: a weight must be at most " +
                                      io::format_double(ScoreWeights::max_weight) +
                                      " (weights are relative; scale the others down instead)");
      }
      if (name == "theme_credit" && *value > 1.0)
        throw InvalidInput(where, "'theme_credit' must be at most 1");
      if (name == "proximity" && *value > 1.0)
        throw InvalidInput(where,
                           "'proximity' must be at most 1: it is the share of the fit "
                           "that depends on distance");
      if (name == "half_distance_km" &&
          (*value <= 0.0 || *value > ScoreWeights::max_half_distance_km)) {
        throw InvalidInput(where, "'half_distance_km' must be in (0, " +
                                      io::format_double(ScoreWeights::max_half_distance_km) + "]");
      }
      *number->field = *value;
    } else if (name == "capacity_policy") {
      const auto value = node.value<std::string>();
      if (value == "exclude") {
        w.capacity_policy = CapacityPolicy::exclude;
      } else if (value == "penalise") {
        w.capacity_policy = CapacityPolicy::penalise;
      } else {
        throw InvalidInput(where, "'capacity_policy' must be \"exclude\" or \"penalise\"");
      }
    } else if (name == "default_capacity" || name == "default_seeker_capacity" ||
               name == "partnership_years") {
      const auto value = node.value_exact<std::int64_t>();
      if (!value || *value < 0 || *value > 1000000)
        throw InvalidInput(where, "'" + name + "' must be a whole number >= 0");
      (name == "default_capacity"    ? w.default_capacity
       : name == "partnership_years" ? w.partnership_years
                                     : w.default_seeker_capacity) = static_cast<int>(*value);
    } else if (name == "reference_year") {
      const auto value = node.value_exact<std::int64_t>();
      if (!value || *value < -100000 || *value > 100000)
        throw InvalidInput(where, "'reference_year' must be a year");
      w.reference_year = static_cast<int>(*value);
    } else {
      throw InvalidInput(io::location_of(file, key.source()),
                         "unknown key '" + name + "' in score weights");
    }
  }
  try {
    w.validate();
  } catch (const InvalidInput& e) {
    throw InvalidInput(SourceLocation{file, 0, 0}, e.detail());
  }
  return w;
}

ScoreWeights load_score_weights(const std::filesystem::path& path) {
  return parse_score_weights(io::read_text_file(path, "weights file"), path.string());
}

std::string score_weights_toml(const ScoreWeights& weights, const std::string& comment) {
  ScoreWeights w = weights;  // number_fields points into it
  std::string s = "# " + comment + "\n";
  for (const auto& [key, field] : number_fields(w))
    s += std::string(key) + " = " + io::format_double(*field) + "\n";
  s += std::string("capacity_policy = \"") +
       (w.capacity_policy == CapacityPolicy::exclude ? "exclude" : "penalise") + "\"\n";
  s += "default_capacity = " + std::to_string(w.default_capacity) + "\n";
  s += "default_seeker_capacity = " + std::to_string(w.default_seeker_capacity) + "\n";
  s += "partnership_years = " + std::to_string(w.partnership_years) + "\n";
  if (w.reference_year) s += "reference_year = " + std::to_string(*w.reference_year) + "\n";
  return s;
}

}  // namespace verbund::match
