import Foundation
import Testing
import VedettaCore
import VedettaMaintenance

@Suite("MaintenanceCalendar and ActiveMaintenance")
struct ActiveMaintenanceTests {
    private let noon = MaintenanceFixtures.noon

    private func window(_ id: Int64, _ match: String, start: String = "2026-12-05T13:00", duration: String = "1h")
        throws -> MaintenanceWindow
    {
        MaintenanceWindow(
            id: id, definition: try MaintenanceFixtures.definition(match: match, start: start, duration: duration),
            createdBy: "alice", createdAt: noon, updatedAt: noon)
    }

    @Test("an alert matches the lowest-numbered window in progress whose every matcher holds")
    func matching() throws {
        let calendar = MaintenanceCalendar(windows: [
            try window(7, "site=\"milano\", role=~\"switch|router\""),
            try window(3, "device=\"core-sw-1\""),
            try window(5, "alertname=\"InterfaceDown\""),
            try window(9, "role=~\"pbx|ivr\""),
            try window(11, "device=\"edge-1\"", start: "2026-12-05T20:00"),
        ])
        let active = calendar.active(at: noon + 60)  // 13:01 in Rome
        #expect(active.windows.map(\.window.id) == [3, 5, 7, 9])
        let switchInMilano: LabelSet = ["device": "core-sw-1", "site": "milano", "role": "switch"]
        #expect(active.window(matching: switchInMilano)?.window.id == 3)
        #expect(active.window(matching: ["device": "sw-9", "site": "milano", "role": "router"])?.window.id == 7)
        #expect(active.window(matching: ["device": "sw-9", "site": "roma", "role": "router"]) == nil)
        #expect(active.window(matching: ["device": "pbx-1", "role": "pbx"])?.window.id == 9)
        #expect(active.window(matching: ["device": "x", "alertname": "InterfaceDown"])?.window.id == 5)
        #expect(active.window(matching: ["device": "edge-1"]) == nil, "window 11 starts at 20:00")
    }

    @Test("the snapshot holds until the next window starts or ends")
    func validity() throws {
        let calendar = MaintenanceCalendar(windows: [
            try window(1, "device=\"a\"", start: "2026-12-05T13:00", duration: "1h"),
            try window(2, "device=\"b\"", start: "2026-12-05T13:30", duration: "1h"),
        ])
        let first = calendar.active(at: noon)  // 13:00 Rome: window 1 starts now
        #expect(first.windows.map(\.window.id) == [1])
        #expect(first.validUntil == noon + 1800)
        #expect(first.holds(at: noon + 1799) && !first.holds(at: noon + 1800))
        let second = calendar.active(at: noon + 1800)
        #expect(second.windows.map(\.window.id) == [1, 2])
        #expect(second.validUntil == noon + 3600)
        #expect(calendar.active(at: noon + 3600).windows.map(\.window.id) == [2])
        #expect(calendar.active(at: noon + 5400).windows.isEmpty)
    }

    @Test("an extended occurrence stays active until its new end; one ended early is over")
    func adjusted() throws {
        var extended = try window(1, "device=\"a\"", start: "2026-12-05T13:00", duration: "1h")
        extended.adjustments = [OccurrenceAdjustment(occurrenceStart: noon, end: noon + 5400)]
        var ended = try window(2, "device=\"b\"", start: "2026-12-05T13:00", duration: "1h")
        ended.adjustments = [OccurrenceAdjustment(occurrenceStart: noon, end: noon + 600)]
        let calendar = MaintenanceCalendar(windows: [extended, ended])
        let atFive = calendar.active(at: noon + 300)
        #expect(atFive.windows.map(\.window.id) == [1, 2])
        #expect(atFive.validUntil == noon + 600)
        let afterHour = calendar.active(at: noon + 3700)
        #expect(afterHour.windows.map(\.window.id) == [1])
        #expect(afterHour.windows.first?.occurrence.end == noon + 5400)
        #expect(afterHour.validUntil == noon + 5400)
        #expect(calendar.active(at: noon + 5400).windows.isEmpty)
    }

    @Test("matching 10,000 alerts against 500 windows is a label lookup each", .timeLimit(.minutes(1)))
    func manyWindows() throws {
        var windows: [MaintenanceWindow] = []
        for index in 0..<500 {
            let match = index % 5 == 0 ? "role=~\"r\(index)|x\"" : "device=\"dev-\(index)\""
            windows.append(try window(Int64(index + 1), match))
        }
        let active = MaintenanceCalendar(windows: windows).active(at: noon + 60)
        var matched = 0
        for index in 0..<10_000 {
            let labels: LabelSet = ["device": "dev-\(index % 1000)", "role": "r\(index % 1000)", "alertname": "Down"]
            if active.window(matching: labels) != nil { matched += 1 }
        }
        // Devices 1-4, 6-9, … of the first 500 match their window; devices 0, 5, … match through their role.
        #expect(matched == 5000)
    }
}
