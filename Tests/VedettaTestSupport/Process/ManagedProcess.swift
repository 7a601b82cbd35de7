public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real server process started by a test fixture: launched with its output captured to a file, and stopped by
/// PID when the fixture ends (SIGTERM, then SIGKILL after a grace period).
///
/// Started with `posix_spawn` and an explicit empty signal mask and default signal actions: the test runner blocks
/// some signals, and a child that inherited that mask would ignore SIGTERM, so a graceful stop could never be tested.
public final class ManagedProcess: @unchecked Sendable {
    /// The process ID.
    public let pid: Int32
    /// The executable and arguments, for messages.
    public let commandLine: String
    /// File receiving stdout and stderr.
    public let logFile: URL
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Launches `executable` with `arguments`; output goes to a log file in a temporary directory.
    /// - Throws: `FixtureError` when the executable cannot be started.
    public init(
        executable: String,
        arguments: [String],
        environment: [String: String]? = nil,
        workingDirectory: URL? = nil
    ) throws {
        let log = FileManager.default.temporaryDirectory
            .appendingPathComponent("vedetta-fixture-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let mergedEnvironment = ProcessInfo.processInfo.environment.merging(environment ?? [:]) { _, new in new }
        self.pid = try Self.spawn(
            executable: executable,
            arguments: arguments,
            environment: mergedEnvironment,
            workingDirectory: workingDirectory?.path,
            logPath: log.path
        )
        self.commandLine = ([executable] + arguments).joined(separator: " ")
        self.logFile = log
    }

    /// Whether the process is still running.
    public var isRunning: Bool { reap(blocking: false) == nil }

    /// Everything the process has written so far.
    public var output: String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// Sends `signal` to the process.
    public func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// Stops the process: SIGTERM, then SIGKILL if it is still running after `grace`.
    public func stop(grace: Duration = .seconds(3)) {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while isRunning, ContinuousClock.now < deadline { usleep(5_000) }
        if isRunning {
            kill(pid, SIGKILL)
            _ = reap(blocking: true)
        }
    }

    /// Kills the process at once with SIGKILL, as a crash would, and waits for it to go.
    public func killHard() {
        guard isRunning else { return }
        kill(pid, SIGKILL)
        _ = reap(blocking: true)
    }

    /// Waits for the process to exit by itself, up to `timeout`; returns its exit status (128+signal when killed by
    /// a signal), or `nil` if it is still running.
    public func waitForExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = reap(blocking: false) { return status }
            usleep(5_000)
        }
        return reap(blocking: false)
    }

    deinit {
        stop(grace: .seconds(1))
        try? FileManager.default.removeItem(at: logFile)
    }

    /// Collects the exit status once; later calls return the recorded one.
    private func reap(blocking: Bool) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
        guard result == pid else { return result < 0 ? -1 : nil }
        let signal = status & 0x7f
        exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return exitStatus
    }

    private static func spawn(
        executable: String,
        arguments: [String],
        environment: [String: String],
        workingDirectory: String?,
        logPath: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // glibc's posix_spawn_file_actions_addchdir_np is not visible to Swift: coreutils' env changes directory.
        let command = workingDirectory.map { ["/usr/bin/env", "-C", $0, executable] } ?? [executable]
        let argv = (command + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            (envp + [nil]).withUnsafeBufferPointer { envpBuffer -> Int32 in
                guard let argvBase = argvBuffer.baseAddress, let envpBase = envpBuffer.baseAddress else {
                    return EINVAL
                }
                return posix_spawn(&pid, command[0], &actions, &attributes, argvBase, envpBase)
            }
        }
        guard result == 0 else {
            throw FixtureError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }
}

/// A fixture could not be set up; the message says what and how to fix it.
public struct FixtureError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// Creates an error.
    public init(_ description: String) {
        self.description = description
    }
}
