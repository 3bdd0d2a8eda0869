#include "slots.h"

void hot_slot_store(void **slot, void *target) {
    __atomic_store_n(slot, target, __ATOMIC_RELEASE);
}
