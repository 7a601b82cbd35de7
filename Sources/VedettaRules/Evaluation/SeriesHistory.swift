import Foundation
import VedettaCore

/// The recent samples of one series, oldest first, for the range functions (`avg_over_time(x[10m])` …).
///
/// It keeps what the longest window any rule reads the series with needs, and never more than
/// ``maximumPoints`` samples: 16 bytes each, so an hour at a 10-second interval is 5.6 KiB per series.
struct SeriesHistory: Sendable {
    /// One sample.
    struct Point: Sendable {
        var time: Date
        var value: Double
    }

    /// The most samples kept per series, whatever the window and interval.
    static let maximumPoints = 360

    /// The samples, oldest first, from `start` on; those before `start` have expired and are dropped in bulk.
    private var storage: [Point] = []
    private var start = 0
    /// The counter width of the latest sample, if it is a counter.
    private(set) var width: CounterWidth?

    /// The samples, oldest first.
    var points: ArraySlice<Point> { storage[start...] }

    /// Records a sample, keeping the samples of the last `window` seconds (the longest any rule reads the series
    /// with); a second call at the same instant (the same poll read again) changes nothing.
    mutating func record(_ value: Double, width: CounterWidth?, at instant: Date, keeping window: TimeInterval) {
        self.width = width
        if let last = storage.last, last.time >= instant { return }
        storage.append(Point(time: instant, value: value))
        start = max(firstIndex(after: instant.addingTimeInterval(-window)), storage.count - Self.maximumPoints)
        if start > 64, start * 2 > storage.count {  // drop the expired samples once they are half the storage
            storage.removeFirst(start)
            start = 0
        }
    }

    /// The samples taken within `window` seconds before `instant` (the sample at `instant` included), oldest first.
    func window(_ window: TimeInterval, at instant: Date) -> ArraySlice<Point> {
        storage[firstIndex(after: instant.addingTimeInterval(-window))...]
    }

    /// The position of the first kept sample taken after `cutoff` (binary search: the samples are in time order).
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
