import Foundation
import VedettaCore

/// The last two samples of one counter series; empty until its first sample. 40 bytes: a poll reads the pair of
/// every counter it has.
struct RateHistory: Sendable {
    struct Point: Sendable {
        var value: Double
        var width: CounterWidth?
    }

    /// The latest sample and its time (`distantPast`: none yet); the sample before it and its time (`distantPast`:
    /// none).
    private var latestValue = 0.0
    private var latestTime = Date.distantPast
    private var previousValue = 0.0
    private var previousTime = Date.distantPast
    /// Where the latest sample's counter wraps (``RuleEvaluator/wrapModulus(of:)``), 0 for one taken to reset.
    private var wrapModulus = 0.0

    /// Records a sample; a second call at the same instant (the same poll read again) changes nothing.
    mutating func record(_ point: Point, at instant: Date) {
        guard instant > latestTime else { return }
        (previousValue, previousTime) = (latestValue, latestTime)
        latestValue = point.value
        latestTime = instant
        wrapModulus = RuleEvaluator.wrapModulus(of: point.width)
    }

    /// The per-second rate between the previous and the latest sample, or `nil` if there is no usable pair.
    func rate(at instant: Date, window: TimeInterval) -> Double? {
        guard previousTime != .distantPast, latestTime == instant else { return nil }
        let elapsed = latestTime.timeIntervalSince(previousTime)
        guard elapsed > 0, elapsed <= window,
            let increase = RuleEvaluator.increase(from: previousValue, to: latestValue, wrapModulus: wrapModulus)
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
        increase(from: old, to: new, wrapModulus: new >= old ? 0 : wrapModulus(of: width))
    }

    /// ``increase(from:to:width:)`` for a counter that wraps at `wrapModulus` (0: it never wraps, a decrease is a
    /// reset).
    static func increase(from old: Double, to new: Double, wrapModulus modulus: Double) -> Double? {
        guard old.isFinite, new.isFinite else { return nil }
        if new >= old { return new - old }
        let increase = new + modulus - old
        guard modulus > 0, increase >= 0, increase <= modulus / 2 else { return nil }
        return increase
    }

    /// Where a counter of `width` wraps: its modulus for a counter of at most 32 bits, else 0 (a counter of unknown
    /// width or of 64 bits is taken to reset when it decreases).
    static func wrapModulus(of width: CounterWidth?) -> Double {
        guard let width, width.bits <= 32 else { return 0 }
        return width.modulus
    }
}
