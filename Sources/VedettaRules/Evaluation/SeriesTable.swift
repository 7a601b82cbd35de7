import Foundation
import MemoryKit
import VedettaCore

/// The series one ``RuleEvaluator`` has seen, numbered once, with their latest values and the state `rate()` and
/// the range functions keep per series; and the latest poll's layout.
///
/// A device's polls look alike: the same samples in the same order, poll after poll. The table remembers which
/// series each position of the latest poll was, and when the next poll has the same name and labels at a position
/// it takes that number without hashing anything. Only a new or moved series is looked up (by name and labels) or
/// numbered, and matched against the program's selectors. Everything per series lives in arrays indexed by its
/// number: no dictionary is touched on a poll that looks like the one before.
///
/// Reading a poll is here; reading a new layout and compacting in `SeriesTable+Layout.swift`, what the rules and
/// the alert source read in `SeriesTable+Reading.swift`. Its state is internal only so that those files share it:
/// nothing but the table's own files writes it.
struct SeriesTable: Sendable {
    /// A series' identity: its name and its labels.
    struct Key: Hashable {
        var name: String
        var labels: LabelSet
    }

    /// Every label set seen, by number: those of the series and those of computed results.
    private(set) var labelSets: [LabelSet] = []
    private var labelSetNumbers: [LabelSet: Int32] = [:]

    /// Per series number: the name, the number of its label set, and the program slots whose selector matches it.
    var names: [String] = []
    var labelSetOfSeries: [Int32] = []
    /// The slots series `n` matches are `slotList[slotSpans[n]]` (one array for all, not one per series).
    var slotList: [Int32] = []
    var slotSpans: [Range<Int>] = []
    /// Per series number: the slots a change of its value, of its rate and of a range function's value marks
    /// (``hasChanged(_:)``).
    var marks: [Marks] = []

    /// The slots a change of a series marks: for its value, its rate, and a range function's value, the one slot
    /// that reads it so, ``noSlot`` for none, ``severalSlots`` for more (or one numbered beyond 16 bits): each slot
    /// it matches is marked then.
    struct Marks: Sendable {
        var value = SeriesTable.noSlot
        var rate = SeriesTable.noSlot
        var range = SeriesTable.noSlot
    }
    static let noSlot: Int16 = -1
    static let severalSlots: Int16 = -2
    /// Per series number: the latest value, and when it was last in a poll (recorded when it leaves the layout).
    var values: [Double] = []
    var lastSeen: [Date] = []
    /// The counter pairs of the series read through `rate()`, and per series number where its pair is in `rates`
    /// (-1: not read so). Only the series that need one have one, side by side, which keeps what a poll touches
    /// close together.
    var rates: [RateHistory] = []
    var rateSlots: [Int32] = []
    /// The recent samples of the series read through a range function.
    var histories = SeriesHistories()
    /// Per series number: the longest windows it is read with through `rate()` and through a range function (0:
    /// not read so).
    var rateWindows: [TimeInterval] = []
    var rangeWindows: [TimeInterval] = []
    /// Series numbers by name and labels, built only while a poll with a new layout is read and dropped after it:
    /// a device's polls rarely change, and the index would otherwise be the table's largest part.
    var seriesNumbers: [Key: Int32] = [:]

    /// One position of the latest poll: the series there, and the label fingerprint and name it was read with (to
    /// tell that the next poll has the same series at the same positions), with the slot a change of its value
    /// marks (``Marks/value``, so that a changed value is stamped without reading ``marks``). One array, read in
    /// one pass: 16 bytes a position, the name being a place in ``layoutNames`` (a poll has many samples and few
    /// names) in 15 bits, with ``keptInRing`` for a series kept for range functions.
    struct LayoutEntry {
        var fingerprint: Int
        var number: Int32
        var name: UInt16
        var valueMark: Int16
    }
    /// The bit of ``LayoutEntry/name`` that tells a series kept in a history ring: a change of its value is noted
    /// for the ring (``ringChanges``).
    static let keptInRing: UInt16 = 0x8000

    /// The latest poll's layout, by position.
    var layout: [LayoutEntry] = []
    /// Whether a series is at more than one position of the latest poll's layout (its rings are then read in full).
    var layoutHasDuplicates = false
    /// The series kept in a history ring whose value changed (bit for bit) in the latest poll like the one before,
    /// in `ringChanges[0..<ringChangeCount]`: room for every such series of the layout, so that the pass over the
    /// samples writes with no check.
    var ringChanges: [Int32] = []
    var ringChangeCount = 0
    /// The names of the latest poll's samples, each once, in the order they first came.
    var layoutNames: [String] = []
    /// The positions of the latest poll whose series are read through `rate()`, each with its counter pair's
    /// place in `rates`: one array of pairs, read in one pass.
    var ratePlaces: [RatePlace] = []

    /// Where a poll's counter is, and where its pair is kept.
    struct RatePlace {
        var position: Int32
        var pair: Int32
    }
    /// When the layout was last read: the series of the layout were seen then, or later.
    var layoutTime = Date.distantPast
    /// The series of slot `s` in the latest poll are `memberList[memberSpans[s]]`, in poll order (one array for
    /// all, not one per slot).
    var memberList: [Int32] = []
    var memberSpans: [Range<Int>] = []
    /// Per range view, for each series of its slot in `memberList` order from `viewStarts[view]` on: where the
    /// series' accumulator for the view is.
    var viewStarts: [Int] = []
    var viewPlaces: [SeriesHistories.AccumulatorPlace] = []
    /// The text output of the latest poll's samples that have one, by series number.
    private(set) var outputs: [Int32: String] = [:]
    /// The series number of the latest poll's first `up` sample, if it has one.
    var upSeries: Int32?
    /// The program revision the slot matches were computed for.
    var revision = (slots: -1, expressions: -1)
    /// Whether a series or label set was numbered since the last poll (the table may have outgrown the device).
    var mayNeedCompaction = false
    /// Marks a series in the poll being read, to tell a duplicate sample.
    var pollMarks: [UInt32] = []
    var pollMark: UInt32 = 0

    /// The polls read so far (the first is 1): what a change is stamped with, so that an evaluator can tell what
    /// changed since the poll before (``hasChanged(_:)``).
    var polls: UInt32 = 0
    /// Per slot: the poll in which a value, rate or range function of one of its series last changed.
    var changedSlots: [UInt32] = []
    /// The poll whose series differed from the ones of the poll before (every slot changed then).
    private(set) var layoutChangedAt: UInt32 = 0
    /// Bit `s` set for each slot `s` below 64 that ``hasChanged(_:)`` with the latest poll: an expression whose
    /// slots are all below 64 asks it of one word (``RuleProgram/Compiled/dataSlotBits``).
    private(set) var changedSlotBits: UInt64 = 0
    /// Bit `s` set for each slot `s` below 64 with series in the latest poll.
    var presentSlotBits: UInt64 = 0
    /// Whether rates were forgotten since the latest poll: the next poll counts as a new layout.
    var forgotten = false

    /// The number of `labels`, numbering it if it is new.
    mutating func number(of labels: LabelSet) -> Int32 {
        if let known = labelSetNumbers[labels] { return known }
        let number = Int32(labelSets.count)
        mayNeedCompaction = true
        labelSets.append(labels)
        labelSetNumbers[labels] = number
        return number
    }

    /// Starts loading what reading a poll like the latest one and evaluating the rules on it will read (see
    /// ``Prefetch``). In three waves, each needing what the one before asked for: where the table's arrays start
    /// (their addresses are at hand) and the history rings, where the rings' arrays start, then the elements every
    /// such poll reads (the layout, the values, the counters), and the series of the slots and their labels, which
    /// every expression that runs reads. Of the arrays only some expressions read (counter places, marks, range
    /// functions: few, in a quiet poll), only the start: hinting all of them would bring more lines than it saves
    /// waits (measured).
    /// Mutating only so that the rings are hinted in place (see ``HistoryRing/prefetchStarts()``).
    mutating func prefetch() {
        Prefetch.start(of: layout)
        Prefetch.start(of: layoutNames)
        Prefetch.start(of: values)
        Prefetch.start(of: ratePlaces)
        Prefetch.start(of: rates)
        Prefetch.start(of: memberList)
        Prefetch.start(of: memberSpans)
        Prefetch.start(of: labelSetOfSeries)
        Prefetch.start(of: rateSlots)
        Prefetch.start(of: changedSlots)
        Prefetch.start(of: marks)
        Prefetch.start(of: slotSpans)
        Prefetch.start(of: slotList)
        Prefetch.start(of: viewStarts)
        Prefetch.start(of: viewPlaces)
        histories.prefetchRings()
        histories.prefetchStarts()
        Prefetch.elements(of: layout)
        Prefetch.elements(of: layoutNames)
        Prefetch.elements(of: values)
        Prefetch.elements(of: ratePlaces)
        Prefetch.elements(of: rates)
        histories.prefetchElements()
        Prefetch.elements(of: changedSlots)
        Prefetch.elements(of: memberList)
        Prefetch.elements(of: labelSetOfSeries)
    }

    /// Reads one poll: numbers its series, records their values, and updates the rate and range state of those the
    /// program reads so. A second poll at the same instant changes no rate or history.
    mutating func read(_ samples: [Sample], at instant: Date, program: RuleProgram) {
        polls &+= 1
        // Series that left, and label sets made by operations (an aggregation over changing labels), are dropped once
        // they outnumber the poll's series well: the table stays proportional to the device. Checked only when one
        // of them was added (`mayNeedCompaction`), so that a poll like the one before reads neither array.
        if mayNeedCompaction {
            mayNeedCompaction = false
            if names.count > 2 * samples.count + 256 || labelSets.count > 4 * samples.count + 1024 {
                compact(at: instant)
            }
        }
        let sameLayout = revision == (program.slots.count, program.expressions.count)
        if !sameLayout { rematch(program) }
        if !outputs.isEmpty { outputs.removeAll(keepingCapacity: true) }
        samples.withUnsafeBufferPointer { buffer in
            // Read in place: copying a `Sample` out of the array would retain and release each of its strings.
            var hasOutput = false
            if !sameLayout || !readValues(of: buffer, hasOutput: &hasOutput) {
                readLayout(of: buffer, program: program)
                hasOutput = buffer.contains { $0.hasOutput }
                layoutChangedAt = polls
            }
            if forgotten {
                forgotten = false
                layoutChangedAt = polls
            }
            recordRates(of: buffer, at: instant, shortestWindow: program.shortestRateWindow)
            if layoutChangedAt == polls || layoutHasDuplicates {
                histories.record(buffer, at: instant, changed: nil)
            } else {
                ringChanges.withUnsafeBufferPointer { changes in
                    histories.record(
                        buffer, at: instant, changed: UnsafeBufferPointer(rebasing: changes[0..<ringChangeCount]))
                }
            }
            markChangedRanges()
            gatherChangedSlotBits()
            if hasOutput {
                for position in buffer.indices where buffer[position].hasOutput {
                    outputs[layout[position].number] = buffer[position].output
                }
            }
        }
        layoutTime = instant
    }

    /// Records the values of a poll with the latest poll's series at the same positions (the same names and label
    /// sets, by their fingerprints), in one pass that also notes whether a sample carries text output, stamps the
    /// slots of each series whose value changed, and notes those of them kept in a history ring (``ringChanges``).
    /// - Returns: `false` when the poll's series differ; the values are then to be read with its new layout.
    private mutating func readValues(of samples: UnsafeBufferPointer<Sample>, hasOutput: inout Bool) -> Bool {
        // A layout of more names than ``LayoutEntry/name`` numbers is read as a new one each time.
        guard samples.count == layout.count, layoutNames.count <= Int(Self.keptInRing) else { return false }
        let (poll, slotSpans, slotList) = (polls, self.slotSpans, self.slotList)
        let read = ringChanges.withUnsafeMutableBufferPointer { ringChanges in
            changedSlots.withUnsafeMutableBufferPointer { changedSlots in
                values.withUnsafeMutableBufferPointer { values in
                    layout.withUnsafeBufferPointer { layout in
                        layoutNames.withUnsafeBufferPointer { names in
                            Self.readValues(
                                of: samples, layout: layout, names: names, into: values, stamping: changedSlots,
                                spans: slotSpans, list: slotList, at: poll, ringChanges: ringChanges)
                        }
                    }
                }
            }
        }
        guard let read else { return false }
        (hasOutput, ringChangeCount) = (read.hasOutput, read.ringChanges)
        return true
    }

    /// The pass of ``readValues(of:hasOutput:)`` over the samples, on plain buffers that stay in registers for the
    /// whole loop. `nil` when a sample is not the series of its position in `layout`.
    private static func readValues(
        of samples: UnsafeBufferPointer<Sample>, layout: UnsafeBufferPointer<LayoutEntry>,
        names: UnsafeBufferPointer<String>, into values: UnsafeMutableBufferPointer<Double>,
        stamping changedSlots: UnsafeMutableBufferPointer<UInt32>, spans: [Range<Int>], list: [Int32],
        at poll: UInt32, ringChanges: UnsafeMutableBufferPointer<Int32>
    ) -> (hasOutput: Bool, ringChanges: Int)? {
        var (hasOutput, ringChangeCount) = (false, 0)
        for position in 0..<layout.count {
            let entry = layout[position]
            // The layout built the names' places: each is inside `names`.
            guard entry.fingerprint == samples[position].labels.fingerprint,
                names[Int(entry.name & ~keptInRing)] == samples[position].name
            else { return nil }
            let number = Int(entry.number)
            let value = samples[position].value
            if values[number].bitPattern != value.bitPattern {
                values[number] = value
                stamp(entry.valueMark, of: number, spans: spans, list: list, in: changedSlots, at: poll)
                if entry.name >= keptInRing {
                    ringChanges[ringChangeCount] = Int32(number)
                    ringChangeCount &+= 1
                }
            }
            hasOutput = hasOutput || samples[position].hasOutput
        }
        return (hasOutput, ringChangeCount)
    }

    /// Records the poll's sample of every series read through `rate()` in its counter pair, and stamps the slots
    /// of each series whose rate may read differently (``RateHistory/record(_:width:at:shortestWindow:)``).
    private mutating func recordRates(
        of samples: UnsafeBufferPointer<Sample>, at instant: Date, shortestWindow: TimeInterval
    ) {
        let (layout, marks, poll) = (self.layout, self.marks, polls)
        let (slotSpans, slotList) = (self.slotSpans, self.slotList)
        let time = instant.timeIntervalSinceReferenceDate
        changedSlots.withUnsafeMutableBufferPointer { changedSlots in
            rates.withUnsafeMutableBufferPointer { rates in
                ratePlaces.withUnsafeBufferPointer { places in
                    // Plain copies of the buffers, in registers for the whole loop.
                    let (changedSlots, rates, places) = (changedSlots, rates, places)
                    for place in places {
                        let sample = Int(place.position)
                        guard
                            rates[Int(place.pair)].record(
                                samples[sample].value, width: samples[sample].counterWidth, at: time,
                                shortestWindow: shortestWindow)
                        else { continue }
                        let number = Int(layout[sample].number)
                        Self.stamp(
                            marks[number].rate, of: number, spans: slotSpans, list: slotList, in: changedSlots,
                            at: poll)
                    }
                }
            }
        }
    }

    /// Marks the slots that read a series through a range function whose value changed with the poll's row.
    private mutating func markChangedRanges() {
        let (histories, marks, slotSpans, slotList, poll) = (
            self.histories, self.marks, self.slotSpans, slotList, polls
        )
        changedSlots.withUnsafeMutableBufferPointer { changedSlots in
            for ring in 0..<histories.ringCount {
                for number in histories.changedSeries(of: ring) where number >= 0 {
                    Self.stamp(
                        marks[Int(number)].range, of: Int(number), spans: slotSpans, list: slotList, in: changedSlots,
                        at: poll)
                }
            }
        }
    }

    /// Gathers the latest poll's ``changedSlotBits`` from the slots' stamps.
    private mutating func gatherChangedSlotBits() {
        guard layoutChangedAt != polls else {
            changedSlotBits = .max
            return
        }
        var bits: UInt64 = 0
        for slot in 0..<min(UInt64.bitWidth, changedSlots.count) where changedSlots[slot] == polls {
            bits |= 1 << slot
        }
        changedSlotBits = bits
    }

    /// Stamps poll `poll` on the slots `mark` (one of series `number`'s ``Marks``) names: its one slot, or for
    /// ``severalSlots`` every slot the series matches (`list[spans[number]]`).
    @inline(__always)
    private static func stamp(
        _ mark: Int16, of number: Int, spans: [Range<Int>], list: [Int32],
        in changedSlots: UnsafeMutableBufferPointer<UInt32>, at poll: UInt32
    ) {
        if mark >= 0 {
            changedSlots[Int(mark)] = poll
        } else if mark == severalSlots {
            stampEvery(of: number, spans: spans, list: list, in: changedSlots, at: poll)
        }
    }

    /// ``stamp(_:of:spans:list:in:at:)`` for a series of several slots: out of line, so that the loops that stamp
    /// (one pass over a poll's samples) keep their registers for themselves.
    @inline(never)
    private static func stampEvery(
        of number: Int, spans: [Range<Int>], list: [Int32], in changedSlots: UnsafeMutableBufferPointer<UInt32>,
        at poll: UInt32
    ) {
        for index in spans[number] { changedSlots[Int(list[index])] = poll }
    }

    /// Whether what the series of slot `slot` give the rules (their values, rates and range functions) may have
    /// changed with the latest poll: `false` only when the poll read the same series as the one before, and none
    /// of them changed.
    @inline(__always)
    func hasChanged(_ slot: Int) -> Bool {
        layoutChangedAt == polls || changedSlots[slot] == polls
    }
}
