#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/actor_kind.hpp"
#include "verbund/core/geo.hpp"
#include "verbund/core/taxonomy.hpp"
#include "verbund/core/tie.hpp"
#include "verbund/error.hpp"

namespace verbund::core {

/// An extra attribute of an actor (a CSV column verbund has no field for), kept as text.
struct Attribute {
  std::string key;
  std::string value;
  friend bool operator==(const Attribute&, const Attribute&) = default;
};

/// One actor as written in a file: references to other actors are external ids.
struct ActorRecord {
  std::string id;
  std::string name;
  ActorKind kind = ActorKind::firm;
  std::string municipality;  ///< empty = unknown
  std::optional<GeoPoint> location;
  std::optional<int> employees;
  std::string sector;  ///< NACE/WZ code, empty = unknown
  std::optional<int> founded;
  std::optional<int> capacity;  ///< transfer/partnership capacity (partners at a time)
  std::string parent;           ///< external id of the parent (research groups), empty = none
  std::vector<Attribute> attributes;
  std::size_t line = 0;  ///< line in the source file, 0 = not from a file
};

struct CompetenceRecord {
  std::string actor;
  std::string competence;
  CompetenceRole role = CompetenceRole::offer;
  double weight = 1.0;
  std::size_t line = 0;
};

struct TieRecord {
  std::string source;
  std::string target;
  TieKind kind = TieKind::informal;
  double weight = 1.0;
  std::optional<int> start;
  std::optional<int> end;
  std::size_t line = 0;
};

struct MembershipRecord {
  std::string actor;
  std::string group;
  std::optional<int> start;
  std::optional<int> end;
  std::size_t line = 0;
};

/// A taxonomy row: a theme when `theme` is empty, otherwise a competence under that theme.
struct TaxonomyRecord {
  std::string id;
  std::string label_en;
  std::string label_de;
  std::string theme;
  std::size_t line = 0;
};

/// Two related competences (by id) and the strength of the relation, in (0, 1].
struct CompetenceRelationRecord {
  std::string a;
  std::string b;
  double strength = 0.0;
  std::size_t line = 0;
};

/// Where a table of records came from, so that errors can name file, line and column.
struct TableOrigin {
  std::string file;                 ///< empty = built in memory
  std::vector<std::string> header;  ///< column names in file order

  /// The location of `column` on `line`; column 0 when the column is unknown, an empty location
  /// for line 0 (built in memory). O(columns). Thread-safe; throws only std::bad_alloc.
  [[nodiscard]] SourceLocation locate(std::size_t line, std::string_view column) const;
};

/// A batch of region content keyed by external ids: what an import, a generator or a file
/// format produces before it becomes a Region or rows of the store.
struct RegionData {
  std::vector<TaxonomyRecord> taxonomy;
  std::vector<ActorRecord> actors;
  std::vector<CompetenceRecord> competences;
  std::vector<TieRecord> ties;
  std::vector<MembershipRecord> memberships;
  std::vector<CompetenceRelationRecord> competence_relations;

  TableOrigin taxonomy_origin;
  TableOrigin actors_origin;
  TableOrigin competences_origin;
  TableOrigin ties_origin;
  TableOrigin memberships_origin;
  TableOrigin competence_relations_origin;

  /// Appends `other`'s records (origins of non-empty tables are taken from `other`).
  /// O(records of other), moved. Not thread-safe on this batch; throws only std::bad_alloc.
  void append(RegionData other);
};

/// What already exists outside a batch (e.g. in the database) that its references may name.
/// The functions are called concurrently and must be safe for that.
struct KnownContent {
  std::function<std::optional<ActorKind>(std::string_view)> actor_kind;
  std::function<bool(std::string_view)> has_theme;
  std::function<bool(std::string_view)> has_competence;
};

/// Checks a batch: ids unique (also against `known`), every reference resolvable in the batch or
/// in `known`, values in range, no tie to itself, research groups with a parent.
/// Throws InvalidInput naming file, line and column of the first problem. O(n log n) over all
/// records, row checks in parallel (oneTBB). Thread-safe (reads only), if `known` is.
void validate(const RegionData& data, const KnownContent& known = {});

/// Range limits applied to every input.
inline constexpr int min_year = 1000;
inline constexpr int max_year = 2200;
/// Tie weights lie in [min_tie_weight, max_tie_weight]: twelve orders of magnitude for counts,
/// volumes and strengths, narrow enough that a product of three weights (weighted clustering),
/// a sum over 10^9 ties (strengths, modularity) and the ratio of any two stay well inside double.
inline constexpr double min_tie_weight = 1e-6;
inline constexpr double max_tie_weight = 1e6;

}  // namespace verbund::core
