#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "verbund/core/random.hpp"

using verbund::core::philox4x32_10;
using verbund::core::RandomStream;

// Known-answer vectors published with Random123 (kat_vectors, philox4x32 with 10 rounds).
TEST_CASE("philox4x32-10 reproduces the Random123 known answers", "[core][random]") {
  CHECK(philox4x32_10({0, 0, 0, 0}, {0, 0}) ==
        std::array<std::uint32_t, 4>{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
  CHECK(philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}) ==
        std::array<std::uint32_t, 4>{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
  CHECK(philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}) ==
        std::array<std::uint32_t, 4>{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
}

TEST_CASE("a random stream is a pure function of seed, stream and purpose", "[core][random]") {
  RandomStream a(42, 7, 3), b(42, 7, 3), other_stream(42, 8, 3), other_purpose(42, 7, 4),
      other_seed(43, 7, 3);
  bool differs_stream = false, differs_purpose = false, differs_seed = false;
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next_u64();
    CHECK(x == b.next_u64());
    differs_stream |= x != other_stream.next_u64();
    differs_purpose |= x != other_purpose.next_u64();
    differs_seed |= x != other_seed.next_u64();
  }
  CHECK(differs_stream);
  CHECK(differs_purpose);
  CHECK(differs_seed);
}

TEST_CASE("uniform draws have the right moments and below() covers its range evenly",
          "[core][random]") {
  RandomStream rng(1, 2);
  constexpr int n = 200000;
  double sum = 0.0, sum_sq = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum_sq += u * u;
  }
  CHECK(sum / n == Approx(0.5).margin(0.005));
  CHECK(sum_sq / n - (sum / n) * (sum / n) == Approx(1.0 / 12.0).margin(0.002));

  // Chi-square over 10 cells: 99.9 % quantile with 9 degrees of freedom is 27.9.
  std::vector<int> cells(10, 0);
  for (int i = 0; i < n; ++i) ++cells[rng.below(10)];
  double chi2 = 0.0;
  for (const int c : cells) chi2 += (c - n / 10.0) * (c - n / 10.0) / (n / 10.0);
  CHECK(chi2 < 27.9);
}

TEST_CASE("normal and Poisson draws match their means and variances", "[core][random]") {
  RandomStream rng(9, 9);
  constexpr int n = 100000;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    sum += z;
    sum_sq += z * z;
  }
  CHECK(sum / n == Approx(0.0).margin(0.02));
  CHECK(sum_sq / n == Approx(1.0).margin(0.02));
  for (const double mean : {0.3, 2.5, 20.0, 100.0}) {
    double s = 0, s2 = 0;
    for (int i = 0; i < n; ++i) {
      const double k = rng.poisson(mean);
      s += k;
      s2 += k * k;
    }
    const double m = s / n;
    CHECK(m == Approx(mean).epsilon(0.02));
    CHECK(s2 / n - m * m == Approx(mean).epsilon(0.05));
  }
  CHECK(rng.poisson(0.0) == 0);
}
