#pragma once
// The purposes of the sweep's random streams (core::RandomStream), each named once.
#include <cstdint>

namespace verbund::sweep::detail {

enum class Purpose : std::uint32_t {
  lhs_strata = 1,   ///< stream = parameter: its strata permutation and the jitter within
  morris_path = 2,  ///< stream = trajectory: its base point, directions and order
  bootstrap = 3,    ///< stream = resample: the rows drawn
};

[[nodiscard]] constexpr std::uint32_t purpose(Purpose p) noexcept {
  return static_cast<std::uint32_t>(p);
}

}  // namespace verbund::sweep::detail
