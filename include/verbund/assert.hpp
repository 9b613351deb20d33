#pragma once

// VERBUND_ASSERT checks internal invariants (bugs, not bad input). It is on in debug builds and
// wherever VERBUND_ENABLE_ASSERTS is defined (the release and CI presets).

namespace verbund::detail {
[[noreturn]] void assertion_failed(const char* expression, const char* file, int line);
}

#if !defined(NDEBUG) || defined(VERBUND_ENABLE_ASSERTS)
#define VERBUND_ASSERT(expr) \
  ((expr) ? static_cast<void>(0) : ::verbund::detail::assertion_failed(#expr, __FILE__, __LINE__))
#else
#define VERBUND_ASSERT(expr) static_cast<void>(0)
#endif
