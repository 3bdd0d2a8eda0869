#ifndef VAIS_HOT_TRACE_RUNTIME_H
#define VAIS_HOT_TRACE_RUNTIME_H

#include <stdint.h>

/// Log-linear histogram of call durations in ticks: 8 buckets per power of
/// two, enough for p50/p90/p99 within 12.5%.
enum { VAIS_TRACE_SUB_BUCKETS = 8, VAIS_TRACE_BUCKETS = 64 * VAIS_TRACE_SUB_BUCKETS / 2 };

/// One hot function in one hot part: the block its trampoline updates. A
/// hot part reserves 2048 bytes for it (`vais.trace.site.NAME`).
typedef struct {
    uint64_t calls;
    uint64_t total_ticks;
    uint64_t self_ticks;
    uint64_t min_ticks;
    uint64_t max_ticks;
    /// Which function and version the site is, set when it is registered.
    uint32_t function;
    uint32_t version;
    uint64_t sample_counter;
    uint32_t histogram[VAIS_TRACE_BUCKETS];
} vais_trace_site;

/// One traced call in events mode.
typedef struct {
    uint64_t start_ticks;
    uint64_t duration_ticks;
    uint32_t function;
    uint32_t version;
    uint16_t thread;
    uint16_t depth;
} vais_trace_event;

typedef enum {
    VAIS_TRACE_STATS = 0,
    VAIS_TRACE_EVENTS = 1,
} vais_trace_mode;

/// Chooses what the trampolines record. `sample_every` 1 measures every
/// call; N measures one call in N (the others are only counted).
/// `event_capacity` bounds each thread's event buffer; `stack_depth` > 0
/// captures that many return addresses of the callers of sampled calls.
void vais_trace_configure(vais_trace_mode mode, uint32_t sample_every, uint32_t event_capacity, uint32_t stack_depth);

/// Names a site before any call can reach it.
void vais_trace_register_site(vais_trace_site *site, uint32_t function, uint32_t version);

/// The trampolines' hooks. `enter` returns a token for `exit`: the start
/// time, or 0 for a call that is only counted.
uint64_t vais_trace_enter(vais_trace_site *site);
void vais_trace_exit(vais_trace_site *site, uint64_t token);

/// The clock the hooks read: nanoseconds per tick, measured once against
/// CLOCK_MONOTONIC, and the tick count now.
double vais_trace_nanoseconds_per_tick(void);
uint64_t vais_trace_ticks(void);

/// How many events the threads hold now, to size a drain.
uint64_t vais_trace_event_count(void);
/// Copies every event recorded so far, from every thread, into `out` (at
/// most `capacity`); returns how many. Events that found a full buffer
/// were not kept and are counted in `vais_trace_dropped`.
uint64_t vais_trace_drain_events(vais_trace_event *out, uint64_t capacity);
uint64_t vais_trace_dropped(void);

/// Sampled stacks, taken as a measured call returns: each holds the return
/// addresses of the capturing thread, innermost first and zero padded,
/// starting inside the tracer itself (the reader skips to the traced
/// call's trampoline), and the call's own time, so a flame graph can be
/// weighted by time rather than by how often a stack was seen. Returns how
/// many stacks were copied (at most `capacity`), and forgets them; those
/// that did not fit stay for the next drain.
typedef struct {
    uint32_t function;
    uint32_t version;
    /// The call's time, and its time less that of traced calls inside it.
    uint64_t total_ticks;
    uint64_t self_ticks;
    uintptr_t frames[32];
} vais_trace_stack;
uint64_t vais_trace_drain_stacks(vais_trace_stack *out, uint64_t capacity);

#endif
