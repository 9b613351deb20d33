#pragma once

// `verbund report firm|call|scenario|region`: a self-contained HTML report (verb_report.cpp).

#include "cli.hpp"

namespace verbund::cli {
Verb add_report_verb(CLI::App& app, const GlobalOptions& global);
}  // namespace verbund::cli
