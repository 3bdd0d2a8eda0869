#include <pthread.h>
#include <stdlib.h>
#include "program_runtime.h"

/// The lock and condition a barrier and a semaphore wait on; each holds
/// one first, so a handle is also a `struct waiting *`.
struct waiting {
    pthread_mutex_t mutex;
    pthread_cond_t changed;
};

static void start_waiting(struct waiting *waiting) {
    pthread_mutex_init(&waiting->mutex, NULL);
    pthread_cond_init(&waiting->changed, NULL);
}

/// Destroys a barrier's or semaphore's lock and condition and frees it.
static long destroy_waiting(long handle) {
    struct waiting *waiting = (struct waiting *)handle;
    if (!waiting) return -1;
    pthread_mutex_destroy(&waiting->mutex);
    pthread_cond_destroy(&waiting->changed);
    free(waiting);
    return 0;
}

/// A reusable barrier: the `count`th thread to arrive releases the others
/// and starts the next round.
struct barrier {
    struct waiting waiting;
    long count;
    long arrived;
    long round;
};

/// 0 for a count below 1.
__attribute__((weak)) long __barrier_create(long count) {
    if (count < 1) return 0;
    struct barrier *barrier = malloc(sizeof *barrier);
    if (!barrier) return 0;
    start_waiting(&barrier->waiting);
    barrier->count = count;
    barrier->arrived = 0;
    barrier->round = 0;
    return (long)barrier;
}

/// Blocks until `count` threads wait; gives 1 to the last to arrive (the
/// leader), 0 to the others, -1 for a null handle.
__attribute__((weak)) long __barrier_wait(long handle) {
    struct barrier *barrier = (struct barrier *)handle;
    if (!barrier) return -1;
    pthread_mutex_lock(&barrier->waiting.mutex);
    long round = barrier->round;
    long leader = ++barrier->arrived == barrier->count;
    if (leader) {
        barrier->arrived = 0;
        barrier->round++;
        pthread_cond_broadcast(&barrier->waiting.changed);
    } else {
        while (round == barrier->round) pthread_cond_wait(&barrier->waiting.changed, &barrier->waiting.mutex);
    }
    pthread_mutex_unlock(&barrier->waiting.mutex);
    return leader;
}

__attribute__((weak)) long __barrier_destroy(long handle) { return destroy_waiting(handle); }

/// A counting semaphore of `permits`.
struct semaphore {
    struct waiting waiting;
    long permits;
};

__attribute__((weak)) long __semaphore_create(long permits) {
    struct semaphore *semaphore = malloc(sizeof *semaphore);
    if (!semaphore) return 0;
    start_waiting(&semaphore->waiting);
    semaphore->permits = permits;
    return (long)semaphore;
}

/// Takes a permit, blocking while there is none; 0, or -1 for a null handle.
__attribute__((weak)) long __semaphore_wait(long handle) {
    struct semaphore *semaphore = (struct semaphore *)handle;
    if (!semaphore) return -1;
    pthread_mutex_lock(&semaphore->waiting.mutex);
    while (semaphore->permits <= 0) pthread_cond_wait(&semaphore->waiting.changed, &semaphore->waiting.mutex);
    semaphore->permits--;
    pthread_mutex_unlock(&semaphore->waiting.mutex);
    return 0;
}

/// Takes a permit if there is one: 1 if it did, else 0.
__attribute__((weak)) long __semaphore_try_wait(long handle) {
    struct semaphore *semaphore = (struct semaphore *)handle;
    if (!semaphore) return 0;
    pthread_mutex_lock(&semaphore->waiting.mutex);
    long taken = semaphore->permits > 0;
    if (taken) semaphore->permits--;
    pthread_mutex_unlock(&semaphore->waiting.mutex);
    return taken;
}

/// Gives a permit back, waking one waiter; 0, or -1 for a null handle.
__attribute__((weak)) long __semaphore_post(long handle) {
    struct semaphore *semaphore = (struct semaphore *)handle;
    if (!semaphore) return -1;
    pthread_mutex_lock(&semaphore->waiting.mutex);
    semaphore->permits++;
    pthread_cond_signal(&semaphore->waiting.changed);
    pthread_mutex_unlock(&semaphore->waiting.mutex);
    return 0;
}

__attribute__((weak)) long __semaphore_destroy(long handle) { return destroy_waiting(handle); }

/// Runs a function the first time `__once_call` is given the handle.
struct once {
    pthread_mutex_t mutex;
    long done;
};

__attribute__((weak)) long __once_create(void) {
    struct once *once = malloc(sizeof *once);
    if (!once) return 0;
    pthread_mutex_init(&once->mutex, NULL);
    once->done = 0;
    return (long)once;
}

/// Calls `function` if no call with this handle has yet; callers that come
/// while it runs wait for it to finish. 0, or -1 for a null argument.
__attribute__((weak)) long __once_call(long handle, long (*function)(void)) {
    struct once *once = (struct once *)handle;
    if (!once || !function) return -1;
    pthread_mutex_lock(&once->mutex);
    if (!once->done) {
        function();
        once->done = 1;
    }
    pthread_mutex_unlock(&once->mutex);
    return 0;
}

/// A spin-wait hint to the processor; 0.
__attribute__((weak)) long __cpu_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
    return 0;
}
