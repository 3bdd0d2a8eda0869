#include "heap_retention.h"

#include <malloc.h>

void hot_keep_freed_memory(void) {
    // 32 MiB is the largest mmap threshold glibc accepts on 64-bit.
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
}
