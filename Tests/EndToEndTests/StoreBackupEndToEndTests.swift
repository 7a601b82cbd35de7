import Foundation
import Testing
import VedettaTestSupport

/// `vedetta store` against a real agent's database: a backup while it runs, a restore refused while it runs and
/// accepted once it stopped, and the restored incident taken over (not opened twice) when the agent starts again.
@Suite("vedetta store, on a running agent's database", .serialized)
struct StoreBackupEndToEndTests {
    private func incidents(_ data: URL) throws -> [[String: Any]] {
        let listed = try ToolRunner.vedetta(["incidents", "list", "--data", data.path, "--json"]).standardOutput
        return (try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]]) ?? []
    }

    @Test("a backup while the agent runs; a restore refused while it runs, then taken over when it starts again")
    func backupRestoreRoundTrip() async throws {
        let lab = try DeadDeviceLab(prefix: "vedetta-store")
        let agent = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, try incidents(lab.data).isEmpty {
            try await Task.sleep(for: .milliseconds(200))
        }
        try #require(try incidents(lab.data).count == 1, "no incident opened:\n\(agent.output)")
        let pid = try #require(agent.pid)

        // The backup is taken while the agent polls and records.
        let backup = lab.directory.appendingPathComponent("backups/vedetta-1.sqlite").path
        try FileManager.default.createDirectory(
            at: lab.directory.appendingPathComponent("backups"), withIntermediateDirectories: true)
        let made = try ToolRunner.vedetta(["store", "backup", backup, "--data", lab.data.path])
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardOutput.contains("written to \(backup)"))
        #expect(made.standardOutput.contains("1 incidents (1 open)"))
        #expect(made.standardOutput.contains("integrity: ok"))
        let again = try ToolRunner.vedetta(["store", "backup", backup, "--data", lab.data.path])
        #expect(again.status == 1)
        #expect(again.standardError.contains("--force"))

        let checked = try ToolRunner.vedetta(["store", "check", backup, "--data", lab.data.path])
        #expect(checked.status == 0)
        #expect(checked.standardOutput.contains("schema: up to date"))

        // A restore under a running agent is refused, naming it.
        let refused = try ToolRunner.vedetta(["store", "restore", backup, "--data", lab.data.path])
        #expect(refused.status == 1)
        #expect(
            refused.standardError.contains("a vedetta agent (process \(pid)) is using"), "\(refused.standardError)")

        // After the backup: someone acknowledges. The restore goes back to before that.
        let ack = try ToolRunner.vedetta(["incidents", "ack", "1", "--by", "alice", "--data", lab.data.path])
        #expect(ack.status == 0)
        agent.stop()
        let restored = try ToolRunner.vedetta(["store", "restore", backup, "--data", lab.data.path])
        #expect(restored.status == 0, "\(restored.standardError)")
        #expect(restored.standardOutput.contains("the database it replaced is kept at "))
        let kept = try FileManager.default.contentsOfDirectory(atPath: lab.data.path).filter {
            $0.hasPrefix("vedetta.sqlite.replaced-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm")
        }
        #expect(kept.count == 1)
        let afterRestore = try incidents(lab.data)
        #expect(afterRestore.count == 1)
        #expect(afterRestore.first?["acknowledged_by"] as? String == nil, "the acknowledgement came after the backup")

        // The agent starts on the restored database and takes the open incident over: the device is still down,
        // and it stays one incident.
        try await agent.start()
        try await Task.sleep(for: .seconds(3))
        let taken = try incidents(lab.data)
        #expect(taken.count == 1, "\(taken)")
        #expect(taken.first?["restored_at"] as? String == nil)
        #expect(afterRestore.first?["id"] as? Int == 1)
        #expect(agent.output.contains("open incidents taken over"))

        let upToDate = try ToolRunner.vedetta(["store", "migrate", "--dry-run", "--data", lab.data.path])
        #expect(upToDate.status == 0)
        #expect(upToDate.standardOutput.contains("up to date, nothing to apply"))
        agent.stop()
    }
}
