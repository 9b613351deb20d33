#include <algorithm>
#include <numeric>

#include "core/parallel_loops.hpp"

#include "event/prepared.hpp"
#include "event/schedule_build.hpp"
#include "verbund/error.hpp"

namespace verbund::event {

namespace {

constexpr std::int32_t free_cell = -1;
constexpr std::int32_t fixed_cell = -2;

std::uint64_t mix(std::uint64_t x) {  // splitmix64: tie-breaks that depend on seed and run only
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}

/// One run's working schedule with an undo log, so that a repair can be tried and taken back.
class State {
 public:
  explicit State(const detail::Prepared& d)
      : d_(d),
        q_(d.problem->requests),
        busy_(std::size_t{d.P} * d.S, free_cell),
        used_(d.S, 0),
        load_(d.P, 0),
        slot_of_(q_.size(), -1),
        pinned_(q_.size(), 0),
        in_slot_(d.S),
        pos_(q_.size(), 0) {
    for (std::size_t i = 0; i < busy_.size(); ++i)
      if (d.fixed_at[i]) busy_[i] = fixed_cell;
  }

  [[nodiscard]] bool fits(std::uint32_t r, std::uint32_t s) const {
    const auto& q = q_[r];
    return used_[s] < d_.table_room[s] && cell(q.a, s) == free_cell && cell(q.b, s) == free_cell;
  }
  [[nodiscard]] bool has_room(std::uint32_t r) const {
    return load_[q_[r].a] < d_.room[q_[r].a] && load_[q_[r].b] < d_.room[q_[r].b];
  }
  [[nodiscard]] std::int32_t slot_of(std::uint32_t r) const { return slot_of_[r]; }
  [[nodiscard]] int load(std::uint32_t p) const { return load_[p]; }
  [[nodiscard]] double weight() const { return weight_; }
  [[nodiscard]] bool pinned(std::uint32_t r) const { return pinned_[r] != 0; }
  void pin(std::uint32_t r) { pinned_[r] = 1; }
  [[nodiscard]] std::size_t mark() const { return log_.size(); }

  void move(std::uint32_t r, std::int32_t s) {
    log_.emplace_back(r, slot_of_[r]);
    set(r, s);
  }
  void rollback(std::size_t mark) {
    while (log_.size() > mark) {
      set(log_.back().first, log_.back().second);
      log_.pop_back();
    }
  }
  void commit() { log_.clear(); }

  /// The best free slot for r, or -1: next to the pair's other meetings, then the emptiest.
  [[nodiscard]] std::int32_t best_slot(std::uint32_t r, std::int32_t except,
                                       std::uint64_t salt) const {
    std::int32_t best = -1;
    std::uint64_t best_key = 0;
    const auto& q = q_[r];
    for (auto i = d_.slot_begin[r]; i < d_.slot_begin[r + 1]; ++i) {
      const std::uint32_t s = d_.slot_list[i];
      if (static_cast<std::int32_t>(s) == except || !fits(r, s)) continue;
      int next_to = 0;
      for (const auto p : {q.a, q.b}) {
        if (s > 0 && cell(p, s - 1) != free_cell) ++next_to;
        if (s + 1 < d_.S && cell(p, s + 1) != free_cell) ++next_to;
      }
      const auto left = static_cast<std::uint64_t>(d_.table_room[s] - used_[s]);
      const std::uint64_t key = (std::uint64_t(next_to) << 56U) |
                                (std::min<std::uint64_t>(left, 0xFFFF) << 40U) |
                                (mix(salt ^ s) >> 24U);
      if (best < 0 || key > best_key) {
        best = static_cast<std::int32_t>(s);
        best_key = key;
      }
    }
    return best;
  }
  [[nodiscard]] std::int32_t cell(std::uint32_t p, std::uint32_t s) const {
    return busy_[std::size_t{p} * d_.S + s];
  }
  [[nodiscard]] const std::vector<std::uint32_t>& in_slot(std::uint32_t s) const {
    return in_slot_[s];
  }

 private:
  void set(std::uint32_t r, std::int32_t s) {
    const auto& q = q_[r];
    if (const auto old = slot_of_[r]; old >= 0) {
      busy_[std::size_t{q.a} * d_.S + old] = free_cell;
      busy_[std::size_t{q.b} * d_.S + old] = free_cell;
      --used_[old];
      auto& list = in_slot_[old];
      list[pos_[r]] = list.back();
      pos_[list.back()] = pos_[r];
      list.pop_back();
      --load_[q.a];
      --load_[q.b];
      weight_ -= q.weight;
    }
    slot_of_[r] = s;
    if (s >= 0) {
      busy_[std::size_t{q.a} * d_.S + s] = static_cast<std::int32_t>(r);
      busy_[std::size_t{q.b} * d_.S + s] = static_cast<std::int32_t>(r);
      ++used_[s];
      pos_[r] = static_cast<std::uint32_t>(in_slot_[s].size());
      in_slot_[s].push_back(r);
      ++load_[q.a];
      ++load_[q.b];
      weight_ += q.weight;
    }
  }

  const detail::Prepared& d_;
  const std::vector<MeetingRequest>& q_;
  std::vector<std::int32_t> busy_;
  std::vector<int> used_;
  std::vector<int> load_;
  std::vector<std::int32_t> slot_of_;
  std::vector<std::uint8_t> pinned_;
  std::vector<std::vector<std::uint32_t>> in_slot_;
  std::vector<std::uint32_t> pos_;
  std::vector<std::pair<std::uint32_t, std::int32_t>> log_;
  double weight_ = 0.0;
};

class Run {
 public:
  Run(const detail::Prepared& d, const ScheduleOptions& options, std::size_t index)
      : d_(d),
        q_(d.problem->requests),
        options_(options),
        salt_(mix(options.seed ^ mix(index))),
        state_(d) {}

  State& go(bool fairness_first) {
    keep_previous();
    const auto order = greedy_order();
    for (const auto r : order)
      if (q_[r].priority == Priority::must) try_direct(r);
    if (fairness_first) raise_to_minimum(order);
    for (const auto r : order) try_direct(r);
    for (std::size_t pass = 0; pass < options_.repair_passes; ++pass) {
      bool improved = false;
      for (const auto r : order) {
        if (state_.slot_of(r) >= 0) continue;
        if (try_direct(r) || try_eject(r) || try_replace(r)) improved = true;
      }
      if (!improved) break;
    }
    close_gaps(order);
    return state_;
  }

  /// Idle slots between a person's first and last meeting (fixed ones included).
  [[nodiscard]] int gaps_of(std::uint32_t p) const {
    int first = -1, last = -1, busy = 0;
    for (std::uint32_t s = 0; s < d_.S; ++s) {
      if (state_.cell(p, s) == -1) continue;
      if (first < 0) first = static_cast<int>(s);
      last = static_cast<int>(s);
      ++busy;
    }
    return first < 0 ? 0 : last - first + 1 - busy;
  }

 private:
  /// The third aim after weight and fairness: moves meetings (not kept ones) to other free slots
  /// while that shortens the idle time of the two people, until no move helps.
  void close_gaps(const std::vector<std::uint32_t>& order) {
    for (std::size_t pass = 0; pass < 4; ++pass) {
      bool improved = false;
      for (const auto r : order) {
        const auto from = state_.slot_of(r);
        if (from < 0 || state_.pinned(r)) continue;
        const auto& q = q_[r];
        const int before = gaps_of(q.a) + gaps_of(q.b);
        if (before == 0) continue;
        const auto mark = state_.mark();
        state_.move(r, -1);
        std::int32_t best = from;
        int best_gaps = before;
        for (auto i = d_.slot_begin[r]; i < d_.slot_begin[r + 1]; ++i) {
          const std::uint32_t s = d_.slot_list[i];
          if (static_cast<std::int32_t>(s) == from || !state_.fits(r, s)) continue;
          state_.move(r, static_cast<std::int32_t>(s));
          const int after = gaps_of(q.a) + gaps_of(q.b);
          state_.move(r, -1);
          if (after < best_gaps) {
            best_gaps = after;
            best = static_cast<std::int32_t>(s);
          }
        }
        state_.rollback(mark);
        if (best != from) {
          state_.move(r, best);
          improved = true;
        }
        state_.commit();
      }
      if (!improved) break;
    }
  }

 private:
  void keep_previous() {
    if (options_.keep.empty()) return;
    for (std::uint32_t r = 0; r < q_.size(); ++r) {
      const auto& k = options_.keep[r];
      if (!k || !d_.candidate[r] || k->first >= d_.S) continue;
      const bool listed = std::binary_search(d_.slot_list.begin() + d_.slot_begin[r],
                                             d_.slot_list.begin() + d_.slot_begin[r + 1],
                                             static_cast<std::uint16_t>(k->first));
      if (listed && state_.has_room(r) && state_.fits(r, k->first)) {
        state_.move(r, static_cast<std::int32_t>(k->first));
        state_.pin(r);
      }
    }
    state_.commit();
  }

  /// Must first; then meetings that had a place before (replanning); then by weight; then the
  /// pair with fewest common slots; ties by the run's own random order.
  std::vector<std::uint32_t> greedy_order() const {
    std::vector<std::uint32_t> order;
    for (std::uint32_t r = 0; r < q_.size(); ++r)
      if (d_.candidate[r]) order.push_back(r);
    const auto had = [&](std::uint32_t r) {
      return !options_.keep.empty() && options_.keep[r].has_value();
    };
    std::vector<std::uint64_t> tie(q_.size());
    for (const auto r : order) tie[r] = mix(salt_ ^ r);
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
      if (q_[x].priority != q_[y].priority) return q_[x].priority > q_[y].priority;
      if (had(x) != had(y)) return had(x);
      if (q_[x].weight != q_[y].weight) return q_[x].weight > q_[y].weight;
      const auto sx = d_.slot_begin[x + 1] - d_.slot_begin[x];
      const auto sy = d_.slot_begin[y + 1] - d_.slot_begin[y];
      if (sx != sy) return sx < sy;
      if (tie[x] != tie[y]) return tie[x] < tie[y];
      return x < y;
    });
    return order;
  }

  bool try_direct(std::uint32_t r) {
    if (state_.slot_of(r) >= 0 || !state_.has_room(r)) return false;
    const auto s = state_.best_slot(r, -1, salt_ ^ r);
    if (s < 0) return false;
    state_.move(r, s);
    state_.commit();
    return true;
  }

  /// Participants below their minimum get one more meeting each, round after round.
  void raise_to_minimum(const std::vector<std::uint32_t>& order) {
    std::vector<std::vector<std::uint32_t>> of(d_.P);
    for (const auto r : order) {
      of[q_[r].a].push_back(r);
      of[q_[r].b].push_back(r);
    }
    for (bool progress = true; progress;) {
      progress = false;
      for (std::uint32_t p = 0; p < d_.P; ++p) {
        if (state_.load(p) + d_.fixed_load[p] >= d_.problem->min_of(p)) continue;
        for (const auto r : of[p]) {
          if (try_direct(r)) {
            progress = true;
            break;
          }
        }
      }
    }
  }

  /// Moves `r` (scheduled in `from`) to another slot; false (and nothing changed) if none fits.
  bool relocate(std::uint32_t r) {
    if (state_.pinned(r)) return false;
    const auto from = state_.slot_of(r);
    const auto mark = state_.mark();
    state_.move(r, -1);
    const auto to = state_.best_slot(r, from, salt_ ^ r);
    if (to < 0) {
      state_.rollback(mark);
      return false;
    }
    state_.move(r, to);
    return true;
  }

  /// Fits `r` into a slot by moving the meetings that block it there elsewhere.
  bool try_eject(std::uint32_t r) {
    if (state_.slot_of(r) >= 0 || !state_.has_room(r)) return false;
    const auto& q = q_[r];
    for (auto i = d_.slot_begin[r]; i < d_.slot_begin[r + 1]; ++i) {
      const std::uint32_t s = d_.slot_list[i];
      const auto mark = state_.mark();
      bool ok = true;
      for (const auto p : {q.a, q.b}) {
        const auto c = state_.cell(p, s);
        if (c == fixed_cell) ok = false;
        if (ok && c >= 0) ok = relocate(static_cast<std::uint32_t>(c));
        if (!ok) break;
      }
      if (ok && !state_.fits(r, s)) {  // the tables are full: move one meeting out of s
        ok = false;
        const auto& here = state_.in_slot(s);
        const std::size_t tries = std::min<std::size_t>(here.size(), 8);
        const auto start = here.empty() ? 0 : mix(salt_ ^ r ^ s) % here.size();
        for (std::size_t k = 0; k < tries && !ok; ++k)
          ok = relocate(here[(start + k) % here.size()]) && state_.fits(r, s);
      }
      if (ok) {
        state_.move(r, static_cast<std::int32_t>(s));
        state_.commit();
        return true;
      }
      state_.rollback(mark);
    }
    return false;
  }

  /// Drops the lightest meeting of a participant at their maximum when `r` is worth more.
  bool try_replace(std::uint32_t r) {
    if (state_.slot_of(r) >= 0 || state_.has_room(r)) return false;
    const auto& q = q_[r];
    const auto mark = state_.mark();
    const double before = state_.weight();
    for (const auto p : {q.a, q.b}) {
      if (state_.load(p) < d_.room[p]) continue;
      std::int32_t lightest = -1;
      for (std::uint32_t s = 0; s < d_.S; ++s) {
        const auto c = state_.cell(p, s);
        if (c < 0 || state_.pinned(static_cast<std::uint32_t>(c))) continue;
        if (lightest < 0 ||
            q_[static_cast<std::size_t>(c)].weight < q_[static_cast<std::size_t>(lightest)].weight)
          lightest = c;
      }
      if (lightest < 0 || q_[static_cast<std::size_t>(lightest)].weight >= q.weight) {
        state_.rollback(mark);
        return false;
      }
      state_.move(static_cast<std::uint32_t>(lightest), -1);
    }
    if (!state_.has_room(r)) {
      state_.rollback(mark);
      return false;
    }
    auto s = state_.best_slot(r, -1, salt_ ^ r);
    if (s >= 0) state_.move(r, s);
    if (state_.slot_of(r) < 0 || state_.weight() <= before + 1e-12) {
      state_.rollback(mark);
      return false;
    }
    state_.commit();
    return true;
  }

  const detail::Prepared& d_;
  const std::vector<MeetingRequest>& q_;
  const ScheduleOptions& options_;
  std::uint64_t salt_;
  State state_;
};

struct RunResult {
  std::vector<std::int32_t> slot_of;
  double weight = 0.0;
  long shortfall = 0;
  long gaps = 0;
};

}  // namespace

Schedule schedule_meetings(const SchedulingProblem& problem, const ScheduleOptions& options) {
  problem.validate();
  if (!options.keep.empty() && options.keep.size() != problem.requests.size())
    throw InvalidInput("keep must be empty or hold one entry per request");
  const auto d = detail::prepare(problem);
  const std::size_t runs = std::max<std::size_t>(1, options.restarts);
  std::vector<RunResult> results(runs);
  par::parallel_for(std::size_t{0}, runs, [&](std::size_t i) {
    Run run(d, options, i);
    const auto& state = run.go(/*fairness_first=*/i % 2 == 0);
    RunResult out;
    out.slot_of.resize(problem.requests.size());
    for (std::uint32_t r = 0; r < problem.requests.size(); ++r) out.slot_of[r] = state.slot_of(r);
    out.weight = state.weight();
    for (std::uint32_t p = 0; p < d.P; ++p)
      out.shortfall += std::max(0, problem.min_of(p) - state.load(p) - d.fixed_load[p]);
    for (std::uint32_t p = 0; p < d.P; ++p) out.gaps += run.gaps_of(p);
    results[i] = std::move(out);
  });
  std::size_t best = 0;
  for (std::size_t i = 1; i < runs; ++i) {
    const auto& x = results[i];
    const auto& y = results[best];
    const bool same_weight = x.weight > y.weight - 1e-9 && x.weight < y.weight + 1e-9;
    if (x.weight > y.weight + 1e-9 || (same_weight && x.shortfall < y.shortfall) ||
        (same_weight && x.shortfall == y.shortfall && x.gaps < y.gaps))
      best = i;
  }
  return detail::build_schedule(problem, d, results[best].slot_of, options.keep);
}

}  // namespace verbund::event
