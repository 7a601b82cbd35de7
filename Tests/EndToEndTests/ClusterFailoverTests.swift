import Foundation
import Testing
import VedettaTestSupport

/// Two real agent processes on one real PostgreSQL server: they split the devices by lease, and when one is killed
/// with `kill -9` the other takes its devices over within the lease, carrying its open incident on without paging
/// it again.
@Suite("Two agents on one PostgreSQL, end to end", .serialized)
struct ClusterFailoverTests {
    /// Five devices answering on `live`, and `pbx-down` on `outage`, which the test stops and starts.
    static func configuration(
        agent: String, database: String, cluster: PostgresClusterFixture, live: SNMPSimFixture,
        outage: SNMPSimFixture, webhookURL: String, directory: URL
    ) throws -> URL {
        let passwordFile = directory.appendingPathComponent("postgres.password")
        try "\(PostgresClusterFixture.password)\n".write(to: passwordFile, atomically: true, encoding: .utf8)
        let devices = (1...5).map { index in
            """
              - name: sw-\(index)
                snmp: {address: 127.0.0.1:\(live.port), community: recorded/linux-full-walk, retries: 0, profiles: [system]}
            """
        }.joined(separator: "\n")
        let file = directory.appendingPathComponent("\(agent).yaml")
        try """
        agent:
          name: \(agent)
          default_interval: 1s
          default_timeout: 800ms
        probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
        alerts_dir: alerts
        store:
          postgres:
            url: \(cluster.url(database: database))
            password_file: \(passwordFile.path)
        devices:
        \(devices)
          - name: pbx-down
            snmp: {address: 127.0.0.1:\(outage.port), community: recorded/linux-full-walk, retries: 0, profiles: [system]}
        notify:
          webhooks:
            - name: oncall
              url: \(webhookURL)
              timeout: 2s
        """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// `GET /api/v1/cluster` as JSON.
    static func cluster(_ agent: AgentProcess) throws -> [String: Any] {
        let answer = try agent.json("GET", "/api/v1/cluster", body: nil)
        guard answer.status == 200,
            let document = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
        else { throw FixtureError("GET /api/v1/cluster answered \(answer.status): \(answer.body)") }
        return document
    }

    /// The live agents' device counts, by name.
    static func deviceCounts(_ agent: AgentProcess) throws -> [String: Int] {
        let agents = try cluster(agent)["agents"] as? [[String: Any]] ?? []
        var counts: [String: Int] = [:]
        for entry in agents where entry["alive"] as? Bool == true {
            if let name = entry["name"] as? String { counts[name] = (entry["devices"] as? NSNumber)?.intValue ?? 0 }
        }
        return counts
    }

    /// Waits until `condition` holds, polling every half second, up to `timeout`; returns how long it took.
    @discardableResult
    static func waitUntil(_ what: String, timeout: Duration, _ condition: () throws -> Bool) async throws -> Duration {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < timeout {
            if (try? condition()) == true { return ContinuousClock.now - start }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw FixtureError("\(what): not within \(timeout)")
    }

    static let devices = ["sw-1", "sw-2", "sw-3", "sw-4", "sw-5"]

    @Test("split by lease, one poller per device; kill -9 the one with the open incident: failover, no second page")
    func killOneAgent() async throws {
        let cluster = try await PostgresClusterFixture.shared()
        let database = try cluster.makeDatabase()
        let live = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let outage = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let receiver = try await HTTPServerFixture.start()
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-cluster")
        let alerts = directory.appendingPathComponent("alerts")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
        try LabConfiguration.writeUnreachableRule(into: alerts)
        var agents: [String: AgentProcess] = [:]
        for name in ["agent-a", "agent-b"] {
            let config = try Self.configuration(
                agent: name, database: database, cluster: cluster, live: live, outage: outage,
                webhookURL: receiver.url("/hook"), directory: directory)
            agents[name] = try await AgentProcess(
                configFile: config, dataDirectory: directory.appendingPathComponent("data-\(name)"))
        }
        let a = try #require(agents["agent-a"])
        let b = try #require(agents["agent-b"])

        // Both agents live, every device held once, each polled by exactly one agent.
        try await Self.waitUntil("both agents hold devices", timeout: .seconds(40)) {
            let counts = try Self.deviceCounts(a)
            let unassigned = try Self.cluster(a)["unassigned_devices"] as? [String]
            return counts.count == 2 && counts.values.reduce(0, +) == 6 && counts.values.allSatisfy { $0 > 0 }
                && unassigned?.isEmpty == true
        }
        try await Self.waitUntil("every live device polled", timeout: .seconds(20)) {
            try Self.devices.allSatisfy { device in
                let labels = ["device": device, "probe": "snmp"]
                return try a.metric("up", labels: labels) + b.metric("up", labels: labels) == 1
            }
        }
        for device in Self.devices {
            let labels = ["device": device, "probe": "snmp"]
            #expect(try a.metric("up", labels: labels) + b.metric("up", labels: labels) == 1, "\(device) polled once")
        }

        // Prometheus's service discovery: each agent lists the devices it polls, together every device once.
        func targets(_ agent: AgentProcess) throws -> Set<String> {
            let groups =
                try JSONSerialization.jsonObject(
                    with: Data(try agent.json("GET", "/api/v1/targets", body: nil).body.utf8)) as? [[String: Any]] ?? []
            return Set(groups.compactMap { ($0["labels"] as? [String: String])?["__meta_vedetta_device"] })
        }
        let (listedByA, listedByB) = (try targets(a), try targets(b))
        #expect(listedByA.isDisjoint(with: listedByB))
        #expect(listedByA.union(listedByB) == Set(Self.devices + ["pbx-down"]))

        // pbx-down goes down: one incident, one page, from whichever agent holds it.
        outage.stop()
        let opened = try await receiver.waitForRequests(atLeast: 1, timeout: .seconds(60))
        let page = try WebhookDocument(opened[0])
        #expect(page.device == "pbx-down")
        let owner = try cluster.psql(
            "SELECT owner FROM device_lease WHERE device = 'pbx-down'", database: database
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(["agent-a", "agent-b"].contains(owner))
        let (victim, survivor) = owner == "agent-a" ? (a, b) : (b, a)
        let survivorName = owner == "agent-a" ? "agent-b" : "agent-a"

        // kill -9 the agent that polls pbx-down: the other takes every device within the lease and a beat or two.
        victim.kill()
        let took = try await Self.waitUntil("the survivor holds every device", timeout: .seconds(60)) {
            try Self.deviceCounts(survivor) == [survivorName: 6]
        }
        #expect(took <= .seconds(30), "fail-over took \(took)")
        try await Self.waitUntil("the survivor polls every live device", timeout: .seconds(20)) {
            try Self.devices.allSatisfy { try survivor.metric("up", labels: ["device": $0, "probe": "snmp"]) == 1 }
        }
        // Still one incident and one page: the survivor carried the incident on.
        try await Task.sleep(for: .seconds(3))
        #expect(try receiver.recordedRequests().count == 1)
        let open = try cluster.psql("SELECT count(*) FROM incident WHERE restored_at IS NULL", database: database)
        #expect(open.trimmingCharacters(in: .whitespacesAndNewlines) == "1")

        // pbx-down returns: the survivor restores the incident it took over and pages the restoration once.
        try await outage.start()
        let both = try await receiver.waitForRequests(atLeast: 2, timeout: .seconds(60))
        let restored = try WebhookDocument(both[1])
        #expect(restored.event == "restored")
        #expect(restored.incidentID == page.incidentID)
        try await Task.sleep(for: .seconds(2))
        #expect(try receiver.recordedRequests().count == 2)
        let total = try cluster.psql("SELECT count(*) FROM incident", database: database)
        #expect(total.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(survivor.stop() == 0)
    }
}
