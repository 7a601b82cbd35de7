public import Foundation
public import VedettaCore
import VedettaMaintenance

/// What people ask of on-call: who is on call, the shifts of a schedule or a person, and substitutions, with
/// every request checked against the roster before anything is stored.
///
/// The CLI opens it on the agent's database, the API on the running agent's; both see the same substitutions.
public struct OnCallDesk: Sendable {
    /// The people and schedules of the configuration (the latest, after a reload).
    public var roster: OnCallRoster { liveRoster.value }
    /// Where the roster is read: the agent's reload replaces it there.
    private let liveRoster: LiveValue<OnCallRoster>
    /// Where substitutions are kept.
    public let store: any SubstitutionStore
    /// The clock of times that name no schedule or person (`agent.time_zone`).
    public let defaultZone: TimeZone

    /// The longest substitution: 366 days.
    public static let maximumSubstitution: TimeInterval = 366 * 86_400

    /// Creates a desk.
    /// - Parameters:
    ///   - roster: The people and schedules.
    ///   - store: Where substitutions are kept.
    ///   - defaultZone: The clock of times that name no schedule or person (`agent.time_zone`).
    public init(roster: OnCallRoster, store: any SubstitutionStore, defaultZone: TimeZone = .gmt) {
        self.init(liveRoster: LiveValue(roster), store: store, defaultZone: defaultZone)
    }

    /// Creates a desk whose roster follows `liveRoster`, which a configuration reload replaces.
    /// - Parameters:
    ///   - liveRoster: The people and schedules, as the latest configuration has them.
    ///   - store: Where substitutions are kept.
    ///   - defaultZone: The clock of times that name no schedule or person (`agent.time_zone`).
    public init(liveRoster: LiveValue<OnCallRoster>, store: any SubstitutionStore, defaultZone: TimeZone = .gmt) {
        self.liveRoster = liveRoster
        self.store = store
        self.defaultZone = defaultZone
    }

    /// The clock times about `schedule` (or, when `nil`, about everything) are read on.
    public func zone(ofSchedule name: String?) -> TimeZone {
        name.flatMap { roster.schedule($0)?.zone } ?? defaultZone
    }

    /// The schedule named `name`.
    /// - Throws: ``OnCallError`` `notFound` (field `schedule`) naming the schedules there are.
    public func schedule(named name: String) throws(OnCallError) -> OnCallSchedule {
        guard let schedule = roster.schedule(name) else {
            let known = roster.schedules.map(\.name)
            let hint =
                known.isEmpty ? "no schedule is configured (oncall/*.yaml)" : "known: \(known.joined(separator: ", "))"
            throw OnCallError(.notFound, field: "schedule", "no schedule \"\(name)\"; \(hint)")
        }
        return schedule
    }

    /// The person with short name `name`.
    /// - Throws: ``OnCallError`` `notFound` (field `field`).
    public func person(named name: String, field: String = "person") throws(OnCallError) -> Person {
        guard let person = roster.person(name) else {
            throw OnCallError(.notFound, field: field, "no person \"\(name)\" in oncall/*.yaml")
        }
        return person
    }

    /// Who is on call at `instant`: for schedule `name`, or for every schedule (in file order) when `nil`.
    /// - Throws: ``OnCallError`` for an unknown schedule or an unreadable store.
    public func onCall(schedule name: String?, at instant: Date) async throws(OnCallError) -> [OnCallNow] {
        let schedules = try name.map { name throws(OnCallError) in [try schedule(named: name)] } ?? roster.schedules
        let substitutions = try await stored(
            schedule: name, from: instant - ShiftResolver.lookaround, to: instant + ShiftResolver.lookaround)
        return schedules.map { schedule in
            guard let found = ShiftResolver.onCall(of: schedule, at: instant, substitutions: substitutions) else {
                return OnCallNow(schedule: schedule, shift: nil, person: nil, since: nil, until: nil)
            }
            return OnCallNow(
                schedule: schedule, shift: found.shift, person: roster.person(found.shift.person), since: found.since,
                until: found.until)
        }
    }

    /// The final shifts of schedule `name` in `from..<to`.
    /// - Throws: ``OnCallError`` for an unknown schedule, a bad period or an unreadable store.
    public func shifts(schedule name: String, from: Date, to: Date) async throws(OnCallError) -> [Shift] {
        let schedule = try schedule(named: name)
        try Self.checkPeriod(from: from, to: to)
        let substitutions = try await stored(schedule: name, from: from, to: to)
        return ShiftResolver.shifts(of: schedule, from: from, to: to, substitutions: substitutions)
    }

    /// The shifts of person `name` in every schedule in `from..<to`, by start.
    /// - Throws: ``OnCallError`` for an unknown person, a bad period or an unreadable store.
    public func shifts(person name: String, from: Date, to: Date) async throws(OnCallError) -> [Shift] {
        _ = try person(named: name)
        try Self.checkPeriod(from: from, to: to)
        let substitutions = try await stored(schedule: nil, from: from, to: to)
        return roster.schedules.flatMap { schedule in
            ShiftResolver.shifts(of: schedule, from: from, to: to, substitutions: substitutions)
                .filter { $0.person == name }
        }.sorted { ($0.start, $0.schedule) < ($1.start, $1.schedule) }
    }

    /// The substitutions of schedule `name` (all when `nil`) that overlap `from..<to`, by start.
    /// - Throws: ``OnCallError`` for an unknown schedule, a period that ends before it starts, or an unreadable
    ///   store.
    public func substitutions(schedule name: String?, from: Date, to: Date) async throws(OnCallError)
        -> [Substitution]
    {
        if let name { _ = try schedule(named: name) }
        guard from < to else { throw .invalid("to", "the end of the period must come after its start") }
        return try await stored(schedule: name, from: from, to: to)
    }

    /// Substitution `id` with its audit trail.
    /// - Throws: ``OnCallError`` `notFound`, or `unavailable`.
    public func substitution(id: Int64) async throws(OnCallError) -> (Substitution, [SubstitutionAuditEntry]) {
        let found: Substitution?
        let audit: [SubstitutionAuditEntry]
        do {
            found = try await store.substitution(id: id)
            audit = try await store.substitutionAudit(id: id)
        } catch {
            throw Self.refusal(error)
        }
        guard let found else { throw OnCallError(.notFound, field: "id", "no substitution \(id)") }
        return (found, audit)
    }

    /// Checks and stores a substitution, with its audit entry.
    /// - Parameters:
    ///   - request: The fields as given.
    ///   - now: The current time (for `now`, and to refuse a substitution already over).
    /// - Returns: The stored substitution.
    /// - Throws: ``OnCallError`` naming the field at fault, or `unavailable`.
    public func substitute(_ request: SubstitutionRequest, at now: Date) async throws(OnCallError) -> Substitution {
        let draft = try draft(of: request, at: now)
        let zone = try schedule(named: draft.schedule).zone
        let covered = draft.covers.map { "covers \($0)" } ?? "takes every shift"
        let detail =
            "\(draft.substitute) \(covered) on \(draft.schedule) from \(OnCallTime.text(draft.start, in: zone)) "
            + "to \(OnCallTime.text(draft.end, in: zone)): \(draft.reason)"
        do {
            return try await store.createSubstitution(draft, at: now, detail: detail)
        } catch {
            throw Self.refusal(error)
        }
    }

    /// Removes substitution `id`, with its audit entry.
    /// - Throws: ``OnCallError`` `notFound` for an unknown or removed substitution, or `unavailable`.
    public func removeSubstitution(id: Int64, by: String, at now: Date) async throws(OnCallError) -> Substitution {
        guard !by.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalid("by", "say who removes it")
        }
        do {
            return try await store.deleteSubstitution(id: id, by: by, at: now, detail: "removed")
        } catch {
            throw Self.refusal(error)
        }
    }

    /// The draft `request` describes, checked against the roster.
    func draft(of request: SubstitutionRequest, at now: Date) throws(OnCallError) -> SubstitutionDraft {
        let schedule = try schedule(named: try Self.required(request.schedule, "schedule"))
        let substitute = try person(named: try Self.required(request.substitute, "substitute"), field: "substitute")
        var covers: String?
        if let name = Self.given(request.covers) {
            covers = try person(named: name, field: "covers").name
            guard schedule.participants.contains(name) else {
                throw .invalid(
                    "covers", "\(name) takes no shift in \(schedule.name); leave covers out to take every shift")
            }
            guard name != substitute.name else { throw .invalid("covers", "\(name) cannot cover themselves") }
        }
        let startText = try Self.required(request.start, "start")
        guard let start = OnCallTime.instant(startText, in: schedule.zone, now: now) else {
            throw .invalid("start", Self.timeHint(startText))
        }
        let end = try Self.end(of: request, start: start, zone: schedule.zone, now: now)
        guard end > start else { throw .invalid("end", "the end must come after the start") }
        guard end.timeIntervalSince(start) <= Self.maximumSubstitution else {
            throw .invalid("end", "a substitution may last at most 366 days")
        }
        guard end > now else { throw .invalid("end", "the substitution would already be over") }
        let reason = try Self.required(request.reason, "reason")
        let by = try Self.required(request.by, "by")
        return SubstitutionDraft(
            schedule: schedule.name, substitute: substitute.name, covers: covers, start: start, end: end,
            reason: reason, createdBy: by)
    }

    private static func end(of request: SubstitutionRequest, start: Date, zone: TimeZone, now: Date)
        throws(OnCallError) -> Date
    {
        switch (given(request.end), given(request.duration)) {
        case (.some, .some): throw .invalid("end", "give end or duration, not both")
        case (nil, nil): throw .invalid("end", "give end (e.g. 2026-12-09T08:00) or duration (e.g. 48h)")
        case (let text?, nil):
            guard let end = OnCallTime.instant(text, in: zone, now: now) else { throw .invalid("end", timeHint(text)) }
            return end
        case (nil, let text?):
            guard let duration = Duration.parse(text), duration > .zero else {
                throw .invalid("duration", "invalid duration \"\(text)\"; use e.g. 8h, 48h, 2h30m")
            }
            return start + Double(duration.components.seconds)
        }
    }

    private func stored(schedule: String?, from: Date, to: Date) async throws(OnCallError) -> [Substitution] {
        do {
            return try await store.substitutions(schedule: schedule, endingAfter: from, startingBefore: to)
        } catch {
            throw Self.refusal(error)
        }
    }

    private static func checkPeriod(from: Date, to: Date) throws(OnCallError) {
        guard from < to else { throw .invalid("to", "the end of the period must come after its start") }
        guard to.timeIntervalSince(from) <= ShiftResolver.maximumPeriod else {
            throw .invalid("to", "ask about at most 400 days at a time")
        }
    }

    private static func refusal(_ error: StoreError) -> OnCallError {
        error.code == .notFound
            ? OnCallError(.notFound, error.message) : OnCallError(.unavailable, "the database: \(error)")
    }

    private static func given(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    private static func required(_ text: String?, _ field: String) throws(OnCallError) -> String {
        guard let value = given(text) else { throw .invalid(field, "\(field) is required") }
        return value
    }

    private static func timeHint(_ text: String) -> String {
        "invalid time \"\(text)\"; use now, a local time (2026-12-07T08:00), a date (2026-12-07) or ISO 8601, \(LocalDateTime.typedYearsText)"
    }
}
