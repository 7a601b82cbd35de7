import Foundation

/// A misbehaving SNMP agent on 127.0.0.1 for fault tests: `Tests/Fixtures/snmp/udp_responder.py` (Python stdlib),
/// stopped by PID when the fixture is released or ``stop()`` is called.
///
/// It is silent, answers garbage, or relays to a real agent (``SNMPAgentFixture``) with its replies cut in half,
/// held back (a slow agent), or only for the first requests (an agent stopping mid-walk).
///
/// ```swift
/// let agent = try await SNMPAgentFixture()
/// let slow = try await UDPResponderFixture(.proxy(upstreamPort: agent.port), delay: .milliseconds(500))
/// ```
public final class UDPResponderFixture: Sendable {
    /// What the responder does with each request.
    public enum Mode: Sendable, Hashable {
        /// Reads requests and never answers.
        case silent
        /// Answers every request with random bytes.
        case garbage
        /// Relays requests to the agent on 127.0.0.1:`upstreamPort` and its replies back.
        case proxy(upstreamPort: Int)
        /// Like ``proxy(upstreamPort:)``, but sends back only the first half of every reply.
        case truncated(upstreamPort: Int)
    }

    /// Always `127.0.0.1`.
    public let host = "127.0.0.1"
    /// The UDP port the responder listens on.
    public let port: Int
    /// The mode it runs in.
    public let mode: Mode
    private let process: ManagedProcess

    /// Starts the responder on a free port and waits until it prints that it listens.
    /// - Parameters:
    ///   - mode: What to do with requests.
    ///   - delay: How long each reply is held before it is sent (replies to concurrent requests stay concurrent).
    ///   - stopAfter: Answer only this many requests (retries count), then stay silent.
    ///   - replyFrom: Send replies from this other loopback address (e.g. `127.0.0.2`), as a multi-homed device
    ///     answering from another of its addresses does.
    /// - Throws: `FixtureError` when python3 is missing or the responder does not start within 20 s.
    public init(_ mode: Mode, delay: Duration = .zero, stopAfter: Int? = nil, replyFrom: String? = nil) async throws {
        let python = try RepositoryPaths.executable(
            "python3", candidates: ["/usr/bin/python3", "/usr/local/bin/python3"])
        let script = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/snmp/udp_responder.py").path
        let delayMilliseconds = delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000
        var arguments = [script, "--delay-ms", "\(delayMilliseconds)"]
        switch mode {
        case .silent: arguments += ["--mode", "silent"]
        case .garbage: arguments += ["--mode", "garbage"]
        case .proxy(let upstream): arguments += ["--mode", "proxy", "--upstream", "127.0.0.1:\(upstream)"]
        case .truncated(let upstream): arguments += ["--mode", "truncated", "--upstream", "127.0.0.1:\(upstream)"]
        }
        if let stopAfter { arguments += ["--stop-after", "\(stopAfter)"] }
        if let replyFrom { arguments += ["--reply-from", replyFrom] }
        let process = try ManagedProcess(executable: python, arguments: arguments)
        var port: Int?
        do {
            try await Ports.waitUntil(
                timeout: .seconds(20), "udp_responder.py did not start:\n\(process.output)"
            ) {
                port = Self.listeningPort(in: process.output)
                return port != nil || !process.isRunning
            }
        } catch {
            process.stop()
            throw error
        }
        guard let port else {
            throw FixtureError("udp_responder.py exited at start-up:\n\(process.output)")
        }
        self.port = port
        self.mode = mode
        self.process = process
    }

    deinit {
        process.stop(grace: .seconds(1))
    }

    /// How many requests the responder has received so far (answered or not).
    public var requestCount: Int {
        process.output.split(separator: "\n").filter { $0.hasPrefix("request ") }.count
    }

    /// Everything the responder has printed, for failure messages.
    public var output: String { process.output }

    /// Stops the responder now (SIGTERM, then SIGKILL).
    public func stop() { process.stop() }

    /// The port from the `ready 127.0.0.1:PORT` line, once it is printed.
    private static func listeningPort(in output: String) -> Int? {
        for line in output.split(separator: "\n") where line.hasPrefix("ready 127.0.0.1:") {
            return Int(line.dropFirst("ready 127.0.0.1:".count))
        }
        return nil
    }
}
