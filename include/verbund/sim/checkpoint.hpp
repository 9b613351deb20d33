#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/region.hpp"
#include "verbund/core/tie.hpp"
#include "verbund/sim/indicators.hpp"

namespace verbund::sim {

/// A tie of the evolving network, as a checkpoint keeps it: one per pair of actors.
struct SimTie {
  std::uint32_t a = 0, b = 0;  ///< a < b
  core::TieKind kind = core::TieKind::informal;
  double strength = 1.0;  ///< decays without renewal; the tie ends below a threshold
  int ends = -1;          ///< month at which it ends regardless (projects), -1 = open
  bool alive = true;
  int created = 0;  ///< month it was made (0 = at the start)
  /// Who delivers to whom along it (supply ties): delivers_ab, delivers_ba, both or none.
  std::uint8_t delivers = 0;
};
inline constexpr std::uint8_t delivers_ab = 1;  ///< SimTie::a supplies SimTie::b
inline constexpr std::uint8_t delivers_ba = 2;  ///< SimTie::b supplies SimTie::a

/// One replicate's state after a month: enough to continue it exactly.
struct ReplicateState {
  std::size_t replicate = 0;
  std::vector<SimTie> ties;           ///< live ties
  std::vector<std::uint32_t> closed;  ///< actors closed at the time (firm exit), ascending
  std::uint64_t innovations = 0;
  std::vector<Indicators> series;  ///< months 0..month
};

/// The states of a run's replicates after `month`, for scenarios forked from it later.
struct Checkpoint {
  int month = 0;
  std::uint64_t seed = 0;
  std::uint64_t region = 0;  ///< fingerprint of the region it belongs to
  std::string scenario;      ///< the scenario's name, for the record
  std::vector<ReplicateState> replicates;
};

/// A fingerprint of a region's actors and ties (FNV-1a): a checkpoint resumes only on the same.
/// O(actors + ties). Thread-safe, no throw beyond std::bad_alloc.
[[nodiscard]] std::uint64_t region_fingerprint(const core::Region& region);

/// Writes a checkpoint as text, values exact (hex floats). O(size). Throws IoError if the file
/// cannot be written. Thread-safe for distinct paths.
void write_checkpoint(const Checkpoint& checkpoint, const std::filesystem::path& path);
/// Parses a checkpoint's text; `file` names it in messages. O(size). Throws InvalidInput naming
/// file and line if it is not a checkpoint, is damaged or its month lies outside 0..1200.
/// Thread-safe.
[[nodiscard]] Checkpoint parse_checkpoint(std::string_view text, const std::string& file);
/// Reads and parses a checkpoint file. Throws InvalidInput if it cannot be opened or parsed.
[[nodiscard]] Checkpoint read_checkpoint(const std::filesystem::path& path);

/// What a run resuming from a checkpoint must agree with.
struct ResumeRequest {
  int month = 0;               ///< the fork month the scenario asks for
  std::uint64_t seed = 0;      ///< the run's seed
  std::size_t replicates = 0;  ///< replicates 0..replicates-1 must be in the checkpoint
};
/// Checks that `checkpoint` fits `region` and `request` (month, seed, region fingerprint, the
/// replicates asked for, each once, with months 0..month of indicators, ties between actors that
/// exist, each pair once and smaller actor first, closed firms that exist, ascending); `file`
/// names it in messages. O(size log size + actors + ties). Throws InvalidInput naming the file
/// and the mismatch. Thread-safe.
void check_checkpoint(const Checkpoint& checkpoint, const core::Region& region,
                      const ResumeRequest& request, const std::string& file);

}  // namespace verbund::sim
