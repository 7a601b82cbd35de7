public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a command to completion and captures what it printed: for CLIs under test and reference tools.
public enum ToolRunner {
    /// What a command printed and how it exited.
    public struct Output: Sendable {
        /// The exit status, or -1 when the command was killed at its timeout.
        public var status: Int32
        /// Everything written to stdout.
        public var standardOutput: String
        /// Everything written to stderr.
        public var standardError: String

        /// This output, when the command exited 0.
        /// - Throws: `FixtureError` naming `what` and carrying stderr otherwise.
        @discardableResult
        public func requireSuccess(_ what: String) throws -> Self {
            guard status == 0 else { throw FixtureError("\(what) exited \(status): \(standardError)") }
            return self
        }
    }

    /// Runs `executable` with `arguments`, killing it after `timeout`.
    /// - Parameter input: A file to read standard input from (default: none, as `/dev/null`).
    /// - Throws: `FixtureError` when the command cannot start.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        workingDirectory: URL? = nil,
        input: URL? = nil,
        timeout: Duration = .seconds(60)
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-tool")
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = try input.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw FixtureError("cannot run \(executable): \(error)")
        }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { usleep(5000) }
        var status: Int32 = -1
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        } else {
            status = process.terminationStatus
        }
        return Output(
            status: status,
            standardOutput: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        )
    }

    /// Runs the built `vedetta` binary, in `directory` when given.
    /// - Throws: `FixtureError` when the binary is missing (build first) or cannot start.
    public static func vedetta(_ arguments: [String], in directory: URL? = nil, timeout: Duration = .seconds(60))
        throws -> Output
    {
        let binary = RepositoryPaths.vedettaBinary.path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw FixtureError("\(binary) not found; run `swift build` first (make test does)")
        }
        return try run(binary, arguments, workingDirectory: directory, timeout: timeout)
    }
}
