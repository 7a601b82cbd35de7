import Foundation
import Testing
import VedettaTestSupport

/// The agent on a real PostgreSQL server (started by the test on loopback): the same outage lifecycle as on the
/// embedded SQLite store, a crash that loses nothing and pages nothing twice, and `vedetta store` on the database.
@Suite("PostgreSQL store, end to end", .serialized)
struct PostgresStoreEndToEndTests {
    /// A `store:` section for a fresh database on `cluster`, with the password in a file beside the configuration.
    static func storeSection(_ cluster: PostgresClusterFixture, directory: URL) throws -> (yaml: String, db: String) {
        let database = try cluster.makeDatabase()
        let passwordFile = directory.appendingPathComponent("postgres.password")
        try "\(PostgresClusterFixture.password)\n".write(to: passwordFile, atomically: true, encoding: .utf8)
        let yaml = """
            store:
              postgres:
                url: \(cluster.url(database: database))
                password_file: \(passwordFile.path)
                pool: 4
            """
        return (yaml, database)
    }

    @Test("outage on PostgreSQL: one incident, one page; kill -9 and restart: no duplicate; restored once")
    func outageLifecycleOnPostgres() async throws {
        let cluster = try await PostgresClusterFixture.shared()
        let simulator = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let receiver = try await HTTPServerFixture.start()
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-pg-e2e")
        let (store, database) = try Self.storeSection(cluster, directory: directory)
        let lab = try LabConfiguration(simulator: simulator, webhookURL: receiver.url("/hook"), store: store)
        let agent = try await AgentProcess(configFile: lab.configFile, dataDirectory: lab.dataDirectory)
        try await waitForProbeRuns(agent, atLeast: 2)
        #expect(try receiver.recordedRequests().isEmpty)
        // The agent migrated the empty database and holds no SQLite file.
        #expect(try cluster.psql("SELECT count(*) FROM vedetta_migration", database: database).contains("1"))
        #expect(
            !FileManager.default.fileExists(atPath: lab.dataDirectory.appendingPathComponent("vedetta.sqlite").path))

        simulator.stop()
        let opened = try await receiver.waitForRequests(atLeast: 1, timeout: .seconds(60))
        #expect(opened.count == 1)
        let page = try WebhookDocument(opened[0])
        #expect(page.event == "opened")
        #expect(try lab.incidents(state: "open").map(\.id) == [page.incidentID])
        let stored = try cluster.psql(
            "SELECT rule || ' ' || device FROM incident WHERE restored_at IS NULL", database: database)
        #expect(stored.trimmingCharacters(in: .whitespacesAndNewlines) == "DeviceUnreachable sim-server")

        // A crash while the incident is open, then a restart: one incident, no second page.
        agent.kill()
        try await agent.start()
        try await waitForProbeRuns(agent, atLeast: 3)
        #expect(try lab.incidents(state: "open").count == 1)
        #expect(try receiver.recordedRequests().count == 1)

        try await simulator.start()
        let both = try await receiver.waitForRequests(atLeast: 2, timeout: .seconds(60))
        #expect(try WebhookDocument(both[1]).event == "restored")
        let incidents = try lab.incidents(state: "all")
        #expect(incidents.count == 1)
        #expect(incidents.first?.state == "restored")
        let delivered = try cluster.psql(
            "SELECT count(*) FROM outbox WHERE delivered_at IS NOT NULL", database: database)
        #expect(delivered.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        #expect(agent.stop() == 0)
    }

    @Test("vedetta store on PostgreSQL: check, backup with pg_dump, restore refused while an agent runs, then done")
    func storeCommandsOnPostgres() async throws {
        let cluster = try await PostgresClusterFixture.shared()
        let simulator = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let receiver = try await HTTPServerFixture.start()
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-pg-store")
        let (store, database) = try Self.storeSection(cluster, directory: directory)
        let lab = try LabConfiguration(simulator: simulator, webhookURL: receiver.url("/hook"), store: store)
        let config = ["--config", lab.configFile.path]

        // Before the first agent: an empty database is described as lacking its schema; migrate applies it.
        let before = try ToolRunner.vedetta(["store", "migrate", "--dry-run"] + config).requireSuccess("dry run")
        #expect(before.standardOutput.contains("would apply v1"))
        let migrated = try ToolRunner.vedetta(["store", "migrate"] + config).requireSuccess("migrate")
        #expect(migrated.standardOutput.contains("applied v1"))
        #expect(migrated.standardOutput.contains("postgres://vedetta@127.0.0.1"))
        #expect(!migrated.standardOutput.contains(PostgresClusterFixture.password))

        let agent = try await AgentProcess(configFile: lab.configFile, dataDirectory: lab.dataDirectory)
        simulator.stop()
        _ = try await receiver.waitForRequests(atLeast: 1, timeout: .seconds(60))

        let backup = directory.appendingPathComponent("vedetta.pgdump").path
        let backedUp = try ToolRunner.vedetta(["store", "backup", backup] + config).requireSuccess("backup")
        #expect(backedUp.standardOutput.contains("1 incidents (1 open)"))
        #expect(try ToolRunner.vedetta(["store", "check", backup] + config).status == 0)

        let refused = try ToolRunner.vedetta(["store", "restore", backup] + config)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("stop every agent first"))
        #expect(agent.stop() == 0)

        // The incident is deleted by hand, then the backup brings it back.
        try cluster.psql("DELETE FROM incident", database: database)
        let restored = try ToolRunner.vedetta(["store", "restore", backup] + config).requireSuccess("restore")
        #expect(restored.standardOutput.contains("1 incidents (1 open)"))
        #expect(try lab.incidents(state: "open").count == 1)

        // A truncated archive is refused by check and by restore, and the database is left as it was.
        let broken = directory.appendingPathComponent("broken.pgdump")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        try bytes.prefix(bytes.count / 2).write(to: broken)
        #expect(try ToolRunner.vedetta(["store", "check", broken.path] + config).status == 1)
        #expect(try ToolRunner.vedetta(["store", "restore", broken.path] + config).status == 1)
        #expect(try lab.incidents(state: "open").count == 1)
    }

    @Test("a wrong password or a stopped server: the agent exits with an error naming the database, not its password")
    func unreachableDatabaseIsAClearError() async throws {
        let cluster = try await PostgresClusterFixture.shared()
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-pg-bad")
        let database = try cluster.makeDatabase()
        let config = directory.appendingPathComponent("vedetta.yaml")
        try """
        store:
          postgres:
            url: postgres://vedetta:not-the-password@127.0.0.1:\(cluster.port)/\(database)?sslmode=disable
        """.write(to: config, atomically: true, encoding: .utf8)
        let result = try ToolRunner.vedetta(["incidents", "list", "--config", config.path], timeout: .seconds(30))
        #expect(result.status != 0)
        #expect(result.standardError.contains("postgres://vedetta@127.0.0.1:\(cluster.port)/\(database)"))
        #expect(result.standardError.contains("password"))
        #expect(!result.standardError.contains("not-the-password"))
    }
}
