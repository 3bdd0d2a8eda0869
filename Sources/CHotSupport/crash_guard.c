#define _GNU_SOURCE
#include "crash_guard.h"

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

/* The innermost active guard of this thread. */
typedef struct guard_frame {
    sigjmp_buf recovery;
    hot_crash *crash;
    struct guard_frame *outer;
} guard_frame;

static __thread guard_frame *innermost_guard;
static __thread int thread_prepared;

static const int guarded_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
enum { guarded_signal_count = sizeof(guarded_signals) / sizeof(guarded_signals[0]) };
static struct sigaction previous_actions[guarded_signal_count];
static pthread_once_t install_once = PTHREAD_ONCE_INIT;

static uintptr_t faulting_pc(void *context) {
    ucontext_t *uc = (ucontext_t *)context;
#if defined(__x86_64__)
    return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    return (uintptr_t)uc->uc_mcontext.pc;
#else
    (void)uc;
    return 0;
#endif
}

/* Hands a signal that no guard wants to whoever had it before us (the
   Swift runtime's backtracer, or the default action). */
static void forward(int signal, siginfo_t *info, void *context) {
    for (int index = 0; index < guarded_signal_count; index++) {
        if (guarded_signals[index] != signal) continue;
        struct sigaction *previous = &previous_actions[index];
        if (previous->sa_flags & SA_SIGINFO) {
            previous->sa_sigaction(signal, info, context);
            return;
        }
        if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
            previous->sa_handler(signal);
            return;
        }
    }
    /* Default action: restore it and return, so the instruction faults again. */
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigaction(signal, &fallback, NULL);
}

static void handle_crash(int signal, siginfo_t *info, void *context) {
    guard_frame *guard = innermost_guard;
    if (guard == NULL) {
        forward(signal, info, context);
        return;
    }
    guard->crash->signal = signal;
    guard->crash->pc = faulting_pc(context);
    guard->crash->address = (uintptr_t)info->si_addr;
    innermost_guard = guard->outer;
    siglongjmp(guard->recovery, 1);
}

static void install_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = handle_crash;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    for (int index = 0; index < guarded_signal_count; index++) {
        sigaction(guarded_signals[index], &action, &previous_actions[index]);
    }
}

void hot_guard_prepare_thread(void) {
    pthread_once(&install_once, install_handlers);
    if (thread_prepared) return;
    stack_t alternate;
    alternate.ss_size = 256 * 1024;
    alternate.ss_sp = malloc(alternate.ss_size);
    alternate.ss_flags = 0;
    if (alternate.ss_sp != NULL && sigaltstack(&alternate, NULL) == 0) thread_prepared = 1;
}

int hot_guard_call(hot_i64_function function, int64_t *result, hot_crash *crash) {
    hot_guard_prepare_thread();
    guard_frame frame;
    memset(crash, 0, sizeof *crash);
    frame.crash = crash;
    frame.outer = innermost_guard;
    if (sigsetjmp(frame.recovery, 1) != 0) {
        return crash->signal;
    }
    innermost_guard = &frame;
    *result = function();
    innermost_guard = frame.outer;
    return 0;
}
