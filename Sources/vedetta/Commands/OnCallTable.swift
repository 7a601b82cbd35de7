import Foundation
import VedettaCore
import VedettaMaintenance
import VedettaOnCall

/// The text forms of on-call answers, for people at a terminal.
enum OnCallTable {
    /// One line per schedule: who, until when, and why (layer or substitution).
    static func who(_ views: [OnCallNowView]) -> String {
        views.map { view in
            guard let shift = view.shift else { return "\(view.schedule): nobody on call\n" }
            let until =
                view.localUntil.map { "until \($0) \(shift.timeZone)" } ?? "with no hand-off in the next 60 days"
            return "\(view.schedule): \(shift.personName) (\(shift.shift.person)) \(until)\(reason(shift))\n"
        }.joined()
    }

    /// One line per shift, on its schedule's clock.
    static func shifts(_ views: [ShiftView]) -> String {
        guard !views.isEmpty else { return "Nobody on call in that period.\n" }
        return views.map { view in
            "\(view.localStart) → \(view.localEnd) \(view.timeZone)  \(view.shift.schedule)  "
                + "\(view.personName) (\(view.shift.person))\(reason(view))\n"
        }.joined()
    }

    /// `giulia covers marco on noc from 2026-12-07T08:00 to 2026-12-09T08:00 Europe/Rome: sick leave (by anna)`.
    static func describe(_ substitution: Substitution, roster: OnCallRoster) -> String {
        let zone = roster.schedule(substitution.schedule)?.zone ?? .gmt
        let covered = substitution.covers.map { "covers \($0)" } ?? "takes every shift"
        return "\(substitution.substitute) \(covered) on \(substitution.schedule) from "
            + "\(LocalDateTime(substitution.start, in: zone)) to \(OnCallTime.text(substitution.end, in: zone)): "
            + "\(substitution.reason) (by \(substitution.createdBy))"
    }

    private static func reason(_ view: ShiftView) -> String {
        if let substitution = view.shift.substitution {
            return "  [substitution \(substitution)" + (view.shift.covers.map { ", covering \($0)" } ?? "") + "]"
        }
        return view.shift.layer.map { "  [\($0)]" } ?? ""
    }
}
