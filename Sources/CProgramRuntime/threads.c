#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include "program_runtime.h"

/// What a new thread runs: `function(argument)`, its result stored at
/// `result_address` when that is not 0.
struct thread_start {
    long (*function)(long);
    long argument;
    long result_address;
};

static void *run_thread(void *raw) {
    struct thread_start start = *(struct thread_start *)raw;
    free(raw);
    long result = start.function(start.argument);
    if (start.result_address) *(long *)start.result_address = result;
    return NULL;
}

/// Starts a thread running `function(argument)`; gives its handle for
/// `__thread_join`, or 0 when it cannot start.
__attribute__((weak)) long __thread_spawn(long (*function)(long), long argument, long result_address) {
    if (!function) return 0;
    struct thread_start *start = malloc(sizeof *start);
    pthread_t *thread = malloc(sizeof *thread);
    if (!start || !thread) {
        free(start);
        free(thread);
        return 0;
    }
    *start = (struct thread_start){function, argument, result_address};
    if (pthread_create(thread, NULL, run_thread, start) != 0) {
        free(start);
        free(thread);
        return 0;
    }
    return (long)thread;
}

/// Waits for the thread to end and releases its handle; pthread's result,
/// -1 for a null handle.
__attribute__((weak)) long __thread_join(long handle) {
    pthread_t *thread = (pthread_t *)handle;
    if (!thread) return -1;
    long result = pthread_join(*thread, NULL);
    free(thread);
    return result;
}

__attribute__((weak)) long __thread_yield(void) { return sched_yield(); }

__attribute__((weak)) long __thread_sleep_ms(long milliseconds) {
    if (milliseconds <= 0) return 0;
    struct timespec duration = {milliseconds / 1000, (milliseconds % 1000) * 1000000L};
    return nanosleep(&duration, NULL);
}

// Sequentially consistent operations on the `i64` at an address.

__attribute__((weak)) long __atomic_load_i64(long address) {
    return address ? __atomic_load_n((long *)address, __ATOMIC_SEQ_CST) : 0;
}

__attribute__((weak)) long __atomic_store_i64(long address, long value) {
    if (!address) return -1;
    __atomic_store_n((long *)address, value, __ATOMIC_SEQ_CST);
    return 0;
}

/// Adds `value`; gives what was there before.
__attribute__((weak)) long __atomic_fetch_add_i64(long address, long value) {
    return address ? __atomic_fetch_add((long *)address, value, __ATOMIC_SEQ_CST) : 0;
}

/// Stores `desired` if `expected` is there: 0 when it did, 1 when not (the
/// original's convention).
__attribute__((weak)) long __atomic_compare_exchange_i64(long address, long expected, long desired) {
    if (!address) return 1;
    return !__atomic_compare_exchange_n((long *)address, &expected, desired, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
