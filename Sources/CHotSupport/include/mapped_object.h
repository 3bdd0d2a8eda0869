#ifndef VAIS_HOT_MAPPED_OBJECT_H
#define VAIS_HOT_MAPPED_OBJECT_H

#include <stdint.h>

/// Where the loaded shared object `path` sits in memory, from the dynamic
/// linker's own list. Returns 1 and sets [*low, *high) if it is loaded.
int hot_mapped_range(const char *path, uintptr_t *low, uintptr_t *high);

#endif
