#include "verbund/core/quantile.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using verbund::core::quantile;

// Expected values are numpy.quantile's (default method "linear", R's type 7) for the same
// data, computed with Debian's python3-numpy 1.24:
//   np.quantile([3, 1, 4, 1, 5, 9, 2, 6], q)
TEST_CASE("quantile interpolates like numpy's default and R's type 7", "[core][quantile]") {
  const std::vector<double> xs{3, 1, 4, 1, 5, 9, 2, 6};
  CHECK(quantile(xs, 0.0) == Approx(1.0));
  CHECK(quantile(xs, 0.025) == Approx(1.0));
  CHECK(quantile(xs, 0.25) == Approx(1.75));
  CHECK(quantile(xs, 0.5) == Approx(3.5));
  CHECK(quantile(xs, 0.9) == Approx(6.9));
  CHECK(quantile(xs, 0.975) == Approx(8.475));
  CHECK(quantile(xs, 1.0) == Approx(9.0));
}

TEST_CASE("quantile of one value, of none, and outside [0, 1]", "[core][quantile]") {
  CHECK(quantile({7.0}, 0.3) == 7.0);
  CHECK(std::isnan(quantile({}, 0.5)));
  CHECK(quantile({1.0, 2.0}, -1.0) == 1.0);
  CHECK(quantile({1.0, 2.0}, 2.0) == 2.0);
}
