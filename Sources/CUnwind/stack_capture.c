#define UNW_LOCAL_ONLY
#include "stack_capture.h"

#include <errno.h>
#include <libunwind.h>
#include <semaphore.h>
#include <signal.h>
#include <string.h>
#include <time.h>

int hot_capture_stack(uintptr_t *pcs, int capacity) {
    return unw_backtrace((void **)pcs, capacity);
}

/* One cross-thread capture at a time. The handler writes into storage of
   its own, so a late answer after a time-out cannot touch the caller's
   buffer. */
enum { sample_capacity = 256 };
static pthread_mutex_t sample_lock = PTHREAD_MUTEX_INITIALIZER;
static uintptr_t sample_pcs[sample_capacity];
static volatile int sample_count;
static sem_t sample_done;
static pthread_once_t sample_once = PTHREAD_ONCE_INIT;

static int sample_signal(void) { return SIGRTMIN + 3; }

static void sample_handler(int signal) {
    (void)signal;
    int saved = errno;
    sample_count = unw_backtrace((void **)sample_pcs, sample_capacity);
    sem_post(&sample_done);
    errno = saved;
}

static void install_sampler(void) {
    sem_init(&sample_done, 0, 0);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = sample_handler;
    action.sa_flags = SA_RESTART | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    sigaction(sample_signal(), &action, NULL);
}

void hot_capture_allow_sampling(void) {
    pthread_once(&sample_once, install_sampler);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sample_signal());
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int hot_capture_thread_stack(pthread_t thread, uintptr_t *pcs, int capacity, int timeout_ms) {
    if (pthread_equal(thread, pthread_self())) return hot_capture_stack(pcs, capacity);
    pthread_once(&sample_once, install_sampler);
    pthread_mutex_lock(&sample_lock);
    while (sem_trywait(&sample_done) == 0) {}
    sample_count = -1;
    int result = -1;
    if (pthread_kill(thread, sample_signal()) == 0) {
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_nsec += (long)timeout_ms * 1000000L;
        deadline.tv_sec += deadline.tv_nsec / 1000000000L;
        deadline.tv_nsec %= 1000000000L;
        int waited;
        while ((waited = sem_timedwait(&sample_done, &deadline)) != 0 && errno == EINTR) {}
        if (waited == 0 && sample_count >= 0) {
            result = sample_count < capacity ? sample_count : capacity;
            memcpy(pcs, sample_pcs, (size_t)result * sizeof(uintptr_t));
        }
    }
    pthread_mutex_unlock(&sample_lock);
    return result;
}
