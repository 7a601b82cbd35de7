public import Foundation
import Synchronization

/// A real net-snmp agent (`/usr/sbin/snmpd`) on 127.0.0.1 for integration tests.
///
/// It runs in the foreground with a generated `snmpd.conf` in a temporary directory (`-f -Lo -C -c <conf>`), a
/// read-only community restricted to 127.0.0.1, no MIB loading and its persistent state in the temporary
/// directory, so it needs no root and never touches `/var`. ``stop()`` and ``start()`` reuse the same port, to
/// simulate an outage. The process is stopped by PID when the fixture is released.
public final class SNMPAgentFixture: Sendable {
    /// An SNMPv3 (USM) user the agent knows, with read-only access at the level its passwords allow.
    public struct User: Sendable, Hashable {
        /// The user name.
        public var name: String
        /// net-snmp's authentication protocol name (`SHA`, `MD5`, `SHA-256`, ...).
        public var authProtocol: String
        /// The authentication password (at least 8 characters).
        public var authPassword: String
        /// net-snmp's privacy protocol name (`AES`, `DES`, ...), or `nil` for an authNoPriv-only user.
        public var privacyProtocol: String?
        /// The privacy password, when ``privacyProtocol`` is set.
        public var privacyPassword: String?

        /// Creates a user; without a privacy protocol the user may only use authNoPriv.
        public init(
            name: String,
            authProtocol: String = "SHA",
            authPassword: String,
            privacyProtocol: String? = nil,
            privacyPassword: String? = nil
        ) {
            self.name = name
            self.authProtocol = authProtocol
            self.authPassword = authPassword
            self.privacyProtocol = privacyProtocol
            self.privacyPassword = privacyPassword
        }

        /// The `createUser` and `rouser` lines for `snmpd.conf`.
        var configurationLines: String {
            var create = "createUser \(name) \(authProtocol) \"\(authPassword)\""
            if let privacyProtocol, let privacyPassword {
                create += " \(privacyProtocol) \"\(privacyPassword)\""
                return create + "\nrouser \(name) priv"
            }
            return create + "\nrouser \(name) auth"
        }
    }

    /// Always `127.0.0.1`.
    public let host = "127.0.0.1"
    /// The UDP port the agent listens on.
    public let port: Int
    /// The read-only community.
    public let community: String
    /// The `sysName.0` the agent reports.
    public let sysName: String
    /// The `sysLocation.0` the agent reports.
    public let sysLocation: String
    /// The `sysContact.0` the agent reports.
    public let sysContact: String
    /// The SNMPv3 users the agent knows.
    public let users: [User]
    /// Whether the agent also listens on `[::1]:port`.
    public let listensOnIPv6: Bool
    /// The temporary directory holding the configuration, PID file and persistent state.
    public let directory: URL
    private let executable: String
    private let process = Mutex<ManagedProcess?>(nil)

    /// Writes the configuration and starts the agent, returning once it answers an SNMP request.
    /// - Parameters:
    ///   - ipv6: Also listen on `[::1]` (same port), with the community allowed from `::1`.
    ///   - users: SNMPv3 users to create (`createUser` / `rouser`); snmpd keeps their keys in its own temporary
    ///     persistent directory.
    /// - Throws: `FixtureError` when snmpd is missing or does not answer within 30 s.
    public init(
        community: String = "vedetta-test",
        sysName: String = "vedetta-fixture",
        sysLocation: String = "Vedetta test rack",
        sysContact: String = "tests@vedetta.invalid",
        ipv6: Bool = false,
        users: [User] = []
    ) async throws {
        self.executable = try RepositoryPaths.executable(
            "snmpd", candidates: ["/usr/sbin/snmpd", "/usr/local/sbin/snmpd"])
        self.port = try Ports.freePort()
        self.community = community
        self.sysName = sysName
        self.sysLocation = sysLocation
        self.sysContact = sysContact
        self.listensOnIPv6 = ipv6
        self.users = users
        self.directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-snmpd")
        let configuration = """
            rocommunity \(community) 127.0.0.1
            rocommunity6 \(community) ::1
            sysName \(sysName)
            sysLocation \(sysLocation)
            sysContact \(sysContact)
            sysServices 72
            """ + users.map { "\n" + $0.configurationLines }.joined()
        try configuration.write(to: configurationFile, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("persist"), withIntermediateDirectories: true)
        try await start()
    }

    deinit {
        process.withLock { $0?.stop(grace: .seconds(2)) }
        try? FileManager.default.removeItem(at: directory)
    }

    private var configurationFile: URL { directory.appendingPathComponent("snmpd.conf") }

    /// Whether the agent process is running.
    public var isRunning: Bool { process.withLock { $0?.isRunning ?? false } }

    /// What the agent has logged so far (for failure messages).
    public var output: String { process.withLock { $0?.output ?? "" } }

    /// Starts the agent (again) on the same port and waits until it answers.
    /// - Throws: `FixtureError` when it exits or does not answer within 30 s.
    public func start() async throws {
        stop()
        let started = try ManagedProcess(
            executable: executable,
            arguments: [
                "-f", "-Lo", "-C", "-c", configurationFile.path, "-p",
                directory.appendingPathComponent("snmpd.pid").path,
                listensOnIPv6 ? "udp:127.0.0.1:\(port),udp6:[::1]:\(port)" : "udp:127.0.0.1:\(port)",
            ],
            environment: [
                "MIBS": "", "MIBDIRS": directory.path,
                "SNMP_PERSISTENT_DIR": directory.appendingPathComponent("persist").path,
                "SNMPCONFPATH": directory.path,
            ],
            workingDirectory: directory)
        process.withLock { $0 = started }
        let port = self.port
        let community = self.community
        try await Ports.waitUntil(
            timeout: .seconds(30), "snmpd on 127.0.0.1:\(port) did not answer:\n\(started.output)"
        ) {
            guard started.isRunning else { return true }
            return SNMPCommandLine.answers(port: port, community: community)
        }
        guard started.isRunning else {
            throw FixtureError("snmpd exited at start-up:\n\(started.output)")
        }
    }

    /// Stops the agent (SIGTERM, then SIGKILL); the port stays reserved for ``start()``.
    public func stop() {
        let running = process.withLock { current -> ManagedProcess? in
            defer { current = nil }
            return current
        }
        running?.stop(grace: .seconds(3))
    }
}
