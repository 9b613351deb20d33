// Checkpoints: replicate states after a month, as a text file with exact (hex) floats, and the
// check that one fits the run that resumes from it.
#include "verbund/sim/checkpoint.hpp"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "io/read_text.hpp"
#include "verbund/error.hpp"

namespace verbund::sim {

namespace {

// Version 2 added the operating-firms indicator and the closed actors; version 3 the supply and
// participant indicators and who delivers along a tie.
constexpr const char* magic = "verbund-checkpoint 3";

void fnv(std::uint64_t& h, std::string_view bytes) {
  for (const unsigned char c : bytes) h = (h ^ c) * 1099511628211ULL;
}

std::string hex(double x) {
  char text[64];
  std::snprintf(text, sizeof text, "%a", x);
  return text;
}

}  // namespace

std::uint64_t region_fingerprint(const core::Region& region) {
  std::uint64_t h = 1469598103934665603ULL;
  for (std::uint32_t v = 0; v < region.size(); ++v) {
    fnv(h, region.external_id(core::ActorId{v}));
    fnv(h, "\n");
  }
  for (const auto& t : region.ties()) {
    const std::string line = std::to_string(t.source.value) + ' ' + std::to_string(t.target.value) +
                             ' ' + std::string(core::to_string(t.kind)) + '\n';
    fnv(h, line);
  }
  return h;
}

void write_checkpoint(const Checkpoint& c, const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw IoError("cannot write the checkpoint " + path.string());
  out << magic << '\n'
      << "month " << c.month << '\n'
      << "seed " << c.seed << '\n'
      << "region " << c.region << '\n'
      << "scenario " << c.scenario << '\n'
      << "replicates " << c.replicates.size() << '\n';
  for (const auto& r : c.replicates) {
    out << "replicate " << r.replicate << ' ' << r.innovations << ' ' << r.series.size() << ' '
        << r.ties.size() << '\n';
    for (const auto& i : r.series) {
      const auto v = values(i);
      for (std::size_t k = 0; k < v.size(); ++k) out << (k ? " " : "") << hex(v[k]);
      out << '\n';
    }
    for (const auto& t : r.ties)
      out << t.a << ' ' << t.b << ' ' << core::to_string(t.kind) << ' ' << hex(t.strength) << ' '
          << t.ends << ' ' << t.created << ' ' << static_cast<int>(t.delivers) << '\n';
    out << "closed " << r.closed.size();
    for (const auto v : r.closed) out << ' ' << v;
    out << '\n';
  }
  if (!out.flush()) throw IoError("writing the checkpoint " + path.string() + " failed");
}

Checkpoint parse_checkpoint(std::string_view text, const std::string& file) {
  std::istringstream in{std::string(text)};
  std::size_t line_no = 0;
  std::string line;
  auto next = [&]() -> std::istringstream {
    if (!std::getline(in, line))
      throw InvalidInput(SourceLocation{file, line_no + 1, 0}, "the checkpoint ends early");
    ++line_no;
    return std::istringstream(line);
  };
  auto fail = [&](const std::string& what) -> void {
    throw InvalidInput(SourceLocation{file, line_no, 0}, what);
  };
  next();
  if (line.rfind("verbund-checkpoint ", 0) == 0 && line != magic)
    fail("a checkpoint of another verbund version ('" + line + "', this one reads '" + magic +
         "'): write it again with simulate --checkpoint-at");
  if (line != magic) fail("not a verbund checkpoint");
  Checkpoint c;
  std::string key;
  auto field = [&](const char* name, auto& value) {
    auto s = next();
    if (!(s >> key >> value) || key != name) fail(std::string("expected '") + name + "'");
  };
  field("month", c.month);
  // Months a scenario can have (horizon_months is at most 1200).
  if (c.month < 0 || c.month > 1200) fail("month " + std::to_string(c.month) + " outside 0..1200");
  field("seed", c.seed);
  field("region", c.region);
  {
    auto s = next();
    if (line.rfind("scenario ", 0) != 0) fail("expected 'scenario'");
    c.scenario = line.substr(9);
  }
  std::size_t count = 0;
  field("replicates", count);
  auto number = [&](std::istringstream& s) {
    std::string token;
    if (!(s >> token)) fail("missing value");
    char* end = nullptr;
    const double v = std::strtod(token.c_str(), &end);
    if (end == token.c_str() || *end != '\0') fail("bad number '" + token + "'");
    if (!std::isfinite(v)) fail("'" + token + "' is not a finite number");
    return v;
  };
  for (std::size_t k = 0; k < count; ++k) {
    ReplicateState r;
    std::size_t months = 0, ties = 0;
    auto head = next();
    if (!(head >> key >> r.replicate >> r.innovations >> months >> ties) || key != "replicate")
      fail("expected 'replicate ID INNOVATIONS MONTHS TIES'");
    for (std::size_t m = 0; m < months; ++m) {
      auto s = next();
      Indicators i;
      double* fields[] = {&i.density,
                          &i.mean_degree,
                          &i.transitivity,
                          &i.giant_share,
                          &i.science_share,
                          &i.cross_municipal_share,
                          &i.innovations,
                          &i.ties,
                          &i.firms,
                          &i.regional_sourcing_share,
                          &i.buyers_dual_sourced,
                          &i.participants_mean_degree,
                          &i.others_mean_degree,
                          &i.participants_science_share,
                          &i.others_science_share};
      for (auto* f : fields) *f = number(s);
      r.series.push_back(i);
    }
    for (std::size_t t = 0; t < ties; ++t) {
      auto s = next();
      SimTie tie;
      std::string kind;
      if (!(s >> tie.a >> tie.b >> kind))
        fail("expected 'A B KIND STRENGTH ENDS CREATED DELIVERS'");
      const auto parsed = core::parse_tie_kind(kind);
      if (!parsed) fail("unknown tie kind '" + kind + "'");
      tie.kind = *parsed;
      tie.strength = number(s);
      if (!(tie.strength > 0.0 && tie.strength <= 1.0))
        fail("tie strength " + std::to_string(tie.strength) + " outside (0, 1]");
      if (!(s >> tie.ends >> tie.created)) fail("missing end or creation month");
      int delivers = 0;
      if (!(s >> delivers) || delivers < 0 || delivers > (delivers_ab | delivers_ba))
        fail("expected who delivers along the tie (0 none, 1 A to B, 2 B to A, 3 both)");
      tie.delivers = static_cast<std::uint8_t>(delivers);
      r.ties.push_back(tie);
    }
    {
      auto s = next();
      std::size_t closed = 0;
      if (!(s >> key >> closed) || key != "closed") fail("expected 'closed COUNT IDS...'");
      // Read id by id: the count is the file's word, not a size to allocate up front.
      for (std::size_t i = 0; i < closed; ++i) {
        std::uint32_t v = 0;
        if (!(s >> v)) fail("fewer closed actors than counted");
        r.closed.push_back(v);
      }
    }
    c.replicates.push_back(std::move(r));
  }
  return c;
}

Checkpoint read_checkpoint(const std::filesystem::path& path) {
  return parse_checkpoint(io::read_text_file(path, "checkpoint"), path.string());
}

void check_checkpoint(const Checkpoint& checkpoint, const core::Region& region,
                      const ResumeRequest& request, const std::string& file) {
  const SourceLocation at{file, 0, 0};
  if (checkpoint.month != request.month)
    throw InvalidInput(at, "the checkpoint is of month " + std::to_string(checkpoint.month) +
                               ", the fork asks for month " + std::to_string(request.month));
  if (checkpoint.seed != request.seed)
    throw InvalidInput(at, "the checkpoint was made with seed " + std::to_string(checkpoint.seed) +
                               ", this run uses " + std::to_string(request.seed));
  if (checkpoint.region != region_fingerprint(region))
    throw InvalidInput(at, "the checkpoint belongs to another region (database)");
  // What a resumed replicate relies on, as write_checkpoint leaves it: a series of months
  // 0..month (runs are summarised month by month across replicates), each pair of actors once
  // with a < b, closed firms ascending.
  const auto expected_months = static_cast<std::size_t>(checkpoint.month) + 1;
  for (const auto& state : checkpoint.replicates) {
    const std::string which = "replicate " + std::to_string(state.replicate);
    if (state.series.size() != expected_months)
      throw InvalidInput(at, which + " has indicators for " + std::to_string(state.series.size()) +
                                 " months; a checkpoint of month " +
                                 std::to_string(checkpoint.month) + " has them for months 0.." +
                                 std::to_string(checkpoint.month));
    for (const auto& t : state.ties)
      if (t.a >= region.size() || t.b >= region.size() || t.a == t.b)
        throw InvalidInput(at, "the checkpoint names actors the region does not have");
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    pairs.reserve(state.ties.size());
    for (const auto& t : state.ties) {
      if (t.a > t.b)
        throw InvalidInput(at, which + ": tie " + std::to_string(t.a) + " " + std::to_string(t.b) +
                                   " is not written smaller actor first");
      pairs.emplace_back(t.a, t.b);
    }
    std::sort(pairs.begin(), pairs.end());
    if (const auto twice = std::adjacent_find(pairs.begin(), pairs.end()); twice != pairs.end())
      throw InvalidInput(at, which + ": the pair " + std::to_string(twice->first) + " " +
                                 std::to_string(twice->second) + " is tied twice");
    for (const auto v : state.closed)
      if (v >= region.size() || region.kind(core::ActorId{v}) != core::ActorKind::firm)
        throw InvalidInput(at, "the checkpoint closes an actor that is not a firm of the region");
    if (!std::is_sorted(state.closed.begin(), state.closed.end()) ||
        std::adjacent_find(state.closed.begin(), state.closed.end()) != state.closed.end())
      throw InvalidInput(at, which + ": the closed firms are not listed once each, ascending");
  }
  std::vector<std::size_t> ids;
  for (const auto& state : checkpoint.replicates) ids.push_back(state.replicate);
  std::sort(ids.begin(), ids.end());
  if (const auto twice = std::adjacent_find(ids.begin(), ids.end()); twice != ids.end())
    throw InvalidInput(at, "the checkpoint holds replicate " + std::to_string(*twice) + " twice");
  for (std::size_t r = 0; r < request.replicates; ++r) {
    if (!std::binary_search(ids.begin(), ids.end(), r))
      throw InvalidInput(at, "the checkpoint lacks replicate " + std::to_string(r) + " (" +
                                 std::to_string(request.replicates) + " asked)");
  }
}

}  // namespace verbund::sim
