#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "verbund/match/score.hpp"

namespace verbund::match {

/// Reads score weights from TOML: any of the ScoreWeights fields as top-level keys
/// (fit, theme_credit, proximity, half_distance_km, same_municipality, network, prior_tie,
/// first_science_tie, bridge, capacity_policy = "exclude"|"penalise", capacity_penalty,
/// default_capacity, default_seeker_capacity, partnership_years, reference_year); the rest keep
/// their defaults. Throws InvalidInput
/// at file:line:column on a syntax error, an unknown key, a wrong type or a value out of range.
/// O(text). Thread-safe.
[[nodiscard]] ScoreWeights parse_score_weights(std::string_view toml_text, const std::string& file);
/// Reads and parses a weights file. Throws InvalidInput naming the file if it cannot be opened,
/// and as `parse_score_weights`. O(file size). Thread-safe.
[[nodiscard]] ScoreWeights load_score_weights(const std::filesystem::path& path);

/// The weights as a TOML weights file `load_score_weights` reads back (every key, fixed
/// format, a comment line first). O(1). Thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string score_weights_toml(const ScoreWeights& weights,
                                             const std::string& comment);

}  // namespace verbund::match
