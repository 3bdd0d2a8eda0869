#include <stdlib.h>
#include <string.h>
#include "program_runtime.h"

/// `malloc` with an `i64` address: 0 when it fails.
__attribute__((weak)) long __malloc(long size) { return size < 0 ? 0 : (long)malloc((size_t)size); }

/// `free` of an address from `__malloc` (0 is ignored); gives 0.
__attribute__((weak)) long __free(long address) {
    free((void *)address);
    return 0;
}

/// Copies `count` bytes; gives the destination.
__attribute__((weak)) long __memcpy(long destination, long source, long count) {
    if (destination && source && count > 0) memcpy((void *)destination, (const void *)source, (size_t)count);
    return destination;
}
