#pragma once
// Where `train partners` puts the learned partner model by default and how `recommend partners`
// prints its recommendations with the features that drove each.

#include <filesystem>
#include <span>

#include "cli.hpp"
#include "verbund/core/region.hpp"

namespace verbund::cli {

/// The default model file beside the database: "<db>.partner-model.json".
[[nodiscard]] std::filesystem::path default_partner_model(const GlobalOptions& global);

/// Recommends partners for `members` with the model in `file`, says so (unless quiet) and
/// prints the table. Throws InvalidInput when the file is not a verbund partner model.
void print_learned_partners(const GlobalOptions& global, const std::filesystem::path& file,
                            const core::Region& region, std::span<const core::ActorId> members,
                            std::size_t top, bool include_existing);

}  // namespace verbund::cli
