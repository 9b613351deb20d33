// The firm report on a region loaded for the firm (io::load_region_for_actor: competences only of
// the firm and of the science kinds) is the same, byte for byte, as on the whole region, which
// stays the reference here. Firms with and without ties, needs, groups, current partners that
// would rank, and supplier demands; a research actor as the subject too; both languages. The CLI
// (which reads the market on a second connection when it has threads) writes the same file.
#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <sstream>

#include "test_support.hpp"
#include "verbund/error.hpp"
#include "verbund/io/store.hpp"
#include "verbund/io/store_scoped.hpp"
#include "verbund/io/supply_store.hpp"
#include "verbund/match/score.hpp"
#include "verbund/report/firm_report.hpp"
#include "verbund/supply/market.hpp"
#include "verbund/supply/search.hpp"

using namespace verbund;

namespace {

// The report as the CLI builds it, on `region` (full or scoped) and the firm's market slice.
std::string report_on(const core::Region& region, const supply::MarketData& data,
                      std::string_view id, report::Lang lang, bool include_existing) {
  const match::TransferScorer scorer(region, {});
  const auto firm = *region.find(id);
  std::optional<supply::Market> market;
  std::optional<supply::SupplierIndex> index;
  if (!data.demands.empty()) {
    market.emplace(supply::Market::build(region, data));
    index.emplace(*market);
  }
  return report::firm_report(
      scorer, firm,
      {.lang = lang, .include_existing = include_existing, .suppliers = index ? &*index : nullptr});
}

std::size_t competence_rows(const core::Region& region) {
  std::size_t n = 0;
  for (std::uint32_t a = 0; a < region.size(); ++a)
    n += region.offers(core::ActorId{a}).size() + region.needs(core::ActorId{a}).size();
  return n;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("firm report: the region loaded for the firm gives the report of the whole region",
          "[report][firm]") {
  test::ScratchDir dir;
  REQUIRE(
      test::run_cli({"generate", "ruhr", "--firms", "400", "--seed", "7"}, dir.path()).exit_code ==
      0);
  const auto store = io::Store::open(dir / "verbund.db");
  const auto whole = store.load_region();
  const match::TransferScorer full_scorer(whole, {});

  // One subject of each sort, found in the whole region.
  std::vector<std::string> subjects;
  std::vector<std::function<bool(core::ActorId)>> sorts{
      [&](core::ActorId a) { return whole.neighbours(a).empty(); },  // no ties
      [&](core::ActorId a) { return whole.needs(a).empty(); },       // no needs
      [&](core::ActorId a) { return !whole.groups_of(a).empty(); },  // in a group
      [&](core::ActorId a) {                                         // tied to a candidate
        for (const auto& n : whole.neighbours(a))
          if (full_scorer.is_candidate(n.actor) && !whole.needs(a).empty()) return true;
        return false;
      },
      [&](core::ActorId a) { return whole.needs(a).size() >= 3; },  // many needs
  };
  for (const auto& sort : sorts) {  // a firm if one is of the sort, else any actor
    std::optional<core::ActorId> found;
    for (const auto a : whole.actors_of_kind(core::ActorKind::firm))
      if (!found && sort(a)) found = a;
    for (std::uint32_t a = 0; !found && a < whole.size(); ++a)
      if (sort(core::ActorId{a})) found = core::ActorId{a};
    if (found) subjects.emplace_back(whole.external_id(*found));
  }
  REQUIRE(subjects.size() == sorts.size());
  const auto demands = io::load_market(store).demands;
  REQUIRE(!demands.empty());
  subjects.push_back(demands.front().buyer);  // a buyer with suppliers
  subjects.push_back(demands.back().buyer);
  subjects.emplace_back("rub");  // a university as the subject

  std::size_t shared_groups = 0;  // reports that name a group shared with a candidate
  for (const auto& id : subjects) {
    INFO(id);
    const auto scoped = io::load_region_for_actor(store, id);
    REQUIRE(scoped.size() == whole.size());
    CHECK(competence_rows(scoped) < competence_rows(whole));  // it does read less
    CHECK(scoped.memberships().size() < whole.memberships().size());
    CHECK(scoped.ties().size() == whole.ties().size());
    // Every candidate scores and is explained as on the whole region (what ranks them).
    const match::TransferScorer part_scorer(scoped, {});
    const auto a = *whole.find(id);
    const auto needs = whole.needs(a);
    REQUIRE(part_scorer.candidates().size() == full_scorer.candidates().size());
    for (const auto c : full_scorer.candidates()) {
      const auto full = full_scorer.score(a, needs, c);
      const auto part = part_scorer.score(a, needs, c);
      REQUIRE(full.has_value() == part.has_value());
      if (full) {
        CHECK(part->total == full->total);
        CHECK(part->network == full->network);
        CHECK(part->bridge == full->bridge);
      }
      const auto fe = full_scorer.explain(a, needs, c), pe = part_scorer.explain(a, needs, c);
      CHECK(pe.common_partners == fe.common_partners);
      CHECK(pe.shared_groups == fe.shared_groups);
      CHECK(pe.load == fe.load);
      CHECK(pe.capacity == fe.capacity);
    }
    const auto market = io::load_market_for_buyer(store, id);
    if (whole.kind(a) != core::ActorKind::firm) {  // a firm report is refused, scoped or not
      CHECK_THROWS_AS(report_on(whole, market, id, report::Lang::de, false), InvalidInput);
      CHECK_THROWS_AS(report_on(scoped, market, id, report::Lang::de, false), InvalidInput);
      continue;
    }
    for (const auto lang : {report::Lang::de, report::Lang::en}) {
      for (const bool existing : {false, true}) {
        const auto expected = report_on(whole, market, id, lang, existing);
        CHECK(report_on(scoped, market, id, lang, existing) == expected);
        shared_groups += expected.find("Both of you are members of") != std::string::npos;
      }
    }
  }
  CHECK(shared_groups > 0);  // the groups' part of the scope is exercised
  // An id that needs quoting in SQL loads like an unknown one, and hurts nothing.
  const auto odd = io::load_region_for_actor(store, "x' OR '1'='1");
  CHECK(odd.size() == whole.size());
  CHECK(competence_rows(odd) < competence_rows(whole));

  // The verb, with the market read on a second connection (2 threads) and without (1 thread).
  const auto& buyer = demands.front().buyer;
  const auto expected =
      report_on(whole, io::load_market_for_buyer(store, buyer), buyer, report::Lang::de, false);
  for (const std::string threads : {"1", "2"}) {
    INFO("threads " << threads);
    const auto out = dir / ("firm-" + threads + ".html");
    REQUIRE(test::run_cli({"--no-record", "--quiet", "--threads", threads, "--lang", "de", "report",
                           "firm", buyer, "--out", out.string()},
                          dir.path())
                .exit_code == 0);
    CHECK(read_file(out) == expected);
  }
}
