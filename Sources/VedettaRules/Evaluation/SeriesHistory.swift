import Foundation
import VedettaCore

/// The recent samples of one series, oldest first, for the range functions (`avg_over_time(x[10m])` …).
///
/// It keeps what the longest window any rule reads the series with needs, and never more than
/// ``maximumPoints`` samples: 16 bytes each, so an hour at a 10-second interval is 5.6 KiB per series.
/// Samples have absolute positions, counted from the series' first sample, so that a ``RangeAccumulator`` can
/// follow its window as the history drops old samples.
struct SeriesHistory: Sendable {
    /// One sample.
    struct Point: Sendable {
        var time: Date
        var value: Double
    }

    /// The most samples kept per series, whatever the window and interval.
    static let maximumPoints = 360
    /// How many expired samples may wait before they are dropped.
    private static let slack = 8

    /// The samples, oldest first, from `start` on; those before `start` have expired and are dropped in bulk.
    private var storage: [Point] = []
    private var start = 0
    /// How many samples were dropped from the front of `storage`: the absolute position of `storage[0]`.
    private var dropped = 0
    /// The counter width of the latest sample, if it is a counter.
    private(set) var width: CounterWidth?
    /// The range functions of the series, kept up to date by ``record(_:width:at:keeping:)``; set them with
    /// ``setAccumulators(_:)``.
    private(set) var accumulators: [RangeAccumulator] = []

    /// The samples, oldest first.
    var points: ArraySlice<Point> { storage[start...] }

    /// The absolute position of the oldest sample kept.
    var firstPosition: Int { dropped + start }

    /// Appends a sample; a second call at the same instant (the same poll read again) changes nothing.
    /// - Returns: Whether the sample was appended.
    mutating func append(_ value: Double, width: CounterWidth?, at instant: Date) -> Bool {
        self.width = width
        if let last = storage.last, last.time >= instant { return false }
        storage.append(Point(time: instant, value: value))
        return true
    }

    /// Forgets the samples older than `window` seconds before `instant`, and those beyond ``maximumPoints``.
    mutating func trim(keeping window: TimeInterval, at instant: Date) {
        start = max(firstIndex(after: instant.addingTimeInterval(-window)), storage.count - Self.maximumPoints)
        // Expired samples are dropped 8 at a time, into storage with room for 8 more: memory stays at the window
        // plus 8 samples, and the copy happens once every 8 polls.
        if start >= Self.slack {
            var kept: [Point] = []
            kept.reserveCapacity(storage.count - start + Self.slack)
            kept.append(contentsOf: storage[start...])
            storage = kept
            dropped += start
            start = 0
        }
    }

    /// Records a sample, updates the accumulators, and trims to `window` seconds (the longest any accumulator
    /// reads, so none loses a sample it still counts).
    mutating func record(_ value: Double, width: CounterWidth?, at instant: Date, keeping window: TimeInterval) {
        guard append(value, width: width, at: instant) else { return }
        if !accumulators.isEmpty {
            var accumulators = self.accumulators  // moved out, so that it stays uniquely referenced
            self.accumulators = []
            withWindow { window in
                for index in accumulators.indices { accumulators[index].update(window, at: instant, width: width) }
            }
            self.accumulators = accumulators
        }
        trim(keeping: window, at: instant)
    }

    /// Replaces the range functions of the series, computing each from the samples already held (the latest poll
    /// may have been read before them).
    mutating func setAccumulators(_ new: [RangeAccumulator]) {
        var accumulators = new
        if let last = storage.last {
            withWindow { window in
                for index in accumulators.indices { accumulators[index].recompute(window, at: last.time, width: width) }
            }
        }
        self.accumulators = accumulators
    }

    /// Calls `body` with the samples as an accumulator reads them.
    private func withWindow(_ body: (RangeAccumulator.Window) -> Void) {
        storage.withUnsafeBufferPointer { points in
            body(RangeAccumulator.Window(points: points, base: dropped, firstPosition: firstPosition))
        }
    }

    /// The value of range view `view` at the latest sample, if its window holds enough samples.
    func value(of view: Int) -> Double? {
        for accumulator in accumulators where accumulator.view == view { return accumulator.value }
        return nil
    }

    /// The samples taken within `window` seconds before `instant` (the sample at `instant` included), oldest first.
    func window(_ window: TimeInterval, at instant: Date) -> ArraySlice<Point> {
        storage[firstIndex(after: instant.addingTimeInterval(-window))...]
    }

    /// The position in `storage` of the first kept sample taken after `cutoff` (binary search: time order).
    private func firstIndex(after cutoff: Date) -> Int {
        var low = start
        var high = storage.count
        while low < high {
            let middle = (low + high) / 2
            if storage[middle].time > cutoff { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
