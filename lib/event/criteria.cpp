// The receiver's side of a request: how much a participant wants to meet another by the criteria
// or the ranking it stated in participants.csv.
#include <algorithm>
#include <cctype>

#include "verbund/core/geo.hpp"
#include "verbund/event/event.hpp"

namespace verbund::event {

namespace {

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// Whether one of `wanted` is among `offered` (case-insensitive).
bool any_of_in(const std::vector<std::string>& wanted, const std::vector<std::string>& offered) {
  return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
    return std::any_of(offered.begin(), offered.end(),
                       [&](const std::string& o) { return same_text(w, o); });
  });
}

/// How many of `c`'s stated criteria `other` meets.
std::size_t criteria_met(const Criteria& c, const Participant& me, const Participant& other) {
  std::size_t met = 0;
  if (!c.sizes.empty() && !other.size.empty() &&
      std::find(c.sizes.begin(), c.sizes.end(), other.size) != c.sizes.end())
    ++met;
  if (!c.topics.empty() && any_of_in(c.topics, other.topics)) ++met;
  if (!c.project_types.empty() && any_of_in(c.project_types, other.project_types)) ++met;
  if (c.max_distance_km && me.latitude && other.latitude &&
      core::distance_km({*me.latitude, *me.longitude}, {*other.latitude, *other.longitude}) <=
          *c.max_distance_km)
    ++met;
  return met;
}

}  // namespace

std::optional<double> receiver_preference(const Event& event, std::uint32_t receiver,
                                          std::uint32_t other) {
  const auto& me = event.participants[receiver];
  const auto& c = me.wants;
  if (c.ranking.empty() && c.stated() == 0) return std::nullopt;
  const auto at = std::find(c.ranking.begin(), c.ranking.end(), other);
  if (at != c.ranking.end()) {
    const auto n = static_cast<double>(c.ranking.size());
    return 0.5 + 0.5 * (n - static_cast<double>(at - c.ranking.begin())) / n;
  }
  if (c.stated() == 0) return 0.0;
  return 0.5 * static_cast<double>(criteria_met(c, me, event.participants[other])) /
         static_cast<double>(c.stated());
}

bool accepts(const Event& event, std::uint32_t receiver, std::uint32_t other) {
  const auto& me = event.participants[receiver];
  const auto& c = me.wants;
  if (std::find(c.ranking.begin(), c.ranking.end(), other) != c.ranking.end()) return true;
  return c.stated() > 0 && criteria_met(c, me, event.participants[other]) == c.stated();
}

}  // namespace verbund::event
