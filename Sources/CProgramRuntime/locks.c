#include <pthread.h>
#include <stdlib.h>
#include "program_runtime.h"

// Handles are heap pointers to pthread objects, as `i64`. Create gives 0
// when memory runs out; lock, unlock, signal and destroy give pthread's
// result (0 on success), -1 for a null handle; a try gives 1 when it got
// the lock, else 0.

#define HANDLE_CREATE(name, type, initialize)            \
    __attribute__((weak)) long name(void) {              \
        type *object = malloc(sizeof *object);           \
        if (object) initialize(object, NULL);            \
        return (long)object;                             \
    }

#define HANDLE_DESTROY(name, type, destroy)              \
    __attribute__((weak)) long name(long handle) {       \
        if (!handle) return -1;                          \
        destroy((type *)handle);                         \
        free((void *)handle);                            \
        return 0;                                        \
    }

#define HANDLE_CALL(name, type, operation)               \
    __attribute__((weak)) long name(long handle) {       \
        return handle ? operation((type *)handle) : -1;  \
    }

#define HANDLE_TRY(name, type, operation)                \
    __attribute__((weak)) long name(long handle) {       \
        return handle && operation((type *)handle) == 0; \
    }

HANDLE_CREATE(__mutex_create, pthread_mutex_t, pthread_mutex_init)
HANDLE_CALL(__mutex_lock, pthread_mutex_t, pthread_mutex_lock)
HANDLE_TRY(__mutex_try_lock, pthread_mutex_t, pthread_mutex_trylock)
HANDLE_CALL(__mutex_unlock, pthread_mutex_t, pthread_mutex_unlock)
HANDLE_DESTROY(__mutex_destroy, pthread_mutex_t, pthread_mutex_destroy)

HANDLE_CREATE(__rwlock_create, pthread_rwlock_t, pthread_rwlock_init)
HANDLE_CALL(__rwlock_read_lock, pthread_rwlock_t, pthread_rwlock_rdlock)
HANDLE_TRY(__rwlock_try_read_lock, pthread_rwlock_t, pthread_rwlock_tryrdlock)
HANDLE_CALL(__rwlock_read_unlock, pthread_rwlock_t, pthread_rwlock_unlock)
HANDLE_CALL(__rwlock_write_lock, pthread_rwlock_t, pthread_rwlock_wrlock)
HANDLE_TRY(__rwlock_try_write_lock, pthread_rwlock_t, pthread_rwlock_trywrlock)
HANDLE_CALL(__rwlock_write_unlock, pthread_rwlock_t, pthread_rwlock_unlock)
HANDLE_DESTROY(__rwlock_destroy, pthread_rwlock_t, pthread_rwlock_destroy)

HANDLE_CREATE(__condvar_create, pthread_cond_t, pthread_cond_init)
HANDLE_CALL(__condvar_signal, pthread_cond_t, pthread_cond_signal)
HANDLE_CALL(__condvar_broadcast, pthread_cond_t, pthread_cond_broadcast)
HANDLE_DESTROY(__condvar_destroy, pthread_cond_t, pthread_cond_destroy)

/// Waits on the condition variable with `mutex` (a `__mutex_create` handle) held.
__attribute__((weak)) long __condvar_wait(long condvar, long mutex) {
    return condvar && mutex ? pthread_cond_wait((pthread_cond_t *)condvar, (pthread_mutex_t *)mutex) : -1;
}
