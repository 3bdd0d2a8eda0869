#include "crash_guard.h"
#include "mapped_object.h"
#include "slots.h"
#include "heap_retention.h"
