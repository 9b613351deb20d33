#include <algorithm>
#include <functional>

#include <glpk.h>

#include "event/glpk_model.hpp"
#include "verbund/match/assignment.hpp"

namespace verbund::event {

namespace {

/// Each person split into a left and a right copy, each with the meetings they can still have;
/// each request into two half-weight pairs. A schedule uses both pairs of each of its meetings,
/// so its weight is a feasible b-matching's: the optimum of this bipartite problem is a bound.
double b_matching_bound(const detail::Prepared& d) {
  const auto& problem = *d.problem;
  match::AssignmentProblem bm;
  bm.left_capacity.resize(d.P);
  for (std::uint32_t p = 0; p < d.P; ++p) {
    int free_slots = 0;
    for (std::uint32_t s = 0; s < d.S; ++s) free_slots += d.free(p, s) && d.table_room[s] > 0;
    bm.left_capacity[p] = std::min(d.room[p], free_slots);
  }
  bm.right_capacity = bm.left_capacity;
  for (std::uint32_t r = 0; r < problem.requests.size(); ++r) {
    if (!d.candidate[r]) continue;
    const auto& q = problem.requests[r];
    bm.pairs.push_back({q.a, q.b, q.weight / 2.0});
    bm.pairs.push_back({q.b, q.a, q.weight / 2.0});
  }
  if (bm.pairs.empty()) return 0.0;
  const auto best = match::optimal_assignment(bm);
  // The dual bound holds for any prices and is computed without the solver's rounding.
  return match::dual_bound(bm, best.left_price, best.right_price) + 1e-6;
}

/// At most as many meetings as there are free tables: the heaviest requests that many times.
double table_bound(const detail::Prepared& d) {
  std::vector<double> w;
  for (std::uint32_t r = 0; r < d.problem->requests.size(); ++r)
    if (d.candidate[r]) w.push_back(d.problem->requests[r].weight);
  long tables = 0;
  for (const int t : d.table_room) tables += std::max(0, t);
  const auto k = std::min<std::size_t>(w.size(), static_cast<std::size_t>(tables));
  std::partial_sort(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(k), w.end(),
                    std::greater<>());
  double sum = 0.0;
  for (std::size_t i = 0; i < k; ++i) sum += w[i];
  return sum;
}

}  // namespace

UpperBound upper_bound(const SchedulingProblem& problem, const BoundOptions& options) {
  problem.validate();
  const auto d = detail::prepare(problem);
  UpperBound out{d.fixed_weight + b_matching_bound(d), "b-matching relaxation"};
  const double tables = d.fixed_weight + table_bound(d);
  if (tables < out.value) out = {tables, "table count"};
  const auto columns = detail::glpk_columns(d);
  if (columns > 0 && columns <= options.lp_max_variables) {
    glp_term_out(GLP_OFF);
    auto model = detail::build_glpk_model(d, /*integer=*/false);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    if (glp_simplex(model.lp.get(), &parm) == 0 && glp_get_status(model.lp.get()) == GLP_OPT) {
      // Simplex optimality is up to its tolerances; the small margin keeps the bound safe.
      const double lp = d.fixed_weight + glp_get_obj_val(model.lp.get()) * (1.0 + 1e-9) + 1e-6;
      if (lp < out.value) out = {lp, "LP relaxation"};
    }
  }
  return out;
}

}  // namespace verbund::event
