// Damaged checkpoints are refused with InvalidInput, never with another exception or a resumed
// run that breaks later (regressions found by fuzzing, tests/fuzz/checkpoint_fuzz.cpp).

#include <catch2/catch.hpp>

#include <string>

#include "verbund/core/region_builder.hpp"
#include "verbund/error.hpp"
#include "verbund/sim/checkpoint.hpp"

using namespace verbund;

namespace {

// Three firms and a university, no ties.
core::Region four_actors() {
  core::RegionData d;
  for (const char* id : {"f0", "f1", "f2", "u"}) {
    core::ActorRecord a;
    a.id = a.name = id;
    a.kind = a.id == "u" ? core::ActorKind::university : core::ActorKind::firm;
    d.actors.push_back(a);
  }
  return core::build_region(d);
}

// A checkpoint of month 1 for four_actors() with one replicate: `ties` and `closed` are its
// lines, `months` the rows of indicators it holds (2 for months 0..1).
std::string text(std::uint64_t region, const std::string& ties, std::size_t tie_count,
                 const std::string& closed = "closed 0", std::size_t months = 2) {
  std::string rows;
  for (std::size_t m = 0; m < months; ++m)
    rows +=
        "0x0p+0 0x0p+0 0x0p+0 0x0p+0 0x0p+0 0x0p+0 0x0p+0 0x0p+0 0x1.8p+1 0x0p+0 0x0p+0 0x0p+0 "
        "0x0p+0 0x0p+0 0x0p+0\n";
  return "verbund-checkpoint 3\nmonth 1\nseed 7\nregion " + std::to_string(region) +
         "\nscenario s\nreplicates 1\nreplicate 0 0 " + std::to_string(months) + " " +
         std::to_string(tie_count) + "\n" + rows + ties + closed + "\n";
}

void check(const sim::Checkpoint& c, const core::Region& region) {
  sim::check_checkpoint(c, region, {.month = 1, .seed = 7, .replicates = 1}, "c.ckpt");
}

}  // namespace

TEST_CASE("a checkpoint's closed count is not taken as a size to allocate", "[sim][checkpoint]") {
  const auto region = four_actors();
  const auto fp = sim::region_fingerprint(region);
  // Once this threw std::length_error from vector::resize.
  CHECK_THROWS_AS(sim::parse_checkpoint(text(fp, "", 0, "closed 18446744073709551615 0"), "c"),
                  InvalidInput);
  CHECK_THROWS_AS(sim::parse_checkpoint(text(fp, "", 0, "closed 4611686018427387904"), "c"),
                  InvalidInput);
  const auto ok =
      sim::parse_checkpoint(text(fp, "0 1 informal 0x1p+0 -1 0 0\n", 1, "closed 1 2"), "c");
  CHECK(ok.replicates.at(0).closed == std::vector<std::uint32_t>{2});
  CHECK_NOTHROW(check(ok, region));
}

TEST_CASE("a checkpoint's month lies in 0..1200", "[sim][checkpoint]") {
  const auto fp = sim::region_fingerprint(four_actors());
  auto t = text(fp, "", 0);
  t.replace(t.find("month 1"), 7, "month -1");
  CHECK_THROWS_WITH(sim::parse_checkpoint(t, "c.ckpt"),
                    Catch::Contains("c.ckpt:2") && Catch::Contains("outside 0..1200"));
}

TEST_CASE("a checkpoint that a resumed run would trip over is refused", "[sim][checkpoint]") {
  const auto region = four_actors();
  const auto fp = sim::region_fingerprint(region);
  const auto refused = [&](const std::string& checkpoint_text, const std::string& why) {
    const auto c = sim::parse_checkpoint(checkpoint_text, "c.ckpt");
    CHECK_THROWS_WITH(check(c, region), Catch::Contains("c.ckpt") && Catch::Contains(why));
  };
  // Months of indicators other than 0..month: summarize() indexed past a shorter series.
  refused(text(fp, "", 0, "closed 0", 3), "has indicators for 3 months");
  refused(text(fp, "", 0, "closed 0", 1), "has indicators for 1 months");
  refused(text(fp, "0 1 informal 0x1p+0 -1 0 0\n0 1 supply 0x1p-1 -1 0 0\n", 2), "is tied twice");
  refused(text(fp, "2 1 informal 0x1p+0 -1 0 0\n", 1), "smaller actor first");
  refused(text(fp, "", 0, "closed 2 2 1"), "ascending");
  CHECK_THROWS_WITH(sim::parse_checkpoint(text(fp, "0 1 supply 0x1p+0 -1 0 4\n", 1), "c.ckpt"),
                    Catch::Contains("c.ckpt:") && Catch::Contains("who delivers"));
  refused(text(fp, "", 0, "closed 2 1 1"), "once each");
  refused(text(fp, "", 0, "closed 1 3"), "not a firm");
  auto twice = text(fp, "", 0);
  twice.replace(twice.find("replicates 1"), 12, "replicates 2");
  const auto replicate = twice.substr(twice.find("replicate 0"));
  refused(twice + replicate, "replicate 0 twice");
}
