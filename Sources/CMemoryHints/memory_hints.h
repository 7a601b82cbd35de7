#ifndef VEDETTA_MEMORY_HINTS_H
#define VEDETTA_MEMORY_HINTS_H

/// Asks the processor to start loading the cache line at `address` for reading, into the second-level cache and
/// beyond (x86-64 `prefetcht1`, arm64 `PRFM PLDL2KEEP`), without waiting for it. Never faults, whatever the
/// address. Not into the first level: a poll hints a few hundred lines at once, more than the first level has
/// room to fetch at a time (its misses wait for one another) or to hold; the second level takes them all, and
/// the poll's reads find them there a few cycles away. Measured: 20 % less CPU per rule cycle than into every
/// level (docs/performance.md).
static inline void vedetta_prefetch(const void *address) { __builtin_prefetch(address, 0, 2); }

#endif
