import Foundation
import VedettaCore

/// What the rules and the alert source read of the latest poll: each slot's series, the poll itself, its labels.
extension SeriesTable {
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
                name: names[Int(entry.number)], labels: labelSets[Int(labelSetOfSeries[Int(entry.number)])],
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
}
