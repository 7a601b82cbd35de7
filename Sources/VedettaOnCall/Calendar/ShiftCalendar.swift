public import Foundation
import VedettaMaintenance

/// The iCalendar feeds of on-call: one per schedule and one per person, so that people see their shifts in the
/// calendar they already use.
public enum ShiftCalendar {
    /// The feeds' `PRODID`.
    public static let productIdentifier = "-//Vedetta//On-call//EN"
    /// How far back a feed goes: 30 days.
    public static let past: TimeInterval = 30 * 86_400
    /// How far ahead a feed goes: 90 days.
    public static let ahead: TimeInterval = 90 * 86_400

    /// The period a feed written at `now` covers.
    public static func period(at now: Date) -> (from: Date, to: Date) { (now - past, now + ahead) }

    /// A feed of `shifts`: one event per shift, titled with the person (schedule feeds) or the schedule (person
    /// feeds), with the layer or the substitution in the description.
    /// - Parameters:
    ///   - shifts: The shifts.
    ///   - calendarName: The feed's name.
    ///   - roster: To show full names.
    ///   - forPerson: Whether the feed is one person's (titles name the schedule).
    ///   - now: The time of writing.
    public static func render(
        _ shifts: [Shift], calendarName: String, roster: OnCallRoster, forPerson: Bool, now: Date
    ) -> String {
        let events = shifts.map { shift in
            let name = roster.person(shift.person)?.fullName ?? shift.person
            let summary = forPerson ? "On call: \(shift.schedule)" : "On call: \(name)"
            var description = "\(name) on call for \(shift.schedule)"
            if let substitution = shift.substitution {
                let covered = shift.covers.map { roster.person($0)?.fullName ?? $0 }
                description += covered.map { ", covering \($0)" } ?? ""
                description += " (substitution \(substitution))"
            } else if let layer = shift.layer {
                description += " (layer \(layer))"
            }
            let uid = "oncall-\(shift.schedule)-\(shift.person)-\(Int(shift.start.timeIntervalSince1970))@vedetta"
            return TimedCalendarEvent(
                uid: uid, summary: summary, description: description, start: shift.start, end: shift.end)
        }
        return ICalendarWriter.render(
            events: events, calendarName: calendarName, productIdentifier: productIdentifier, now: now)
    }
}
