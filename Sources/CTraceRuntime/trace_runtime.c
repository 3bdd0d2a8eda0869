#define _GNU_SOURCE
#define UNW_LOCAL_ONLY
#include "trace_runtime.h"

#include <libunwind.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

_Static_assert(sizeof(vais_trace_site) <= 2048, "a hot part reserves 2048 bytes per trace site");

/* Settings, written before tracing starts. */
static vais_trace_mode trace_mode = VAIS_TRACE_STATS;
static uint32_t trace_sample_every = 1;
static uint32_t trace_event_capacity = 1u << 20;
static uint32_t trace_stack_depth = 0;

uint64_t vais_trace_ticks(void) {
#if defined(__x86_64__)
    return __rdtsc();
#else
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
#endif
}

double vais_trace_nanoseconds_per_tick(void) {
#if defined(__x86_64__)
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    uint64_t first = __rdtsc();
    struct timespec pause = {0, 20000000};
    nanosleep(&pause, NULL);
    clock_gettime(CLOCK_MONOTONIC, &end);
    uint64_t last = __rdtsc();
    double nanoseconds = (double)(end.tv_sec - start.tv_sec) * 1e9 + (double)(end.tv_nsec - start.tv_nsec);
    return nanoseconds / (double)(last - first);
#else
    return 1.0;
#endif
}

/* Per thread: the traced calls under way (for self time), and the events
   and stacks recorded. Buffers are registered so that a drain finds them. */
enum { max_depth = 256 };

typedef struct thread_buffer {
    vais_trace_event *events;
    uint64_t event_capacity;
    uint64_t event_count;
    vais_trace_stack *stacks;
    uint64_t stack_count;
    uint16_t thread;
    struct thread_buffer *next;
} thread_buffer;

typedef struct {
    uint64_t start;
    uint64_t child_ticks;
} open_call;

static __thread open_call open_calls[max_depth];
static __thread int depth;
static __thread thread_buffer *local_buffer;

static pthread_mutex_t buffers_lock = PTHREAD_MUTEX_INITIALIZER;
static thread_buffer *all_buffers;
static uint16_t next_thread;
static uint64_t dropped;
enum { stack_capacity = 4096 };

void vais_trace_configure(vais_trace_mode mode, uint32_t sample_every, uint32_t event_capacity, uint32_t stack_depth) {
    /* A new configuration starts a new recording: earlier events go. */
    pthread_mutex_lock(&buffers_lock);
    for (thread_buffer *buffer = all_buffers; buffer; buffer = buffer->next) {
        buffer->event_count = 0;
        buffer->stack_count = 0;
    }
    dropped = 0;
    pthread_mutex_unlock(&buffers_lock);
    trace_mode = mode;
    trace_sample_every = sample_every == 0 ? 1 : sample_every;
    trace_event_capacity = event_capacity;
    trace_stack_depth = stack_depth > 32 ? 32 : stack_depth;
}

void vais_trace_register_site(vais_trace_site *site, uint32_t function, uint32_t version) {
    memset(site, 0, sizeof *site);
    site->function = function;
    site->version = version;
    site->min_ticks = UINT64_MAX;
}

/* The calling thread's buffers, made on first use and grown when a later
   configuration asks for more room than they have. */
static thread_buffer *buffer_for_this_thread(void) {
    thread_buffer *buffer = local_buffer;
    if (buffer && buffer->event_capacity >= trace_event_capacity) return buffer;
    pthread_mutex_lock(&buffers_lock);
    if (!buffer) {
        buffer = calloc(1, sizeof *buffer);
        if (!buffer) {
            pthread_mutex_unlock(&buffers_lock);
            return NULL;
        }
        buffer->stacks = malloc(stack_capacity * sizeof(vais_trace_stack));
        buffer->thread = next_thread++;
        buffer->next = all_buffers;
        all_buffers = buffer;
        local_buffer = buffer;
    }
    vais_trace_event *grown = realloc(buffer->events, (size_t)trace_event_capacity * sizeof(vais_trace_event));
    if (grown) {
        buffer->events = grown;
        buffer->event_capacity = trace_event_capacity;
    }
    pthread_mutex_unlock(&buffers_lock);
    return buffer;
}

static unsigned bucket_of(uint64_t ticks) {
    if (ticks < VAIS_TRACE_SUB_BUCKETS) return (unsigned)ticks;
    unsigned power = 63u - (unsigned)__builtin_clzll(ticks);
    unsigned sub = (unsigned)(ticks >> (power - 3)) & (VAIS_TRACE_SUB_BUCKETS - 1);
    unsigned bucket = (power - 2) * VAIS_TRACE_SUB_BUCKETS + sub;
    return bucket < VAIS_TRACE_BUCKETS ? bucket : VAIS_TRACE_BUCKETS - 1;
}

static void capture_stack(vais_trace_site *site, uint64_t total_ticks, uint64_t self_ticks) {
    thread_buffer *buffer = buffer_for_this_thread();
    if (!buffer || !buffer->stacks) return;
    pthread_mutex_lock(&buffers_lock);
    if (buffer->stack_count >= stack_capacity) {
        pthread_mutex_unlock(&buffers_lock);
        return;
    }
    vais_trace_stack *stack = &buffer->stacks[buffer->stack_count++];
    pthread_mutex_unlock(&buffers_lock);
    memset(stack, 0, sizeof *stack);
    stack->function = site->function;
    stack->version = site->version;
    stack->total_ticks = total_ticks;
    stack->self_ticks = self_ticks;
    /* Every frame, the tracer's own included: how many of those there are
       depends on the unwinder's path, so the reader drops them by name
       (everything up to the traced call's trampoline). */
    void *frames[32];
    int count = unw_backtrace(frames, 32);
    for (int index = 0; index < count; index++) stack->frames[index] = (uintptr_t)frames[index];
}

uint64_t vais_trace_enter(vais_trace_site *site) {
    /* A countdown, not a division, picks the measured call in every N. */
    if (trace_sample_every > 1) {
        if (site->sample_counter > 0) {
            site->sample_counter--;
            return 0;
        }
        site->sample_counter = trace_sample_every - 1;
    }
    uint64_t now = vais_trace_ticks();
    if (depth < max_depth) {
        open_calls[depth].start = now;
        open_calls[depth].child_ticks = 0;
    }
    depth++;
    return now == 0 ? 1 : now;
}

void vais_trace_exit(vais_trace_site *site, uint64_t token) {
    if (token == 0) {
        site->calls++;
        return;
    }
    uint64_t elapsed = vais_trace_ticks() - token;
    depth--;
    uint64_t children = depth < max_depth ? open_calls[depth].child_ticks : 0;
    if (depth > 0 && depth - 1 < max_depth) open_calls[depth - 1].child_ticks += elapsed;
    uint64_t self = elapsed > children ? elapsed - children : 0;
    site->calls++;
    site->total_ticks += elapsed;
    site->self_ticks += self;
    if (elapsed < site->min_ticks) site->min_ticks = elapsed;
    if (elapsed > site->max_ticks) site->max_ticks = elapsed;
    site->histogram[bucket_of(elapsed)]++;
    /* On the way out the callers' frames are the same as on the way in, and
       the call's time is known; taken here, after the clock was read, the
       unwinding is not in the call's time either. */
    if (trace_stack_depth > 0) capture_stack(site, elapsed, self);
    if (trace_mode != VAIS_TRACE_EVENTS) return;
    thread_buffer *buffer = buffer_for_this_thread();
    if (!buffer || !buffer->events || buffer->event_count >= buffer->event_capacity || buffer->event_count >= trace_event_capacity) {
        __atomic_add_fetch(&dropped, 1, __ATOMIC_RELAXED);
        return;
    }
    vais_trace_event *event = &buffer->events[buffer->event_count];
    event->start_ticks = token;
    event->duration_ticks = elapsed;
    event->function = site->function;
    event->version = site->version;
    event->thread = buffer->thread;
    event->depth = (uint16_t)depth;
    __atomic_store_n(&buffer->event_count, buffer->event_count + 1, __ATOMIC_RELEASE);
}

uint64_t vais_trace_event_count(void) {
    uint64_t total = 0;
    pthread_mutex_lock(&buffers_lock);
    for (thread_buffer *buffer = all_buffers; buffer; buffer = buffer->next) {
        total += __atomic_load_n(&buffer->event_count, __ATOMIC_ACQUIRE);
    }
    pthread_mutex_unlock(&buffers_lock);
    return total;
}

uint64_t vais_trace_drain_events(vais_trace_event *out, uint64_t capacity) {
    uint64_t copied = 0;
    pthread_mutex_lock(&buffers_lock);
    for (thread_buffer *buffer = all_buffers; buffer; buffer = buffer->next) {
        uint64_t count = __atomic_load_n(&buffer->event_count, __ATOMIC_ACQUIRE);
        uint64_t take = count < capacity - copied ? count : capacity - copied;
        memcpy(out + copied, buffer->events, take * sizeof(vais_trace_event));
        copied += take;
    }
    pthread_mutex_unlock(&buffers_lock);
    return copied;
}

uint64_t vais_trace_dropped(void) {
    return __atomic_load_n(&dropped, __ATOMIC_RELAXED);
}

uint64_t vais_trace_drain_stacks(vais_trace_stack *out, uint64_t capacity) {
    uint64_t copied = 0;
    pthread_mutex_lock(&buffers_lock);
    for (thread_buffer *buffer = all_buffers; buffer; buffer = buffer->next) {
        uint64_t take = buffer->stack_count < capacity - copied ? buffer->stack_count : capacity - copied;
        memcpy(out + copied, buffer->stacks, take * sizeof(vais_trace_stack));
        copied += take;
        /* What did not fit stays for the next drain. */
        memmove(buffer->stacks, buffer->stacks + take, (buffer->stack_count - take) * sizeof(vais_trace_stack));
        buffer->stack_count -= take;
    }
    pthread_mutex_unlock(&buffers_lock);
    return copied;
}
