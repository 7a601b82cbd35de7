public import Foundation
import Synchronization

/// An SNMP agent simulator (snmpsim 1.2.2 from the project's virtual environment) serving recorded devices on
/// 127.0.0.1, for integration tests against real device data.
///
/// Recordings are named by their path without `.snmprec`: `recorded/linux-full-walk` (snmpsim's own data) or
/// `UPS/eaton-93e-80` (snmpsim-data; `.snmprec.bz2` files work too). Each is served under the community equal
/// to its name. Extra recordings can be supplied as text. ``stop()`` and ``start()`` reuse the same port to
/// simulate an outage; the process is stopped by PID when the fixture is released.
public final class SNMPSimFixture: Sendable {
    /// Always `127.0.0.1`.
    public let host = "127.0.0.1"
    /// The UDP port the simulator listens on.
    public let port: Int
    /// The recording names served (also their communities).
    public let recordings: [String]
    /// The temporary directory holding the data and index cache.
    public let directory: URL
    private let executable: URL
    private let process = Mutex<ManagedProcess?>(nil)

    /// Copies the recordings into a temporary data directory and starts the simulator, returning once it answers.
    /// - Parameters:
    ///   - recordings: Names of recordings shipped with snmpsim or snmpsim-data, e.g. `recorded/linux-full-walk`.
    ///   - extraRecordings: More recordings as `name: snmprec text` (e.g. from ``SNMPRecordings``).
    /// - Throws: `FixtureError` when snmpsim or a recording is missing, or the simulator does not answer in 90 s.
    public init(recordings: [String], extraRecordings: [String: String] = [:]) async throws {
        let binary = RepositoryPaths.virtualEnvironment.appendingPathComponent("bin/snmpsim-command-responder")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw FixtureError("snmpsim not found at \(binary.path); run scripts/setup")
        }
        self.executable = binary
        self.port = try Ports.freePort()
        self.recordings = recordings + extraRecordings.keys.sorted()
        self.directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-snmpsim")
        let data = directory.appendingPathComponent("data")
        for name in recordings {
            let source = try SNMPSimFixture.locate(name)
            let destination = data.appendingPathComponent(name + ".snmprec")
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            if source.path.hasSuffix(".bz2") {
                // snmpsim reads a compressed recording from its start for every request, which makes a walk of a
                // large one take minutes; decompressed, it indexes the file once.
                let text = try ToolRunner.run("/usr/bin/bzcat", [source.path], timeout: .seconds(60))
                guard text.status == 0 else { throw FixtureError("bzcat \(source.path) failed: \(text.standardError)") }
                try text.standardOutput.write(to: destination, atomically: true, encoding: .utf8)
            } else {
                try FileManager.default.copyItem(at: source, to: destination)
            }
        }
        for (name, text) in extraRecordings {
            let destination = data.appendingPathComponent(name + ".snmprec")
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: destination, atomically: true, encoding: .utf8)
        }
        try await start()
    }

    deinit {
        process.withLock { $0?.stop(grace: .seconds(2)) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The community that selects `recording`: its name.
    public func community(for recording: String) -> String { recording }

    /// Whether the simulator process is running.
    public var isRunning: Bool { process.withLock { $0?.isRunning ?? false } }

    /// What the simulator has logged so far (for failure messages).
    public var output: String { process.withLock { $0?.output ?? "" } }

    /// Starts the simulator (again) on the same port and waits until it answers for the first recording.
    /// - Throws: `FixtureError` when it exits or does not answer within 90 s (it indexes recordings first).
    public func start() async throws {
        stop()
        let started = try ManagedProcess(
            executable: executable.path,
            arguments: [
                "--data-dir=\(directory.appendingPathComponent("data").path)",
                "--cache-dir=\(directory.appendingPathComponent("cache").path)",
                "--agent-udpv4-endpoint=127.0.0.1:\(port)",
                "--log-level=error",
            ],
            // snmpsim refuses to run as root unless told to drop privileges; CI containers run as root.
            environment: ["SNMPSIM_ALLOW_ROOT": "true"],
            workingDirectory: directory)
        process.withLock { $0 = started }
        let port = self.port
        let community = recordings.first ?? "public"
        try await Ports.waitUntil(
            timeout: .seconds(90), "snmpsim on 127.0.0.1:\(port) did not answer:\n\(started.output)"
        ) {
            guard started.isRunning else { return true }
            return SNMPCommandLine.answers(port: port, community: community)
        }
        guard started.isRunning else {
            throw FixtureError("snmpsim exited at start-up:\n\(started.output)")
        }
    }

    /// Stops the simulator (SIGTERM, then SIGKILL); the port stays reserved for ``start()``.
    public func stop() {
        let running = process.withLock { current -> ManagedProcess? in
            defer { current = nil }
            return current
        }
        running?.stop(grace: .seconds(3))
    }

    /// Finds `<name>.snmprec` or `<name>.snmprec.bz2` in snmpsim's or snmpsim-data's package data.
    public static func locate(_ name: String) throws -> URL {
        let library = RepositoryPaths.virtualEnvironment.appendingPathComponent("lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: library.path)) ?? []
        for python in pythons.sorted() where python.hasPrefix("python3") {
            let packages = library.appendingPathComponent(python).appendingPathComponent("site-packages")
            for root in ["snmpsim/data", "snmpsim_data/data"] {
                for suffix in [".snmprec", ".snmprec.bz2"] {
                    let candidate = packages.appendingPathComponent(root).appendingPathComponent(name + suffix)
                    if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
                }
            }
        }
        throw FixtureError(
            "recording \(name) not found in snmpsim or snmpsim-data under \(library.path); run scripts/setup")
    }
}
