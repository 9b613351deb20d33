#include "event/glpk_model.hpp"

#include <unordered_map>

namespace verbund::event::detail {

GlpkModel build_glpk_model(const Prepared& d, bool integer) {
  const auto& problem = *d.problem;
  GlpkModel m;
  glp_prob* lp = m.lp.get();
  glp_set_obj_dir(lp, GLP_MAX);
  // Rows: one per (person, slot) in use, one per slot, one per person, one per request.
  std::unordered_map<std::uint64_t, int> person_slot_row;
  std::vector<int> slot_row(d.S, 0), person_row(d.P, 0), request_row(problem.requests.size(), 0);
  const auto add_row = [&](double upper) {
    const int row = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, row, GLP_UP, 0.0, upper);
    return row;
  };
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  for (std::uint32_t r = 0; r < problem.requests.size(); ++r) {
    if (!d.candidate[r]) continue;
    const auto& q = problem.requests[r];
    request_row[r] = add_row(1.0);
    for (const auto p : {q.a, q.b})
      if (person_row[p] == 0) person_row[p] = add_row(d.room[p]);
    for (auto i = d.slot_begin[r]; i < d.slot_begin[r + 1]; ++i) {
      const std::uint32_t s = d.slot_list[i];
      const int col = glp_add_cols(lp, 1);
      if (integer) glp_set_col_kind(lp, col, GLP_BV);
      glp_set_col_bnds(lp, col, GLP_DB, 0.0, 1.0);
      glp_set_obj_coef(lp, col, q.weight);
      m.request_of.push_back(r);
      m.slot_of.push_back(s);
      if (slot_row[s] == 0) slot_row[s] = add_row(d.table_room[s]);
      std::vector<int> rows{request_row[r], slot_row[s], person_row[q.a], person_row[q.b]};
      for (const auto p : {q.a, q.b}) {
        const auto key = (std::uint64_t{p} << 32U) | s;
        auto [it, fresh] = person_slot_row.try_emplace(key, 0);
        if (fresh) it->second = add_row(1.0);
        rows.push_back(it->second);
      }
      for (const int row : rows) {
        ia.push_back(row);
        ja.push_back(col);
        ar.push_back(1.0);
      }
    }
  }
  glp_load_matrix(lp, static_cast<int>(ia.size() - 1), ia.data(), ja.data(), ar.data());
  return m;
}

}  // namespace verbund::event::detail
