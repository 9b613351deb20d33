#pragma once
// The one door through which verbund runs parallel work (internal, not installed): oneTBB's
// loops, reduction, sort and per-thread storage under verbund's own names.
//
// Why a door: Debian's oneTBB is not built with ThreadSanitizer, so TSan cannot see the
// synchronisation that oneTBB's scheduler really provides and reports every hand-over of data
// between threads as a race. Under TSan (and only there) these functions tell TSan about the
// happens-before edges oneTBB guarantees by contract:
//   fork:   everything the caller did before the call -> the start of every body;
//   join:   the end of every body -> the caller after the call returns;
//   reduce: the end of every body -> every join of partial results and the caller.
// Nothing else is annotated, so a race between two bodies of one loop (two threads writing the
// same element) is still reported. Without TSan each function is the plain oneTBB call: the
// annotations compile to nothing.
//
// The tsan preset compiles oneTBB's headers without instrumentation (tests/tsan_ignorelist.txt),
// like libtbb itself, so that oneTBB's own bookkeeping (task objects split, stolen and recycled
// between threads) is not reported; tests/tsan/race_main.cpp shows a race in a body still is.

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/parallel_sort.h>

#if defined(__SANITIZE_THREAD__)
#define VERBUND_TSAN_ANNOTATE 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define VERBUND_TSAN_ANNOTATE 1
#endif
#endif

#ifdef VERBUND_TSAN_ANNOTATE
#include <algorithm>
// ThreadSanitizer's annotation interface (sanitizer/tsan_interface.h declares the same).
extern "C" void __tsan_acquire(void* addr);  // NOLINT(bugprone-reserved-identifier)
extern "C" void __tsan_release(void* addr);  // NOLINT(bugprone-reserved-identifier)
#endif

// Always inlined, so that the caller compiles to exactly the oneTBB call it made before.
#define VERBUND_PAR_INLINE [[gnu::always_inline]] inline

namespace verbund::par {

/// A range split into chunks of at least `grainsize` (tbb::blocked_range).
template <typename Index>
using Range = tbb::blocked_range<Index>;

/// One T per worker thread, created on first use (tbb::enumerable_thread_specific).
template <typename T>
using ThreadLocal = tbb::enumerable_thread_specific<T>;

#ifdef VERBUND_TSAN_ANNOTATE
namespace detail {

// The two synchronisation addresses of one call: the caller releases `fork` once, bodies
// acquire it; bodies release `join`, the caller (and reductions) acquire it. Two addresses, so
// that one body's end never appears to happen before another body's start.
struct ForkJoin {
  char fork = 0;
  char join = 0;
  ForkJoin() { __tsan_release(&fork); }
  void joined() { __tsan_acquire(&join); }
};

// Runs `f` on a private copy of the argument, inside the fork/join edges. The body object and
// the argument live in oneTBB's task objects, written by whichever thread split the work; TSan
// cannot see that hand-over, so they are read here without instrumentation (never inlined into
// instrumented code, nor `f` into it). `f` itself stays fully instrumented.
template <typename F, typename Arg>
__attribute__((no_sanitize("thread"), noinline)) void run_body(const F* const* f,
                                                               ForkJoin* const* sync,
                                                               const Arg* arg) {
  const F* body = *f;
  ForkJoin* s = *sync;
  const Arg copy = *arg;
  __tsan_acquire(&s->fork);
  (*body)(copy);
  __tsan_release(&s->join);
}

template <typename F, typename Value, typename Arg>
__attribute__((no_sanitize("thread"), noinline)) Value run_reduce_body(const F* const* f,
                                                                       ForkJoin* const* sync,
                                                                       const Arg* arg,
                                                                       const Value* value) {
  const F* body = *f;
  ForkJoin* s = *sync;
  const Arg range = *arg;
  const Value init = *value;
  __tsan_acquire(&s->fork);
  Value out = (*body)(range, init);
  __tsan_release(&s->join);
  return out;
}

template <typename F, typename Value>
__attribute__((no_sanitize("thread"), noinline)) Value run_join(const F* const* f,
                                                                ForkJoin* const* sync,
                                                                const Value* a, const Value* b) {
  const F* join = *f;
  ForkJoin* s = *sync;
  const Value left = *a;
  const Value right = *b;
  // Coarser than oneTBB's own edge (which links just the two partials): every body finished so
  // far becomes visible here. Reduction bodies in verbund only read shared data.
  __tsan_acquire(&s->join);
  Value out = (*join)(left, right);
  __tsan_release(&s->join);
  return out;
}

template <typename F>
struct Body {
  const F* f;
  ForkJoin* sync;
  template <typename Arg>
  void operator()(const Arg& arg) const {
    run_body(&f, &sync, &arg);
  }
};

template <typename F>
struct ReduceBody {
  const F* f;
  ForkJoin* sync;
  template <typename Arg, typename Value>
  Value operator()(const Arg& range, const Value& init) const {
    return run_reduce_body(&f, &sync, &range, &init);
  }
};

template <typename F>
struct Join {
  const F* f;
  ForkJoin* sync;
  template <typename Value>
  Value operator()(const Value& a, const Value& b) const {
    return run_join(&f, &sync, &a, &b);
  }
};

}  // namespace detail
#endif

/// f(i) for every i in [first, last), in parallel (tbb::parallel_for).
template <typename Index, typename F>
VERBUND_PAR_INLINE void parallel_for(Index first, Index last, const F& f) {
#ifdef VERBUND_TSAN_ANNOTATE
  detail::ForkJoin sync;
  tbb::parallel_for(first, last, detail::Body<F>{&f, &sync});
  sync.joined();
#else
  tbb::parallel_for(first, last, f);
#endif
}

/// body(chunk) for chunks that cover `range`, in parallel (tbb::parallel_for).
template <typename Index, typename F>
VERBUND_PAR_INLINE void parallel_for(const Range<Index>& range, const F& body) {
#ifdef VERBUND_TSAN_ANNOTATE
  detail::ForkJoin sync;
  tbb::parallel_for(range, detail::Body<F>{&body, &sync});
  sync.joined();
#else
  tbb::parallel_for(range, body);
#endif
}

/// Folds `body(chunk, partial)` over chunks of `range`, combining partials with `join`
/// (tbb::parallel_reduce, functional form). `join` must be associative.
template <typename Index, typename Value, typename F, typename J>
VERBUND_PAR_INLINE Value parallel_reduce(const Range<Index>& range, const Value& identity,
                                         const F& body, const J& join) {
#ifdef VERBUND_TSAN_ANNOTATE
  detail::ForkJoin sync;
  Value out = tbb::parallel_reduce(range, identity, detail::ReduceBody<F>{&body, &sync},
                                   detail::Join<J>{&join, &sync});
  sync.joined();
  return out;
#else
  return tbb::parallel_reduce(range, identity, body, join);
#endif
}

/// Sorts [first, last) by `less` (tbb::parallel_sort). `less` must be a strict total order on
/// the values sorted (ties broken), so that the result does not depend on the thread count.
/// Under TSan it sorts on the calling thread: with a total order the result is the same, and
/// oneTBB's partitioning hand-overs, which the annotations cannot reach, are not verbund's code.
template <typename It, typename Less>
VERBUND_PAR_INLINE void parallel_sort(It first, It last, const Less& less) {
#ifdef VERBUND_TSAN_ANNOTATE
  std::sort(first, last, less);
#else
  tbb::parallel_sort(first, last, less);
#endif
}

}  // namespace verbund::par
