#pragma once

#include <any>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "verbund/core/actor_kind.hpp"
#include "verbund/error.hpp"

namespace verbund::sim {

/// The most meetings an actor may expect a month by one mechanism (or a supplier initiative's
/// buyer): far above any plausible rate, low enough that a month of a large region ends.
inline constexpr double max_meeting_rate = 100.0;

/// Expected meetings per actor and month, by how actors meet (each at most max_meeting_rate).
struct MeetingRates {
  double triadic = 0.6;     ///< a partner's partner
  double focus = 0.3;       ///< a co-member of a chamber, cluster or working group
  double geographic = 0.2;  ///< someone in the same municipality
  double stranger = 0.05;   ///< anyone
};

/// Coefficients of the tie-formation log-odds for a meeting of actor a with b. `base`,
/// `science_affinity` and `industrial_science` (with ModelParams::end_probability) are calibrated
/// on the generated Ruhr region over ten years (data/calibration/baseline-targets.toml): no
/// trend in mean degree or science share, industrial firms' science share 0.40.
struct Effects {
  double base = -5.845612;
  double same_kind = 0.3;              ///< homophily by actor kind
  double complementarity = 1.5;        ///< share of one's needs the other offers
  double proximity = 1.0;              ///< x 2^(-km / half_distance_km)
  double common_partners = 0.8;        ///< x ln(1 + common partners)
  double shared_focus = 0.7;           ///< both in a group (chamber, cluster, working group)
  double popularity = 0.15;            ///< x ln(1 + degree of b)
  double science_affinity = 5.463317;  ///< firm meets science, x the firm's absorptive capacity
  /// Added to science_affinity when the firm is industrial (NACE 05-33, sim::is_industrial_sector):
  /// lets industrial firms' science ties differ from the others' (the Muelheim share is of
  /// industrial firms). 0 = every firm alike; calibrated 0.6679882.
  double industrial_science = 0.6679882;
};

/// The stochastic model; every field has a documented default (data/scenarios/baseline.toml).
struct ModelParams {
  MeetingRates meetings;
  Effects effects;  ///< for every kind without its own
  std::vector<std::pair<core::ActorKind, Effects>> effects_by_kind;
  double half_distance_km = 20.0;
  double decay = 0.02;         ///< monthly loss of strength without renewal
  double end_threshold = 0.2;  ///< a tie weaker than this ends
  /// Monthly chance that an open tie ends anyway (from the month after it was made); 0 = off.
  /// With decay 0 this is the classic formation/dissolution chain (mean duration 1/q).
  /// Calibrated: 0.02898134, ties last 2.8 years as the region's ended ties did. Supply ties
  /// (one delivers to the other) are spared, from decay too: their deliveries renew them.
  double end_probability = 0.02898134;
  /// Firm demography, off by default: the monthly chance that an operating firm closes (its
  /// ties end), and that a closed firm's place is taken by a start-up of the same sector and
  /// location, without ties. In equilibrium a share entry/(entry+exit) of firms operates.
  double firm_exit = 0.0;
  double firm_entry = 0.0;
  /// A new regional supplier of a buyer's input takes over up to this share of the input's
  /// yearly quantity from outside the region (within its free capacity). An assumption, not
  /// calibrated: supply contracts move in parts.
  double new_supplier_share = 0.5;
  double innovation_base = -6.0;      ///< log-odds of a firm innovating in a month
  double innovation_science = 1.2;    ///< + if it has a science tie
  double innovation_diversity = 0.8;  ///< + x distinct partner kinds / 5
  /// The effects of `kind`: its own if given, else `effects`. O(kinds given), no throw.
  [[nodiscard]] const Effects& effects_of(core::ActorKind kind) const noexcept;
};

/// Who an intervention targets when it does not list members.
struct Selection {
  std::vector<core::ActorKind> kinds;  ///< any if empty
  std::string municipality;            ///< any if empty
  std::string theme;                   ///< offering a competence of this theme; any if empty
  std::string sector;                  ///< NACE division prefix; any if empty
  std::size_t size = 0;                ///< how many, drawn from those matching (0 = all)
  /// Where municipality, theme and sector are written, for messages about their values.
  SourceLocation municipality_at, theme_at, sector_at;
};

/// A working group: members meet each other every `every` months from `start` to `end`.
struct WorkingGroup {
  std::string name;
  int start = 1, end = 12, every = 1;
  int meetings = 2;            ///< meetings per member and session
  std::optional<long> budget;  ///< total meetings; sessions stop when it is spent
  std::vector<std::string> members;
  std::vector<SourceLocation> members_at;  ///< where each member is written, for messages
  Selection select;
};

/// A shock: at month `at`, the targeted actors lose a share of their ties.
struct Shock {
  std::string name;
  int at = 1;
  double remove_share = 0.3;  ///< of the targeted actors' ties, each ends with this chance
  double close_share = 0.0;   ///< of the targeted firms, each closes with this chance
  Selection select;
};

/// A transfer office: each month from `start` to `end`, it introduces `introductions` targeted
/// firms without a science tie to their best-scored research partner (the transfer matchmaking
/// engine on the starting region); a share `conversion` of introductions become ties.
struct TransferOffice {
  std::string name;
  int start = 1, end = 12;
  int introductions = 10;
  double conversion = 0.3;
  std::optional<long> budget;  ///< total introductions
  Selection select;            ///< firms it serves (default: every firm)
};

/// A matchmaking day: at month `at`, every participating firm asks to meet its `meetings`
/// best-scored research partners among the participants (among all candidates if no participant
/// is one); the event scheduler puts these requests into `slots` one-to-one slots at `tables`
/// tables (no one meets more often than there are slots), and only the scheduled meetings take
/// place; a share `conversion` of them become ties.
struct MatchmakingEvent {
  std::string name;
  int at = 1;
  int meetings = 3;  ///< each firm's requests, and its maximum of meetings
  int slots = 8;
  std::optional<int> tables;  ///< none = a table for every pair that could meet at once
  double conversion = 0.2;
  std::vector<std::string> members;
  std::vector<SourceLocation> members_at;  ///< where each member is written, for messages
  Selection select;
};

/// A funding call: at month `at`, the best `consortia` consortia for the call (the consortium
/// builder on the starting region) are funded; their members get project ties for `duration`
/// months.
struct FundingCall {
  std::string name;
  int at = 1;
  std::string call;  ///< the call file as written (relative to the scenario's folder)
  int consortia = 3;
  int duration = 36;
};

/// A supplier initiative: from `start` to `end`, each targeted buyer meets `meetings` regional
/// suppliers a month on average (Poisson), with `visibility` added to the log-odds of a tie;
/// ties formed are supply ties, delivering from the supplier to the buyer. With a supplier
/// market, a buyer meets the best-ranked suppliers for its demands (the supplier search, top
/// `candidates` per demand, among `suppliers` if given), the best one it has no tie with first;
/// without one, suppliers drawn at random from `suppliers`.
struct SupplierInitiative {
  std::string name;
  int start = 1, end = 12;
  double meetings = 1.0;
  double visibility = 1.0;
  std::size_t candidates = 5;  ///< ranked suppliers per demand a buyer is introduced to
  std::optional<long> budget;  ///< total buyer-supplier meetings; none once it is spent
  Selection buyers;
  Selection suppliers;
};

/// One [[intervention]] of a scenario: the fields of its type (one of the structs above, or the
/// spec of a type registered by an extension of lib/sim/interventions) and where it is written.
struct Intervention {
  std::string type;   ///< the TOML `type`, e.g. "working_group"
  SourceLocation at;  ///< its table in the scenario file, for errors found when compiling
  std::any spec;      ///< WorkingGroup, Shock, TransferOffice, ... as `type` says

  Intervention() = default;
  template <class Spec>
  Intervention(std::string type_name, Spec fields, SourceLocation where = {})
      : type(std::move(type_name)), at(std::move(where)), spec(std::move(fields)) {}
  /// The fields if they are of type Spec, else nullptr. O(1), no throw.
  template <class Spec>
  [[nodiscard]] const Spec* spec_if() const noexcept {
    return std::any_cast<Spec>(&spec);
  }
};

/// A scenario forked from another: months 1..month run as `from` (same random numbers, so the
/// state at the fork is the other scenario's), the rest under this scenario's model and
/// interventions (their months count from the start).
struct Fork {
  std::string from;  ///< the scenario file as written (relative to this scenario's folder)
  /// The month after which this scenario takes over; nullopt = the checkpoint's month (a fork
  /// that replays its origin must give it).
  std::optional<int> month;
  /// States saved at `month` by `simulate --checkpoint-at`, as written; "" = replay `from`.
  std::string checkpoint;
};

/// A scenario file, as written: horizon, model, interventions, and the names of the files it
/// refers to (fork origin, checkpoint, funding calls, weights), not resolved and not read. The
/// io loader (io::load_scenario_inputs) reads those; sim::compile resolves everything.
struct Scenario {
  std::string name;
  std::string file;               ///< where it came from, for messages
  int horizon = 60;               ///< months
  std::optional<int> start_year;  ///< ties active then; default the region's latest start year
  ModelParams model;
  std::vector<Intervention> interventions;
  std::optional<Fork> fork;
  /// The transfer scorer's weights for offices, matchmaking days and funding calls: a weights
  /// file as `match transfer --weights` reads it, as written; "" = the defaults.
  std::string weights;
};

/// Parses a scenario (TOML) and reads no other file; `file` names it in messages. O(size).
/// Throws InvalidInput at file:line:column on a syntax error, unknown key, wrong type,
/// out-of-range value or unknown intervention type. Thread-safe.
[[nodiscard]] Scenario parse_scenario(std::string_view toml_text, const std::string& file);

}  // namespace verbund::sim
