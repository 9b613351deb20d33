// The consortium builder: its results checked by the independent rule checker, the heuristic
// against exact enumeration, the diagnosis of every kind of infeasibility, thread independence.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>

#include "test_support.hpp"
#include "verbund/core/parallel.hpp"
#include "verbund/core/random.hpp"
#include "verbund/gen/market.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/match/consortium.hpp"

using namespace verbund;
using core::ActorId;

namespace {

const gen::RuhrBase& ruhr_base() {
  static const gen::RuhrBase base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
  return base;
}

/// A random small call over what the region offers.
match::Call random_call(const core::Region& region, std::uint64_t seed) {
  core::RandomStream rng(seed, 11);
  match::Call call;
  call.file = "random.toml";
  call.min_size = 2 + static_cast<int>(rng.below(2));
  call.max_size = call.min_size + static_cast<int>(rng.below(3));
  std::vector<std::string> offered;
  for (std::uint32_t v = 0; v < region.size(); ++v)
    for (const auto& o : region.offers(ActorId{v}))
      offered.push_back(region.taxonomy().competence(o.competence).id);
  std::sort(offered.begin(), offered.end());
  offered.erase(std::unique(offered.begin(), offered.end()), offered.end());
  const auto required = 1 + rng.below(2);
  for (std::size_t k = 0; k < required; ++k) {
    const auto& id = offered[rng.below(offered.size())];
    if (std::none_of(call.required.begin(), call.required.end(),
                     [&](auto& r) { return r.id == id; }))
      call.required.push_back({id, 1});
  }
  call.optional.push_back({offered[rng.below(offered.size())], 1.0});
  match::Quota research;
  research.label = "research";
  research.kinds = {core::ActorKind::research_group};
  research.min = 1;
  call.quotas.push_back(research);
  if (rng.bernoulli(0.5)) {
    match::Quota smes;
    smes.label = "SMEs";
    smes.kinds = {core::ActorKind::firm};
    smes.sizes = {core::FirmSize::micro, core::FirmSize::small, core::FirmSize::medium};
    smes.min = 1;
    call.quotas.push_back(smes);
  }
  call.min_municipalities = 1 + static_cast<int>(rng.below(2));
  return call;
}

std::vector<std::string> ids(const core::Region& r, const std::vector<ActorId>& members) {
  std::vector<std::string> out;
  for (const auto a : members) out.emplace_back(r.external_id(a));
  return out;
}

}  // namespace

TEST_CASE("check_rules names every broken rule", "[match][consortium]") {
  const auto region = gen::generate_ruhr_region(ruhr_base(), {.firms = 300, .seed = 2});
  auto call = match::parse_call(
      "[size]\nmin = 3\nmax = 4\n[[quota]]\nlabel = \"universities\"\nkinds = [\"university\"]\n"
      "min = 1\nmax = 1\n[place]\nmin_municipalities = 3\n[competences]\n"
      "required = { \"hydrogen-production\" = 2 }\n[members]\nlead = \"rub\"\nexclude = "
      "[\"ude\"]\n",
      "c.toml");
  const std::vector<ActorId> two{*region.find("ude"), *region.find("tu-dortmund")};
  std::vector<std::string> rules;
  for (const auto& v : match::check_rules(call, region, two)) rules.push_back(v.rule);
  for (const char* rule :
       {"size", "must-member", "excluded", "quota", "municipalities", "competence"})
    CHECK(std::count(rules.begin(), rules.end(), rule) >= 1);
}

TEST_CASE("every consortium built for the bundled calls meets every rule", "[match][consortium]") {
  for (const std::uint64_t seed : {1, 2}) {
    const auto region = gen::generate_ruhr_region(ruhr_base(), {.firms = 3000, .seed = seed});
    const match::TransferScorer scorer(region, {});
    for (const auto& entry :
         std::filesystem::directory_iterator(test::project_data_dir() / "calls")) {
      const auto call = match::load_call(entry.path());
      const auto result =
          match::build_consortia(scorer, call, {.top = 4, .restarts = 16, .seed = seed});
      INFO(call.name);
      REQUIRE(!result.consortia.empty());
      for (const auto& c : result.consortia) {
        CHECK(match::check_rules(call, region, c.members).empty());
        CHECK(c.score.total ==
              Approx(match::score_consortium(scorer, call, c.members).total).epsilon(1e-12));
        for (const auto& cov : c.coverage) {
          if (cov.required) CHECK(static_cast<int>(cov.members.size()) >= cov.needed);
        }
        CHECK(c.criticality.size() == c.members.size());
      }
      for (std::size_t i = 1; i < result.consortia.size(); ++i)
        CHECK(result.consortia[i - 1].score.total >= result.consortia[i].score.total);
    }
  }
}

TEST_CASE(
    "the heuristic finds the exact optimum in most small instances, never an infeasible "
    "one",
    "[match][consortium]") {
  int compared = 0, optimal = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const auto region = gen::generate_market(
        ruhr_base(), {.firms = 12, .groups = 6, .seed = seed, .firm_ties = 2.0});
    const match::TransferScorer scorer(region, {});
    const auto call = random_call(region, seed);
    const auto exact = match::build_consortia(scorer, call, {.top = 1, .exact = true});
    const auto heuristic =
        match::build_consortia(scorer, call, {.top = 1, .restarts = 32, .seed = seed});
    for (const auto& c : heuristic.consortia)
      CHECK(match::check_rules(call, region, c.members).empty());
    for (const auto& c : exact.consortia)
      CHECK(match::check_rules(call, region, c.members).empty());
    if (exact.consortia.empty()) {
      CHECK(heuristic.consortia.empty());
      CHECK(!heuristic.diagnosis.empty());
      continue;
    }
    ++compared;
    REQUIRE(!heuristic.consortia.empty());
    CHECK(heuristic.consortia[0].score.total <= exact.consortia[0].score.total + 1e-12);
    if (heuristic.consortia[0].score.total >= exact.consortia[0].score.total - 1e-12) ++optimal;
  }
  std::cout << "consortium heuristic: exact optimum in " << optimal << " of " << compared
            << " small instances\n";
  CHECK(compared >= 25);
  CHECK(optimal >= compared * 8 / 10);
}

TEST_CASE("infeasible calls get a diagnosis naming the rule", "[match][consortium]") {
  const auto region = gen::generate_ruhr_region(ruhr_base(), {.firms = 500, .seed = 3});
  const match::TransferScorer scorer(region, {});
  auto diagnosis = [&](const std::string& toml) {
    const auto call = match::parse_call(toml, "c.toml");
    const auto result = match::build_consortia(scorer, call, {.restarts = 8});
    CHECK(result.consortia.empty());
    std::string all;
    for (const auto& d : result.diagnosis) all += d + "\n";
    return all;
  };
  // Nobody offers a competence: a taxonomy entry without offers in this region.
  std::string unoffered;
  for (const auto& c : region.taxonomy().competences()) {
    bool offered = false;
    for (std::uint32_t v = 0; v < region.size() && !offered; ++v)
      for (const auto& o : region.offers(ActorId{v}))
        offered = offered || region.taxonomy().competence(o.competence).id == c.id;
    if (!offered) unoffered = c.id;
  }
  if (!unoffered.empty()) {
    CHECK_THAT(diagnosis("[competences]\nrequired = { \"" + unoffered + "\" = 1 }\n"),
               Catch::Contains("no actor within the region offers `" + unoffered + "`"));
  }
  // Within 1 km of the RUB lie three universities (RUB, Hochschule Bochum, Hochschule für
  // Gesundheit).
  CHECK_THAT(
      diagnosis("[size]\nmax = 5\n[[quota]]\nlabel = \"universities\"\nkinds = "
                "[\"university\"]\nmin = 4\n[place]\nradius_km = 1\n[members]\nlead = \"rub\"\n"),
      Catch::Contains("the call needs 4 universities, 3 are available after exclusions"));
  CHECK_THAT(diagnosis("[competences]\nrequired = { \"hydrogen-production\" = 3 }\n[place]\n"
                       "radius_km = 3\n[members]\nlead = \"rub\"\n"),
             Catch::Contains("members offering `hydrogen-production`"));
  CHECK_THAT(
      diagnosis("[size]\nmax = 4\n[place]\nmin_municipalities = 3\nradius_km = 0.3\n"
                "[members]\nlead = \"rub\"\n"),
      Catch::Contains("the call needs members from 3 municipalities, eligible actors come from 2"));
  // Each rule can be met alone, not together: at most 2 members, yet 2 firms and 1 university.
  CHECK_THAT(
      diagnosis("[size]\nmin = 2\nmax = 2\n[[quota]]\nlabel = \"firms\"\nkinds = [\"firm\"]\n"
                "min = 1\n[[quota]]\nlabel = \"universities\"\nkinds = [\"university\"]\nmin = 1\n"
                "[competences]\nrequired = { \"hydrogen-production\" = 2 }\n"
                "[members]\nexclude = [\"rub\"]\ninclude = [\"F000001\", \"F000002\"]\n"),
      Catch::Contains("no consortium meets all rules together"));
}

TEST_CASE("consortia do not depend on the thread count", "[match][consortium]") {
  const auto region = gen::generate_ruhr_region(ruhr_base(), {.firms = 2000, .seed = 4});
  const match::TransferScorer scorer(region, {});
  const auto call = match::load_call(test::project_data_dir() / "calls" / "efre-hydrogen.toml");
  std::vector<std::vector<std::string>> one, two;
  {
    const core::ThreadLimit limit(1);
    for (const auto& c : match::build_consortia(scorer, call, {.top = 5, .restarts = 24}).consortia)
      one.push_back(ids(region, c.members));
  }
  {
    const core::ThreadLimit limit(2);
    for (const auto& c : match::build_consortia(scorer, call, {.top = 5, .restarts = 24}).consortia)
      two.push_back(ids(region, c.members));
  }
  CHECK(one == two);
  CHECK(!one.empty());
}
