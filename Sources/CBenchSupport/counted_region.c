#include "counted_region.h"

/* Never inlined, and the call is not a tail call (the empty asm after it
   keeps the frame), so callgrind sees an entry and an exit of this very
   function around the body. */
__attribute__((noinline)) void vais_counted_region(void (*body)(void *context), void *context) {
    body(context);
    __asm__ volatile("" ::: "memory");
}
