#ifndef VAIS_HOT_SLOTS_H
#define VAIS_HOT_SLOTS_H

/// Publishes a new target for a hot slot. A release store: a thread that
/// loads the slot sees either the old target or the new one, and the new
/// one's code and data are visible to it.
void hot_slot_store(void **slot, void *target);

#endif
