import Foundation
import Testing
import VedettaTestSupport

/// `vedetta maintenance` as the team uses it: the real binary on a database created by a real agent, windows from
/// a file applied, every refusal naming its field, every change in the audit trail, and the iCalendar feed.
@Suite("vedetta maintenance, on an agent's database", .serialized)
struct CLIMaintenanceTests {
    /// A configuration without devices, with one standing window in `maintenance/`, whose database exists.
    private static func lab() async throws -> URL {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-maintenance-cli")
        let maintenance = directory.appendingPathComponent("maintenance")
        try FileManager.default.createDirectory(at: maintenance, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("vedetta.yaml")
        try """
        agent:
          time_zone: Europe/Rome
        devices: []
        """.write(to: config, atomically: true, encoding: .utf8)
        try """
        windows:
          - name: pbx-patch-night
            match: 'role=~"pbx|ivr"'
            start: 2026-01-30T22:00
            end: 2026-01-31T02:00
            rrule: FREQ=MONTHLY;BYDAY=-1FR
            reason: Monthly PBX patch night
        """.write(to: maintenance.appendingPathComponent("pbx.yaml"), atomically: true, encoding: .utf8)
        // The agent creates the database on its first run.
        let agent = try await AgentProcess(configFile: config, dataDirectory: directory.appendingPathComponent("data"))
        #expect(agent.stop() == 0)
        return config
    }

    private static func run(_ config: URL, _ arguments: [String]) throws -> ToolRunner.Output {
        try ToolRunner.vedetta(["maintenance"] + arguments + ["--config", config.path])
    }

    private static func json(_ output: ToolRunner.Output) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))
    }

    @Test("every mistake is refused with its field named, exit 1, and nothing is stored")
    func refusals() async throws {
        let config = try await Self.lab()
        let base = ["add", "--match", "device=\"core-sw-1\"", "--start", "2026-12-05T22:00", "--reason", "upgrade"]
        let cases: [([String], String)] = [
            (
                base + ["--duration", "2 hours"],
                "duration: \"2 hours\" is not a duration; write it as 2h, 90m or 1h30m"
            ),
            (base + ["--duration", "2h", "--tz", "Europe/Milano"], "time_zone: unknown time zone \"Europe/Milano\""),
            (
                base + ["--duration", "2h", "--rrule", "FREQ=WEEKLY;BYDAY=SU"],
                "start: the start 2026-12-05T22:00 is a Saturday"
            ),
            (
                base + ["--end", "2026-12-05T21:00"],
                "end: the end 2026-12-05T21:00 is not after the start 2026-12-05T22:00"
            ),
            (
                ["add", "--match", "site=milano", "--start", "now", "--duration", "1h", "--reason", "x"],
                "match: expected a quoted string after \"site=\""
            ),
            (["add", "--start", "now", "--duration", "1h", "--reason", "x"], "match: required"),
        ]
        for (arguments, message) in cases {
            let result = try Self.run(config, arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardError.contains("vedetta maintenance add: \(message)"), "\(result.standardError)")
        }
        let listed = try #require(try Self.json(try Self.run(config, ["list", "--json"])) as? [[String: Any]])
        #expect(listed.map { $0["origin"] as? String } == ["maintenance/pbx.yaml"], "only the window of the file")
    }

    @Test("add, list, edit, extend, end, delete: each shown, each in the audit trail")
    func lifecycle() async throws {
        let config = try await Self.lab()
        let added = try Self.run(
            config,
            [
                "add", "--match", "device=\"core-sw-1\"", "--start", "now", "--duration", "2h", "--reason",
                "firmware upgrade, CHG-1234", "--by", "alice", "--json",
            ])
        #expect(added.status == 0, "\(added.standardError)")
        let window = try #require(try Self.json(added) as? [String: Any])
        let id = try #require((window["id"] as? NSNumber)?.int64Value)
        #expect(window["state"] as? String == "active")
        #expect(window["time_zone"] as? String == "Europe/Rome")

        let table = try Self.run(config, ["list"])
        #expect(table.standardOutput.contains("#\(id)  active"))
        #expect(table.standardOutput.contains("role=~\"pbx|ivr\""))
        #expect(table.standardOutput.contains("FREQ=MONTHLY;BYDAY=-1FR"))
        let active = try #require(
            try Self.json(try Self.run(config, ["list", "--active", "--json"])) as? [[String: Any]])
        #expect(active.compactMap { ($0["id"] as? NSNumber)?.int64Value } == [id])

        #expect(
            try Self.run(config, ["edit", "\(id)", "--reason", "firmware upgrade, CHG-1235", "--by", "bob"]).status == 0
        )
        #expect(try Self.run(config, ["extend", "\(id)", "--by", "30m", "--as", "carol"]).status == 0)
        let ended = try Self.run(config, ["end", "\(id)", "--by", "dave"])
        #expect(ended.status == 0)
        #expect(ended.standardOutput.contains("maintenance #\(id) ended"))
        let again = try Self.run(config, ["end", "\(id)", "--by", "dave"])
        #expect(again.status == 1)
        #expect(again.standardError.contains("maintenance #\(id) is not in progress"))

        let shown = try #require(try Self.json(try Self.run(config, ["show", "\(id)", "--json"])) as? [String: Any])
        let audit = try #require(shown["audit"] as? [[String: Any]])
        #expect(audit.map { $0["action"] as? String } == ["created", "edited", "extended", "ended"])
        #expect(audit.map { $0["by"] as? String } == ["alice", "bob", "carol", "dave"])
        #expect(
            (audit[1]["detail"] as? String)?.contains(
                "reason: \"firmware upgrade, CHG-1234\" → \"firmware upgrade, CHG-1235\"") == true)
        let text = try Self.run(config, ["show", "\(id)"])
        #expect(text.standardOutput.contains("audit"))

        #expect(try Self.run(config, ["delete", "\(id)", "--by", "erin"]).status == 0)
        let gone = try Self.run(config, ["show", "\(id)", "--json"])
        let deleted = try #require(try Self.json(gone) as? [String: Any])
        #expect(((deleted["audit"] as? [[String: Any]])?.last?["action"] as? String) == "deleted")
        #expect(try Self.run(config, ["end", "\(id)"]).standardError.contains("maintenance #\(id) was deleted"))
    }

    @Test("a window from a file is changed in the file: edit and delete are refused, extend is allowed")
    func windowsFromFiles() async throws {
        let config = try await Self.lab()
        let listed = try #require(try Self.json(try Self.run(config, ["list", "--json"])) as? [[String: Any]])
        let id = try #require((listed.first?["id"] as? NSNumber)?.int64Value)
        let edit = try Self.run(config, ["edit", "\(id)", "--reason", "x"])
        #expect(edit.status == 1)
        #expect(edit.standardError.contains("is defined in maintenance/pbx.yaml; edit it there"))
        #expect(try Self.run(config, ["delete", "\(id)"]).status == 1)
        #expect(try Self.run(config, ["extend", "\(id)", "--by", "1h"]).status == 0)
    }

    @Test("the iCalendar feed holds every window with its rule and time zone")
    func feed() async throws {
        let config = try await Self.lab()
        let feed = try Self.run(config, ["ics"])
        #expect(feed.status == 0)
        #expect(feed.standardOutput.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(feed.standardOutput.contains("RRULE:FREQ=MONTHLY;BYDAY=-1FR\r\n"))
        #expect(feed.standardOutput.contains("DTSTART;TZID=Europe/Rome:20260130T220000\r\n"))
        #expect(feed.standardOutput.contains("SUMMARY:Maintenance #1: Monthly PBX patch night\r\n"))
    }
}
