import Foundation
import VedettaCore

/// The last two samples of one counter series; empty until its first sample.
struct RateHistory: Sendable {
    struct Point: Sendable {
        var value: Double
        var width: CounterWidth?
    }

    /// The latest sample, its counter width and time (`distantPast`: none yet); the sample before it (its width is
    /// the latest's).
    var latest = Point(value: 0, width: nil)
    var latestTime = Date.distantPast
    var previous: (value: Double, time: Date)?

    /// Records a sample; a second call at the same instant (the same poll read again) changes nothing.
    mutating func record(_ point: Point, at instant: Date) {
        guard instant > latestTime else { return }
        if latestTime != .distantPast { previous = (latest.value, latestTime) }
        latest = point
        latestTime = instant
    }

    /// The per-second rate between the previous and the latest sample, or `nil` if there is no usable pair.
    func rate(at instant: Date, window: TimeInterval) -> Double? {
        guard let previous, latestTime == instant else { return nil }
        let elapsed = latestTime.timeIntervalSince(previous.time)
        guard elapsed > 0, elapsed <= window,
            let increase = RuleEvaluator.increase(from: previous.value, to: latest.value, width: latest.width)
        else { return nil }
        return increase / elapsed
    }
}

extension RuleEvaluator {
    /// How much a counter counted from `old` to `new`, or `nil` when it was reset (see the type's documentation).
    /// - Parameters:
    ///   - old: The previous value.
    ///   - new: The latest value.
    ///   - width: The counter's width, if known; only a counter of at most 32 bits is taken to wrap.
    /// - Returns: `new − old`, the increase across one wrap, or `nil` for a reset.
    static func increase(from old: Double, to new: Double, width: CounterWidth?) -> Double? {
        guard old.isFinite, new.isFinite else { return nil }
        if new >= old { return new - old }
        guard let width, width.bits <= 32 else { return nil }
        let modulus = width.modulus
        let increase = new + modulus - old
        guard modulus > 0, increase >= 0, increase <= modulus / 2 else { return nil }
        return increase
    }
}
