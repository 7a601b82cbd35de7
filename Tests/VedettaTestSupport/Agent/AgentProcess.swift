public import Foundation

/// A real `vedetta run` process on loopback, for end-to-end tests; stopped by PID.
public final class AgentProcess: @unchecked Sendable {
    /// The HTTP port (`/metrics`, `/healthz`, API).
    public let port: Int
    /// The configuration file.
    public let configFile: URL
    /// The data directory (incident database).
    public let dataDirectory: URL
    private var process: ManagedProcess?

    /// Starts the agent and waits until its HTTP listener accepts connections.
    /// - Throws: `FixtureError` when the binary is missing or the agent exits or never listens.
    /// - Parameter port: The port to listen on (when the configuration must name it, e.g. `agent.public_url`);
    ///   a free one by default.
    public init(configFile: URL, dataDirectory: URL, port: Int? = nil) async throws {
        self.configFile = configFile
        self.dataDirectory = dataDirectory
        self.port = try port ?? Ports.freePort()
        try await start()
    }

    deinit {
        process?.stop()
    }

    /// Starts (or restarts) the agent on the same port and data directory.
    /// - Throws: `FixtureError` when it exits or never listens.
    public func start() async throws {
        let binary = RepositoryPaths.vedettaBinary.path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw FixtureError("\(binary) not found; run `swift build` first (make test does)")
        }
        let process = try ManagedProcess(
            executable: binary,
            arguments: [
                "run", "--config", configFile.path, "--data", dataDirectory.path,
                "--listen", "127.0.0.1:\(port)", "--log-level", "debug",
            ]
        )
        self.process = process
        try await Ports.waitForTCP(port: port, timeout: .seconds(60), process: process)
    }

    /// Stops the agent gracefully (SIGTERM) and returns its exit status.
    @discardableResult
    public func stop() -> Int32? {
        guard let process else { return nil }
        process.stop(grace: .seconds(10))
        return process.waitForExit(timeout: .seconds(1))
    }

    /// Sends `signal` (e.g. `SIGHUP`) to the agent.
    public func send(_ signal: Int32) {
        process?.send(signal)
    }

    /// Whether the agent process is still running.
    public var isRunning: Bool { process?.isRunning ?? false }

    /// The agent's resident memory in bytes (`VmRSS` of `/proc/PID/status`), or `nil` when it is not running.
    public var residentMemory: Int? {
        guard let pid = process?.pid,
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kilobytes * 1024
    }

    /// Kills the agent with SIGKILL, as a crash would.
    public func kill() {
        process?.killHard()
    }

    /// Everything the agent logged.
    public var output: String { process?.output ?? "" }

    /// GETs `path` from the agent's HTTP listener and returns the body.
    /// - Throws: `FixtureError` for a non-2xx answer or no answer.
    public func get(_ path: String) throws -> String {
        try ControlRequest.send("GET", "http://127.0.0.1:\(port)\(path)")
    }

    /// `GET path` with `Accept: accept`: the answer's content type and body.
    /// - Throws: `FixtureError` for a non-2xx answer or no answer.
    public func get(_ path: String, accept: String) throws -> (contentType: String, body: String) {
        try ControlRequest.get("http://127.0.0.1:\(port)\(path)", header: "Accept: \(accept)")
    }

    /// The sum of every series of metric `name` in `/metrics?all=1` (every device's samples) whose labels contain
    /// all of `labels`.
    /// - Throws: `FixtureError` when `/metrics` cannot be read.
    public func metric(_ name: String, labels: [String: String] = [:]) throws -> Double {
        var total = 0.0
        for line in try get("/metrics?all=1").split(separator: "\n") where !line.hasPrefix("#") {
            guard line.hasPrefix(name + "{") || line.hasPrefix(name + " "),
                let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...])
            else { continue }
            let series = line[..<space]
            if labels.allSatisfy({ series.contains("\($0.key)=\"\($0.value)\"") }) { total += value }
        }
        return total
    }
}
