#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <set>

#include "../core/region_fixture.hpp"
#include "small_market.hpp"
#include "verbund/core/region_builder.hpp"
#include "verbund/event/suggest.hpp"
#include "verbund/gen/market.hpp"
#include "verbund/gen/ruhr.hpp"
#include "verbund/gen/ruhr_market.hpp"
#include "verbund/io/market_csv.hpp"
#include "verbund/match/partners.hpp"
#include "verbund/match/recommend.hpp"
#include "verbund/match/score.hpp"
#include "verbund/supply/market.hpp"
#include "verbund/supply/search.hpp"

using namespace verbund;

TEST_CASE("suggested requests: brute force over the participants agrees", "[event]") {
  const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
  const auto region = gen::generate_market(base, {.firms = 300, .groups = 60, .seed = 5});
  const match::TransferScorer scorer(region, {});
  // 40 firms and 30 groups; the first ten firms already asked for three meetings each.
  event::Event e;
  std::vector<core::ActorId> firms, groups;
  for (std::uint32_t a = 0; a < region.size(); ++a) {
    const core::ActorId id{a};
    if (region.kind(id) == core::ActorKind::firm && firms.size() < 40 &&
        !match::needs_of(region, id).empty())
      firms.push_back(id);
    if (scorer.is_candidate(id) && groups.size() < 30) groups.push_back(id);
  }
  const auto add = [&](const std::string& id, const std::string& actor_id) {
    event::Participant p;
    p.id = id;
    p.actor_id = actor_id;
    e.participants.push_back(p);
  };
  for (const auto a : firms)
    add(std::string(region.external_id(a)), std::string(region.external_id(a)));
  for (const auto a : groups)
    add(std::string(region.external_id(a)), std::string(region.external_id(a)));
  add("new", "");
  const auto F = static_cast<std::uint32_t>(firms.size());
  for (std::uint32_t f = 0; f < 10; ++f)
    for (std::uint32_t k = 0; k < 3; ++k) {
      event::Request q;
      q.requester = f;
      q.requested = F + (f + k) % 30;
      e.requests.push_back(q);
    }
  e.vetoes.push_back({10, F, "competitor"});
  e.vetoes.push_back({11, F + 1, ""});
  const event::SuggestOptions options{.fewer_than = 3, .per_participant = 2};
  const auto found = event::suggest_requests(e, scorer, options);
  REQUIRE_FALSE(found.empty());
  std::set<std::pair<std::uint32_t, std::uint32_t>> asked;
  for (const auto& q : e.requests) asked.insert(std::minmax(q.requester, q.requested));
  std::vector<std::size_t> per(e.participants.size(), 0);
  const auto actor = [&](std::uint32_t p) { return *region.find(e.participants[p].actor_id); };
  for (const auto& s : found) {
    CHECK(s.requester < F + 30);  // never the participant outside the region
    CHECK(s.requested < F + 30);
    CHECK_FALSE(asked.contains(std::minmax(s.requester, s.requested)));
    CHECK_FALSE((std::minmax(s.requester, s.requested) == std::minmax(10u, F)));
    CHECK_FALSE((std::minmax(s.requester, s.requested) == std::minmax(11u, F + 1)));
    CHECK_FALSE(region.connected(actor(s.requester), actor(s.requested)));
    CHECK(++per[s.requester] <= 2);
    CHECK_FALSE(s.reason.empty());
  }
  // Brute force: each firm without requests gets its best allowed partner first.
  for (std::uint32_t f = 10; f < F; ++f) {
    double best = 0.0;
    std::uint32_t best_g = 0;
    const auto needs = match::needs_of(region, firms[f]);
    for (std::uint32_t g = F; g < F + 30; ++g) {
      if ((f == 10 && g == F) || (f == 11 && g == F + 1)) continue;
      if (region.connected(firms[f], actor(g))) continue;
      const auto parts = scorer.score(firms[f], needs, actor(g));
      if (parts && parts->total > best) {
        best = parts->total;
        best_g = g;
      }
    }
    const auto first =
        std::find_if(found.begin(), found.end(), [&](const auto& s) { return s.requester == f; });
    if (best <= 0.0) {
      CHECK(first == found.end());
      continue;
    }
    REQUIRE(first != found.end());
    CHECK(first->requested == best_g);
    CHECK(first->score == Approx(best));
  }
  // With existing partners allowed, at least as many suggestions.
  auto wider = options;
  wider.include_existing = true;
  CHECK(event::suggest_requests(e, scorer, wider).size() >= found.size());
}

namespace {

const core::Region& ruhr() {
  static const core::Region r = gen::generate_ruhr_region(
      gen::load_ruhr_base(gen::bundled_ruhr_dir()), {.firms = 600, .seed = 3});
  return r;
}

/// ruhr()'s supplier market, as `generate ruhr` makes it.
const supply::Market& ruhr_market() {
  static const supply::MarketData data = [] {
    const auto base = gen::load_ruhr_base(gen::bundled_ruhr_dir());
    io::MarketCsvFiles reference;
    reference.categories = gen::bundled_supply_dir() / "categories.csv";
    reference.certifications = gen::bundled_supply_dir() / "certifications.csv";
    return gen::generate_ruhr_market(base, gen::generate_ruhr(base, {.firms = 600, .seed = 3}),
                                     io::read_market_csv(reference), {.seed = 3});
  }();
  static const supply::Market m = supply::Market::build(ruhr(), data);
  return m;
}

}  // namespace

TEST_CASE("suggested requests from the supplier search and partner recommendation", "[event]") {
  const auto& region = ruhr();
  const auto& market = ruhr_market();
  const supply::SupplierIndex index(market);
  const match::TransferScorer scorer(region, {});
  // 12 buyers (no requests), the 25 suppliers of their categories and 10 research actors, the
  // latter two with four requests each among themselves: only the buyers ask.
  event::Event e;
  std::vector<core::ActorId> actors;
  const auto add = [&](core::ActorId a) {
    if (std::find(actors.begin(), actors.end(), a) != actors.end()) return;
    actors.push_back(a);
    event::Participant p;
    p.id = p.actor_id = std::string(region.external_id(a));
    e.participants.push_back(p);
  };
  std::set<std::uint32_t> categories;
  for (const auto buyer : supply::buyers_of(market)) {
    if (actors.size() == 12) break;
    add(buyer);
    for (const auto& d : market.demands_of(buyer)) categories.insert(d.category.value);
  }
  const auto B = static_cast<std::uint32_t>(actors.size());
  REQUIRE(B == 12);
  for (const auto& o : market.offers())
    if (actors.size() < B + 25 && categories.contains(o.category.value) &&
        std::find(actors.begin(), actors.begin() + B, o.supplier) == actors.begin() + B)
      add(o.supplier);
  for (std::uint32_t a = 0; a < region.size() && actors.size() < B + 35; ++a)
    if (scorer.is_candidate(core::ActorId{a})) add(core::ActorId{a});
  const auto P = static_cast<std::uint32_t>(actors.size());
  for (std::uint32_t i = B; i < P; ++i)
    for (const std::uint32_t k : {1U, 2U}) {
      event::Request q;
      q.requester = i;
      q.requested = B + (i - B + k) % (P - B);
      e.requests.push_back(q);
    }
  e.vetoes.push_back({0, B, "competitor"});
  const auto found = event::suggest_requests(
      e, scorer, {.fewer_than = 3, .per_participant = 6, .suppliers = &index});
  std::set<event::SuggestionSource> sources;
  for (const auto& s : found) {
    INFO(s.reason);
    sources.insert(s.source);
    CHECK(s.requester < B);  // only the buyers have few requests
    CHECK_FALSE(region.connected(actors[s.requester], actors[s.requested]));
    CHECK_FALSE((s.requester == 0 && s.requested == B));
    CHECK_FALSE(s.reason.empty());
    CHECK(s.score > 0);
  }
  CHECK(sources.size() == 3);  // every engine proposes someone
  // Brute force: each buyer's first supplier suggestion is the best allowed pair by the search's
  // own score, over its demands against the others' offers and, since the others do not ask,
  // the others' demands against its own offers.
  const auto pair_score = [&](std::uint32_t buyer, std::uint32_t supplier) {
    double best = 0.0;
    for (const auto& d : market.demands_of(actors[buyer])) {
      const auto demand = static_cast<std::uint32_t>(&d - market.demands().data());
      const auto offer = market.find_offer(actors[supplier], d.category);
      if (!offer) continue;
      const auto score = index.score(demand, static_cast<std::uint32_t>(*offer));
      if (score) best = std::max(best, score->total);
    }
    return best;
  };
  for (std::uint32_t b = 0; b < B; ++b) {
    double best = 0.0;
    std::uint32_t best_s = 0;
    for (std::uint32_t s = 0; s < P; ++s) {
      if (s == b || (b == 0 && s == B) || region.connected(actors[b], actors[s])) continue;
      const double score = std::max(pair_score(b, s), s >= B ? pair_score(s, b) : 0.0);
      if (score > best) {
        best = score;
        best_s = s;
      }
    }
    const auto first = std::find_if(found.begin(), found.end(), [&](const auto& s) {
      return s.requester == b && s.source == event::SuggestionSource::supplier;
    });
    if (best <= 0.0) {
      CHECK(first == found.end());
      continue;
    }
    REQUIRE(first != found.end());
    CHECK(first->requested == best_s);
    CHECK(first->score == Approx(best));
    CHECK_THAT(first->reason, Catch::Contains(" supplies ") && Catch::Contains(", which "));
  }
  // Partner suggestions carry recommend_partners' score for the pair.
  for (const auto& s : found) {
    if (s.source != event::SuggestionSource::partner) continue;
    const std::array<core::ActorId, 1> member{actors[s.requester]};
    const auto recs = match::recommend_partners(scorer, member,
                                                {.top = region.size(), .include_existing = false});
    const auto it = std::find_if(recs.begin(), recs.end(),
                                 [&](const auto& r) { return r.actor == actors[s.requested]; });
    REQUIRE(it != recs.end());
    CHECK(it->score == Approx(s.score));
    CHECK_THAT(s.reason, Catch::Contains("would complete"));
  }
  // Without the market and partner recommendation: the transfer engine alone.
  for (const auto& s : event::suggest_requests(e, scorer, {.partners = false}))
    CHECK(s.source == event::SuggestionSource::transfer);
}

TEST_CASE("a supplier suggestion speaks to the party that asks", "[event][lang]") {
  // f1 delivers castings (100 t free), f3 (not tied to f1) needs 40 t. Whoever has few requests
  // asks: the sentence addresses the buyer f3 or the supplier f1 accordingly.
  const auto region = core::build_region(test::small_region_data());
  auto data = test::castings_market(100.0, 30.0);
  data.demands = {{"f3",
                   "castings",
                   40.0,
                   {"iso-9001"},
                   supply::Sourcing::abroad,
                   supply::Criticality::high,
                   2}};
  const auto market = supply::Market::build(region, data);
  const supply::SupplierIndex index(market);
  const match::TransferScorer scorer(region, {});
  event::Event e;
  for (const char* id : {"f1", "f3", "ihk", "clu", "grp"}) {
    event::Participant p;
    p.id = p.actor_id = id;
    e.participants.push_back(p);
  }
  // `busy` (0 = f1, 1 = f3) already has three requests and asks nobody.
  const auto reason = [&](std::uint32_t busy, report::Lang lang) {
    auto ev = e;
    for (const std::uint32_t other : {2U, 3U, 4U}) {
      event::Request q;
      q.requester = busy;
      q.requested = other;
      ev.requests.push_back(q);
    }
    const auto found =
        event::suggest_requests(ev, scorer, {.suppliers = &index, .partners = false, .lang = lang});
    const auto it = std::find_if(found.begin(), found.end(), [](const auto& s) {
      return s.source == event::SuggestionSource::supplier;
    });
    REQUIRE(it != found.end());
    CHECK(it->requester == 1 - busy);
    return it->reason;
  };
  const auto to_supplier = reason(1, report::Lang::en);
  const auto to_buyer = reason(0, report::Lang::en);
  INFO(to_supplier << "\n" << to_buyer);
  CHECK_THAT(to_buyer, Catch::Contains("free capacity of 100 t covers your 40 t") &&
                           Catch::Contains("km away in Essen") &&
                           Catch::Contains("would be your first regional source of castings"));
  CHECK_THAT(to_supplier,
             Catch::Contains("your free capacity of 100 t covers the buyer's 40 t") &&
                 Catch::Contains("you hold ISO 9001 as required") &&
                 Catch::Contains("km away in Mülheim an der Ruhr") &&
                 Catch::Contains("you would be the buyer's first regional source of castings"));
  CHECK_THAT(to_supplier, !Catch::Contains("covers your") && !Catch::Contains("your first"));
  const auto de_supplier = reason(1, report::Lang::de);
  const auto de_buyer = reason(0, report::Lang::de);
  INFO(de_supplier << "\n" << de_buyer);
  CHECK_THAT(de_buyer, Catch::Contains("freie Kapazität (100 t) deckt Ihre 40 t") &&
                           Catch::Contains("wäre Ihre erste regionale Bezugsquelle im Bereich "
                                           "Gussteile"));
  CHECK_THAT(de_supplier,
             Catch::Contains("Sie liefern im Bereich Gussteile, in dem ") &&
                 Catch::Contains("Ihre freie Kapazität (100 t) deckt die 40 t des Abnehmers") &&
                 Catch::Contains("Sie haben die Zertifizierung ISO 9001 wie verlangt") &&
                 Catch::Contains("Sie wären die erste regionale Bezugsquelle des Abnehmers"));
  CHECK_THAT(de_supplier, !Catch::Contains("deckt Ihre") && !Catch::Contains("wäre Ihre"));
  // One person throughout: the buyer is addressed from the first clause on.
  CHECK_THAT(de_buyer, Catch::Contains("liefert im Bereich Gussteile, in dem Sie einkaufen;"));
  CHECK_THAT(to_buyer, Catch::Contains(" supplies castings, which you buy;"));
  CHECK_THAT(to_supplier, Catch::StartsWith("You supply castings, which "));
}

TEST_CASE("a suggestion's reason names the need a related offer meets, and a tied partner",
          "[event][lang]") {
  // f needs "E-commerce" (a1); g offers only "Software engineering" (a2), related to a1.
  core::Taxonomy taxonomy;
  const auto theme = taxonomy.add_theme({"it", "IT", "IT"});
  const auto a1 = taxonomy.add_competence("a1", "E-commerce", "E-Commerce", theme);
  const auto a2 = taxonomy.add_competence("a2", "Software engineering", "Softwaretechnik", theme);
  taxonomy.relate(a1, a2, 0.5F);
  core::RegionBuilder b(taxonomy);
  auto actor = [&](const char* id, core::ActorKind kind) {
    core::ActorRecord r;
    r.id = id;
    r.name = std::string("Name ") + id;
    r.kind = kind;
    r.municipality = "Essen";
    r.location = core::GeoPoint{51.45, 7.0};
    if (core::is_science(kind)) r.capacity = 3;
    return b.add_actor(r);
  };
  const auto f = actor("f", core::ActorKind::firm);
  const auto g = actor("g", core::ActorKind::research_group);
  const auto h = actor("h", core::ActorKind::firm);
  b.add_competence(f, a1, core::CompetenceRole::need, 1.0F);
  b.add_competence(f, a2, core::CompetenceRole::offer, 1.0F);
  b.add_competence(g, a2, core::CompetenceRole::offer, 1.0F);
  b.add_competence(h, a2, core::CompetenceRole::offer, 1.0F);
  b.add_competence(h, a1, core::CompetenceRole::need, 1.0F);
  b.add_tie({f, h, core::TieKind::informal, 1.0, 2020, std::nullopt});
  const auto region = std::move(b).build();
  const match::TransferScorer scorer(region, {});
  event::Event e;
  for (const char* id : {"f", "g", "h"}) {
    event::Participant p;
    p.id = p.actor_id = id;
    e.participants.push_back(p);
  }
  for (const auto lang : {report::Lang::en, report::Lang::de}) {
    const auto found = event::suggest_requests(e, scorer, {.include_existing = true, .lang = lang});
    const auto of = [&](event::SuggestionSource source) {
      const auto it = std::find_if(found.begin(), found.end(),
                                   [&](const auto& s) { return s.source == source; });
      REQUIRE(it != found.end());
      return it->reason;
    };
    const auto transfer = of(event::SuggestionSource::transfer);
    const auto partner = of(event::SuggestionSource::partner);
    INFO(transfer << "\n" << partner);
    const bool en = lang == report::Lang::en;
    CHECK_THAT(transfer,
               Catch::Contains(en ? "Software engineering (related to the need E-commerce)"
                                  : "Softwaretechnik (verwandt mit dem Bedarf E-Commerce)"));
    CHECK_THAT(partner,
               Catch::Contains(en ? "already works with Name " : "arbeitet schon mit Name "));
    CHECK_THAT(partner, !Catch::Contains(" it") && !Catch::Contains(" ihm "));
  }
}
