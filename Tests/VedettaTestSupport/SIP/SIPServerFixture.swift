import Foundation

/// A real SIP server on 127.0.0.1 for the SIP checks' tests, stopped by PID when released:
///
/// - ``Kind/kamailio``: Debian's Kamailio with `Tests/Fixtures/sip/kamailio.cfg`, on UDP and TCP, answering
///   OPTIONS with 200 as a PBX or SBC does;
/// - ``Kind/sipp(_:)``: SIPp as a UAS on UDP playing `Tests/Fixtures/sip/<scenario>.xml` (a 503, a 404, a 100
///   Trying and nothing after).
///
/// ```swift
/// let pbx = try await SIPServerFixture(.kamailio)
/// let busy = try await SIPServerFixture(.sipp("options-503"))
/// ```
public final class SIPServerFixture: Sendable {
    /// Which server, and how it answers.
    public enum Kind: Sendable, Hashable {
        /// Kamailio, answering OPTIONS with 200 on UDP and TCP.
        case kamailio
        /// SIPp as a UAS on UDP, playing the named scenario of `Tests/Fixtures/sip/`.
        case sipp(String)
    }

    /// The port the server listens on (UDP, and TCP for Kamailio).
    public let port: Int
    private let process: ManagedProcess
    private let directory: URL

    /// Whether Kamailio, SIPp and sipsak are installed (scripts/setup installs them).
    public static var isAvailable: Bool {
        ["/usr/sbin/kamailio", "/usr/bin/sipp", "/usr/bin/sipsak"].allSatisfy {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Starts the server on a free port and waits until it answers (Kamailio: its TCP port; SIPp: its UDP socket).
    /// - Throws: `FixtureError` when it does not start within 20 s.
    public init(_ kind: Kind) async throws {
        let fixtures = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/sip")
        directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-sip")
        port = try Ports.freePort()
        switch kind {
        case .kamailio:
            process = try ManagedProcess(
                executable: "/usr/sbin/kamailio",
                arguments: [
                    "-f", fixtures.appendingPathComponent("kamailio.cfg").path, "-DD", "-E",
                    "-l", "udp:127.0.0.1:\(port)", "-l", "tcp:127.0.0.1:\(port)",
                    "-w", directory.path, "-Y", directory.path,
                ],
                workingDirectory: directory)
            try await Ports.waitForTCP(port: port, process: process)
        case .sipp(let scenario):
            process = try ManagedProcess(
                executable: "/usr/bin/sipp",
                arguments: [
                    "-sf", fixtures.appendingPathComponent("\(scenario).xml").path, "-i", "127.0.0.1",
                    "-p", "\(port)", "-t", "u1", "-nostdin",
                ],
                workingDirectory: directory)
            let port = self.port
            let process = self.process
            try await Ports.waitUntil(timeout: .seconds(20), "sipp did not listen:\n\(process.output)") {
                !process.isRunning || Ports.isUDPBound(port: port)
            }
            guard process.isRunning else { throw FixtureError("sipp exited:\n\(process.output)") }
        }
    }

    deinit {
        process.stop(grace: .seconds(2))
        try? FileManager.default.removeItem(at: directory)
    }

    /// `sip:127.0.0.1:<port>`, with `user@` when given.
    public func uri(user: String? = nil) -> String { "sip:" + (user.map { "\($0)@" } ?? "") + "127.0.0.1:\(port)" }

    /// What the server printed.
    public var output: String { process.output }
}
