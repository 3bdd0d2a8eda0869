#ifndef HOT_HEAP_RETENTION_H
#define HOT_HEAP_RETENTION_H

/// Keeps freed memory in the process heap for reuse instead of returning it
/// to the kernel, and serves blocks up to 32 MiB from the heap rather than
/// from fresh mappings. For a process that compiles again and again.
void hot_keep_freed_memory(void);

#endif
