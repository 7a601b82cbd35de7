import Foundation

/// The recent steps of one device's series from one source, for ``RecentHistory``: one row per series, one column per
/// step, the columns used as a ring (step number `b` is column `b mod points`), in one block of 32-bit floats.
///
/// The steps are numbered from the Unix epoch; `head` is the newest step recorded. A step without a value holds NaN.
struct HistoryTable: Sendable {
    /// Columns per row.
    let points: Int
    /// The newest step recorded, `nil` before the first poll.
    private var head: Int64?
    private var rows: [SeriesKey: Int] = [:]

    /// How many series the table keeps.
    var seriesCount: Int { rows.count }
    /// The row of each sample of the previous poll, by position: a device reports its series in the same order poll
    /// after poll, so a sample is found by its position and checked by name and label fingerprint, without hashing
    /// or reading its labels; the dictionary finds the others.
    private var order: [Int32] = []
    /// Per row: the fingerprint of its labels.
    private var fingerprints: [Int] = []
    /// Per row: its series, its kind, and the newest step it had a value in.
    private var keys: [SeriesKey] = []
    private var kinds: [SampleKind] = []
    private var lastSeen: [Int64] = []
    /// Per row: the values polled in the head step so far (a gauge's mean is updated with each).
    private var headCounts: [UInt16] = []
    /// Per row, for counters: the latest value and its time, and those of the last poll before the head step, from
    /// which the head step's rate is counted.
    private var latest: [Double] = []
    private var latestTime: [Double] = []
    private var base: [Double] = []
    private var baseTime: [Double] = []
    /// `rows × points` values.
    private var values: [Float32] = []

    init(points: Int) {
        self.points = points
    }

    /// Records one poll in step `bucket`, at `seconds` since the epoch.
    /// - Parameters:
    ///   - admit: Takes a place for a new series; `false` when none is left (the sample is not recorded).
    ///   - release: Gives back the places of series that left.
    mutating func record(
        _ samples: [Sample], bucket: Int64, seconds: Double, restarted: Bool, admit: () -> Bool,
        release: (Int) -> Void
    ) {
        move(to: bucket, release: release)
        let column = Int(Self.modulo(bucket, points))
        // Read in place: copying a `Sample` out of the array would retain and release each of its strings. A
        // mutating call must not borrow the sample (through a pointer, it would be copied first), so the row of a
        // sample whose series is where it was in the previous poll is found by a non-mutating one.
        samples.withUnsafeBufferPointer { samples in
            for position in samples.indices {
                let row: Int
                if let known = knownRow(of: samples[position], at: position) {
                    row = known
                } else if let found = newRow(of: samples[position], at: position, admit: admit) {
                    row = found
                } else {
                    continue
                }
                lastSeen[row] = bucket
                record(
                    samples[position].value, of: samples[position].kind, row: row, column: column, seconds: seconds,
                    restarted: restarted)
            }
        }
    }

    /// The row of the sample at `position` when the previous poll had the same series there.
    @inline(__always)
    private func knownRow(of sample: borrowing Sample, at position: Int) -> Int? {
        guard position < order.count, order[position] >= 0 else { return nil }
        let row = Int(order[position])
        guard fingerprints[row] == sample.labels.fingerprint, keys[row].name == sample.name else { return nil }
        return row
    }

    /// The row of a sample whose series was elsewhere in the previous poll or in none: found by its key, or added;
    /// `nil` when no place is left for a new series.
    private mutating func newRow(of sample: Sample, at position: Int, admit: () -> Bool) -> Int? {
        let key = sample.seriesKey
        if let found = rows[key] {
            remember(found, at: position)
            return found
        }
        guard admit() else {
            remember(-1, at: position)
            return nil
        }
        let row = addRow(key, kind: sample.kind)
        remember(row, at: position)
        return row
    }

    /// Records a sample's value in `row`, in the head step's `column`.
    @inline(__always)
    private mutating func record(
        _ value: Double, of kind: SampleKind, row: Int, column: Int, seconds: Double, restarted: Bool
    ) {
        guard value.isFinite else { return }
        let slot = row * points + column
        switch kind {
        case .gauge:
            let count = Int(headCounts[row]) + 1
            let previous = Double(values[slot])
            let mean = count == 1 ? value : previous + (value - previous) / Double(count)
            values[slot] = Float32(mean)
            headCounts[row] = UInt16(min(count, Int(UInt16.max)))
        case .counter:
            recordCounter(value, at: seconds, row: row, slot: slot, restarted: restarted)
        }
    }

    /// Notes that the sample at `position` of a poll is in `row` (-1: in none).
    private mutating func remember(_ row: Int, at position: Int) {
        if position < order.count {
            order[position] = Int32(row)
        } else {
            while order.count < position { order.append(-1) }
            order.append(Int32(row))
        }
    }

    /// A counter's value: the head step's rate since the last poll before it, unless the counter started over.
    private mutating func recordCounter(_ value: Double, at seconds: Double, row: Int, slot: Int, restarted: Bool) {
        defer {
            latest[row] = value
            latestTime[row] = seconds
        }
        guard !restarted, !baseTime[row].isNaN, value >= base[row] else {
            // The first value, or the counter started over: the rate starts from here.
            base[row] = value
            baseTime[row] = seconds
            return
        }
        let elapsed = seconds - baseTime[row]
        if elapsed > 0 { values[slot] = Float32((value - base[row]) / elapsed) }
    }

    /// Makes `bucket` the head step: clears the steps after the old head, starts the counters' rates of the new step
    /// from their latest values, and drops the series without a value in the whole ring. A poll of an older step
    /// than the head (the clock went back) is recorded in the head step, or starts over when it is older than the
    /// ring.
    private mutating func move(to bucket: Int64, release: (Int) -> Void) {
        guard let head else {
            head = bucket
            return
        }
        if bucket < head - Int64(points) {
            release(keys.count)
            self = HistoryTable(points: points)
            self.head = bucket
            return
        }
        guard bucket > head else { return }
        let cleared = Int(min(bucket - head, Int64(points)))
        for offset in 1...cleared {
            let column = Int(Self.modulo(head + Int64(offset), points))
            for row in keys.indices { values[row * points + column] = .nan }
        }
        for row in keys.indices {
            headCounts[row] = 0
            base[row] = latest[row]
            baseTime[row] = latestTime[row]
        }
        self.head = bucket
        let oldest = bucket - Int64(points) + 1
        var row = keys.count - 1
        var removed = 0
        while row >= 0 {
            if lastSeen[row] < oldest {
                removeRow(row)
                removed += 1
            }
            row -= 1
        }
        if removed > 0 { release(removed) }
    }

    private mutating func addRow(_ key: SeriesKey, kind: SampleKind) -> Int {
        let row = keys.count
        rows[key] = row
        keys.append(key)
        fingerprints.append(key.labels.fingerprint)
        kinds.append(kind)
        lastSeen.append(head ?? 0)
        headCounts.append(0)
        latest.append(.nan)
        latestTime.append(.nan)
        base.append(.nan)
        baseTime.append(.nan)
        values.append(contentsOf: repeatElement(Float32.nan, count: points))
        return row
    }

    /// Removes `row`, moving the last row into its place.
    private mutating func removeRow(_ row: Int) {
        let last = keys.count - 1
        rows[keys[row]] = nil
        order.removeAll(keepingCapacity: true)  // rows move: positions are found again by name
        if row != last {
            rows[keys[last]] = row
            keys.swapAt(row, last)
            fingerprints.swapAt(row, last)
            kinds.swapAt(row, last)
            lastSeen.swapAt(row, last)
            headCounts.swapAt(row, last)
            latest.swapAt(row, last)
            latestTime.swapAt(row, last)
            base.swapAt(row, last)
            baseTime.swapAt(row, last)
            for column in 0..<points { values.swapAt(row * points + column, last * points + column) }
        }
        keys.removeLast()
        fingerprints.removeLast()
        kinds.removeLast()
        lastSeen.removeLast()
        headCounts.removeLast()
        latest.removeLast()
        latestTime.removeLast()
        base.removeLast()
        baseTime.removeLast()
        values.removeLast(points)
    }

    /// The points of every row whose key `matching` accepts, oldest first, each at the start of its step (`step`
    /// seconds long).
    func series(step: Double, matching: (SeriesKey) -> Bool) -> [SeriesHistory] {
        guard let head else { return [] }
        let first = head - Int64(points) + 1
        return keys.indices.filter { matching(keys[$0]) }.map { row in
            var points: [SeriesHistory.Point] = []
            for bucket in first...head {
                let value = values[row * self.points + Int(Self.modulo(bucket, self.points))]
                if value.isFinite {
                    points.append(
                        SeriesHistory.Point(
                            time: Date(timeIntervalSince1970: Double(bucket) * step), value: Double(value)))
                }
            }
            return SeriesHistory(key: keys[row], kind: kinds[row], points: points)
        }
    }

    private static func modulo(_ value: Int64, _ divisor: Int) -> Int64 {
        let remainder = value % Int64(divisor)
        return remainder < 0 ? remainder + Int64(divisor) : remainder
    }
}
