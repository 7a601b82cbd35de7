import ExecKit
import Foundation
import Testing

@Suite(
    "CommandRunner runs programs safely: no shell, exact environment, bounded output, the group killed at the deadline")
struct CommandRunnerTests {
    private static func deadline(_ seconds: Double = 10) -> ContinuousClock.Instant {
        .now + .milliseconds(Int64(seconds * 1000))
    }

    @Test("exit status, standard output and standard error come back as written")
    func exitAndOutput() async throws {
        let scripts = try PluginScripts()
        let plugin = try scripts.script("warn", "echo 'WARNING - slow | t=2s'\necho 'detail' >&2\nexit 1")
        let result = try await CommandRunner.run(Command(executable: plugin), deadline: Self.deadline())
        #expect(result.termination == .exited(1))
        #expect(result.outputText == "WARNING - slow | t=2s\n")
        #expect(result.errorText == "detail\n")
        #expect(!result.outputTruncated)
    }

    @Test("arguments are passed as they are, never through a shell")
    func noShell() async throws {
        let result = try await CommandRunner.run(
            Command(executable: "/bin/echo", arguments: ["$HOME", "a b", "; rm -rf /", "*"]), deadline: Self.deadline())
        #expect(result.outputText == "$HOME a b ; rm -rf / *\n")
    }

    @Test("the environment is exactly the one given: nothing of the agent's is inherited")
    func environment() async throws {
        let result = try await CommandRunner.run(
            Command(executable: "/usr/bin/env", environment: ["LC_ALL": "C", "SITE": "milano"]),
            deadline: Self.deadline())
        #expect(Set(result.outputText.split(separator: "\n")) == ["LC_ALL=C", "SITE=milano"])
    }

    @Test("the working directory is the one given")
    func workingDirectory() async throws {
        let scripts = try PluginScripts()
        let result = try await CommandRunner.run(
            Command(executable: "/bin/pwd", workingDirectory: scripts.directory.path), deadline: Self.deadline())
        #expect(result.outputText == scripts.directory.path + "\n")
    }

    @Test("output past the limit is read and dropped: the plugin finishes instead of blocking on a full pipe")
    func hugeOutput() async throws {
        let scripts = try PluginScripts()
        let plugin = try scripts.script("chatty", "head -c 20000000 /dev/zero | tr '\\0' x\necho\nexit 0")
        let result = try await CommandRunner.run(Command(executable: plugin), deadline: Self.deadline(20))
        #expect(result.termination == .exited(0))
        #expect(result.standardOutput.count == 64 * 1024)
        #expect(result.outputTruncated)
    }

    @Test("at the deadline the whole process group is killed, a child the plugin forked included")
    func timeoutKillsTheGroup() async throws {
        let scripts = try PluginScripts()
        let marker = "\(Int.random(in: 100_000...999_999))"
        let plugin = try scripts.script("hang", "echo started\nsleep 600.\(marker) &\nsleep 600.\(marker)")
        let started = ContinuousClock.now
        let result = try await CommandRunner.run(Command(executable: plugin), deadline: Self.deadline(0.5))
        #expect(result.termination == .timedOut)
        #expect(result.outputText == "started\n")
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(await ProcessTable.survivors(containing: "600.\(marker)").isEmpty)
    }

    @Test("a plugin that exits but leaves a child hanging: its answer counts, the child is killed")
    func leftoverChild() async throws {
        let scripts = try PluginScripts()
        let marker = "\(Int.random(in: 100_000...999_999))"
        let plugin = try scripts.script("orphan", "sleep 600.\(marker) &\necho 'OK - done'\nexit 0")
        let started = ContinuousClock.now
        let result = try await CommandRunner.run(Command(executable: plugin), deadline: Self.deadline(5))
        #expect(result.termination == .exited(0))
        #expect(result.outputText == "OK - done\n")
        #expect(ContinuousClock.now - started < .seconds(2), "the child's open stdout does not hold the run")
        #expect(await ProcessTable.survivors(containing: "600.\(marker)").isEmpty)
    }

    @Test("a plugin killed by a signal says which")
    func crash() async throws {
        let scripts = try PluginScripts()
        let plugin = try scripts.script("segv", "echo partial\nkill -SEGV $$")
        let result = try await CommandRunner.run(Command(executable: plugin), deadline: Self.deadline())
        #expect(result.termination == .signalled(11))
        #expect(result.termination.description == "killed by signal 11 (SIGSEGV)")
    }

    @Test("missing, not executable, a directory, a relative path: a clear error before anything runs")
    func cannotRun() async throws {
        let scripts = try PluginScripts()
        let plain = try scripts.script("plain", "exit 0", executable: false)
        let cases: [(String, ExecError)] = [
            ("/nonexistent/check_nothing", ExecError(.notFound, "/nonexistent/check_nothing does not exist")),
            (plain, ExecError(.notExecutable, "\(plain) is not an executable file")),
            (scripts.directory.path, ExecError(.notExecutable, "\(scripts.directory.path) is not an executable file")),
            ("check_tcp", ExecError(.notFound, "check_tcp is not an absolute path")),
        ]
        for (path, expected) in cases {
            await #expect(throws: expected) {
                try await CommandRunner.run(Command(executable: path), deadline: Self.deadline())
            }
        }
        await #expect(throws: ExecError.self) {
            try await CommandRunner.run(
                Command(executable: "/bin/true", workingDirectory: "/nonexistent"), deadline: Self.deadline())
        }
        await #expect(throws: ExecError(.user, "no user \"no-such-user-vedetta\" on this system")) {
            try await CommandRunner.run(
                Command(executable: "/bin/true", user: "no-such-user-vedetta"), deadline: Self.deadline())
        }
    }

    @Test(
        "run as root, a plugin drops to the account it is given, and its group is still killed at the deadline",
        .enabled(if: geteuid() == 0, "needs root"))
    func dropsToUser() async throws {
        let id = try await CommandRunner.run(
            Command(executable: "/usr/bin/id", user: "nobody"), deadline: Self.deadline())
        #expect(id.outputText.hasPrefix("uid=65534(nobody) gid=65534(nogroup)"))
        let scripts = try PluginScripts()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scripts.directory.path)
        let marker = "\(Int.random(in: 100_000...999_999))"
        let plugin = try scripts.script("hang", "sleep 600.\(marker) &\nsleep 600.\(marker)")
        let result = try await CommandRunner.run(
            Command(executable: plugin, user: "nobody"), deadline: Self.deadline(0.5))
        #expect(result.termination == .timedOut)
        #expect(await ProcessTable.survivors(containing: "600.\(marker)").isEmpty)
    }

    @Test("1,000 runs, timeouts and hanging children among them, leave no process and no zombie behind")
    func noLeaks() async throws {
        let scripts = try PluginScripts()
        let marker = "\(Int.random(in: 100_000...999_999))"
        let names = ["q\(marker)", "h\(marker)", "o\(marker)"]
        let quick = try scripts.script(names[0], "echo 'OK - fine | t=1ms'\nexit 0")
        let hanging = try scripts.script(names[1], "sleep 600.\(marker) &\nsleep 600.\(marker)")
        let orphaning = try scripts.script(names[2], "sleep 600.\(marker) &\necho 'OK'\nexit 0")
        var outcomes: [Termination: Int] = [:]
        try await withThrowingTaskGroup(of: Termination.self) { group in
            var next = 0
            func add() {
                let index = next
                next += 1
                let (path, seconds): (String, Double) =
                    index % 50 == 0 ? (hanging, 0.2) : index % 50 == 25 ? (orphaning, 5) : (quick, 5)
                group.addTask {
                    try await CommandRunner.run(
                        Command(executable: path), deadline: .now + .milliseconds(Int64(seconds * 1000))
                    ).termination
                }
            }
            for _ in 0..<16 { add() }
            while let termination = try await group.next() {
                outcomes[termination, default: 0] += 1
                if next < 1000 { add() }
            }
        }
        #expect(outcomes == [.exited(0): 980, .timedOut: 20])
        #expect(ProcessTable.children(named: Set(names)).isEmpty, "no plugin left running or unreaped")
        #expect(await ProcessTable.survivors(containing: "600.\(marker)").isEmpty)
    }
}
