#include "verbund/match/score.hpp"

#include <cmath>
#include <string>
#include <utility>

#include "score_index.hpp"

#include "verbund/error.hpp"
#include "verbund/io/text_format.hpp"

namespace verbund::match {

using core::ActorId;

void ScoreWeights::validate() const {
  const std::pair<const char*, double> fields[] = {{"fit", fit},
                                                   {"theme_credit", theme_credit},
                                                   {"proximity", proximity},
                                                   {"half_distance_km", half_distance_km},
                                                   {"same_municipality", same_municipality},
                                                   {"network", network},
                                                   {"prior_tie", prior_tie},
                                                   {"first_science_tie", first_science_tie},
                                                   {"bridge", bridge},
                                                   {"capacity_penalty", capacity_penalty}};
  for (const auto& [name, value] : fields) {
    if (!std::isfinite(value) || value < 0.0) {
      throw InvalidInput(std::string("score weight '") + name +
                         "' must be a finite number >= 0, not " + std::to_string(value));
    }
  }
  for (const auto& [name, value] : fields) {
    const std::string_view key(name);
    if (key == "theme_credit" || key == "half_distance_km") continue;
    if (value > max_weight) {
      throw InvalidInput(std::string("score weight '") + name + "' must be at most " +
                         io::format_double(max_weight));
    }
  }
  if (half_distance_km > max_half_distance_km)
    throw InvalidInput("score weight 'half_distance_km' must be at most " +
                       io::format_double(max_half_distance_km));
  if (theme_credit > 1.0) throw InvalidInput("score weight 'theme_credit' must be at most 1");
  if (proximity > 1.0)
    throw InvalidInput(
        "score weight 'proximity' must be at most 1 (the share of fit that "
        "depends on distance)");
  if (half_distance_km <= 0.0) throw InvalidInput("score weight 'half_distance_km' must be > 0");
  if (default_capacity < 0) throw InvalidInput("'default_capacity' must be >= 0");
  if (default_seeker_capacity < 0) throw InvalidInput("'default_seeker_capacity' must be >= 0");
  if (partnership_years < 1) throw InvalidInput("'partnership_years' must be >= 1");
}

TransferScorer::TransferScorer(const core::Region& region, ScoreWeights weights, CandidatePool pool)
    : index_(std::make_unique<const detail::ScoreIndex>(region, weights, std::move(pool))) {}

TransferScorer::TransferScorer(TransferScorer&& other) noexcept = default;
TransferScorer& TransferScorer::operator=(TransferScorer&& other) noexcept = default;
TransferScorer::~TransferScorer() = default;

const core::Region& TransferScorer::region() const noexcept { return index_->region(); }
const ScoreWeights& TransferScorer::weights() const noexcept { return index_->weights(); }
std::span<const ActorId> TransferScorer::candidates() const noexcept {
  return index_->candidates();
}
bool TransferScorer::is_candidate(ActorId a) const { return index_->is_candidate(a); }

std::optional<ScoreParts> TransferScorer::score(ActorId seeker, std::span<const Need> needs,
                                                ActorId candidate) const {
  return index_->score(seeker, needs, candidate);
}

Explanation TransferScorer::explain(ActorId seeker, std::span<const Need> needs,
                                    ActorId candidate) const {
  return index_->explain(seeker, needs, candidate);
}

int TransferScorer::capacity(ActorId a) const { return index_->capacity(a); }
int TransferScorer::load(ActorId a) const { return index_->load(a); }
double TransferScorer::rarity(core::CompetenceId c) const { return index_->rarity(c); }

}  // namespace verbund::match
