#include "verbund/core/random.hpp"

#include <cmath>
#include <numbers>

namespace verbund::core {
namespace {
__extension__ using Uint128 = unsigned __int128;  // GCC/Clang builtin, for Lemire's method
}  // namespace

std::array<std::uint32_t, 4> philox4x32_10(std::array<std::uint32_t, 4> c,
                                           std::array<std::uint32_t, 2> k) noexcept {
  constexpr std::uint64_t m0 = 0xD2511F53;
  constexpr std::uint64_t m1 = 0xCD9E8D57;
  constexpr std::uint32_t w0 = 0x9E3779B9;
  constexpr std::uint32_t w1 = 0xBB67AE85;
  for (int round = 0; round < 10; ++round) {
    const std::uint64_t p0 = m0 * c[0];
    const std::uint64_t p1 = m1 * c[2];
    c = {static_cast<std::uint32_t>(p1 >> 32U) ^ c[1] ^ k[0], static_cast<std::uint32_t>(p1),
         static_cast<std::uint32_t>(p0 >> 32U) ^ c[3] ^ k[1], static_cast<std::uint32_t>(p0)};
    k[0] += w0;
    k[1] += w1;
  }
  return c;
}

std::uint64_t RandomStream::next_u64() noexcept {
  if (used_ >= 4) {
    buffer_ = philox4x32_10({block_, purpose_, static_cast<std::uint32_t>(stream_),
                             static_cast<std::uint32_t>(stream_ >> 32U)},
                            key_);
    ++block_;
    used_ = 0;
  }
  const std::uint64_t value =
      (static_cast<std::uint64_t>(buffer_[used_]) << 32U) | buffer_[used_ + 1];
  used_ += 2;
  return value;
}

std::uint64_t RandomStream::below(std::uint64_t n) noexcept {
  // Lemire's multiply-and-reject: unbiased without a division in the common case.
  Uint128 product = static_cast<Uint128>(next_u64()) * n;
  auto low = static_cast<std::uint64_t>(product);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      product = static_cast<Uint128>(next_u64()) * n;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64U);
}

double RandomStream::normal() noexcept {
  const double u1 = 1.0 - uniform();  // (0, 1]
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::uint32_t RandomStream::poisson(double mean) noexcept {
  return poisson(mean, mean > 0.0 && mean <= 64.0 ? std::exp(-mean) : 0.0);
}

std::uint32_t RandomStream::poisson(double mean, double exp_minus_mean) noexcept {
  if (mean <= 0.0) return 0;
  if (mean > 64.0) {
    const double x = std::round(mean + std::sqrt(mean) * normal());
    return x <= 0.0 ? 0U : static_cast<std::uint32_t>(x);
  }
  // Inversion by sequential search.
  double p = exp_minus_mean;
  double cumulative = p;
  const double u = uniform();
  std::uint32_t k = 0;
  while (u > cumulative && k < 1000) {
    ++k;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

}  // namespace verbund::core
