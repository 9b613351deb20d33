// The stored projects, for the observed yearly networks of calibration.
#include "verbund/io/project_panel.hpp"

#include <algorithm>
#include <map>

#include "store_impl.hpp"

namespace verbund::io {

StoredProjects read_stored_projects(const Store& store, const core::Region& region) {
  auto& db = detail::StoreAccess::impl(store).db;
  auto index = [&](std::string_view ext) {
    const auto id = region.find(ext);
    if (!id) throw InvalidInput("project member '" + std::string(ext) + "' is not in the region");
    return id->value;
  };
  StoredProjects out;
  std::map<std::string, std::size_t, std::less<>> position;
  {
    detail::Statement stmt(db, "SELECT id, start, \"end\" FROM projects ORDER BY id");
    while (stmt.step()) {
      position.emplace(std::string(stmt.text(0)), out.projects.size());
      out.projects.push_back(
          {std::string(stmt.text(0)), stmt.optional_int(1), stmt.optional_int(2), {}});
    }
  }
  {
    detail::Statement stmt(db,
                           "SELECT m.project, a.ext_id FROM project_members m JOIN actors a ON "
                           "a.id = m.actor ORDER BY m.project, a.ext_id");
    while (stmt.step()) {
      const auto it = position.find(stmt.text(0));
      if (it != position.end()) out.projects[it->second].members.push_back(index(stmt.text(1)));
    }
  }
  {
    detail::Statement stmt(db,
                           "SELECT a.ext_id, b.ext_id FROM project_ties p JOIN actors a ON a.id = "
                           "p.first JOIN actors b ON b.id = p.second");
    while (stmt.step()) {
      const auto x = index(stmt.text(0)), y = index(stmt.text(1));
      out.project_pairs.push_back({std::min(x, y), std::max(x, y), 0});
    }
  }
  return out;
}

}  // namespace verbund::io
