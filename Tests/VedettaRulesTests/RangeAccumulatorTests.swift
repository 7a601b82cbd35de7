import Foundation
import Testing
import VedettaCore

@testable import VedettaRules

/// The running range functions against the plain ones: after every poll of long random series (with repeats,
/// counter wraps and resets, gaps longer than the window, polls the series is missing from, and `NaN`s), each
/// ``RangeAccumulator`` gives exactly what ``RangeFunction/apply(to:width:)`` computes from the window's samples.
@Suite("RangeAccumulator: running range functions equal a scan of the window")
struct RangeAccumulatorTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(
        "every function and window matches the scan after every sample",
        arguments: [
            RangeFunction.avgOverTime, .sumOverTime, .minOverTime, .maxOverTime, .countOverTime, .increase, .delta,
            .changes, .quantileOverTime(0.9),
        ])
    func matchesScan(function: RangeFunction) {
        var generator = DeterministicGenerator(state: 42)
        // With NaNs, and without: a window without NaN takes the one-pass step of the common poll.
        for (window, withNaN) in [(90.0, true), (600, true), (3600, true), (600, false), (3600, false)] {
            // The series shares its ring with another one, which is in every poll.
            var ring = HistoryRing(window: 3600, nextRow: 0)
            let other = ring.addColumn()
            let column = ring.addColumn()
            ring.setAccumulators([.init(function: function, window: window, view: 0)], column: column)
            var time = t0
            var counter = 4_294_000_000.0
            for step in 0..<3000 {
                // Mostly a poll a minute; now and then a long gap; values that repeat, wrap, reset, or are NaN.
                time += Double.random(in: 0...1, using: &generator) < 0.01 ? 7200 : 60
                let value: Double
                switch Int.random(in: 0..<10, using: &generator) {
                case 0: value = withNaN ? .nan : counter
                case 1...3: value = Double(Int.random(in: 1...3, using: &generator))
                default:
                    counter += Double(Int.random(in: 0...2_000_000, using: &generator))
                    if counter > 4_294_967_295 { counter -= 4_294_967_296 }
                    if Int.random(in: 0..<200, using: &generator) == 0 { counter = 5 }
                    value = counter
                }
                let width = CounterWidth.bits32
                var poll = [Sample(name: "other", labels: [:], value: Double(step))]
                var columns = [Int32(other)]
                // One poll in twenty lacks the series.
                if Int.random(in: 0..<20, using: &generator) != 0 {
                    poll.append(Sample(name: "x", labels: [:], value: value, kind: .counter, counterWidth: width))
                    columns.append(Int32(column))
                }
                ring.startLayout()
                for (position, column) in columns.enumerated() { ring.note(column: column, at: Int32(position)) }
                poll.withUnsafeBufferPointer { samples in ring.appendRow(at: time, from: samples) }
                let (expected, actual) = Self.scanAndRunning(
                    ring, column: column, function: function, window: window, view: 0, width: width, at: time)
                let same = Self.same(expected, actual, tolerance: 1e-6)
                #expect(
                    same,
                    "\(function) [\(window)s, NaN \(withNaN)] at step \(step): scan \(String(describing: expected)), running \(String(describing: actual))"
                )
                if !same { return }
            }
        }
    }

    @Test(
        "accumulators of several windows share a ring, a series that arrives late starts from the rows held, and hints change nothing"
    )
    func severalWindows() {
        var generator = DeterministicGenerator(state: 7)
        // Every kind, in three windows: a poll runs them window by window and kind by kind.
        let functions: [RangeFunction] = [
            .avgOverTime, .minOverTime, .increase, .changes, .delta, .countOverTime, .maxOverTime, .sumOverTime,
            .quantileOverTime(0.5),
        ]
        let windows: [TimeInterval] = [300, 900, 3600]
        var ring = HistoryRing(window: 3600, nextRow: 0)
        let early = ring.addColumn()
        var definitions: [RangeAccumulator.Definition] = []
        for (function, window) in zip(functions, windows + windows + windows) {
            definitions.append(.init(function: function, window: window, view: Int32(definitions.count)))
        }
        ring.setAccumulators(definitions, column: early)
        var late: Int?
        var time = t0
        for step in 0..<1500 {
            time += Double.random(in: 0...1, using: &generator) < 0.02 ? 1800 : 60
            if step == 700 {
                // A series the rules start reading: its accumulators are computed from the rows the ring holds.
                // And the rules grew: the series there all along is read with a window new to the ring too, whose
                // start is found from the rows held, and its functions are computed again from its history.
                let column = ring.addColumn()
                definitions.append(.init(function: .sumOverTime, window: 1200, view: Int32(definitions.count)))
                ring.setAccumulators(definitions.reversed(), column: column)
                ring.setAccumulators(definitions, column: early)
                late = column
            }
            var poll: [Sample] = []
            var columns: [Int32] = []
            for column in [early, late].compactMap({ $0 }) where Int.random(in: 0..<15, using: &generator) != 0 {
                let value = Double(Int.random(in: 0...4, using: &generator)) + Double(step)
                poll.append(Sample(name: "x\(column)", labels: [:], value: value, kind: .counter))
                columns.append(Int32(column))
            }
            // Hinted before every poll, as the evaluator does: from the empty ring on, through every growth.
            ring.prefetchStarts()
            ring.prefetchElements()
            ring.startLayout()
            for (position, column) in columns.enumerated() { ring.note(column: column, at: Int32(position)) }
            poll.withUnsafeBufferPointer { samples in ring.appendRow(at: time, from: samples) }
            for column in [early, late].compactMap({ $0 }) {
                for definition in definitions {
                    let (expected, actual) = Self.scanAndRunning(
                        ring, column: column, function: definition.function, window: definition.window,
                        view: Int(definition.view), width: nil, at: time)
                    let same =
                        expected == actual || abs((expected ?? 0) - (actual ?? 0)) <= 1e-6 * max(1, abs(expected ?? 0))
                    #expect(
                        same && (expected == nil) == (actual == nil),
                        "\(definition.function) [\(definition.window)s] of column \(column) at step \(step): scan \(String(describing: expected)), running \(String(describing: actual))"
                    )
                    if !same { return }
                }
            }
        }
    }

    @Test(
        "series that hold one value for long stretches: the polls that change no window are passed over, and every function still equals the scan"
    )
    func steadyStretches() {
        var generator = DeterministicGenerator(state: 11)
        let functions: [RangeFunction] = [
            .avgOverTime, .sumOverTime, .minOverTime, .maxOverTime, .countOverTime, .increase, .delta, .changes,
            .quantileOverTime(0.5),
        ]
        let windows: [TimeInterval] = [300, 900, 3600]
        var definitions: [RangeAccumulator.Definition] = []
        for function in functions {
            for window in windows {
                definitions.append(.init(function: function, window: window, view: Int32(definitions.count)))
            }
        }
        var ring = HistoryRing(window: 3600, nextRow: 0)
        var columns = [ring.addColumn(), ring.addColumn()]
        for column in columns { ring.setAccumulators(definitions, column: column) }
        var time = t0
        var values = [0.0, 7.0]
        for step in 0..<4000 {
            // A poll a minute, now and then a long gap or a late poll (two rows leave a window, or none).
            switch Int.random(in: 0..<100, using: &generator) {
            case 0: time += 7200
            case 1: time += 30
            case 2: time += 90
            default: time += 60
            }
            if step == 2000 {
                // The ring keeps one column, renumbered: its runs of equal samples go with it.
                ring = ring.keeping(columns: [columns[1]])
                columns = [0]
                values = [values[1]]
            }
            var poll: [Sample] = []
            var noted: [Int32] = []
            for (index, column) in columns.enumerated() {
                // Mostly the value of the poll before; now and then another (back to an earlier one, so that a
                // window can hold the same number at its ends with another in between), a NaN, or no sample.
                switch Int.random(in: 0..<100, using: &generator) {
                case 0...2: values[index] = Double(Int.random(in: 0...2, using: &generator))
                case 3: values[index] = .nan
                case 4: continue
                default: if values[index].isNaN { values[index] = 1 }
                }
                poll.append(Sample(name: "x\(column)", labels: [:], value: values[index], kind: .counter))
                noted.append(Int32(column))
            }
            ring.startLayout()
            for (position, column) in noted.enumerated() { ring.note(column: column, at: Int32(position)) }
            poll.withUnsafeBufferPointer { samples in ring.appendRow(at: time, from: samples) }
            for column in columns {
                for definition in definitions {
                    let (expected, actual) = Self.scanAndRunning(
                        ring, column: column, function: definition.function, window: definition.window,
                        view: Int(definition.view), width: nil, at: time)
                    let same = Self.same(expected, actual, tolerance: 1e-9)
                    #expect(
                        same,
                        "\(definition.function) [\(definition.window)s] of column \(column) at step \(step): scan \(String(describing: expected)), running \(String(describing: actual))"
                    )
                    if !same { return }
                }
            }
        }
    }

    @Test(
        "a column left without range functions (its series moved to the ring of a longer window) keeps no poll from being quiet, and the other column's functions still equal the scan"
    )
    func columnOfAMovedSeries() {
        let definitions: [RangeAccumulator.Definition] = [
            .init(function: .avgOverTime, window: 600, view: 0), .init(function: .maxOverTime, window: 300, view: 1),
        ]
        var ring = HistoryRing(window: 600, nextRow: 0)
        let (kept, moved) = (ring.addColumn(), ring.addColumn())
        ring.setAccumulators(definitions, column: kept)
        ring.setAccumulators(definitions, column: moved)
        var time = t0
        for step in 0..<40 {
            time += 60
            // At step 10 the second column's series moves away: the ring keeps the column, without functions.
            if step == 10 { ring.setAccumulators([], column: moved) }
            var poll = [Sample(name: "kept", labels: [:], value: step < 20 ? Double(step % 3) : 5)]
            ring.startLayout()
            ring.note(column: Int32(kept), at: 0)
            if step < 10 {
                poll.append(Sample(name: "moved", labels: [:], value: 3))
                ring.note(column: Int32(moved), at: 1)
            }
            poll.withUnsafeBufferPointer { samples in ring.appendRow(at: time, from: samples) }
            // Once the windows are full, every poll loses one row from each: quiet, with or without the column.
            let quiet = ring.latestPollWasQuiet
            if step >= 12 { #expect(quiet, "step \(step)") }
            for definition in definitions {
                let (expected, actual) = Self.scanAndRunning(
                    ring, column: kept, function: definition.function, window: definition.window,
                    view: Int(definition.view), width: nil, at: time)
                #expect(Self.same(expected, actual, tolerance: 1e-9), "\(definition.function) at step \(step)")
            }
        }
    }

    @Test(
        "a poll like the one before reads only the columns whose sample changed: rows and functions are those of a ring that reads every column"
    )
    func changedColumnsOnly() {
        var generator = DeterministicGenerator(state: 23)
        let functions: [RangeFunction] = [
            .avgOverTime, .sumOverTime, .minOverTime, .maxOverTime, .countOverTime, .increase, .delta, .changes,
            .quantileOverTime(0.5),
        ]
        var definitions: [RangeAccumulator.Definition] = []
        for function in functions {
            for window in [300.0, 900, 3600] {
                definitions.append(.init(function: function, window: window, view: Int32(definitions.count)))
            }
        }
        // `full` reads every column of every poll (a new layout each time); `lazy` is told only which samples
        // changed, bit for bit, since the poll before, as the series table tells it.
        var full = HistoryRing(window: 3600, nextRow: 0)
        var lazy = HistoryRing(window: 3600, nextRow: 0)
        let columns = [0, 1, 2]
        for column in columns {
            #expect(full.addColumn() == column && lazy.addColumn() == column)
            full.setAccumulators(definitions, column: column)
            lazy.setAccumulators(definitions, column: column)
        }
        var (time, values) = (t0, [0.0, 7.0, 1.0])
        var (previousColumns, previousBits): ([Int32], [UInt64]) = ([], [])
        var lazyPolls = 0
        for step in 0..<3000 {
            switch Int.random(in: 0..<100, using: &generator) {
            case 0: time += 7200
            case 1: time += 30
            default: time += 60
            }
            if step == 1500 {
                // Both keep their columns, renumbered the same: the runs go with them, and the next poll's layout
                // is read anew.
                (full, lazy) = (full.keeping(columns: columns), lazy.keeping(columns: columns))
                previousColumns = []
            }
            var (poll, noted): ([Sample], [Int32]) = ([], [])
            for column in columns {
                // Long stretches of one value; now and then another, a NaN (the same bits poll after poll while it
                // lasts), zero's sign flipped (equal, but not bit for bit), or no sample (a new layout).
                switch Int.random(in: 0..<100, using: &generator) {
                case 0...2: values[column] = Double(Int.random(in: 0...2, using: &generator))
                case 3: values[column] = .nan
                case 4: values[column] = values[column] == 0 ? -values[column] : 0
                case 5: continue
                default: if values[column].isNaN, Int.random(in: 0..<5, using: &generator) == 0 { values[column] = 1 }
                }
                poll.append(Sample(name: "x\(column)", labels: [:], value: values[column], kind: .counter))
                noted.append(Int32(column))
            }
            full.startLayout()
            for (position, column) in noted.enumerated() { full.note(column: column, at: Int32(position)) }
            var changed: [Int32] = []
            if noted == previousColumns {
                lazyPolls += 1
                for (position, column) in noted.enumerated()
                where poll[position].value.bitPattern != previousBits[position] {
                    changed.append(column)
                }
            } else {
                lazy.startLayout()
                for (position, column) in noted.enumerated() { lazy.note(column: column, at: Int32(position)) }
            }
            (previousColumns, previousBits) = (noted, poll.map(\.value.bitPattern))
            poll.withUnsafeBufferPointer { samples in
                full.appendRow(at: time, from: samples)
                lazy.appendRow(at: time, from: samples, changed: changed)
            }
            for column in columns {
                let (read, told) = (full.samples(of: column), lazy.samples(of: column))
                #expect(
                    read.map(\.time) == told.map(\.time)
                        && read.map(\.value.bitPattern) == told.map(\.value.bitPattern),
                    "samples of column \(column) at step \(step)")
                for definition in definitions {
                    let view = Int(definition.view)
                    let (expected, actual) = (
                        full.accumulatorIndex(of: view, column: column).flatMap { full.accumulatorValue(at: $0) },
                        lazy.accumulatorIndex(of: view, column: column).flatMap { lazy.accumulatorValue(at: $0) }
                    )
                    let scan = Self.scanAndRunning(
                        lazy, column: column, function: definition.function, window: definition.window, view: view,
                        width: nil, at: time
                    ).scan
                    #expect(
                        expected?.bitPattern == actual?.bitPattern && Self.same(scan, actual, tolerance: 1e-9),
                        "\(definition.function) [\(definition.window)s] of column \(column) at step \(step): every column \(String(describing: expected)), changed ones \(String(describing: actual)), scan \(String(describing: scan))"
                    )
                    if expected?.bitPattern != actual?.bitPattern { return }
                }
            }
        }
        #expect(lazyPolls > 2000)
    }

    /// What a scan of the samples `ring` holds in the last `window` at `time` gives for `function` of `column`,
    /// and what the ring's accumulator for range view `view` holds.
    private static func scanAndRunning(
        _ ring: HistoryRing, column: Int, function: RangeFunction, window: TimeInterval, view: Int,
        width: CounterWidth?, at time: Date
    ) -> (scan: Double?, running: Double?) {
        let inWindow = ring.samples(of: column).filter { $0.time > time - window }.map(\.value)
        let scan = function.apply(to: inWindow, width: width)
        return (scan, ring.accumulatorIndex(of: view, column: column).flatMap { ring.accumulatorValue(at: $0) })
    }

    /// Whether the scan's value and the running one agree: both none, equal, both NaN, or within `tolerance` of
    /// the scan's magnitude (at least 1).
    private static func same(_ scan: Double?, _ running: Double?, tolerance: Double) -> Bool {
        switch (scan, running) {
        case (nil, nil): true
        case (.some(let e), .some(let a)): e == a || (e.isNaN && a.isNaN) || abs(e - a) <= tolerance * max(1, abs(e))
        default: false
        }
    }

    @Test("a poll reads every accumulator and counter pair of its device: both stay 32 bytes")
    func compact() {
        #expect(MemoryLayout<RangeAccumulator>.stride == 32)
        #expect(MemoryLayout<RateHistory>.stride == 32)
    }
}
