#pragma once
// Where `train partners` puts the learned partner model by default and how `recommend partners`
// prints its recommendations with the features that drove each.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "cli.hpp"
#include "verbund/core/region.hpp"
#include "verbund/match/partner_model.hpp"

namespace verbund::cli {

/// The model file earlier versions put beside the database: "<db>.partner-model.json".
[[nodiscard]] std::filesystem::path legacy_partner_model(const GlobalOptions& global);

/// The model `recommend partners` uses and where it came from: `--model FILE` when given, else
/// the latest one stored in the database, else a legacy file beside it; nullopt when none.
/// Throws InvalidInput when the file or the stored model is not a verbund partner model.
[[nodiscard]] std::optional<std::pair<match::PartnerModel, std::string>> find_partner_model(
    const GlobalOptions& global, const io::Store& store, const std::string& model_option);

/// Recommends partners for `members` with `model` (from `source`, named in the note unless
/// quiet) and prints the table.
void print_learned_partners(const GlobalOptions& global, const match::PartnerModel& model,
                            const std::string& source, const core::Region& region,
                            std::span<const core::ActorId> members, std::size_t top,
                            bool include_existing);

}  // namespace verbund::cli
