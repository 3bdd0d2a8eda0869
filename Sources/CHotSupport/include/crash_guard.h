#ifndef VAIS_HOT_CRASH_GUARD_H
#define VAIS_HOT_CRASH_GUARD_H

#include <pthread.h>
#include <stdint.h>

/// What a guarded call crashed with.
typedef struct {
    int signal;          /* SIGSEGV, SIGBUS, SIGFPE, SIGILL or SIGABRT, the
                            interrupt signal for a watchdog's interrupt; 0 when none */
    uintptr_t pc;        /* the instruction that faulted */
    uintptr_t address;   /* the faulting address, for SIGSEGV and SIGBUS */
} hot_crash;

typedef int64_t (*hot_i64_function)(void);

/// Installs the handlers once per process; a crash outside every guard then
/// runs `hot_crash_cleanup_run` before the process dies.
void hot_guard_install(void);

/// Installs the handlers (once per process) and an alternate signal stack
/// for the calling thread, so even a stack overflow can be caught.
void hot_guard_prepare_thread(void);

/// Calls `function` with a recovery point: a crash inside it (on this
/// thread) long-jumps back here. Returns 0 with `*result` set, or the
/// signal number with `*crash` filled in. Guards nest: the innermost one
/// catches. The jump crosses only the C and Vais frames between this call
/// and the crash, never Swift frames.
int hot_guard_call(hot_i64_function function, int64_t *result, hot_crash *crash);

/// `hot_guard_call` for one iteration of a `hot_loop`, which
/// `hot_guard_interrupt` with the same `token` may also end: the call then
/// returns `hot_guard_interrupt_signal()`.
int hot_guard_call_interruptible(hot_i64_function function, uint64_t token, int64_t *result, hot_crash *crash);

/// The real-time signal a watchdog's interrupt is delivered with.
int hot_guard_interrupt_signal(void);

enum {
    HOT_INTERRUPT_DONE = 0,               /* the iteration was ended */
    HOT_INTERRUPT_FINISHED = 1,           /* that iteration is over already */
    HOT_INTERRUPT_NOT_IN_VAIS_CODE = 2,   /* it runs C code (libc, ...) now; try again later */
    HOT_INTERRUPT_NO_ANSWER = 3,          /* the thread did not answer in time */
};

/// Ends the iteration `token` running on `thread`, as a crash would, if the
/// thread is executing inside one of `range_count` address ranges
/// (`ranges` holds low, high pairs: the Vais code, which holds no lock).
/// Waits up to `timeout_ms` for the thread's answer; returns a
/// HOT_INTERRUPT_ value.
int hot_guard_interrupt(pthread_t thread, uint64_t token, const uintptr_t *ranges, int range_count, int timeout_ms);

#endif
