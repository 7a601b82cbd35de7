public import Foundation

/// Works out who is on call: the final shifts of a schedule in a period, after its layers and substitutions.
///
/// The period is cut at every hand-off, restriction edge and substitution edge. In each piece the topmost layer
/// with someone on call decides; then the newest substitution that applies (one for whoever is on call, or one
/// covering the person the layers chose) replaces them. Consecutive pieces with the same person for the same
/// reason are one shift. Pure: the same inputs give the same shifts.
public enum ShiftResolver {
    /// The longest period one call may ask about: 400 days.
    public static let maximumPeriod: TimeInterval = 400 * 86_400

    /// The final shifts of `schedule` that overlap `from..<to`, cut to that period, in time order; nobody is on
    /// call in the gaps between them.
    /// - Parameters:
    ///   - schedule: The schedule.
    ///   - from: The start of the period.
    ///   - to: The end of the period; at most ``maximumPeriod`` after `from` (longer periods are cut).
    ///   - substitutions: The schedule's substitutions (others are ignored), in any order.
    public static func shifts(
        of schedule: OnCallSchedule, from: Date, to: Date, substitutions: [Substitution]
    ) -> [Shift] {
        let to = min(to, from + maximumPeriod)
        guard from < to else { return [] }
        let layers = schedule.layers.map { $0.spans(in: schedule.zone, from: from, to: to) }
        let applying = substitutions.filter { $0.schedule == schedule.name && $0.end > from && $0.start < to }
            .sorted { $0.id > $1.id }
        var cuts: Set<Date> = [from, to]
        for spans in layers {
            for span in spans {
                cuts.insert(span.start)
                cuts.insert(span.end)
            }
        }
        for substitution in applying {
            if substitution.start > from { cuts.insert(substitution.start) }
            if substitution.end < to { cuts.insert(substitution.end) }
        }
        let edges = cuts.sorted()
        var cursors = Array(repeating: 0, count: layers.count)
        var shifts: [Shift] = []
        for (start, end) in zip(edges, edges.dropFirst()) {
            var scheduled: (person: String, layer: String)?
            for index in layers.indices.reversed() {
                let spans = layers[index]
                while cursors[index] < spans.count, spans[cursors[index]].end <= start { cursors[index] += 1 }
                if cursors[index] < spans.count, spans[cursors[index]].start <= start {
                    scheduled = (spans[cursors[index]].person, schedule.layers[index].name)
                    break
                }
            }
            let substitution = applying.first { candidate in
                candidate.contains(start) && (candidate.covers == nil || candidate.covers == scheduled?.person)
            }
            let piece: Shift
            if let substitution {
                piece = Shift(
                    schedule: schedule.name, person: substitution.substitute, start: start, end: end,
                    layer: scheduled?.layer, substitution: substitution.id, covers: scheduled?.person)
            } else if let scheduled {
                piece = Shift(
                    schedule: schedule.name, person: scheduled.person, start: start, end: end, layer: scheduled.layer)
            } else {
                continue
            }
            if let last = shifts.last, last.isContinued(by: piece) {
                shifts[shifts.count - 1].end = end
            } else {
                shifts.append(piece)
            }
        }
        return shifts
    }

    /// The stretches of `from..<to` in which nobody is on call for `schedule` by its layers alone (substitutions
    /// come and go at run time), in time order: a page to the schedule's person would reach nobody then.
    public static func gaps(of schedule: OnCallSchedule, from: Date, to: Date) -> [Range<Date>] {
        var gaps: [Range<Date>] = []
        var cursor = from
        for shift in shifts(of: schedule, from: from, to: to, substitutions: []) {
            if shift.start > cursor { gaps.append(cursor..<shift.start) }
            cursor = max(cursor, shift.end)
        }
        if cursor < min(to, from + maximumPeriod) { gaps.append(cursor..<min(to, from + maximumPeriod)) }
        return gaps
    }

    /// How far around an instant ``shift(of:at:substitutions:)`` looks for the edges of the shift holding it.
    public static let lookaround: TimeInterval = 60 * 86_400

    /// The shift holding `instant`, with its edges found up to ``lookaround`` before and after; `nil` when nobody
    /// is on call then.
    public static func shift(of schedule: OnCallSchedule, at instant: Date, substitutions: [Substitution]) -> Shift? {
        onCall(of: schedule, at: instant, substitutions: substitutions)?.shift
    }

    /// The shift holding `instant` and how long its person is on call without a break around it (across layer
    /// changes and substitutions: a person on call through the night and then in the office layer is on call from
    /// the evening to the office's end), each found up to ``lookaround`` before and after; `since` or `until` is
    /// `nil` when the stretch goes beyond that (a one-person rotation has no hand-off in sight).
    public static func onCall(of schedule: OnCallSchedule, at instant: Date, substitutions: [Substitution])
        -> (shift: Shift, since: Date?, until: Date?)?
    {
        let from = instant - lookaround
        let to = instant + lookaround
        let around = shifts(of: schedule, from: from, to: to, substitutions: substitutions)
        guard let index = around.firstIndex(where: { $0.contains(instant) }) else { return nil }
        let shift = around[index]
        var first = index
        while first > 0, around[first - 1].person == shift.person, around[first - 1].end == around[first].start {
            first -= 1
        }
        var last = index
        while last + 1 < around.count, around[last + 1].person == shift.person,
            around[last + 1].start == around[last].end
        {
            last += 1
        }
        let since = around[first].start
        let until = around[last].end
        return (shift, since > from ? since : nil, until < to ? until : nil)
    }
}
