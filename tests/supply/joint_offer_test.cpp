#include <catch2/catch.hpp>

#include <set>

#include "random_market.hpp"
#include "small_market.hpp"
#include "verbund/core/geo.hpp"
#include "verbund/error.hpp"
#include "verbund/supply/joint_offer.hpp"

using namespace verbund;

namespace {

void expect_invalid(const std::string& text, const std::string& where, const std::string& what) {
  try {
    (void)supply::parse_requirement(text, "req.toml");
    FAIL("accepted");
  } catch (const InvalidInput& e) {
    CHECK(e.where().to_string() == where);
    CHECK_THAT(e.detail(), Catch::Contains(what));
  }
}

/// Qualified free capacity, recomputed from the offers (independent of the library's search).
double qualified(const supply::Market& m, const supply::Requirement& req, core::ActorId a,
                 std::size_t i) {
  supply::CertificationSet need = 0;
  for (const auto* list : {&req.certifications, &req.inputs[i].certifications})
    for (const auto& c : *list)
      need |= supply::CertificationSet{1} << m.find_certification(c)->value;
  const auto cat = *m.find_category(req.inputs[i].category);
  for (const auto& o : m.offers()) {
    if (o.supplier != a || o.category != cat) continue;
    if ((o.certifications & need) != need) return 0.0;
    if (o.min_order && *o.min_order > req.inputs[i].quantity) return 0.0;
    return o.free_capacity();
  }
  return 0.0;
}

struct Ranked {
  std::size_t size;
  double ratio;
  double spread;
  std::vector<std::string> ids;
};

/// Every group up to the partner limit, judged by check_joint_offer, ranked as documented.
std::vector<Ranked> enumerate(const supply::Market& m, const supply::Requirement& req) {
  const auto& region = m.region();
  const auto n = static_cast<std::uint32_t>(region.size());
  std::vector<Ranked> out;
  std::vector<core::ActorId> set;
  auto visit = [&](auto&& self, std::uint32_t from) -> void {
    if (!set.empty() && supply::check_joint_offer(m, req, set).empty()) {
      Ranked r{set.size(), INFINITY, 0.0, {}};
      for (std::size_t i = 0; i < req.inputs.size(); ++i) {
        double total = 0.0;
        for (const auto a : set) total += qualified(m, req, a, i);
        r.ratio = std::min(r.ratio, total / req.inputs[i].quantity);
      }
      for (const auto a : set)
        for (const auto b : set) {
          const auto x = region.location(a), y = region.location(b);
          if (a < b && x && y) r.spread = std::max(r.spread, core::distance_km(*x, *y));
        }
      for (const auto a : set) r.ids.emplace_back(region.external_id(a));
      std::sort(r.ids.begin(), r.ids.end());
      out.push_back(r);
    }
    if (static_cast<int>(set.size()) == req.max_partners) return;
    for (std::uint32_t a = from; a < n; ++a) {
      set.push_back(core::ActorId{a});
      self(self, a + 1);
      set.pop_back();
    }
  };
  visit(visit, 0);
  std::sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) {
    return std::tie(a.size, b.ratio, a.spread, a.ids) < std::tie(b.size, a.ratio, b.spread, b.ids);
  });
  return out;
}

std::string random_requirement(std::uint64_t seed) {
  core::RandomStream rng(seed, 31);
  std::string t = "name = \"random\"\n";
  if (rng.bernoulli(0.3)) t += "certifications = [\"cert0\"]\n";
  t += "[partners]\nmax = " + std::to_string(2 + rng.below(3)) + "\n";
  if (rng.bernoulli(0.3)) t += "min = 2\n";
  if (rng.bernoulli(0.4)) t += "min_smes = 1\n";
  if (rng.bernoulli(0.3)) t += "max_per_municipality = 1\n";
  if (rng.bernoulli(0.3)) t += "lead_sizes = [\"large\"]\n";
  for (std::uint32_t c = 0; c < 3; ++c) {
    if (c > 0 && rng.bernoulli(0.3)) continue;
    t += "[[input]]\ncategory = \"cat" + std::to_string(c) +
         "\"\nquantity = " + std::to_string(5 + rng.below(80)) + "\n";
    if (rng.bernoulli(0.2)) t += "certifications = [\"cert1\"]\n";
  }
  return t;
}

}  // namespace

TEST_CASE("a requirement is read strictly, at file, line and column", "[supply][offer]") {
  const auto req = supply::parse_requirement(R"(name = "OEM"
certifications = ["iatf"]
[partners]
max = 3
min_smes = 1
lead_sizes = ["medium", "large"]
[[input]]
category = "castings"
quantity = 400
[[input]]
category = "coating"
quantity = 2.5
certifications = ["iso-14001"]
)",
                                             "req.toml");
  CHECK(req.max_partners == 3);
  CHECK(req.inputs.size() == 2);
  CHECK(req.inputs[1].quantity == 2.5);
  CHECK(req.lead_sizes.size() == 2);
  CHECK(req.category_at.at("coating").to_string() == "req.toml:11:12");
  CHECK(req.certification_at.at("iso-14001").to_string() == "req.toml:13:19");

  expect_invalid("colour = 1\n[[input]]\ncategory = \"a\"\nquantity = 1\n", "req.toml:1:1",
                 "unknown key 'colour'");
  expect_invalid("[[input]]\ncategory = \"a\"\nquantity = -1\n", "req.toml:3:12",
                 "finite number > 0");
  expect_invalid(
      "[[input]]\ncategory = \"a\"\nquantity = 1\n[[input]]\ncategory = \"a\"\n"
      "quantity = 2\n",
      "req.toml:5:12", "required twice");
  expect_invalid("name = \"x\"\n", "req.toml:1:1", "names no [[input]]");
  expect_invalid("[partners]\nmin = 3\nmax = 2\n[[input]]\ncategory = \"a\"\nquantity = 1\n",
                 "req.toml:1:1", "below min");
  expect_invalid("[partners]\nlead_sizes = [\"huge\"]\n[[input]]\ncategory = \"a\"\nquantity = 1\n",
                 "req.toml:2:14", "unknown size class 'huge'");
}

TEST_CASE("unknown categories and certifications are refused where the file names them",
          "[supply][offer]") {
  const auto region = core::build_region(test::random_firms(1, 8));
  const auto market = supply::Market::build(region, test::random_market(1, {.actors = 8}));
  auto expect = [&](const std::string& text, const std::string& where, const std::string& what) {
    const auto req = supply::parse_requirement(text, "req.toml");
    try {
      (void)supply::find_joint_offers(market, req);
      FAIL("accepted");
    } catch (const InvalidInput& e) {
      CHECK(e.where().to_string() == where);
      CHECK_THAT(e.detail(), Catch::Contains(what));
    }
  };
  expect("[[input]]\ncategory = \"forgings\"\nquantity = 1\n", "req.toml:2:12",
         "unknown input category 'forgings'");
  expect(
      "[[input]]\ncategory = \"cat0\"\nquantity = 1\ncertifications = [\"cert0\", \"en-9100\"]\n",
      "req.toml:4:28", "unknown certification 'en-9100'");
  expect("[partners]\nexclude = [\"nobody\"]\n[[input]]\ncategory = \"cat0\"\nquantity = 1\n",
         "req.toml:2:12", "unknown actor 'nobody'");
}

TEST_CASE("joint offers equal exhaustive enumeration on random markets", "[supply][offer]") {
  std::size_t feasible = 0, infeasible = 0;
  for (std::uint64_t seed = 1; seed <= 80; ++seed) {
    CAPTURE(seed);
    const auto n = static_cast<std::uint32_t>(5 + seed % 8);
    const auto region = core::build_region(test::random_firms(seed, n));
    const auto market = supply::Market::build(
        region, test::random_market(seed, {.actors = n, .offer_chance = 0.5}));
    const auto text = random_requirement(seed);
    CAPTURE(text);
    const auto req = supply::parse_requirement(text, "req.toml");
    const auto all = enumerate(market, req);
    const std::size_t top = 1 + seed % 4;
    const auto got = supply::find_joint_offers(market, req, {.top = top, .pool_per_input = 0});
    REQUIRE(got.offers.size() == std::min(top, all.size()));
    for (std::size_t k = 0; k < got.offers.size(); ++k) {
      const auto& o = got.offers[k];
      std::vector<std::string> ids;
      for (const auto a : o.members) ids.emplace_back(region.external_id(a));
      std::sort(ids.begin(), ids.end());
      CHECK(ids == all[k].ids);
      CHECK(o.capacity_ratio == Approx(all[k].ratio));
      CHECK(supply::check_joint_offer(market, req, o.members).empty());
      // The allocation delivers each quantity, within each member's free capacity.
      for (const auto& in : o.inputs) {
        double sum = 0.0;
        for (const auto& s : in.shares) {
          CHECK(s.volume <= s.free_capacity * (1 + 1e-12));
          sum += s.volume;
        }
        CHECK(sum == Approx(in.quantity));
      }
      // Criticality: critical exactly when the group without the member breaks a rule, and
      // every replacement repairs it.
      for (const auto& c : o.criticality) {
        std::vector<core::ActorId> without;
        for (const auto a : o.members)
          if (a != c.member) without.push_back(a);
        CHECK(c.critical == !supply::check_joint_offer(market, req, without).empty());
        CHECK(c.critical == !c.broken.empty());
        for (const auto r : c.replacements) {
          auto with = without;
          with.push_back(r);
          CHECK(supply::check_joint_offer(market, req, with).empty());
        }
      }
    }
    (all.empty() ? infeasible : feasible) += 1;
    if (all.empty()) CHECK_FALSE(got.diagnosis.empty());
  }
  CHECK(feasible > 10);
  CHECK(infeasible > 5);
}

TEST_CASE("an infeasible requirement gets a diagnosis in sentences", "[supply][offer]") {
  const auto region = core::build_region(test::random_firms(2, 6));
  const auto market = supply::Market::build(region, test::coating_market());
  const auto req = supply::parse_requirement(R"(certifications = ["iatf"]
[[input]]
category = "castings"
quantity = 150
[[input]]
category = "coating"
quantity = 10
)",
                                             "req.toml");
  const auto result = supply::find_joint_offers(market, req);
  CHECK(result.offers.empty());
  REQUIRE(result.diagnosis.size() == 2);
  CHECK(result.diagnosis[0] ==
        "Castings (castings): the customer needs 150 t a year; the 1 supplier with IATF 16949 has "
        "100 t free in all, 50 t short.");
  CHECK(result.diagnosis[1] ==
        "1 regional supplier offers Surface treatment (coating), but none holds IATF 16949.");
}
