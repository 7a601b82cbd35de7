import Foundation
import Testing
import VedettaCore
import VedettaMaintenance
import VedettaStoreSQLite

@Suite("MaintenancePlanner: what the CLI and the API may do")
struct MaintenancePlannerTests {
    private let noon = MaintenanceFixtures.noon

    private func planner() throws -> MaintenancePlanner {
        MaintenancePlanner(store: try SQLiteIncidentStore.inMemory(), defaultZone: MaintenanceFixtures.rome)
    }

    private static let valid = MaintenanceRequest(
        match: "device=\"core-sw-1\"", start: "2026-12-05T22:00", duration: "2h", reason: "firmware upgrade",
        by: "alice")

    /// A field of a request, for table-driven tests.
    enum Field: String, Sendable, CaseIterable {
        case match, start, duration, timeZone, reason, by

        func set(_ value: String?, in request: inout MaintenanceRequest) {
            switch self {
            case .match: request.match = value
            case .start: request.start = value
            case .duration: request.duration = value
            case .timeZone: request.timeZone = value
            case .reason: request.reason = value
            case .by: request.by = value
            }
        }
    }

    @Test(
        "every missing or wrong field is refused, naming it",
        arguments: [
            (Field.match, nil, "match", "required: label matchers such as device=\"core-sw-1\""),
            (
                .match, "device=core", "match",
                "expected a quoted string after \"device=\" but found \"core\" (at character 8)"
            ),
            (.start, nil, "start", "required: the first start, local time such as 2026-12-05T22:00, or now"),
            (
                .start, "5 Dec 22:00", "start",
                "\"5 Dec 22:00\" is not a local date and time; write it as 2026-12-05T22:00"
            ),
            (.duration, nil, "duration", "required: how long each occurrence lasts, e.g. 2h (or give end)"),
            (.duration, "two hours", "duration", "\"two hours\" is not a duration; write it as 2h, 90m or 1h30m"),
            (
                .timeZone, "Europe/Milano", "time_zone",
                "unknown time zone \"Europe/Milano\"; use an IANA name such as Europe/Rome or UTC"
            ),
            (.reason, nil, "reason", "required: why, e.g. \"firmware upgrade, CHG-1234\""),
            (.by, nil, "by", "required: who makes the change"),
        ] as [(Field, String?, String, String)])
    func invalidFields(field: Field, value: String?, name: String, message: String) async throws {
        var request = Self.valid
        field.set(value, in: &request)
        let error = await #expect(throws: MaintenanceError.self) { try await planner().add(request, at: noon) }
        #expect(error?.code == .invalid)
        #expect(error?.field == name)
        #expect(error?.message == message)
    }

    @Test("schedule mistakes are refused against their field: end before start, both end and duration, a bad rule")
    func scheduleMistakes() async throws {
        let planner = try planner()
        var request = Self.valid
        request.duration = nil
        request.end = "2026-12-05T21:00"
        var error = await #expect(throws: MaintenanceError.self) { try await planner.add(request, at: noon) }
        #expect(error?.description == "end: the end 2026-12-05T21:00 is not after the start 2026-12-05T22:00")
        request.duration = "1h"
        error = await #expect(throws: MaintenanceError.self) { try await planner.add(request, at: noon) }
        #expect(error?.description == "end: give end or duration, not both")
        request = Self.valid
        request.rrule = "FREQ=WEEKLY;BYDAY=XX"
        error = await #expect(throws: MaintenanceError.self) { try await planner.add(request, at: noon) }
        #expect(error?.field == "rrule")
        #expect(error?.message.hasPrefix("BYDAY: \"XX\" is not a weekday") == true)
        request = Self.valid
        request.match = ""
        error = await #expect(throws: MaintenanceError.self) { try await planner.add(request, at: noon) }
        #expect(error?.field == "match")
    }

    @Test("end stops the occurrence in progress; a window not in progress cannot be ended")
    func endEarly() async throws {
        let planner = try planner()
        let window = try await planner.add(Self.valid, at: noon)
        let notYet = await #expect(throws: MaintenanceError.self) {
            try await planner.end(id: window.id, by: "bob", at: noon)
        }
        #expect(notYet?.code == .conflict)
        let start = try #require(window.nextOccurrence(after: noon)).start
        let during = start + 30 * 60
        let ended = try await planner.end(id: window.id, by: "bob", at: during)
        #expect(ended.occurrence(containing: during) == nil)
        #expect(ended.state(at: during) == .over)
        let (_, audit) = try await planner.window(id: window.id)
        #expect(audit.last?.action == .ended)
        #expect(audit.last?.detail == "ended at 2026-12-05T22:30 Europe/Rome, 1h30m early")
    }

    @Test("extend moves the end of the occurrence in progress, or of the next one")
    func extend() async throws {
        let planner = try planner()
        let window = try await planner.add(Self.valid, at: noon)
        let planned = try #require(window.nextOccurrence(after: noon))
        let later = try await planner.extend(id: window.id, by: .seconds(1800), who: "bob", at: noon)
        #expect(later.nextOccurrence(after: noon)?.end == planned.end + 1800)
        let during = planned.start + 60
        let again = try await planner.extend(id: window.id, by: .seconds(1800), who: "bob", at: during)
        #expect(again.occurrence(containing: during)?.end == planned.end + 3600)
        #expect(again.occurrence(containing: planned.end + 3599) != nil)
        #expect(again.occurrence(containing: planned.end + 3600) == nil)
        let over = await #expect(throws: MaintenanceError.self) {
            try await planner.extend(id: window.id, by: .seconds(60), who: "bob", at: planned.end + 7200)
        }
        #expect(over?.code == .conflict)
    }

    @Test("an extension that would make the occurrence last more than 31 days is refused, naming the duration")
    func extendBeyondTheLongestWindow() async throws {
        let planner = try planner()
        let window = try await planner.add(Self.valid, at: noon)
        let refused = await #expect(throws: MaintenanceError.self) {
            try await planner.extend(id: window.id, by: .seconds(31 * 86_400), who: "bob", at: noon)
        }
        #expect(refused?.code == .invalid)
        #expect(refused?.field == "duration")
        let (_, audit) = try await planner.window(id: window.id)
        #expect(audit.allSatisfy { $0.action != .extended }, "nothing stored")
    }

    @Test("edit changes only the fields given and audits the difference; no change, no entry")
    func edit() async throws {
        let planner = try planner()
        let window = try await planner.add(Self.valid, at: noon)
        let edited = try await planner.edit(
            id: window.id, MaintenanceRequest(start: "2026-12-05T23:00", rrule: "FREQ=WEEKLY", by: "bob"), at: noon)
        #expect(edited.definition.schedule.start.description == "2026-12-05T23:00")
        #expect(edited.definition.schedule.duration == .seconds(7200))
        #expect(edited.definition.scope == window.definition.scope)
        #expect(edited.definition.schedule.recurrence?.description == "FREQ=WEEKLY")
        _ = try await planner.edit(id: window.id, MaintenanceRequest(by: "bob"), at: noon)
        let oneOff = try await planner.edit(id: window.id, MaintenanceRequest(rrule: "", by: "bob"), at: noon)
        #expect(oneOff.definition.schedule.recurrence == nil)
        let (_, audit) = try await planner.window(id: window.id)
        #expect(audit.map(\.action) == [.created, .edited, .edited])
        #expect(audit[1].detail == "start: 2026-12-05T22:00 → 2026-12-05T23:00; rrule: none → FREQ=WEEKLY")
    }

    @Test("windows from files are edited and deleted in their files, but may be ended or extended here")
    func windowsFromFilesAreReadOnly() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let planner = MaintenancePlanner(store: store, defaultZone: MaintenanceFixtures.rome)
        let draft = MaintenanceFixtures.draft(
            try MaintenanceFixtures.definition(), name: "core-upgrade", file: "maintenance/core.yaml")
        _ = try await store.syncConfiguredMaintenance([draft], at: noon)
        let window = try #require(try await store.maintenanceWindows().first)
        let edit = await #expect(throws: MaintenanceError.self) {
            try await planner.edit(id: window.id, MaintenanceRequest(reason: "x", by: "bob"), at: noon)
        }
        #expect(edit?.code == .readOnly)
        #expect(edit?.message.contains("is defined in maintenance/core.yaml; edit it there") == true)
        let delete = await #expect(throws: MaintenanceError.self) {
            try await planner.delete(id: window.id, by: "bob", at: noon)
        }
        #expect(delete?.code == .readOnly)
        _ = try await planner.extend(id: window.id, by: .seconds(600), who: "bob", at: noon)
    }

    @Test("an unknown or deleted window is not found; listing filters by state")
    func notFoundAndStates() async throws {
        let planner = try planner()
        let missing = await #expect(throws: MaintenanceError.self) { try await planner.end(id: 42, by: "x", at: noon) }
        #expect(missing?.code == .notFound)
        var nowRequest = Self.valid
        nowRequest.start = "now"
        let active = try await planner.add(nowRequest, at: noon)
        let upcoming = try await planner.add(Self.valid, at: noon)
        #expect(try await planner.windows(.active, at: noon + 60).map(\.id) == [active.id])
        #expect(try await planner.windows(.upcoming, at: noon + 60).map(\.id) == [upcoming.id])
        _ = try await planner.delete(id: upcoming.id, by: "bob", at: noon)
        let deleted = await #expect(throws: MaintenanceError.self) {
            try await planner.extend(id: upcoming.id, by: .seconds(60), who: "x", at: noon)
        }
        #expect(deleted?.code == .notFound)
        #expect(try await planner.windows(nil, at: noon).map(\.id) == [active.id])
    }
}
