#include "verbund/match/partner_learning.hpp"

#include <unistd.h>
#include <algorithm>

#include <atomic>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/parallel_loops.hpp"

#include "verbund/core/region_builder.hpp"
#include "verbund/error.hpp"
#include "verbund/io/csv_reader.hpp"
#include "verbund/match/recommend.hpp"

namespace verbund::match {

using core::ActorId;

namespace {

// Numeric ids (CORDIS rcn) as themselves, others by FNV-1a: a fixed, documented choice.
std::uint64_t id_number(const std::string& id) {
  std::uint64_t x = 0;
  const auto res = std::from_chars(id.data(), id.data() + id.size(), x);
  if (res.ec == std::errc{} && res.ptr == id.data() + id.size()) return x;
  std::uint64_t h = 1469598103934665603ULL;
  for (const unsigned char c : id) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// The fold of a project in a within-year split: mixed (splitmix64), so that it does not follow
// the hidden member's position (id mod size).
std::size_t fold_of(const std::string& id, std::size_t folds) {
  std::uint64_t z = id_number(id) + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return static_cast<std::size_t>((z ^ (z >> 31)) % folds);
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (const char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// A temporary file removed when this goes out of scope.
struct TempFile {
  std::filesystem::path path;
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

// The participations of a within-year split's network: every row up to `year` except those of
// `year`'s projects in the asked fold, as comma-separated CSV in a temporary file (the import
// reads files; the split must not change the user's).
TempFile network_participations(const io::ProjectFiles& files, int year,
                                const PartnerSplitOptions& options) {
  io::CsvReader csv(files.participations, options.import.csv);
  const auto& cols = options.import.columns;
  const auto project = csv.require(cols.project), start = csv.require(cols.start_year);
  static std::atomic<unsigned> serial{0};
  TempFile out{std::filesystem::temp_directory_path() /
               ("verbund-partner-split-" + std::to_string(::getpid()) + "-" +
                std::to_string(serial++) + ".csv")};
  std::ofstream file(out.path, std::ios::binary | std::ios::trunc);
  const auto write_row = [&](const std::vector<std::string>& row) {
    for (std::size_t k = 0; k < row.size(); ++k) file << (k ? "," : "") << csv_cell(row[k]);
    file << '\n';
  };
  write_row(csv.header());
  const std::string this_year = std::to_string(year);
  // The asked projects: the year's projects of this fold with min_members or more.
  std::map<std::string, std::set<std::string>> members;
  {
    io::CsvReader first(files.participations, options.import.csv);
    const auto pic = first.require(cols.pic);
    std::vector<std::string> row;
    while (first.next(row))
      if (row[start] == this_year && fold_of(row[project], options.folds) == options.fold)
        members[row[project]].insert(row[pic]);
  }
  std::vector<std::string> row;
  while (csv.next(row)) {
    const auto it = members.find(row[project]);
    if (it != members.end() && it->second.size() >= options.min_members) continue;
    write_row(row);
  }
  if (!file.flush()) throw IoError("train partners: cannot write " + out.path.string());
  return out;
}

}  // namespace

PartnerSplit partner_split(const io::ProjectFiles& files, int query_year,
                           const PartnerSplitOptions& options) {
  PartnerSplit out;
  const bool within = options.folds > 0;
  out.query_year = within ? query_year + 1 : query_year;
  io::ProjectImportOptions known = options.import;
  known.from_year.reset();
  known.to_year = within ? query_year : query_year - 1;
  if (within) {
    const auto network = network_participations(files, query_year, options);
    io::ProjectFiles copy = files;
    copy.participations = network.path;
    known.csv.delimiter = ',';
    out.region = core::build_region(io::read_projects(copy, known).data);
  } else {
    out.region = core::build_region(io::read_projects(files, known).data);
  }

  // The query year's projects with their members in file order.
  const auto& cols = options.import.columns;
  io::CsvReader csv(files.participations, options.import.csv);
  const auto project = csv.require(cols.project), pic = csv.require(cols.pic),
             start = csv.require(cols.start_year);
  const std::string year = std::to_string(query_year);
  std::map<std::string, std::vector<std::string>> projects;
  std::vector<std::string> row;
  while (csv.next(row)) {
    if (row[start] != year || row[pic].empty()) continue;
    auto& members = projects[row[project]];
    if (std::find(members.begin(), members.end(), row[pic]) == members.end())
      members.push_back(row[pic]);
  }

  for (const auto& [id, members] : projects) {
    if (members.size() < options.min_members) continue;
    if (within && fold_of(id, options.folds) != options.fold) continue;
    ++out.projects;
    const std::size_t first = id_number(id) % members.size();
    const std::size_t asks = std::min(options.hidden_per_project, members.size());
    for (std::size_t j = 0; j < asks; ++j) {
      const std::size_t hide = (first + j) % members.size();
      const auto hidden = out.region.find(members[hide]);
      if (!hidden) {
        ++out.unknown_hidden;
        continue;
      }
      PartnerQuery q{id, {}, *hidden};
      for (std::size_t k = 0; k < members.size(); ++k)
        if (k != hide)
          if (const auto a = out.region.find(members[k])) q.members.push_back(*a);
      if (!q.members.empty()) out.queries.push_back(std::move(q));
    }
  }
  return out;
}

std::vector<PartnerTrainingQuery> training_queries(const PartnerGraph& graph,
                                                   std::span<const PartnerQuery> queries,
                                                   const PartnerFeatureOptions& features) {
  std::vector<PartnerTrainingQuery> out(queries.size());
  par::parallel_for(std::size_t{0}, queries.size(), [&](std::size_t q) {
    auto& t = out[q];
    t.features = partner_features(graph, queries[q].members, features);
    const auto& c = t.features.candidates;
    const auto it = std::lower_bound(c.begin(), c.end(), queries[q].hidden);
    if (it != c.end() && *it == queries[q].hidden)
      t.positives.push_back(static_cast<std::size_t>(it - c.begin()));
  });
  return out;
}

PartnerModel train_partner_model(const io::ProjectFiles& files, int first_year, int until_year,
                                 const PartnerModelOptions& model,
                                 const PartnerTrainingPlan& plan) {
  if (first_year > until_year)
    throw InvalidInput("train partners: the first query year " + std::to_string(first_year) +
                       " is after --until " + std::to_string(until_year));
  std::vector<PartnerTrainingQuery> all;
  std::size_t asked = 0;
  std::string splits;
  const auto learn = [&](const PartnerSplit& split, const std::string& name) {
    if (split.queries.empty()) return;
    const PartnerGraph graph(split.region);
    auto features = plan.features;
    features.query_year = split.query_year;
    auto queries = training_queries(graph, split.queries, features);
    asked += queries.size();
    std::move(queries.begin(), queries.end(), std::back_inserter(all));
    splits += (splits.empty() ? "" : ",") + name;
  };
  for (int year = first_year; year <= until_year; ++year) {
    if (plan.time_splits) {
      const auto split =
          partner_split(files, year, {.hidden_per_project = plan.hidden_per_project});
      if (split.region.size() >= plan.min_network) learn(split, std::to_string(year));
    }
    for (std::size_t fold = 0; fold < plan.folds; ++fold)
      learn(partner_split(
                files, year,
                {.hidden_per_project = plan.hidden_per_project, .folds = plan.folds, .fold = fold}),
            std::to_string(year) + "/" + std::to_string(fold));
  }
  return PartnerModel::train(
      all, model,
      {{"trained_until", std::to_string(until_year)},
       {"query_years", std::to_string(first_year) + "-" + std::to_string(until_year)},
       {"splits", splits},
       {"hidden_per_project", std::to_string(plan.hidden_per_project)},
       {"queries_asked", std::to_string(asked)},
       {"participations", files.participations.filename().string()}});
}

std::vector<LearnedPartner> recommend_partners_learned(const PartnerModel& model,
                                                       const PartnerGraph& graph,
                                                       std::span<const ActorId> members,
                                                       const LearnedPartnerOptions& options) {
  const auto& region = graph.region();
  const auto features = partner_features(graph, members, {.query_year = options.query_year});
  const auto scores = model.predict(features);
  std::vector<std::size_t> order;
  for (std::size_t r = 0; r < features.candidates.size(); ++r) {
    const auto a = features.candidates[r];
    if (!options.include_existing && std::any_of(members.begin(), members.end(),
                                                 [&](ActorId m) { return region.connected(m, a); }))
      continue;
    order.push_back(r);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;  // rows ascend by actor
  });
  const auto actor_of = [&](std::size_t r) { return features.candidates[r]; };
  if (options.one_per_family) {
    order = one_per_family(region, std::move(order), options.top, actor_of);
  } else if (order.size() > options.top) {
    order.resize(options.top);
  }

  // Explanations over the whole pool: the model sees each feature as a rank within it.
  const auto contributions = model.contributions(features);
  constexpr std::size_t width = partner_feature_count + 1;
  std::vector<LearnedPartner> out;
  for (const auto r : order) {
    LearnedPartner p{features.candidates[r], scores[r], {}};
    for (std::size_t f = 0; f < partner_feature_count; ++f)
      if (const float c = contributions[r * width + f]; c > 0.0F)
        p.drivers.push_back(
            {static_cast<PartnerFeature>(f), c, features.values[r * partner_feature_count + f]});
    std::sort(p.drivers.begin(), p.drivers.end(), [](const auto& a, const auto& b) {
      return a.contribution != b.contribution ? a.contribution > b.contribution
                                              : a.feature < b.feature;
    });
    if (p.drivers.size() > options.drivers) p.drivers.resize(options.drivers);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace verbund::match
