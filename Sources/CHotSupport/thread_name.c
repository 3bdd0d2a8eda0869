#define _GNU_SOURCE
#include "thread_name.h"

#include <pthread.h>

int hot_name_current_thread(const char *name) { return pthread_setname_np(pthread_self(), name); }
