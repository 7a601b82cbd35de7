/// The columns an expression's intermediate results are written to: per series, the number of its label set and
/// its value. Every operation appends its result after the others and names it by its range of positions, so
/// nothing is allocated once the arena has grown to the device's size, and an operation writes through pointers,
/// with no per-series capacity or uniqueness check.
struct Arena: Sendable {
    private var labels: [Int32] = []
    private var values: [Double] = []
    /// How many positions are in use.
    private(set) var count = 0

    /// Writes at the end of the arena: reads any position before it, appends up to the room it was given.
    struct Writer {
        fileprivate let labels: UnsafeMutablePointer<Int32>
        fileprivate let values: UnsafeMutablePointer<Double>
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
        func label(at position: Int) -> Int32 { labels[position] }

        @inline(__always)
        func value(at position: Int) -> Double { values[position] }
    }

    /// Forgets every result.
    mutating func reset() { count = 0 }

    @inline(__always)
    func label(at position: Int) -> Int32 { labels[position] }

    @inline(__always)
    func value(at position: Int) -> Double { values[position] }

    /// Appends one series (outside the hot loops).
    mutating func append(_ label: Int32, _ value: Double) {
        _ = write(room: 1) { $0.append(label, value) }
    }

    /// Lets `body` append up to `room` series.
    /// - Returns: The positions written.
    mutating func write(room: Int, _ body: (inout Writer) -> Void) -> Range<Int> {
        let start = count
        if labels.count < start + room {
            let size = max(64, 2 * (start + room))
            labels += repeatElement(0, count: size - labels.count)
            values += repeatElement(0, count: size - values.count)
        }
        let end = labels.withUnsafeMutableBufferPointer { labels in
            values.withUnsafeMutableBufferPointer { values -> Int in
                guard let labelBase = labels.baseAddress, let valueBase = values.baseAddress else { return start }
                var writer = Writer(labels: labelBase, values: valueBase, limit: start + room, end: start)
                body(&writer)
                return writer.end
            }
        }
        count = end
        return start..<end
    }
}
