#ifndef VAIS_HOT_CRASH_CLEANUP_H
#define VAIS_HOT_CRASH_CLEANUP_H

#include <sys/types.h>

/// What a crash outside every guard must still clean up before the process
/// dies: private build directories (emptied and removed through the
/// descriptor they are held by) and the toolchain's process groups (killed).
/// Registering is thread-safe; `hot_crash_cleanup_run` is async-signal-safe.

/// Remembers a directory held open by `descriptor` at `path`, to be removed
/// only while `path` still names that directory. Returns -1 when full.
int hot_crash_cleanup_add_directory(int descriptor, const char *path);
void hot_crash_cleanup_remove_directory(int descriptor);

/// Remembers a process group to kill. Returns -1 when full.
int hot_crash_cleanup_add_group(pid_t group);
void hot_crash_cleanup_remove_group(pid_t group);

/// Kills the groups and removes the directories registered now; runs once.
void hot_crash_cleanup_run(void);

#endif
