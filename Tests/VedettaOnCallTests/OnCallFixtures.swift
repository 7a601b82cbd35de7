import Foundation
import VedettaCore
import VedettaMaintenance
import VedettaOnCall

/// Zones, times and rosters shared by the on-call tests.
enum OnCallFixtures {
    static let rome = TimeZone(identifier: "Europe/Rome")!
    static let newYork = TimeZone(identifier: "America/New_York")!

    /// An instant from ISO 8601 with an offset or `Z`.
    static func utc(_ text: String) -> Date {
        guard let date = Date.parseISO8601(text) else { preconditionFailure("bad ISO 8601 \(text) in a test") }
        return date
    }

    /// A wall-clock time.
    static func local(_ text: String) -> LocalDateTime {
        guard let time = LocalDateTime.parse(text) else { preconditionFailure("bad local time \(text) in a test") }
        return time
    }

    /// A wall-clock time in Rome as an instant.
    static func rome(_ text: String) -> Date { local(text).instant(in: rome) }

    /// Four people in the `noc` layers, and paolo, in none.
    static let people = ["marco", "giulia", "luca", "anna", "paolo"].map { name in
        Person(
            name: name, fullName: name.capitalized, zone: rome,
            contacts: ContactMethods(email: "\(name)@example.it", phone: "+3933312345\(name.count)"))
    }

    /// Base: a weekly round-the-clock rotation marco, giulia from Monday 30 November 2026 08:00. Over it, when
    /// `office` is set: a daily rotation luca, anna on weekdays 09:00–18:00.
    static func noc(office: Bool = true, since start: String = "2026-11-30T08:00") -> OnCallSchedule {
        var layers = [
            RotationLayer(
                name: "round-the-clock", start: local(start), length: .weekly,
                participants: ["marco", "giulia"])
        ]
        if office {
            layers.append(
                RotationLayer(
                    name: "office", start: local(start), length: .daily, participants: ["luca", "anna"],
                    restrictions: [restriction([.monday, .tuesday, .wednesday, .thursday, .friday], "09:00", "18:00")]))
        }
        return OnCallSchedule(name: "noc", description: "Network operations", zone: rome, layers: layers)
    }

    static func restriction(_ days: Set<Weekday>, _ from: String, _ to: String) -> TimeRestriction {
        guard let fromMinute = TimeRestriction.minute(of: from), let toMinute = TimeRestriction.minute(of: to),
            let restriction = TimeRestriction(days: days, fromMinute: fromMinute, toMinute: toMinute)
        else { preconditionFailure("bad restriction in a test") }
        return restriction
    }

    static func substitution(
        _ id: Int64, _ substitute: String, covers: String?, from: String, to: String, schedule: String = "noc"
    ) -> Substitution {
        Substitution(
            id: id, schedule: schedule, substitute: substitute, covers: covers, start: rome(from), end: rome(to),
            reason: "test", createdBy: "test", createdAt: rome("2026-11-01T00:00"))
    }

    /// `person local-start local-end` per shift, on Rome's clock, for compact expectations.
    static func lines(_ shifts: [Shift]) -> [String] {
        shifts.map { "\($0.person) \(LocalDateTime($0.start, in: rome)) \(LocalDateTime($0.end, in: rome))" }
    }
}
