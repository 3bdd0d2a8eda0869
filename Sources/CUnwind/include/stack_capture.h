#ifndef VAIS_HOT_STACK_CAPTURE_H
#define VAIS_HOT_STACK_CAPTURE_H

#include <pthread.h>
#include <stdint.h>

/// Fills `pcs` with the return addresses of the calling thread's stack,
/// innermost first, and returns how many it wrote.
int hot_capture_stack(uintptr_t *pcs, int capacity);

/// Lets other threads capture the calling thread's stack: unblocks the
/// signal that asks for it (a thread may inherit a mask that blocks it).
void hot_capture_allow_sampling(void);

/// The same for another thread of this process: it is interrupted with a
/// signal, walks its own stack in the handler, and resumes. Returns the
/// count, or -1 if the thread did not answer within `timeout_ms`.
int hot_capture_thread_stack(pthread_t thread, uintptr_t *pcs, int capacity, int timeout_ms);

#endif
