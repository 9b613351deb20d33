#pragma once

// What research groups (the receivers of transfer requests) want themselves: criteria on the
// firms they take on, or an explicit ranking. Used as the receivers' priorities in stable
// assignment, so that `stable` differs from `greedy` and its blocking-pair audit means something.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "verbund/core/region.hpp"

namespace verbund::match {

/// One receiver's stated preferences. A firm's priority: its place in `ranking` when listed
/// (every listed firm above every unlisted one); else the number of criteria it meets (size
/// class among `sizes`, a need among `topics`, within `max_distance_km`); ties by the shared
/// score.
struct ReceiverPreference {
  core::ActorId receiver;
  std::vector<core::ActorId> ranking;  ///< best first
  std::vector<core::FirmSize> sizes;
  std::vector<core::CompetenceId> topics;
  std::optional<double> max_distance_km;
};

struct ReceiverPreferences {
  std::vector<ReceiverPreference> receivers;  ///< at most one per receiver

  /// The priority `receiver` gives `firm` whose shared score is `score` (larger = preferred):
  /// `score` itself when the receiver stated nothing. O(ranking + sizes + topics + needs).
  /// Does not throw. Thread-safe.
  [[nodiscard]] double priority(const core::Region& region, core::ActorId receiver,
                                core::ActorId firm, double score) const;
};

/// Reads `[[receiver]]` tables (`id`, and `ranking` = firm ids, `sizes`, `topics` = competence
/// ids, `max_distance_km`) against `region`. Throws InvalidInput at file:line:column on an
/// unknown key, actor, size or competence, or a receiver listed twice; IoError if unreadable.
/// O(file size + entries log n). Thread-safe.
[[nodiscard]] ReceiverPreferences load_receiver_preferences(const std::filesystem::path& file,
                                                            const core::Region& region);

}  // namespace verbund::match
