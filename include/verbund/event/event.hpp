#pragma once

// A matchmaking event as its organisers describe it: days, sessions, slots, rooms and tables,
// participants with their availability and limits, meeting requests, vetoes and locked meetings.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/error.hpp"
#include "verbund/event/schedule.hpp"

namespace verbund::event {

/// One meeting slot: [start, end) in minutes after midnight of `date` (YYYY-MM-DD), local time.
struct Slot {
  std::string date;
  int start = 0;
  int end = 0;
  std::string session;
};

struct Room {
  std::string name;
  int capacity = 0;  ///< tables the room holds
  int tables = 0;    ///< tables set up in it
};

struct Table {
  std::string name;  ///< "<room> <n>"
  std::uint32_t room = 0;
};

/// Whom a participant wants to meet, as it states it: criteria on the other side, or an explicit
/// ranking. Used as the receiver's side of a request (receiver_preference, accepts).
struct Criteria {
  std::vector<std::string> sizes;          ///< the other's size among these (micro ... large)
  std::vector<std::string> topics;         ///< one of these among the other's topics
  std::vector<std::string> project_types;  ///< one of these among the other's project types
  std::optional<double> max_distance_km;   ///< the other within this distance (both located)
  std::vector<std::uint32_t> ranking;      ///< participants, best first

  /// How many criteria are stated (the ranking not counted). O(1). Does not throw.
  [[nodiscard]] std::size_t stated() const noexcept {
    return (sizes.empty() ? 0U : 1U) + (topics.empty() ? 0U : 1U) +
           (project_types.empty() ? 0U : 1U) + (max_distance_km ? 1U : 0U);
  }
};

/// A participant: an actor of the region (`actor_id`) or a new one described by its profile.
struct Participant {
  std::string id;
  std::string actor_id;  ///< empty for a new participant
  std::string name;
  std::string organisation;
  std::string kind;
  std::string municipality;
  std::vector<std::string> topics;
  std::string size;                        ///< micro, small, medium, large, or empty
  std::vector<std::string> project_types;  ///< e.g. contract-research, joint-project, thesis
  std::optional<double> latitude, longitude;
  int max_meetings = 0;
  int min_meetings = 0;
  Criteria wants;  ///< whom it wants to meet
};

enum class RequestStatus : std::uint8_t { pending, accepted, declined };

struct Request {
  std::uint32_t requester = 0;
  std::uint32_t requested = 0;
  Priority priority = Priority::want;
  RequestStatus status = RequestStatus::pending;
  SourceLocation where;
};

struct Veto {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::string reason;
};

/// A meeting fixed by the organisers at a slot and table.
struct Lock {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  std::uint32_t slot = 0;
  std::uint32_t table = 0;
};

/// A validated event: every index is in range, sessions do not overlap, every lock is in a slot
/// both sides are available, no veto is also a `must` request, every room holds its tables.
struct Event {
  std::string name;
  std::string timezone = "Europe/Berlin";  ///< "Europe/Berlin" or "UTC"
  int slot_minutes = 20;
  double must_weight = 3.0;
  double want_weight = 1.0;
  std::vector<std::string> dates;
  std::vector<Slot> slots;  ///< in time order
  std::vector<Room> rooms;
  std::vector<Table> tables;
  std::vector<Participant> participants;
  std::vector<std::uint8_t> available;  ///< participants x slots, 1 = available
  std::vector<Request> requests;
  std::vector<Veto> vetoes;
  std::vector<Lock> locks;

  /// The participant with this id. O(P). Does not throw.
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view id) const;
  [[nodiscard]] bool is_available(std::uint32_t p, std::uint32_t slot) const {
    return available[std::size_t{p} * slots.size() + slot] != 0;
  }
};

struct LoadEventOptions {
  /// Where the CSV files are; empty = the folder of the TOML file.
  std::filesystem::path dir{};
};

/// Reads an event: the TOML file and the CSV files it names (participants.csv and requests.csv
/// required; availability.csv, vetoes.csv and locks.csv when present). Everything is checked:
/// unknown keys and columns, malformed times, unknown participants, duplicates, overlapping
/// sessions, locks on unavailable slots or off the slot grid, vetoes that are also `must`
/// requests, rooms with more tables than they hold, a CSV file named or required that does not
/// exist. Throws InvalidInput at file:line:column, or IoError if an existing file cannot be read.
/// O(file sizes + P S + R log R). Thread-safe. \code
///   const auto event = event::load_event("data/events/transfertag/event.toml");
/// \endcode
[[nodiscard]] Event load_event(const std::filesystem::path& toml_file,
                               const LoadEventOptions& options = {});

/// How much `receiver` wants to meet `other` by what it stated, in [0, 1]: a participant of its
/// ranking 0.5 + 0.5 (n - i) / n at place i of n (every ranked one above every other); else half
/// the share of its stated criteria `other` meets; nullopt when it stated nothing. A criterion
/// on something `other` does not state (no size, no place) is not met. O(ranking + criteria x
/// the other's lists). Does not throw.
[[nodiscard]] std::optional<double> receiver_preference(const Event& event, std::uint32_t receiver,
                                                        std::uint32_t other);

/// Whether `receiver` accepts a request of `other` in advance by what it stated: `other` is in
/// its ranking, or meets every criterion it stated (at least one). O(as receiver_preference).
/// Does not throw.
[[nodiscard]] bool accepts(const Event& event, std::uint32_t receiver, std::uint32_t other);

/// Which requests a schedule may serve: in mutual mode only accepted ones (and pending ones the
/// receiver accepts in advance by its criteria or ranking), else pending ones too.
struct ProblemOptions {
  bool mutual = false;
};

/// The scheduling problem of an event: one request per pair (the strongest of its directions),
/// declined ones left out, locks as fixed meetings. A request weighs `must_weight` or
/// `want_weight`, plus `want_weight` times the receiver's preference for the requester where
/// the receiver stated one (the scheduler takes every must before any want). `request_of` gives the
/// event request each problem request stands for. O(P S + R log R). Thread-safe.
struct EventProblem {
  SchedulingProblem problem;
  std::vector<std::uint32_t> request_of;
};
[[nodiscard]] EventProblem to_problem(const Event& event, const ProblemOptions& options = {});

/// "HH:MM" of minutes after midnight. O(1).
[[nodiscard]] std::string clock_text(int minutes);

}  // namespace verbund::event
