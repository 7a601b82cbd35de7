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
        #expect(try cluster.psql("SELECT count(*) > 0 FROM vedetta_migration", database: database).hasPrefix("t"))
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

    @Test("vedetta store copy: an installation moves from SQLite to PostgreSQL with its open incident, and back")
    func copySQLiteToPostgresAndBack() async throws {
        let cluster = try await PostgresClusterFixture.shared()
        let simulator = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let receiver = try await HTTPServerFixture.start()

        // A year of life on SQLite, in short: an outage paged, a maintenance window, a user and its token.
        let onSQLite = try LabConfiguration(simulator: simulator, webhookURL: receiver.url("/hook"))
        let sqliteData = ["--data", onSQLite.dataDirectory.path]
        let first = try await AgentProcess(configFile: onSQLite.configFile, dataDirectory: onSQLite.dataDirectory)
        simulator.stop()
        let opened = try await receiver.waitForRequests(atLeast: 1, timeout: .seconds(60))
        let page = try WebhookDocument(opened[0])
        #expect(first.stop() == 0)
        try ToolRunner.vedetta(
            [
                "maintenance", "add", "--match", "device=\"sim-server\"", "--start", "2030-01-01T02:00", "--tz",
                "Europe/Rome",
                "--duration", "1h", "--reason", "firmware", "--by", "alice",
            ] + sqliteData
        ).requireSuccess("maintenance add")
        let windows = try ToolRunner.vedetta(["maintenance", "list", "--json"] + sqliteData)
            .requireSuccess("maintenance list").standardOutput

        // The copy into an empty database, with the password from a file.
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-pg-copy")
        let (store, database) = try Self.storeSection(cluster, directory: directory)
        let passwordFile = directory.appendingPathComponent("postgres.password").path
        let url = cluster.url(database: database)
        let copied = try ToolRunner.vedetta(
            ["store", "copy", "--to", url, "--password-file", passwordFile] + sqliteData
        ).requireSuccess("store copy")
        #expect(copied.standardOutput.contains("incident: 1 rows"))
        #expect(copied.standardOutput.contains("access_user: 1 rows"))
        #expect(!copied.standardOutput.contains(PostgresClusterFixture.password))

        // The same history on PostgreSQL.
        let onPostgres = try LabConfiguration(simulator: simulator, webhookURL: receiver.url("/hook"), store: store)
        let postgresConfig = ["--config", onPostgres.configFile.path]
        #expect(try onPostgres.incidents(state: "all") == onSQLite.incidents(state: "all"))
        #expect(
            try ToolRunner.vedetta(["maintenance", "list", "--json"] + postgresConfig)
                .requireSuccess("maintenance list").standardOutput == windows)
        #expect(try ToolRunner.vedetta(["users", "list"] + postgresConfig).standardOutput.contains("vedetta-test"))

        // A second copy into the same database is refused, and changes nothing.
        let again = try ToolRunner.vedetta(
            ["store", "copy", "--to", url, "--password-file", passwordFile] + sqliteData)
        #expect(again.status == 1)
        #expect(again.standardError.contains("is not empty"))

        // The agent on PostgreSQL carries on: the device returns, the copied incident is restored and its
        // restoration paged; the opening is not paged again.
        let second = try await AgentProcess(configFile: onPostgres.configFile, dataDirectory: onPostgres.dataDirectory)
        try await simulator.start()
        let both = try await receiver.waitForRequests(atLeast: 2, timeout: .seconds(60))
        let restored = try WebhookDocument(both[1])
        #expect(restored.event == "restored")
        #expect(restored.incidentID == page.incidentID)
        #expect(try onPostgres.incidents(state: "all").map(\.state) == ["restored"])
        #expect(second.stop() == 0)
        #expect(try receiver.recordedRequests().count == 2)

        // And back into a new SQLite file: the same log.
        let back = directory.appendingPathComponent("back")
        try ToolRunner.vedetta(
            [
                "store", "copy", "--from", url, "--password-file", passwordFile, "--to",
                "sqlite:\(back.path)/vedetta.sqlite",
            ] + postgresConfig
        ).requireSuccess("store copy back")
        let restoredBack = try ToolRunner.vedetta([
            "incidents", "list", "--json", "--state", "all", "--data", back.path,
        ])
        .requireSuccess("incidents list").standardOutput
        let restoredOnPostgres = try ToolRunner.vedetta(
            ["incidents", "list", "--json", "--state", "all"] + postgresConfig
        )
        .requireSuccess("incidents list").standardOutput
        #expect(restoredBack == restoredOnPostgres)
    }
}
