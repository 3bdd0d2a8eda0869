#include <pthread.h>
#include <stdlib.h>
#include "program_runtime.h"

/// A reusable barrier: the `count`th thread to arrive releases the others
/// and starts the next round.
struct barrier {
    pthread_mutex_t mutex;
    pthread_cond_t released;
    long count;
    long waiting;
    long round;
};

/// 0 for a count below 1.
__attribute__((weak)) long __barrier_create(long count) {
    if (count < 1) return 0;
    struct barrier *barrier = malloc(sizeof *barrier);
    if (!barrier) return 0;
    pthread_mutex_init(&barrier->mutex, NULL);
    pthread_cond_init(&barrier->released, NULL);
    barrier->count = count;
    barrier->waiting = 0;
    barrier->round = 0;
    return (long)barrier;
}

/// Blocks until `count` threads wait; gives 1 to the last to arrive (the
/// leader), 0 to the others, -1 for a null handle.
__attribute__((weak)) long __barrier_wait(long handle) {
    struct barrier *barrier = (struct barrier *)handle;
    if (!barrier) return -1;
    pthread_mutex_lock(&barrier->mutex);
    long round = barrier->round;
    long leader = ++barrier->waiting == barrier->count;
    if (leader) {
        barrier->waiting = 0;
        barrier->round++;
        pthread_cond_broadcast(&barrier->released);
    } else {
        while (round == barrier->round) pthread_cond_wait(&barrier->released, &barrier->mutex);
    }
    pthread_mutex_unlock(&barrier->mutex);
    return leader;
}

__attribute__((weak)) long __barrier_destroy(long handle) {
    struct barrier *barrier = (struct barrier *)handle;
    if (!barrier) return -1;
    pthread_mutex_destroy(&barrier->mutex);
    pthread_cond_destroy(&barrier->released);
    free(barrier);
    return 0;
}

/// A counting semaphore of `permits`.
struct semaphore {
    pthread_mutex_t mutex;
    pthread_cond_t posted;
    long permits;
};

__attribute__((weak)) long __semaphore_create(long permits) {
    struct semaphore *semaphore = malloc(sizeof *semaphore);
    if (!semaphore) return 0;
    pthread_mutex_init(&semaphore->mutex, NULL);
    pthread_cond_init(&semaphore->posted, NULL);
    semaphore->permits = permits;
    return (long)semaphore;
}

/// Takes a permit, blocking while there is none; 0, or -1 for a null handle.
__attribute__((weak)) long __semaphore_wait(long handle) {
    struct semaphore *semaphore = (struct semaphore *)handle;
    if (!semaphore) return -1;
    pthread_mutex_lock(&semaphore->mutex);
    while (semaphore->permits <= 0) pthread_cond_wait(&semaphore->posted, &semaphore->mutex);
    semaphore->permits--;
    pthread_mutex_unlock(&semaphore->mutex);
    return 0;
}

/// Takes a permit if there is one: 1 if it did, else 0.
__attribute__((weak)) long __semaphore_try_wait(long handle) {
    struct semaphore *semaphore = (struct semaphore *)handle;
    if (!semaphore) return 0;
    pthread_mutex_lock(&semaphore->mutex);
    long taken = semaphore->permits > 0;
    if (taken) semaphore->permits--;
    pthread_mutex_unlock(&semaphore->mutex);
    return taken;
}

/// Gives a permit back, waking one waiter; 0, or -1 for a null handle.
__attribute__((weak)) long __semaphore_post(long handle) {
    struct semaphore *semaphore = (struct semaphore *)handle;
    if (!semaphore) return -1;
    pthread_mutex_lock(&semaphore->mutex);
    semaphore->permits++;
    pthread_cond_signal(&semaphore->posted);
    pthread_mutex_unlock(&semaphore->mutex);
    return 0;
}

__attribute__((weak)) long __semaphore_destroy(long handle) {
    struct semaphore *semaphore = (struct semaphore *)handle;
    if (!semaphore) return -1;
    pthread_mutex_destroy(&semaphore->mutex);
    pthread_cond_destroy(&semaphore->posted);
    free(semaphore);
    return 0;
}

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
