import Foundation
import Testing
import VedettaTestSupport

/// `deploy/systemd/`: the units pass `systemd-analyze verify` without a warning, and the backup unit's commands, run
/// as written (paths moved to a temporary directory), back up a real agent's database and prune old backups.
@Suite("deploy/systemd units", .serialized)
struct SystemdUnitTests {
    static let directory = RepositoryPaths.root.appendingPathComponent("deploy/systemd")
    static let units = ["vedetta.service", "vedetta-backup.service", "vedetta-backup.timer"]

    /// `unit`'s text with the installed paths replaced (`/usr/local/bin/vedetta` by the built binary, and so on).
    static func text(of unit: String, replacing paths: [String: String] = [:]) throws -> String {
        var text = try String(contentsOf: directory.appendingPathComponent(unit), encoding: .utf8)
        text = text.replacingOccurrences(of: "/usr/local/bin/vedetta", with: RepositoryPaths.vedettaBinary.path)
        for (installed, here) in paths { text = text.replacingOccurrences(of: installed, with: here) }
        return text
    }

    /// The command of `key` (e.g. `ExecStart`) in `text`, with systemd's `%%` turned into `%`.
    static func command(_ key: String, in text: String) throws -> String {
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(key + "=") })
        return String(line.dropFirst(key.count + 1)).replacingOccurrences(of: "%%", with: "%")
    }

    @Test("every unit passes systemd-analyze verify without a warning")
    func unitsVerify() throws {
        let analyze = "/usr/bin/systemd-analyze"
        try #require(FileManager.default.isExecutableFile(atPath: analyze), "run scripts/setup (systemd)")
        let copies = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-units")
        for unit in Self.units {
            try Self.text(of: unit).write(to: copies.appendingPathComponent(unit), atomically: true, encoding: .utf8)
        }
        let verified = try ToolRunner.run(
            analyze, ["verify"] + Self.units.map { copies.appendingPathComponent($0).path }, timeout: .seconds(60))
        #expect(verified.status == 0)
        #expect(verified.standardError.isEmpty, "\(verified.standardError)")
    }

    @Test("the backup unit's commands back up a running agent's database and remove backups over 14 days old")
    func backupUnitRuns() async throws {
        let lab = try DeadDeviceLab(prefix: "vedetta-backup-unit")
        let agent = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)
        try await Ports.waitUntil(timeout: .seconds(60), "no incident opened:\n\(agent.output)") {
            let listed = try? ToolRunner.vedetta(["incidents", "list", "--data", lab.data.path, "--json"])
            return listed?.standardOutput.contains("\"id\" : 1") == true
        }
        let backups = lab.directory.appendingPathComponent("backups")
        try FileManager.default.createDirectory(at: backups, withIntermediateDirectories: true)  // ExecStartPre's job
        let old = backups.appendingPathComponent("vedetta-2026-11-01.sqlite")
        try Data("an old backup".utf8).write(to: old)
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-20 * 86_400)], ofItemAtPath: old.path)
        let unit = try Self.text(
            of: "vedetta-backup.service",
            replacing: [
                "/var/backups/vedetta": backups.path, "/etc/vedetta/vedetta.yaml": lab.config.path,
                "/var/lib/vedetta": lab.data.path,
            ])

        // systemd runs each command without a shell: here, an empty working directory keeps sh from expanding the
        // pattern of find, as systemd would not.
        let empty = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-unit-cwd")
        let backup = try ToolRunner.run(
            "/bin/sh", ["-c", try Self.command("ExecStart", in: unit)], workingDirectory: empty)
        #expect(backup.status == 0, "\(backup.standardError)")
        #expect(backup.standardOutput.contains("1 incidents (1 open)"))
        let prune = try ToolRunner.run(
            "/bin/sh", ["-c", try Self.command("ExecStartPost", in: unit)], workingDirectory: empty)
        #expect(prune.status == 0, "\(prune.standardError)")

        let kept = try FileManager.default.contentsOfDirectory(atPath: backups.path)
        #expect(kept.count == 1, "\(kept)")
        let made = try #require(kept.first)
        #expect(made.range(of: #"^vedetta-\d{4}-\d{2}-\d{2}\.sqlite$"#, options: .regularExpression) != nil)
        let checked = try ToolRunner.vedetta(
            ["store", "check", backups.appendingPathComponent(made).path, "--data", lab.data.path])
        #expect(checked.status == 0)
        #expect(checked.standardOutput.contains("integrity: ok"))
        agent.stop()
    }
}
