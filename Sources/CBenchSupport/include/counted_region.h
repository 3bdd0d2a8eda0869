#ifndef VAIS_HOT_COUNTED_REGION_H
#define VAIS_HOT_COUNTED_REGION_H

/// The function callgrind is told to dump before and after
/// (`--dump-before=vais_counted_region --dump-after=vais_counted_region`):
/// the dump its exit makes holds exactly the instructions executed while
/// `body` ran, callees included. Outside Valgrind it is a plain call.
void vais_counted_region(void (*body)(void *context), void *context);

#endif
