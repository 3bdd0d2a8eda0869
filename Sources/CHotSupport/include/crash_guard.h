#ifndef VAIS_HOT_CRASH_GUARD_H
#define VAIS_HOT_CRASH_GUARD_H

#include <stdint.h>

/// What a guarded call crashed with.
typedef struct {
    int signal;          /* SIGSEGV, SIGBUS, SIGFPE or SIGILL; 0 when none */
    uintptr_t pc;        /* the instruction that faulted */
    uintptr_t address;   /* the faulting address, for SIGSEGV and SIGBUS */
} hot_crash;

typedef int64_t (*hot_i64_function)(void);

/// Installs the handlers (once per process) and an alternate signal stack
/// for the calling thread, so even a stack overflow can be caught.
void hot_guard_prepare_thread(void);

/// Calls `function` with a recovery point: a crash inside it (on this
/// thread) long-jumps back here. Returns 0 with `*result` set, or the
/// signal number with `*crash` filled in. Guards nest: the innermost one
/// catches. The jump crosses only the C and Vais frames between this call
/// and the crash, never Swift frames.
int hot_guard_call(hot_i64_function function, int64_t *result, hot_crash *crash);

#endif
