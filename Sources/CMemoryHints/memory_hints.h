#ifndef VEDETTA_MEMORY_HINTS_H
#define VEDETTA_MEMORY_HINTS_H

/// Asks the processor to start loading the cache line at `address` for reading, into every cache level, without
/// waiting for it. Never faults, whatever the address.
static inline void vedetta_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
