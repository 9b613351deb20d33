#pragma once

// The store's imported projects as a panel: each project with its years and members, so that
// the network of any year can be formed (calib::observed_panel).

#include <vector>

#include "verbund/calib/panel.hpp"
#include "verbund/core/region.hpp"
#include "verbund/io/store.hpp"

namespace verbund::io {

struct StoredProjects {
  std::vector<calib::ObservedProject> projects;  ///< by id; members as `region` indices
  /// The pairs whose project tie a project import made (table project_ties): the merged ties
  /// that the projects replace year by year.
  std::vector<calib::Pair> project_pairs;
};

/// Reads the projects (tables projects, project_members, project_ties) of `store`, with actors
/// as indices of `region` (which must be store.load_region()). O(R log N) for R stored members.
/// Throws InvalidInput if a member is not in `region`, IoError if the database fails. Not
/// thread-safe (see Store).
[[nodiscard]] StoredProjects read_stored_projects(const Store& store, const core::Region& region);

}  // namespace verbund::io
