/// The columns an expression's intermediate results are written to: per series, the number of its label set and
/// its value. Every operation appends its result after the others and names it by its range of positions, so
/// nothing is allocated once the arena has grown to the device's size, and an operation writes through pointers,
/// with no per-series capacity or uniqueness check.
///
/// Writing needs no closure: ``reserve(room:)`` hands out a ``Writer`` and ``finish(_:)`` takes it back, so that
/// an operation reading the evaluator's series table while it writes need not capture the evaluator (the compiler
/// copies a captured value of that size on every call).
struct Arena: Sendable {
    /// The two columns, in memory allocated by hand so that a ``Writer``'s pointers stay valid until the arena
    /// next grows; shared between copies of an arena until one of them writes.
    private final class Storage: @unchecked Sendable {
        let labels: UnsafeMutablePointer<Int32>
        let values: UnsafeMutablePointer<Double>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            labels = .allocate(capacity: capacity)
            values = .allocate(capacity: capacity)
        }

        deinit {
            labels.deallocate()
            values.deallocate()
        }

        /// The storage of every arena that has not written yet (it has no room, so none writes to it).
        static let empty = Storage(capacity: 0)
    }

    private var storage = Storage.empty
    /// How many positions are in use.
    private(set) var count = 0

    /// Writes at the end of the arena, from ``reserve(room:)`` to ``finish(_:)``: reads any position before it,
    /// appends up to the room it was given. Nothing else writes to the arena in between.
    struct Writer {
        fileprivate let labels: UnsafeMutablePointer<Int32>
        fileprivate let values: UnsafeMutablePointer<Double>
        fileprivate let start: Int
        fileprivate let limit: Int
        /// The position after the last one written.
        fileprivate(set) var end: Int

        /// Appends one series.
        @inline(__always)
        mutating func append(_ label: Int32, _ value: Double) {
            precondition(end < limit, "arena write beyond the room asked for")
            labels[end] = label
            values[end] = value
            end += 1
        }

        @inline(__always)
        func label(at position: Int) -> Int32 {
            precondition(position >= 0 && position < end, "arena read beyond what was written")
            return labels[position]
        }

        @inline(__always)
        func value(at position: Int) -> Double {
            precondition(position >= 0 && position < end, "arena read beyond what was written")
            return values[position]
        }
    }

    /// Forgets every result.
    mutating func reset() { count = 0 }

    @inline(__always)
    func label(at position: Int) -> Int32 {
        precondition(position >= 0 && position < count, "arena read beyond what was written")
        return storage.labels[position]
    }

    @inline(__always)
    func value(at position: Int) -> Double {
        precondition(position >= 0 && position < count, "arena read beyond what was written")
        return storage.values[position]
    }

    /// Appends one series (outside the hot loops).
    mutating func append(_ label: Int32, _ value: Double) {
        var writer = reserve(room: 1)
        writer.append(label, value)
        finish(writer)
    }

    /// Makes room for `room` series after those written.
    /// - Returns: The writer that appends them, until ``finish(_:)``.
    @inline(__always)
    mutating func reserve(room: Int) -> Writer {
        let needed = count + room
        if needed > storage.capacity || !isKnownUniquelyReferenced(&storage) { grow(to: needed) }
        return Writer(labels: storage.labels, values: storage.values, start: count, limit: needed, end: count)
    }

    /// Takes back the writer of the latest ``reserve(room:)``.
    /// - Returns: The positions it wrote.
    @inline(__always)
    @discardableResult
    mutating func finish(_ writer: Writer) -> Range<Int> {
        precondition(writer.start == count && writer.labels == storage.labels, "arena writer out of turn")
        count = writer.end
        return writer.start..<writer.end
    }

    /// Lets `body` append up to `room` series.
    /// - Returns: The positions written.
    @inline(__always)
    mutating func write(room: Int, _ body: (inout Writer) -> Void) -> Range<Int> {
        var writer = reserve(room: room)
        body(&writer)
        return finish(writer)
    }

    /// Moves the series written to storage of its own with room for at least `capacity` (twice that, so that
    /// growing is rare).
    private mutating func grow(to capacity: Int) {
        let grown = Storage(capacity: max(64, capacity > storage.capacity ? 2 * capacity : storage.capacity))
        grown.labels.initialize(from: storage.labels, count: count)
        grown.values.initialize(from: storage.values, count: count)
        storage = grown
    }
}
