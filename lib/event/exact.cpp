#include <glpk.h>

#include "event/glpk_model.hpp"
#include "event/schedule_build.hpp"
#include "verbund/error.hpp"

namespace verbund::event {

ExactSchedule schedule_exact(const SchedulingProblem& problem, const ExactOptions& options) {
  problem.validate();
  const auto d = detail::prepare(problem);
  if (detail::glpk_columns(d) > options.max_variables)
    throw Infeasible("exact schedule: " + std::to_string(detail::glpk_columns(d)) +
                     " variables, more than the limit of " + std::to_string(options.max_variables));
  std::vector<std::int32_t> slot_of(problem.requests.size(), -1);
  ExactSchedule out;
  if (detail::glpk_columns(d) > 0) {
    glp_term_out(GLP_OFF);
    auto model = detail::build_glpk_model(d, /*integer=*/true);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    parm.tm_lim = static_cast<int>(options.time_limit_seconds * 1000.0);
    const int rc = glp_intopt(model.lp.get(), &parm);
    const int status = glp_mip_status(model.lp.get());
    if ((rc != 0 && rc != GLP_ETMLIM) || (status != GLP_OPT && status != GLP_FEAS))
      throw Infeasible("exact schedule: GLPK found no solution (code " + std::to_string(rc) + ")");
    out.proven_optimal = rc == 0 && status == GLP_OPT;
    for (std::size_t c = 0; c < model.request_of.size(); ++c) {
      if (glp_mip_col_val(model.lp.get(), static_cast<int>(c + 1)) > 0.5)
        slot_of[model.request_of[c]] = static_cast<std::int32_t>(model.slot_of[c]);
    }
    if (!out.proven_optimal) {
      glp_smcp lp_parm;
      glp_init_smcp(&lp_parm);
      lp_parm.msg_lev = GLP_MSG_OFF;
      glp_simplex(model.lp.get(), &lp_parm);
      out.bound = d.fixed_weight + glp_get_obj_val(model.lp.get());
    }
  }
  out.schedule = detail::build_schedule(problem, d, slot_of, {});
  if (out.proven_optimal || detail::glpk_columns(d) == 0) {
    out.proven_optimal = true;
    out.bound = out.schedule.weight;
  }
  return out;
}

}  // namespace verbund::event
