#ifndef VAIS_HOT_CLOSE_ON_EXEC_H
#define VAIS_HOT_CLOSE_ON_EXEC_H

/// pipe2(fds, O_CLOEXEC): both ends close-on-exec from the start, so a child
/// spawned by another thread at the same moment cannot inherit them (Swift's
/// Glibc module does not export pipe2, a GNU extension). Returns 0 or -1
/// with errno set.
int hot_pipe_cloexec(int fds[2]);

#endif
