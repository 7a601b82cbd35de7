public import CMemoryHints

/// Asks the processor to start loading memory that is about to be read, without waiting for it.
///
/// State read once per poll of a device, a minute apart, has left the processor's caches by the next poll when
/// thousands of devices are polled: each of its arrays would then cost a wait on memory when first read, one
/// after the other. Hinting every line a poll reads before reading any lets memory bring them in together while
/// the work starts. A hint changes nothing but timing: it never faults, and a line hinted but not read costs only
/// bandwidth. Hints load into the second-level cache: the first has too few fetches in flight, and too little room,
/// for the few hundred lines a poll hints at once (`vedetta_prefetch`, docs/performance.md).
public enum Prefetch {
    /// The size of a cache line on the processors the agent runs on (x86-64 and arm64 servers).
    public static let lineSize = 64

    /// Starts loading the start of `array`'s storage: its header (reference count and count, which every write
    /// and every count reads) and its first elements. Reads nothing of the array.
    @inlinable @inline(__always)
    public static func start<Element>(of array: [Element]) {
        array.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            // The header is the 32 bytes before the elements; storage is aligned to 16 bytes, so it shares their
            // first line only half the time.
            vedetta_prefetch(base - headerSize)
            vedetta_prefetch(base)
        }
    }

    /// The size of an array's header, between the start of its storage and its first element (64-bit platforms):
    /// the object's type and reference count, the count, the capacity.
    public static let headerSize = 32

    /// Starts loading every line of `array`'s elements but the first. Reads the array's count: hint
    /// ``start(of:)`` first, and the arrays' elements once their starts are on their way.
    @inlinable @inline(__always)
    public static func elements<Element>(of array: [Element]) {
        array.withUnsafeBytes { bytes in
            lines(of: bytes.baseAddress, from: lineSize, to: bytes.count)
        }
    }

    /// Starts loading the lines of `array`'s elements at `indices`, which the caller knows to be inside it: the
    /// array's count is not read, so nothing waits for its storage.
    @inlinable @inline(__always)
    public static func elements<Element>(of array: [Element], in indices: Range<Int>) {
        array.withUnsafeBytes { bytes in
            let size = MemoryLayout<Element>.stride
            lines(of: bytes.baseAddress, from: indices.lowerBound * size, to: indices.upperBound * size)
        }
    }

    /// Starts loading every line of `array[index]`, which the caller knows to be inside the array (its count is
    /// not read): an element of many fields, read here and there, comes from memory in one wait.
    @inlinable @inline(__always)
    public static func element<Element>(at index: Int, of array: [Element]) {
        elements(of: array, in: index..<(index + 1))
    }

    /// Hints the lines of the bytes from `lower` to `upper` after `base`.
    @inlinable @inline(__always)
    static func lines(of base: UnsafeRawPointer?, from lower: Int, to upper: Int) {
        guard let base, lower < upper else { return }
        var offset = lower
        while offset < upper {
            vedetta_prefetch(base + offset)
            offset += lineSize
        }
        vedetta_prefetch(base + (upper - 1))
    }
}
