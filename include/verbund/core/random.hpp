#pragma once

#include <array>
#include <cstdint>

namespace verbund::core {

/// Philox4x32-10 (Salmon et al., SC'11): a counter-based generator; the output is a pure
/// function of (counter, key). O(1) (ten rounds). Thread-safe; does not throw.
[[nodiscard]] std::array<std::uint32_t, 4> philox4x32_10(std::array<std::uint32_t, 4> counter,
                                                         std::array<std::uint32_t, 2> key) noexcept;

/// A stream of random numbers that is a pure function of (seed, stream, purpose, draw index), so
/// that results do not depend on which thread draws them or in which order streams are used.
/// Use one stream per independent unit of work, e.g. (seed, actor index, purpose).
/// A stream advances as it draws: not thread-safe, use one per thread or unit of work. No member
/// throws.
class RandomStream {
 public:
  /// O(1); draws nothing until asked.
  RandomStream(std::uint64_t seed, std::uint64_t stream, std::uint32_t purpose = 0) noexcept
      : key_{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32U)},
        stream_(stream),
        purpose_(purpose) {}

  /// 64 uniformly distributed bits. O(1) (one Philox block per two draws).
  std::uint64_t next_u64() noexcept;
  /// Uniform in [0, 1), 53 bits of resolution. O(1).
  double uniform() noexcept { return static_cast<double>(next_u64() >> 11U) * 0x1.0p-53; }
  /// Uniform integer in [0, n), unbiased; n > 0. Expected O(1) (Lemire's rejection, which
  /// redraws with probability below n / 2^64).
  std::uint64_t below(std::uint64_t n) noexcept;
  /// True with probability p. O(1).
  bool bernoulli(double p) noexcept { return uniform() < p; }
  /// Standard normal (Box–Muller). O(1).
  double normal() noexcept;
  /// Poisson with the given mean (inversion for small means, normal approximation above 64).
  /// O(mean) up to a mean of 64 (at most 1000 steps), O(1) above.
  std::uint32_t poisson(double mean) noexcept;
  /// The same with exp(-mean) given, for callers drawing often with one mean. Same cost.
  std::uint32_t poisson(double mean, double exp_minus_mean) noexcept;

 private:
  std::array<std::uint32_t, 2> key_;
  std::uint64_t stream_;
  std::uint32_t purpose_;
  std::uint32_t block_ = 0;  // counter of Philox blocks drawn
  std::array<std::uint32_t, 4> buffer_{};
  unsigned used_ = 4;  // 32-bit words of buffer_ consumed
};

}  // namespace verbund::core
