#pragma once

// The two languages of reports: German and English names of actor kinds, tie kinds, simulation
// indicators and verdicts, taxonomy labels, and numbers written the way each reader expects
// ("0,25" in German). Text of the reports themselves is written beside its use with `pick`.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "verbund/core/actor_kind.hpp"
#include "verbund/core/taxonomy.hpp"
#include "verbund/core/tie.hpp"

namespace verbund::report {

enum class Lang { de, en };

/// "de" or "en". O(1), thread-safe, does not throw.
[[nodiscard]] std::string_view code(Lang lang) noexcept;
/// Parses "de" or "en" (case-insensitive); nullopt for anything else. O(1), thread-safe, does
/// not throw.
[[nodiscard]] std::optional<Lang> parse_lang(std::string_view text) noexcept;
/// The language a POSIX locale asks for: LC_ALL, else LC_MESSAGES, else LANG (the first that is
/// set and not empty); German when it starts with "de", else English. Pass the variables' values
/// (nullptr = unset). O(1), thread-safe, does not throw.
[[nodiscard]] Lang lang_from_locale(const char* lc_all, const char* lc_messages,
                                    const char* lang) noexcept;
/// lang_from_locale on this process's environment. O(1). Not thread-safe against setenv.
[[nodiscard]] Lang default_lang();

/// The English or the German text. O(1), thread-safe, does not throw.
[[nodiscard]] constexpr std::string_view pick(Lang lang, std::string_view en,
                                              std::string_view de) noexcept {
  return lang == Lang::de ? de : en;
}

/// Name of an actor kind ("research institute" / "Forschungsinstitut"). O(1), does not throw.
[[nodiscard]] std::string_view label(Lang lang, core::ActorKind kind) noexcept;
/// Plural name of an actor kind ("firms" / "Unternehmen"). O(1), does not throw.
[[nodiscard]] std::string_view plural(Lang lang, core::ActorKind kind) noexcept;
/// Name of a tie kind ("transfer partnership" / "Transferpartnerschaft"). O(1), does not throw.
[[nodiscard]] std::string_view label(Lang lang, core::TieKind kind) noexcept;
/// Name of the simulation indicator `index` (order of sim::indicator_names); "" beyond them.
/// O(1), does not throw.
[[nodiscard]] std::string_view indicator_label(Lang lang, std::size_t index) noexcept;
/// A competence's label in the language, falling back to the other label, then to its id.
/// O(1), does not throw.
[[nodiscard]] std::string_view label(Lang lang, const core::Competence& competence) noexcept;
[[nodiscard]] std::string_view label(Lang lang, const core::Theme& theme) noexcept;

/// The verdict on a change whose 95 % interval is [low, high]: higher, lower, unchanged or no
/// clear change, as in `verbund compare`. O(1), does not throw.
enum class Verdict { higher, lower, unchanged, unclear };
[[nodiscard]] Verdict verdict_of(double low, double high) noexcept;
[[nodiscard]] std::string_view label(Lang lang, Verdict verdict) noexcept;

/// `value` with `digits` decimals, a decimal comma in German; "–" when not finite. O(digits),
/// thread-safe; throws only std::bad_alloc.
[[nodiscard]] std::string number(Lang lang, double value, int digits = 2);
/// A whole number with thousands separators ("12.345" / "12,345"). Throws only std::bad_alloc.
[[nodiscard]] std::string count(Lang lang, std::size_t value);
/// `share` (0..1) as a percentage with one decimal ("12,5 %" / "12.5%"). Throws only bad_alloc.
[[nodiscard]] std::string percent(Lang lang, double share);

}  // namespace verbund::report
