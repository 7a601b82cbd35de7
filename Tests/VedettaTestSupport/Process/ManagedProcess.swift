public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real server process started by a test fixture: launched with its output captured to files,
/// and stopped by PID when the fixture ends (SIGTERM, then SIGKILL after a grace period).
public final class ManagedProcess: @unchecked Sendable {
    /// The process ID.
    public let pid: Int32
    /// The executable and arguments, for messages.
    public let commandLine: String
    /// File receiving stdout and stderr.
    public let logFile: URL
    private let process: Process

    /// Launches `executable` with `arguments`; output goes to a log file in a temporary directory.
    /// - Throws: `FixtureError` when the executable cannot be started.
    public init(
        executable: String,
        arguments: [String],
        environment: [String: String]? = nil,
        workingDirectory: URL? = nil
    ) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        let log = FileManager.default.temporaryDirectory
            .appendingPathComponent("vedetta-fixture-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw FixtureError("cannot start \(executable): \(error)")
        }
        self.process = process
        self.pid = process.processIdentifier
        self.commandLine = ([executable] + arguments).joined(separator: " ")
        self.logFile = log
    }

    /// Whether the process is still running.
    public var isRunning: Bool { process.isRunning }

    /// Everything the process has written so far.
    public var output: String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// Sends `signal` to the process.
    public func send(_ signal: Int32) {
        if process.isRunning { kill(pid, signal) }
    }

    /// Stops the process: SIGTERM, then SIGKILL if it is still running after `grace`.
    public func stop(grace: Duration = .seconds(3)) {
        guard process.isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning {
            kill(pid, SIGKILL)
        }
        process.waitUntilExit()
    }

    /// Kills the process at once with SIGKILL, as a crash would, and waits for it to go.
    public func killHard() {
        guard process.isRunning else { return }
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits for the process to exit by itself, up to `timeout`; returns its exit status or `nil`.
    public func waitForExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit {
        stop(grace: .seconds(1))
        try? FileManager.default.removeItem(at: logFile)
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
