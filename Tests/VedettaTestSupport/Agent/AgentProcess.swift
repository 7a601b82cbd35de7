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
    /// An admin's API token, made with `vedetta users` before the agent first starts: every request of the
    /// helpers below carries it.
    public private(set) var token = ""

    /// The `Authorization` header of the admin token.
    public var authorization: String { "Authorization: Bearer \(token)" }

    /// Starts the agent and waits until its HTTP listener accepts connections.
    /// - Throws: `FixtureError` when the binary is missing or the agent exits or never listens.
    /// - Parameter port: The port to listen on (when the configuration must name it, e.g. `agent.public_url`);
    ///   a free one by default.
    public init(configFile: URL, dataDirectory: URL, port: Int? = nil) async throws {
        self.configFile = configFile
        self.dataDirectory = dataDirectory
        self.port = try port ?? Ports.freePort()
        token = try Self.provisionAdmin(configFile: configFile, dataDirectory: dataDirectory)
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

    /// Adds the user `vedetta-test` (admin, no password) to the agent's database and returns a new token of it.
    /// - Throws: `FixtureError` when `vedetta users` fails.
    public static func provisionAdmin(configFile: URL, dataDirectory: URL) throws -> String {
        let binary = RepositoryPaths.vedettaBinary.path
        let location = ["--config", configFile.path, "--data", dataDirectory.path]
        let users = try ToolRunner.run(binary, ["users", "list"] + location, timeout: .seconds(30))
        if !users.standardOutput.contains("vedetta-test ") {
            let added = try ToolRunner.run(
                binary, ["users", "add", "vedetta-test", "--role", "admin", "--no-password"] + location,
                timeout: .seconds(30))
            guard added.status == 0 else { throw FixtureError("vedetta users add failed: \(added.standardError)") }
        }
        let issued = try ToolRunner.run(
            binary, ["users", "token", "vedetta-test", "--label", "end-to-end tests"] + location,
            timeout: .seconds(30))
        let token = issued.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        guard issued.status == 0, token.hasPrefix("vdt_") else {
            throw FixtureError("vedetta users token failed: \(issued.standardError)")
        }
        return token
    }

    /// Sends `method path` with a JSON body (none when `nil`) and the admin token; the status and body.
    /// - Throws: `FixtureError` when nothing answered.
    public func json(_ method: String, _ path: String, body: String?) throws -> (status: Int, body: String) {
        try ControlRequest.json(method, "http://127.0.0.1:\(port)\(path)", body: body, headers: [authorization])
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

    /// The agent's process ID, while it runs.
    public var pid: Int32? { process?.isRunning == true ? process?.pid : nil }

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
        try ControlRequest.send("GET", "http://127.0.0.1:\(port)\(path)", headers: [authorization])
    }

    /// `GET path` with `Accept: accept`: the answer's content type and body.
    /// - Throws: `FixtureError` for a non-2xx answer or no answer.
    public func get(_ path: String, accept: String) throws -> (contentType: String, body: String) {
        try ControlRequest.get(
            "http://127.0.0.1:\(port)\(path)", header: "Accept: \(accept)", headers: [authorization])
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
