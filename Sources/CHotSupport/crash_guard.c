#define _GNU_SOURCE
#include "crash_guard.h"
#include "crash_cleanup.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <ucontext.h>

/* The innermost active guard of this thread. */
typedef struct guard_frame {
    sigjmp_buf recovery;
    hot_crash *crash;
    struct guard_frame *outer;
    /* Non-zero for a hot_loop iteration, which a watchdog may interrupt;
       the token tells one iteration from the next. */
    int interruptible;
    uint64_t token;
} guard_frame;

static __thread guard_frame *innermost_guard;
static __thread int thread_prepared;

static const int guarded_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
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
   Swift runtime's backtracer, or the default action), once the process's
   build directories and toolchain children are gone: it is about to die. */
static void forward(int signal, siginfo_t *info, void *context) {
    hot_crash_cleanup_run();
    for (int index = 0; index < guarded_signal_count; index++) {
        if (guarded_signals[index] != signal) continue;
        struct sigaction *previous = &previous_actions[index];
        if (previous->sa_flags & SA_SIGINFO) {
            previous->sa_sigaction(signal, info, context);
        } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
            previous->sa_handler(signal);
        }
    }
    /* Then the default action: a fault happens again when the handler
       returns, but a signal that was sent (kill, tgkill, abort's raise)
       does not come back by itself, and the process, its build directory
       gone, must not go on. */
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigaction(signal, &fallback, NULL);
    if (info->si_code <= 0) raise(signal);
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

/* The watchdog's request: which iteration to interrupt, and the code it
   may be interrupted in (Vais code only: a jump out of libc could leave a
   lock held). One request at a time; the handler answers through
   `interrupt_outcome` and `interrupt_answered`. */
enum { interrupt_range_capacity = 64 };
static pthread_mutex_t interrupt_lock = PTHREAD_MUTEX_INITIALIZER;
static uintptr_t interrupt_ranges[interrupt_range_capacity][2];
static volatile int interrupt_range_count;
static volatile uint64_t interrupt_token;
static volatile int interrupt_outcome;
static sem_t interrupt_answered;

int hot_guard_interrupt_signal(void) { return SIGRTMIN + 4; }

static int in_interruptible_code(uintptr_t pc) {
    for (int index = 0; index < interrupt_range_count; index++) {
        if (pc >= interrupt_ranges[index][0] && pc < interrupt_ranges[index][1]) return 1;
    }
    return 0;
}

static void handle_interrupt(int signal, siginfo_t *info, void *context) {
    (void)info;
    int saved = errno;
    guard_frame *guard = innermost_guard;
    uintptr_t pc = faulting_pc(context);
    if (guard == NULL || !guard->interruptible || guard->token != interrupt_token) {
        interrupt_outcome = HOT_INTERRUPT_FINISHED;
    } else if (!in_interruptible_code(pc)) {
        interrupt_outcome = HOT_INTERRUPT_NOT_IN_VAIS_CODE;
    } else {
        interrupt_outcome = HOT_INTERRUPT_DONE;
        guard->crash->signal = signal;
        guard->crash->pc = pc;
        innermost_guard = guard->outer;
        sem_post(&interrupt_answered);
        siglongjmp(guard->recovery, 1);
    }
    sem_post(&interrupt_answered);
    errno = saved;
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
    sem_init(&interrupt_answered, 0, 0);
    struct sigaction interrupt;
    memset(&interrupt, 0, sizeof interrupt);
    interrupt.sa_sigaction = handle_interrupt;
    interrupt.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    sigemptyset(&interrupt.sa_mask);
    sigaction(hot_guard_interrupt_signal(), &interrupt, NULL);
}

/* A parent that spawns from a thread with signals blocked (libdispatch's
   workers do) hands its mask down; a blocked crash signal that is sent
   rather than raised by a fault would never be handled. Unblocked before
   main, so that every thread inherits it. */
__attribute__((constructor)) static void unblock_crash_signals(void) {
    sigset_t crashes;
    sigemptyset(&crashes);
    for (int index = 0; index < guarded_signal_count; index++) sigaddset(&crashes, guarded_signals[index]);
    pthread_sigmask(SIG_UNBLOCK, &crashes, NULL);
}

void hot_guard_install(void) { pthread_once(&install_once, install_handlers); }

void hot_guard_prepare_thread(void) {
    pthread_once(&install_once, install_handlers);
    if (thread_prepared) return;
    stack_t alternate;
    alternate.ss_size = 256 * 1024;
    alternate.ss_sp = malloc(alternate.ss_size);
    alternate.ss_flags = 0;
    if (alternate.ss_sp != NULL && sigaltstack(&alternate, NULL) == 0) thread_prepared = 1;
    sigset_t interrupt;
    sigemptyset(&interrupt);
    sigaddset(&interrupt, hot_guard_interrupt_signal());
    pthread_sigmask(SIG_UNBLOCK, &interrupt, NULL);
}

static int guarded_call(hot_i64_function function, int64_t *result, hot_crash *crash, int interruptible, uint64_t token) {
    hot_guard_prepare_thread();
    guard_frame frame;
    memset(crash, 0, sizeof *crash);
    frame.crash = crash;
    frame.outer = innermost_guard;
    frame.interruptible = interruptible;
    frame.token = token;
    if (sigsetjmp(frame.recovery, 1) != 0) {
        return crash->signal;
    }
    innermost_guard = &frame;
    *result = function();
    innermost_guard = frame.outer;
    return 0;
}

int hot_guard_call(hot_i64_function function, int64_t *result, hot_crash *crash) {
    return guarded_call(function, result, crash, 0, 0);
}

int hot_guard_call_interruptible(hot_i64_function function, uint64_t token, int64_t *result, hot_crash *crash) {
    return guarded_call(function, result, crash, 1, token);
}

int hot_guard_interrupt(pthread_t thread, uint64_t token, const uintptr_t *ranges, int range_count, int timeout_ms) {
    pthread_once(&install_once, install_handlers);
    if (range_count > interrupt_range_capacity) range_count = interrupt_range_capacity;
    pthread_mutex_lock(&interrupt_lock);
    while (sem_trywait(&interrupt_answered) == 0) {}
    for (int index = 0; index < range_count; index++) {
        interrupt_ranges[index][0] = ranges[2 * index];
        interrupt_ranges[index][1] = ranges[2 * index + 1];
    }
    interrupt_range_count = range_count;
    interrupt_token = token;
    interrupt_outcome = HOT_INTERRUPT_NO_ANSWER;
    int outcome = HOT_INTERRUPT_NO_ANSWER;
    if (pthread_kill(thread, hot_guard_interrupt_signal()) == 0) {
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_nsec += (long)timeout_ms * 1000000L;
        deadline.tv_sec += deadline.tv_nsec / 1000000000L;
        deadline.tv_nsec %= 1000000000L;
        while (sem_timedwait(&interrupt_answered, &deadline) != 0 && errno == EINTR) {}
        outcome = interrupt_outcome;
    }
    /* A late answer must not read ranges the next request is writing. */
    interrupt_range_count = 0;
    pthread_mutex_unlock(&interrupt_lock);
    return outcome;
}
