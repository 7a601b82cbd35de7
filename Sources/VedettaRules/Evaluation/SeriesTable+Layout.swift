import Foundation
import VedettaCore

/// A poll whose series differ from the latest one's: numbering its series, matching them against the program's
/// selectors and grouping them by slot; and dropping the series that left once they outnumber the device's.
extension SeriesTable {
    /// Reads a poll whose series differ from the latest one's: numbers them, and regroups them by slot.
    mutating func readLayout(of samples: UnsafeBufferPointer<Sample>, program: RuleProgram) {
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
        layoutHasDuplicates = false
        var ringSeries = 0
        defer { ringChanges = Array(repeating: 0, count: ringSeries) }
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
            let kept = rangeWindows[Int(number)] > 0
            layout.append(
                LayoutEntry(
                    fingerprint: samples[position].labels.fingerprint, number: number,
                    name: UInt16(truncatingIfNeeded: namePlace) & ~Self.keptInRing | (kept ? Self.keptInRing : 0),
                    valueMark: marks[Int(number)].value))
            if kept { ringSeries += 1 }
            values[Int(number)] = samples[position].value
            // A series twice in one poll (a probe's mistake) is read once, at its first position.
            guard pollMarks[Int(number)] != pollMark else {
                layoutHasDuplicates = true
                continue
            }
            pollMarks[Int(number)] = pollMark
            if rateWindows[Int(number)] > 0 {
                ratePlaces.append(RatePlace(position: Int32(position), pair: rateSlots[Int(number)]))
            }
            if kept { histories.note(Int(number), at: position) }
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
    mutating func rematch(_ program: RuleProgram) {
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

    /// Drops the series that left the polls and whose state no window can use any more, and the label sets only
    /// they or past results used; renumbers the rest. Runs when the table holds far more than the poll's series.
    mutating func compact(at instant: Date) {
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
