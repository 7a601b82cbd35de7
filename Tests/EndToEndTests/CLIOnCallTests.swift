import Foundation
import Testing
import VedettaTestSupport

/// `vedetta oncall` as the team uses it: the real binary on the repository's example team (`oncall/noc.yaml`),
/// on a database created by a real agent, with the running agent seeing a substitution the CLI stores.
@Suite("vedetta oncall, on the example team and an agent's database", .serialized)
struct CLIOnCallTests {
    /// A configuration without devices, with the repository's `oncall/`, and a running agent on its database.
    private static func lab() async throws -> (config: URL, agent: AgentProcess) {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-oncall-cli")
        let config = directory.appendingPathComponent("vedetta.yaml")
        try """
        agent:
          time_zone: Europe/Rome
        oncall_dir: \(RepositoryPaths.root.appendingPathComponent("oncall").path)
        devices: []
        """.write(to: config, atomically: true, encoding: .utf8)
        let agent = try await AgentProcess(configFile: config, dataDirectory: directory.appendingPathComponent("data"))
        return (config, agent)
    }

    private static func run(_ config: URL, _ arguments: [String]) throws -> ToolRunner.Output {
        try ToolRunner.vedetta(["oncall"] + arguments + ["--config", config.path])
    }

    private static func json(_ output: ToolRunner.Output) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))
    }

    @Test("who and shifts follow the layers; a substitution from the CLI is seen by the running agent at once")
    func substitutionSeenByTheAgent() async throws {
        let (config, agent) = try await Self.lab()
        defer { _ = agent.stop() }
        // Thursday 3 December 2026, 22:00 in Rome: shift 47 of the weekly layer (from 5 January) is luca's; the
        // office-hours layer's day 332 is anna's.
        let who = try Self.run(config, ["who", "--schedule", "noc", "--at", "2026-12-03T22:00"])
        #expect(who.status == 0, "\(who.standardError)")
        #expect(
            who.standardOutput == "noc: Luca Esposito (luca) until 2026-12-07T08:00 Europe/Rome  [round-the-clock]\n")

        let shifts = try Self.run(
            config, ["shifts", "--schedule", "noc", "--from", "2026-12-03T00:00", "--to", "2026-12-04T00:00"])
        #expect(
            shifts.standardOutput.split(separator: "\n").map(String.init) == [
                "2026-12-03T00:00 → 2026-12-03T08:00 Europe/Rome  noc  Luca Esposito (luca)  [round-the-clock]",
                "2026-12-03T08:00 → 2026-12-03T18:00 Europe/Rome  noc  Anna Ferrari (anna)  [office-hours]",
                "2026-12-03T18:00 → 2026-12-04T00:00 Europe/Rome  noc  Luca Esposito (luca)  [round-the-clock]",
            ])

        let start = "2026-12-04T20:00"
        let added = try Self.run(
            config,
            [
                "substitutions", "add", "--schedule", "noc", "--substitute", "giulia", "--covers", "luca", "--start",
                start, "--duration", "87600h", "--reason", "sick leave", "--by", "paolo", "--json",
            ])
        // 87,600 hours is ten years: refused, with the field named.
        #expect(added.status == 1)
        #expect(added.standardError.contains("vedetta oncall substitutions add: end: a substitution may last at most"))

        let stored = try Self.run(
            config,
            [
                "substitutions", "add", "--schedule", "noc", "--substitute", "giulia", "--covers", "luca", "--start",
                "now", "--duration", "48h", "--reason", "sick leave", "--by", "paolo", "--json",
            ])
        #expect(stored.status == 0, "\(stored.standardError)")
        let substitution = try #require(try Self.json(stored) as? [String: Any])
        let id = try #require(substitution["id"] as? Int64)

        // The agent reads substitutions from the database on every question: no reload, no restart.
        let answers = try #require(
            try JSONSerialization.jsonObject(with: Data(try agent.get("/api/v1/oncall/substitutions").utf8))
                as? [[String: Any]])
        #expect(answers.map { $0["id"] as? Int64 } == [id])

        let shown = try Self.run(config, ["substitutions", "show", "\(id)"])
        #expect(shown.standardOutput.contains("created by paolo: giulia covers luca on noc from "))
        let removed = try Self.run(config, ["substitutions", "remove", "\(id)", "--by", "anna"])
        #expect(removed.status == 0, "\(removed.standardError)")
        let audit = try Self.run(config, ["substitutions", "show", "\(id)", "--json"])
        let detail = try #require(try Self.json(audit) as? [String: Any])
        #expect((detail["audit"] as? [[String: Any]])?.map { $0["by"] as? String } == ["paolo", "anna"])
        #expect(try Self.run(config, ["substitutions", "list"]).standardOutput == "No substitutions.\n")
    }

    @Test("mistakes name what is wrong and exit 1; the feed is iCalendar")
    func refusalsAndFeed() async throws {
        let (config, agent) = try await Self.lab()
        defer { _ = agent.stop() }
        let cases: [([String], String)] = [
            (["who", "--schedule", "crm"], "vedetta oncall who: schedule: no schedule \"crm\"; known: noc, team-lead"),
            (
                [
                    "substitutions", "add", "--schedule", "noc", "--substitute", "giulia", "--covers", "paolo",
                    "--start",
                    "now", "--duration", "1h", "--reason", "x",
                ],
                "covers: paolo takes no shift in noc"
            ),
            (["shifts", "--person", "mario"], "vedetta oncall shifts: person: no person \"mario\""),
        ]
        for (arguments, message) in cases {
            let result = try Self.run(config, arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardError.contains(message), "\(result.standardError)")
        }
        let feed = try Self.run(config, ["feed", "--person", "paolo"])
        #expect(feed.status == 0)
        #expect(feed.standardOutput.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(feed.standardOutput.contains("X-WR-CALNAME:On call: Paolo Romano\r\n"))
        #expect(!feed.standardOutput.contains("@example.it"))
    }
}
