#include "slots.h"

void hot_slot_store(void **slot, void *target) {
    __atomic_store_n(slot, target, __ATOMIC_RELEASE);
}

void *hot_slot_load(void **slot) {
    return __atomic_load_n(slot, __ATOMIC_ACQUIRE);
}
