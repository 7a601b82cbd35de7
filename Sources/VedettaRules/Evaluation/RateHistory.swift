import Foundation
import VedettaCore

/// The latest sample of one counter series and its rate since the one before; empty until its first sample. 32
/// bytes: a poll reads the pair of every counter it has.
///
/// The rate is computed once, when the sample is recorded, not each time a rule reads it: a counter read by a rule,
/// its `clear` and another rule is read several times per poll, and the rate is the same for every window that
/// holds the previous sample.
struct RateHistory: Sendable {
    /// A rate that is none (no previous sample, or a reset between the two): a NaN whose payload no arithmetic
    /// produces.
    private static let noRate = Double(bitPattern: 0x7FF4_5645_4452_4100)

    /// The latest sample and its time, in seconds since the reference date (-∞: none yet; a plain number, which
    /// is cheaper to compare than `Date.distantPast`).
    private var latestValue = 0.0
    private var latestTime = -Double.infinity
    /// The seconds from the previous sample to the latest, and the per-second rate between them (``noRate``: none).
    private var elapsed = 0.0
    private var perSecond = RateHistory.noRate

    /// Records a sample taken at `time` (seconds since the reference date) and computes the rate from the one
    /// before; a second call at the same instant (the same poll read again) changes nothing.
    /// - Returns: Whether ``rate(at:window:)`` may now give another result than before, for a window of at least
    ///   `shortestWindow`: the rate changed, or the samples' distance changed where a window could tell (one of the
    ///   two distances is longer than the shortest window).
    @inline(__always)
    mutating func record(
        _ value: Double, width: CounterWidth?, at time: TimeInterval, shortestWindow: TimeInterval
    ) -> Bool {
        guard time > latestTime else { return false }
        var (newElapsed, newRate) = (elapsed, Self.noRate)
        if latestTime != -.infinity {
            newElapsed = time - latestTime
            if let increase = RuleEvaluator.increase(from: latestValue, to: value, width: width) {
                newRate = increase / newElapsed
            }
        }
        let mayDiffer =
            newRate.bitPattern != perSecond.bitPattern
            || (newElapsed != elapsed && max(newElapsed, elapsed) > shortestWindow)
        (latestValue, latestTime, elapsed, perSecond) = (value, time, newElapsed, newRate)
        return mayDiffer
    }

    /// The per-second rate between the previous and the latest sample, or `nil` if there is no usable pair: the
    /// latest sample is not from the poll at `instant`, the previous one is more than `window` older, or the
    /// counter was reset between them.
    @inline(__always)
    func rate(at instant: Date, window: TimeInterval) -> Double? {
        guard latestTime == instant.timeIntervalSinceReferenceDate, elapsed <= window,
            perSecond.bitPattern != Self.noRate.bitPattern
        else {
            return nil
        }
        return perSecond
    }
}

extension RuleEvaluator {
    /// How much a counter counted from `old` to `new`, or `nil` when it was reset (see the type's documentation).
    /// - Parameters:
    ///   - old: The previous value.
    ///   - new: The latest value.
    ///   - width: The counter's width, if known; only a counter of at most 32 bits is taken to wrap.
    /// - Returns: `new − old`, the increase across one wrap, or `nil` for a reset.
    @inline(__always)
    static func increase(from old: Double, to new: Double, width: CounterWidth?) -> Double? {
        // The common case in two comparisons: a counter that did not decrease, both numbers finite (a difference
        // of numbers either of which is infinite or NaN is infinite, NaN, or negative).
        let difference = new - old
        if difference >= 0, difference <= .greatestFiniteMagnitude { return difference }
        return decrease(from: old, to: new, width: width)
    }

    /// ``increase(from:to:width:)`` for the rest: a decrease (a wrap or a reset), or a number that is not finite.
    @inline(never)
    private static func decrease(from old: Double, to new: Double, width: CounterWidth?) -> Double? {
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
    /// width or of 64 bits is taken to reset when it decreases). Needed only when a counter decreases: kept out of
    /// line, so that the compiler does not compute it ahead of every step of a range function's window.
    @inline(never)
    static func wrapModulus(of width: CounterWidth?) -> Double { inlineWrapModulus(of: width) }

    /// ``wrapModulus(of:)`` inlined, for a caller that asks it of every sample of a poll (a history ring).
    @inline(__always)
    static func inlineWrapModulus(of width: CounterWidth?) -> Double {
        guard let width, width.bits <= 32 else { return 0 }
        return width.modulus
    }
}
