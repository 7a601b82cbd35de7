import Foundation
import Testing
import VedettaTestSupport

/// `vedetta incidents` against a log written by a real agent: acknowledgements say who was first, and a mistyped
/// data directory is an error, never an empty log.
@Suite("vedetta incidents, on an agent's log", .serialized)
struct CLIIncidentLogTests {
    private static func deadDeviceLab() throws -> DeadDeviceLab {
        try DeadDeviceLab(prefix: "vedetta-incidents")
    }

    @Test("a second acknowledgement by someone else says who acknowledged first and when, and exits 1")
    func secondAcknowledgementTellsTheTruth() async throws {
        let lab = try Self.deadDeviceLab()
        let agent = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)
        let deadline = ContinuousClock.now + .seconds(60)
        var listed = ""
        while ContinuousClock.now < deadline {
            listed = try ToolRunner.vedetta(["incidents", "list", "--data", lab.data.path, "--json"]).standardOutput
            if listed.contains("\"id\" : 1") { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        try #require(listed.contains("\"id\" : 1"), "no incident opened:\n\(agent.output)")

        let alice = try ToolRunner.vedetta(["incidents", "ack", "1", "--by", "alice", "--data", lab.data.path])
        #expect(alice.status == 0)
        #expect(alice.standardOutput.hasPrefix("incident 1 acknowledged by alice at "))

        let bob = try ToolRunner.vedetta(["incidents", "ack", "1", "--by", "bob", "--data", lab.data.path])
        #expect(bob.status == 1)
        #expect(bob.standardOutput.isEmpty)
        #expect(bob.standardError.contains("incident 1 was already acknowledged by alice at "))
        #expect(bob.standardError.contains("bob's acknowledgement was not recorded"))

        let aliceAgain = try ToolRunner.vedetta(["incidents", "ack", "1", "--by", "alice", "--data", lab.data.path])
        #expect(aliceAgain.status == 0)
        #expect(aliceAgain.standardOutput.contains("was already acknowledged by alice at "))

        let json = try ToolRunner.vedetta(["incidents", "list", "--data", lab.data.path, "--json"]).standardOutput
        #expect(json.contains("\"acknowledged_by\" : \"alice\""))
        #expect(!json.contains("bob"))

        // The API filters by the documented states, acknowledged included, and bounds its limit.
        func ids(_ path: String) throws -> [Int64] {
            let array = try JSONSerialization.jsonObject(with: Data(agent.get(path).utf8)) as? [[String: Any]]
            return (array ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value }
        }
        #expect(try ids("/api/v1/incidents?state=acknowledged") == [1])
        #expect(try ids("/api/v1/incidents?state=unacknowledged").isEmpty)
        #expect(try ids("/api/v1/incidents?state=open") == [1])
        let cli = try ToolRunner.vedetta(["incidents", "list", "--state", "acknowledged", "--data", lab.data.path])
        #expect(cli.standardOutput.contains("acknowledged"))
        for bad in ["/api/v1/incidents?state=bogus", "/api/v1/incidents?limit=1001", "/api/v1/incidents?limit=0"] {
            #expect(throws: FixtureError.self, "\(bad)") { try agent.get(bad) }
        }
        #expect(agent.stop() == 0)
    }

    @Test("list and ack on a data directory without a database name the path, exit 1 and create nothing")
    func mistypedDataDirectory() throws {
        let parent = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-typo")
        let typo = parent.appendingPathComponent("typo")
        for arguments in [["incidents", "list"], ["incidents", "ack", "1", "--by", "alice"]] {
            let result = try ToolRunner.vedetta(arguments + ["--data", typo.path])
            #expect(result.status == 1)
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.contains("no incident database at \(typo.path)/vedetta.sqlite"))
            #expect(!FileManager.default.fileExists(atPath: typo.path), "\(arguments) created \(typo.path)")
        }
    }

    @Test("list on the log of an agent that has recorded nothing says so")
    func emptyLogOfAnAgent() async throws {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-empty")
        let config = directory.appendingPathComponent("vedetta.yaml")
        try "devices: []\n".write(to: config, atomically: true, encoding: .utf8)
        let data = directory.appendingPathComponent("data")
        let agent = try await AgentProcess(configFile: config, dataDirectory: data)
        let result = try ToolRunner.vedetta(["incidents", "list", "--data", data.path])
        #expect(result.status == 0)
        #expect(result.standardOutput == "no incidents\n")
        #expect(agent.stop() == 0)
    }
}
