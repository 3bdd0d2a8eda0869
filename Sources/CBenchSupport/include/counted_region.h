#ifndef VAIS_HOT_COUNTED_REGION_H
#define VAIS_HOT_COUNTED_REGION_H

/// The function whose name callgrind is told to count inside
/// (`--toggle-collect=vais_counted_region`) and to dump after
/// (`--dump-after=vais_counted_region`): each call of it becomes one dump
/// holding exactly the instructions `body` executed, callees included.
/// Outside Valgrind it is a plain call.
void vais_counted_region(void (*body)(void *context), void *context);

#endif
