#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "verbund/core/region.hpp"

namespace verbund::core {

/// The sub-region induced by the actors `keep` accepts: those actors (in their order) with their
/// competences, the ties and memberships among them, and the whole taxonomy. A parent outside the
/// selection is dropped. O(n + m) plus the rebuild, O((n + m) log(n + m)). Thread-safe if `keep`
/// is (it is called once per actor, from this thread). Throws only std::bad_alloc.
[[nodiscard]] Region select(const Region& region, const std::function<bool(ActorId)>& keep);

/// As above, and of the ties and memberships among the kept actors only those `keep_tie` and
/// `keep_membership` accept (e.g. those started by a year: the network as it was then). With
/// every actor kept, actor ids stay the same. Same costs; thread-safe if the filters are.
[[nodiscard]] Region select(const Region& region, const std::function<bool(ActorId)>& keep,
                            const std::function<bool(const Tie&)>& keep_tie,
                            const std::function<bool(const Membership&)>& keep_membership);

/// An actor condition "KEY=VALUE": KEY is kind, municipality, sector or an attribute key.
struct ActorCondition {
  std::string key;
  std::string value;
  /// Parses "KEY=VALUE"; throws InvalidInput if malformed. O(length). Thread-safe.
  [[nodiscard]] static ActorCondition parse(std::string_view text);
  /// Whether actor `a` has the value: its kind, municipality or sector by name, else the
  /// attribute KEY. O(log k) over a's k attributes. Thread-safe; does not throw.
  [[nodiscard]] bool matches(const Region& region, ActorId a) const;
};

}  // namespace verbund::core
