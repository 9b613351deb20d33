#pragma once

// The simulation's random streams, named once. A draw is a pure function of (master seed,
// stream, purpose, counter) (core::RandomStream); the stream is keyed by (replicate, month,
// unit), the unit being an actor or an intervention's ordinal, so that scenarios run with one
// seed share their numbers wherever they do the same thing (common random numbers). Private to
// lib/sim.

#include <cstddef>
#include <cstdint>

namespace verbund::sim::detail {

/// What a stream of draws is for. Values are part of the reproducibility contract: changing one
/// changes every result drawn with it.
enum class Purpose : std::uint32_t {
  meeting = 1,     ///< an actor's own meetings in a month
  session = 2,     ///< a working-group member's meetings in a session
  innovation = 3,  ///< the month's innovation draws, firms in order
  shock = 4,       ///< a shocked actor's lost ties and closure
  selection = 5,   ///< who an intervention targets (drawn once, when compiling)
  office = 6,      ///< a transfer office's month: whom it introduces, which convert
  event = 7,       ///< a firm's meetings at a matchmaking day
  supplier = 8,    ///< a buyer's meetings in a supplier initiative
  decay = 9,       ///< the month's tie endings by chance, ties in order
  demography = 10  ///< the month's firm exits and start-ups, firms in order
};

/// Interventions of one type that draw per actor get a family of purposes: the k-th of them
/// (in scenario order) draws with purpose + stride * k. Every purpose is below the stride, so
/// families never meet.
inline constexpr std::uint32_t purpose_stride = 16;
static_assert(static_cast<std::uint32_t>(Purpose::demography) < purpose_stride);

/// The purpose of the `instance`-th intervention of a type (0 for draws that are not per
/// intervention).
[[nodiscard]] constexpr std::uint32_t purpose(Purpose p, std::uint32_t instance = 0) noexcept {
  return static_cast<std::uint32_t>(p) + purpose_stride * instance;
}

/// The unit of draws that sweep the whole network (decay, demography, innovation).
inline constexpr std::uint32_t whole_network = UINT32_MAX;

/// The stream of (replicate, month, unit): the same across scenarios run with one seed.
[[nodiscard]] constexpr std::uint64_t stream(std::size_t replicate, int month,
                                             std::uint32_t unit) noexcept {
  return (static_cast<std::uint64_t>(replicate) << 44U) ^
         (static_cast<std::uint64_t>(month) << 32U) ^ unit;
}

/// Which of an intervention's target sets a selection draws: the suppliers of a supplier
/// initiative draw apart from its buyers.
enum class SelectionRole : std::uint64_t { targets = 0, suppliers = 1 };
/// Selection streams of roles lie this far apart: distinct for scenarios of fewer interventions.
inline constexpr std::uint64_t selection_role_stride = 1000;

/// The stream of the selection of the `index`-th intervention of a scenario, for `role`.
[[nodiscard]] constexpr std::uint64_t selection_stream(std::size_t index,
                                                       SelectionRole role) noexcept {
  return index + selection_role_stride * static_cast<std::uint64_t>(role);
}

}  // namespace verbund::sim::detail
