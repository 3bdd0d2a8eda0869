#ifndef VAIS_HOT_THREAD_NAME_H
#define VAIS_HOT_THREAD_NAME_H

/// Names the calling thread (at most 15 bytes kept), for top -H, gdb and
/// /proc/PID/task/TID/comm; Glibc declares pthread_setname_np only to GNU C.
int hot_name_current_thread(const char *name);

#endif
