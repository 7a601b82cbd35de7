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
struct SeriesTable: Sendable {
    /// A series' identity: its name and its labels.
    private struct Key: Hashable {
        var name: String
        var labels: LabelSet
    }

    /// Every label set seen, by number: those of the series and those of computed results.
    private(set) var labelSets: [LabelSet] = []
    private var labelSetNumbers: [LabelSet: Int32] = [:]

    /// Per series number: the name, the number of its label set, and the program slots whose selector matches it.
    private(set) var names: [String] = []
    private(set) var labelSetOfSeries: [Int32] = []
    /// The slots series `n` matches are `slotList[slotSpans[n]]` (one array for all, not one per series).
    private var slotList: [Int32] = []
    private var slotSpans: [Range<Int>] = []
    /// Per series number: the slots a change of its value, of its rate and of a range function's value marks
    /// (``hasChanged(_:)``).
    private var marks: [Marks] = []

    /// The slots a change of a series marks: for its value, its rate, and a range function's value, the one slot
    /// that reads it so, ``noSlot`` for none, ``severalSlots`` for more (or one numbered beyond 16 bits): each slot
    /// it matches is marked then.
    private struct Marks: Sendable {
        var value = SeriesTable.noSlot
        var rate = SeriesTable.noSlot
        var range = SeriesTable.noSlot
    }
    private static let noSlot: Int16 = -1
    private static let severalSlots: Int16 = -2
    /// Per series number: the latest value, and when it was last in a poll (recorded when it leaves the layout).
    private(set) var values: [Double] = []
    private(set) var lastSeen: [Date] = []
    /// The counter pairs of the series read through `rate()`, and per series number where its pair is in `rates`
    /// (-1: not read so). Only the series that need one have one, side by side, which keeps what a poll touches
    /// close together.
    private var rates: [RateHistory] = []
    private var rateSlots: [Int32] = []
    /// The recent samples of the series read through a range function.
    private var histories = SeriesHistories()
    /// Per series number: the longest windows it is read with through `rate()` and through a range function (0:
    /// not read so).
    private var rateWindows: [TimeInterval] = []
    private var rangeWindows: [TimeInterval] = []
    /// Series numbers by name and labels, built only while a poll with a new layout is read and dropped after it:
    /// a device's polls rarely change, and the index would otherwise be the table's largest part.
    private var seriesNumbers: [Key: Int32] = [:]

    /// One position of the latest poll: the series there, and the label fingerprint and name it was read with (to
    /// tell that the next poll has the same series at the same positions). One array, read in one pass: 16 bytes a
    /// position, the name being a place in ``layoutNames`` (a poll has many samples and few names).
    private struct LayoutEntry {
        var fingerprint: Int
        var number: Int32
        var name: Int32
    }

    /// The latest poll's layout, by position.
    private var layout: [LayoutEntry] = []
    /// The names of the latest poll's samples, each once, in the order they first came.
    private var layoutNames: [String] = []
    /// The positions of the latest poll whose series are read through `rate()`, each with its counter pair's
    /// place in `rates`: one array of pairs, read in one pass.
    private var ratePlaces: [RatePlace] = []

    /// Where a poll's counter is, and where its pair is kept.
    private struct RatePlace {
        var position: Int32
        var pair: Int32
    }
    /// When the layout was last read: the series of the layout were seen then, or later.
    private var layoutTime = Date.distantPast
    /// The series of slot `s` in the latest poll are `memberList[memberSpans[s]]`, in poll order (one array for
    /// all, not one per slot).
    private(set) var memberList: [Int32] = []
    private(set) var memberSpans: [Range<Int>] = []
    /// Per range view, for each series of its slot in `memberList` order from `viewStarts[view]` on: where the
    /// series' accumulator for the view is.
    private var viewStarts: [Int] = []
    private var viewPlaces: [SeriesHistories.AccumulatorPlace] = []
    /// The text output of the latest poll's samples that have one, by series number.
    private(set) var outputs: [Int32: String] = [:]
    /// The series number of the latest poll's first `up` sample, if it has one.
    private(set) var upSeries: Int32?
    /// The program revision the slot matches were computed for.
    private var revision = (slots: -1, expressions: -1)
    /// Whether a series or label set was numbered since the last poll (the table may have outgrown the device).
    private var mayNeedCompaction = false
    /// Marks a series in the poll being read, to tell a duplicate sample.
    private var pollMarks: [UInt32] = []
    private var pollMark: UInt32 = 0

    /// The polls read so far (the first is 1): what a change is stamped with, so that an evaluator can tell what
    /// changed since the poll before (``hasChanged(_:)``).
    private(set) var polls: UInt32 = 0
    /// Per slot: the poll in which a value, rate or range function of one of its series last changed.
    private var changedSlots: [UInt32] = []
    /// The poll whose series differed from the ones of the poll before (every slot changed then).
    private(set) var layoutChangedAt: UInt32 = 0
    /// Bit `s` set for each slot `s` below 64 that ``hasChanged(_:)`` with the latest poll: an expression whose
    /// slots are all below 64 asks it of one word (``RuleProgram/Compiled/dataSlotBits``).
    private(set) var changedSlotBits: UInt64 = 0
    /// Bit `s` set for each slot `s` below 64 with series in the latest poll.
    private(set) var presentSlotBits: UInt64 = 0
    /// Whether rates were forgotten since the latest poll: the next poll counts as a new layout.
    private var forgotten = false

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
    /// (their addresses are at hand) and the history rings, where the rings' arrays start, then every element.
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
        Prefetch.elements(of: memberList)
        Prefetch.elements(of: memberSpans)
        Prefetch.elements(of: labelSetOfSeries)
        Prefetch.elements(of: rateSlots)
        Prefetch.elements(of: changedSlots)
        Prefetch.elements(of: marks)
        Prefetch.elements(of: viewPlaces)
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
            histories.record(buffer, at: instant)
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
    /// sets, by their fingerprints), in one pass that also notes whether a sample carries text output, and stamps
    /// the slots of each series whose value changed.
    /// - Returns: `false` when the poll's series differ; the values are then to be read with its new layout.
    private mutating func readValues(of samples: UnsafeBufferPointer<Sample>, hasOutput: inout Bool) -> Bool {
        guard samples.count == layout.count else { return false }
        let (marks, poll, slotSpans, slotList) = (self.marks, polls, self.slotSpans, self.slotList)
        var anyOutput = false
        let same = changedSlots.withUnsafeMutableBufferPointer { changedSlots in
            values.withUnsafeMutableBufferPointer { values in
                layout.withUnsafeBufferPointer { layout in
                    // The layout built the names' places: each is inside `names`.
                    layoutNames.withUnsafeBufferPointer { names in
                        // Plain copies of the buffers, in registers for the whole loop.
                        let (changedSlots, values, layout, names) = (changedSlots, values, layout, names)
                        for position in 0..<layout.count {
                            let entry = layout[position]
                            guard entry.fingerprint == samples[position].labels.fingerprint,
                                names[Int(entry.name)] == samples[position].name
                            else { return false }
                            let number = Int(entry.number)
                            let value = samples[position].value
                            if values[number].bitPattern != value.bitPattern {
                                values[number] = value
                                Self.stamp(
                                    marks[number].value, of: number, spans: slotSpans, list: slotList,
                                    in: changedSlots, at: poll)
                            }
                            anyOutput = anyOutput || samples[position].hasOutput
                        }
                        return true
                    }
                }
            }
        }
        hasOutput = anyOutput
        return same
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

    /// Reads a poll whose series differ from the latest one's: numbers them, and regroups them by slot.
    private mutating func readLayout(of samples: UnsafeBufferPointer<Sample>, program: RuleProgram) {
        for entry in layout { lastSeen[Int(entry.number)] = layoutTime }  // those that leave were last seen then
        seriesNumbers.reserveCapacity(names.count + samples.count)
        for number in names.indices {
            seriesNumbers[Key(name: names[number], labels: labelSets[Int(labelSetOfSeries[number])])] = Int32(number)
        }
        defer { seriesNumbers = [:] }
        var namePlaces: [String: Int32] = [:]
        layout.removeAll(keepingCapacity: true)
        layoutNames.removeAll(keepingCapacity: true)
        ratePlaces.removeAll(keepingCapacity: true)
        histories.startLayout()
        upSeries = nil
        pollMark &+= 1
        for position in samples.indices {
            let number = self.number(of: samples[position], program: program)
            let name = samples[position].name
            let namePlace = namePlaces[name] ?? Int32(layoutNames.count)
            if namePlace == layoutNames.count {
                namePlaces[name] = namePlace
                layoutNames.append(name)
            }
            layout.append(
                LayoutEntry(fingerprint: samples[position].labels.fingerprint, number: number, name: namePlace))
            values[Int(number)] = samples[position].value
            // A series twice in one poll (a probe's mistake) is read once, at its first position.
            guard pollMarks[Int(number)] != pollMark else { continue }
            pollMarks[Int(number)] = pollMark
            if rateWindows[Int(number)] > 0 {
                ratePlaces.append(RatePlace(position: Int32(position), pair: rateSlots[Int(number)]))
            }
            if rangeWindows[Int(number)] > 0 { histories.note(Int(number), at: position) }
            if upSeries == nil, samples[position].name == "up" { upSeries = number }
        }
        regroup(program)
    }

    /// The number of the sample's series, numbering it (and matching it against the program) if it is new.
    private mutating func number(of sample: Sample, program: RuleProgram) -> Int32 {
        let key = Key(name: sample.name, labels: sample.labels)
        if let known = seriesNumbers[key] { return known }
        let number = Int32(names.count)
        seriesNumbers[key] = number
        mayNeedCompaction = true
        names.append(sample.name)
        labelSetOfSeries.append(self.number(of: sample.labels))
        slotSpans.append(0..<0)
        values.append(sample.value)
        lastSeen.append(.distantPast)
        rateSlots.append(-1)
        histories.addSeries()
        rateWindows.append(0)
        rangeWindows.append(0)
        pollMarks.append(0)
        marks.append(Marks())
        match(Int(number), program: program)
        return number
    }

    /// Finds the slots whose selector matches series `number`, and the windows it is read with.
    private mutating func match(_ number: Int, program: RuleProgram) {
        var slots: [Int32] = []
        var rateWindow: TimeInterval = 0
        var rangeWindow: TimeInterval = 0
        let labels = labelSets[Int(labelSetOfSeries[number])]
        for slot in program.slotsByName[names[number]] ?? [] where program.slots[slot].selector.matches(labels) {
            slots.append(Int32(slot))
            rateWindow = max(rateWindow, program.slots[slot].rateWindow)
            rangeWindow = max(rangeWindow, program.slots[slot].rangeWindow)
        }
        slotSpans[number] = slotList.count..<(slotList.count + slots.count)
        slotList += slots
        marks[number] = Marks(
            value: Self.mark(slots.filter { program.slots[Int($0)].readsValues }),
            rate: Self.mark(slots.filter { program.slots[Int($0)].readsRates }),
            range: Self.mark(slots.filter { !program.slots[Int($0)].views.isEmpty }))
        rateWindows[number] = rateWindow
        rangeWindows[number] = rangeWindow
        if rateWindow > 0, rateSlots[number] < 0 {
            rateSlots[number] = Int32(rates.count)
            rates.append(RateHistory())
        }
        guard rangeWindow > 0 else { return }
        // Accumulators of a series matched again (a grown program) are made afresh, computed from its history.
        var accumulators: [RangeAccumulator.Definition] = []
        for slot in slots {
            for view in program.slots[Int(slot)].views {
                let range = program.rangeViews[view]
                accumulators.append(.init(function: range.function, window: range.window, view: Int32(view)))
            }
        }
        histories.keep(number, window: rangeWindow, accumulators: accumulators)
    }

    /// The mark of a series read so by `slots` (see ``Marks``).
    private static func mark(_ slots: [Int32]) -> Int16 {
        guard let first = slots.first else { return noSlot }
        return slots.count == 1 && first <= Int16.max ? Int16(first) : severalSlots
    }

    /// Matches every series again, for a program that has grown.
    private mutating func rematch(_ program: RuleProgram) {
        slotList.removeAll(keepingCapacity: true)
        for number in names.indices { match(number, program: program) }
        memberSpans = Array(repeating: 0..<0, count: program.slots.count)
        changedSlots = Array(repeating: 0, count: program.slots.count)
        revision = (program.slots.count, program.expressions.count)
    }

    /// Groups the latest poll's series by the slots they match (a series twice in a poll counts once), and finds
    /// the accumulator each of them has for each range view of its slots.
    private mutating func regroup(_ program: RuleProgram) {
        var counts = Array(repeating: 0, count: program.slots.count)
        pollMark &+= 1
        for number in layout.lazy.map(\.number) where pollMarks[Int(number)] != pollMark {
            pollMarks[Int(number)] = pollMark
            for index in slotSpans[Int(number)] { counts[Int(slotList[index])] += 1 }
        }
        var next = 0
        memberSpans = counts.map { count in
            defer { next += count }
            return next..<(next + count)
        }
        memberList = Array(repeating: 0, count: next)
        presentSlotBits = 0
        for slot in memberSpans.indices.prefix(UInt64.bitWidth) where !memberSpans[slot].isEmpty {
            presentSlotBits |= 1 << slot
        }
        var fill = memberSpans.map(\.lowerBound)
        pollMark &+= 1
        for number in layout.lazy.map(\.number) where pollMarks[Int(number)] != pollMark {
            pollMarks[Int(number)] = pollMark
            for index in slotSpans[Int(number)] {
                let slot = Int(slotList[index])
                memberList[fill[slot]] = number
                fill[slot] += 1
            }
        }
        viewStarts.removeAll(keepingCapacity: true)
        viewPlaces.removeAll(keepingCapacity: true)
        for (view, range) in program.rangeViews.enumerated() {
            viewStarts.append(viewPlaces.count)
            for index in memberSpans[range.slot] {
                viewPlaces.append(histories.place(of: view, series: Int(memberList[index])))
            }
        }
    }

    /// Calls `body` with the label-set number and the value of each series `source` yields in the latest poll at
    /// `instant`, in poll order: through pointers, with no lookup but the arrays the layout prepared.
    @inline(__always)
    func forEachSeries(of source: RuleProgram.Source, at instant: Date, _ body: (Int32, Double) -> Void) {
        memberList.withUnsafeBufferPointer { members in
            labelSetOfSeries.withUnsafeBufferPointer { labels in
                switch source {
                case .select(let slot):
                    values.withUnsafeBufferPointer { values in
                        for index in memberSpans[slot] {
                            let number = Int(members[index])
                            body(labels[number], values[number])
                        }
                    }
                case .rate(let slot, let window):
                    rates.withUnsafeBufferPointer { rates in
                        rateSlots.withUnsafeBufferPointer { rateSlots in
                            for index in memberSpans[slot] {
                                let number = Int(members[index])
                                let rateSlot = Int(rateSlots[number])
                                if rateSlot >= 0, let rate = rates[rateSlot].rate(at: instant, window: window) {
                                    body(labels[number], rate)
                                }
                            }
                        }
                    }
                case .range(let view, let slot):
                    let span = memberSpans[slot]
                    let first = viewStarts[view] - span.lowerBound
                    for index in span {
                        if let value = histories.value(at: viewPlaces[first + index]) {
                            body(labels[Int(members[index])], value)
                        }
                    }
                }
            }
        }
    }

    /// The latest poll as it was read, and when; `nil` before the first. Each sample has its series' name, labels,
    /// value and text output, in poll order; it is a gauge with no counter width, which only the next poll's
    /// samples give to a rate or a range function. A series twice in the poll has its last value at both places.
    var latestPoll: (samples: [Sample], at: Date)? {
        guard layoutTime != .distantPast else { return nil }
        let samples = layout.map { entry in
            Sample(
                name: layoutNames[Int(entry.name)], labels: labelSets[Int(labelSetOfSeries[Int(entry.number)])],
                value: values[Int(entry.number)], output: outputs[entry.number])
        }
        return (samples, layoutTime)
    }

    /// Whether the latest poll succeeded: its `up` sample is 1, or it has none.
    var pollSucceeded: Bool { upSeries.map { values[Int($0)] == 1 } ?? true }

    /// The labels every sample of the latest poll shares (`device`, `probe`, `check` and the device's labels): those
    /// of its `up` sample, or for a poll without one, the labels all its series have in common.
    var pollLabels: LabelSet {
        if let upSeries { return labelSets[Int(labelSetOfSeries[Int(upSeries)])] }
        var common: [String: String]?
        for number in layout.lazy.map(\.number) {
            let labels = labelSets[Int(labelSetOfSeries[Int(number)])]
            common = common?.filter { labels[$0.key] == $0.value } ?? labels.dictionary
        }
        return LabelSet(common ?? [:])
    }

    /// Forgets the counter pair of every series whose `device` label is `device`.
    mutating func forgetRates(of device: String) {
        for number in names.indices where rateSlots[number] >= 0 {
            guard labelSets[Int(labelSetOfSeries[number])]["device"] == device else { continue }
            rates[Int(rateSlots[number])] = RateHistory()
        }
        forgotten = true
    }

    /// How many samples the range-function histories hold.
    var historySampleCount: Int { names.indices.reduce(0) { $0 + histories.sampleCount(of: $1) } }

    /// Drops the series that left the polls and whose state no window can use any more, and the label sets only
    /// they or past results used; renumbers the rest. Runs when the table holds far more than the poll's series.
    private mutating func compact(at instant: Date) {
        var kept = SeriesTable()
        var keptSeries: [Int] = []
        let present = Set(layout.lazy.map(\.number))
        for number in names.indices {
            let longest = max(rateWindows[number], rangeWindows[number])
            guard present.contains(Int32(number)) || instant.timeIntervalSince(lastSeen[number]) <= longest else {
                continue
            }
            kept.names.append(names[number])
            kept.labelSetOfSeries.append(kept.number(of: labelSets[Int(labelSetOfSeries[number])]))
            kept.slotSpans.append(0..<0)
            kept.values.append(values[number])
            kept.lastSeen.append(lastSeen[number])
            kept.rateSlots.append(rateSlots[number] < 0 ? -1 : Int32(kept.rates.count))
            if rateSlots[number] >= 0 { kept.rates.append(rates[Int(rateSlots[number])]) }
            keptSeries.append(number)
            kept.rateWindows.append(0)
            kept.rangeWindows.append(0)
            kept.pollMarks.append(0)
            kept.marks.append(Marks())
        }
        kept.histories = histories.keeping(series: keptSeries)
        kept.polls = polls  // the evaluator's stamps stay comparable
        self = kept  // the caller's poll rematches every series (revision reset) and rebuilds the layout
    }
}
