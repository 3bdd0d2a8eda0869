#include <pthread.h>
#include <stdlib.h>
#include "program_runtime.h"

// Handles are heap pointers to pthread objects, as `i64`. Create gives 0
// when memory runs out; lock and unlock give pthread's result (0 on
// success), -1 for a null handle; a try gives 1 when it got the lock, else 0.

__attribute__((weak)) long __mutex_create(void) {
    pthread_mutex_t *mutex = malloc(sizeof *mutex);
    if (mutex) pthread_mutex_init(mutex, NULL);
    return (long)mutex;
}

__attribute__((weak)) long __mutex_lock(long mutex) {
    return mutex ? pthread_mutex_lock((pthread_mutex_t *)mutex) : -1;
}

__attribute__((weak)) long __mutex_try_lock(long mutex) {
    return mutex && pthread_mutex_trylock((pthread_mutex_t *)mutex) == 0;
}

__attribute__((weak)) long __mutex_unlock(long mutex) {
    return mutex ? pthread_mutex_unlock((pthread_mutex_t *)mutex) : -1;
}

__attribute__((weak)) long __mutex_destroy(long mutex) {
    if (!mutex) return -1;
    pthread_mutex_destroy((pthread_mutex_t *)mutex);
    free((void *)mutex);
    return 0;
}

__attribute__((weak)) long __rwlock_create(void) {
    pthread_rwlock_t *lock = malloc(sizeof *lock);
    if (lock) pthread_rwlock_init(lock, NULL);
    return (long)lock;
}

__attribute__((weak)) long __rwlock_read_lock(long lock) {
    return lock ? pthread_rwlock_rdlock((pthread_rwlock_t *)lock) : -1;
}

__attribute__((weak)) long __rwlock_try_read_lock(long lock) {
    return lock && pthread_rwlock_tryrdlock((pthread_rwlock_t *)lock) == 0;
}

__attribute__((weak)) long __rwlock_read_unlock(long lock) {
    return lock ? pthread_rwlock_unlock((pthread_rwlock_t *)lock) : -1;
}

__attribute__((weak)) long __rwlock_write_lock(long lock) {
    return lock ? pthread_rwlock_wrlock((pthread_rwlock_t *)lock) : -1;
}

__attribute__((weak)) long __rwlock_try_write_lock(long lock) {
    return lock && pthread_rwlock_trywrlock((pthread_rwlock_t *)lock) == 0;
}

__attribute__((weak)) long __rwlock_write_unlock(long lock) {
    return lock ? pthread_rwlock_unlock((pthread_rwlock_t *)lock) : -1;
}

__attribute__((weak)) long __rwlock_destroy(long lock) {
    if (!lock) return -1;
    pthread_rwlock_destroy((pthread_rwlock_t *)lock);
    free((void *)lock);
    return 0;
}

__attribute__((weak)) long __condvar_create(void) {
    pthread_cond_t *condvar = malloc(sizeof *condvar);
    if (condvar) pthread_cond_init(condvar, NULL);
    return (long)condvar;
}

/// Waits on the condition variable with `mutex` (a `__mutex_create` handle) held.
__attribute__((weak)) long __condvar_wait(long condvar, long mutex) {
    return condvar && mutex ? pthread_cond_wait((pthread_cond_t *)condvar, (pthread_mutex_t *)mutex) : -1;
}

__attribute__((weak)) long __condvar_signal(long condvar) {
    return condvar ? pthread_cond_signal((pthread_cond_t *)condvar) : -1;
}

__attribute__((weak)) long __condvar_broadcast(long condvar) {
    return condvar ? pthread_cond_broadcast((pthread_cond_t *)condvar) : -1;
}

__attribute__((weak)) long __condvar_destroy(long condvar) {
    if (!condvar) return -1;
    pthread_cond_destroy((pthread_cond_t *)condvar);
    free((void *)condvar);
    return 0;
}
