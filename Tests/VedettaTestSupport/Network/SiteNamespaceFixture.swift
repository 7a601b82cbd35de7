import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A remote site in a network namespace the test creates (a ``NetworkNamespaceFixture`` on `10.231.x`): a router
/// reached over a veth link, and behind it a subnet of devices, all answering SNMP through one real `snmpd` inside
/// the namespace.
///
/// ```
/// host (agent, test) ── 10.231.0.1/30 ══ veth ══ 10.231.0.2/30 (the router) ── 10.231.1.0/24 (devices)
/// ```
///
/// ``cutLink()`` sets the link down, as if the site's router died: the router and everything
/// behind it stop answering. ``restoreLink()`` brings it back. The snmpd is stopped by PID and the namespace
/// deleted when the fixture is released.
///
/// Needs root (`ip netns`); ``isAvailable`` says whether this process may create namespaces.
public final class SiteNamespaceFixture: @unchecked Sendable {
    /// The read-only SNMP community of every device.
    public let community = "storm"
    private let network: NetworkNamespaceFixture
    private let directory: URL
    private let lock = NSLock()
    private var snmpd: ManagedProcess?

    /// Whether the tests may create network namespaces: root, `ip` and `snmpd` present.
    public static var isAvailable: Bool {
        NetworkNamespaceFixture.isAvailable && FileManager.default.isExecutableFile(atPath: "/usr/sbin/snmpd")
    }

    /// The router's address: the namespace end of the link.
    public var routerAddress: String { network.namespaceAddress }
    /// The namespace's name.
    public var namespace: String { network.namespace }

    /// Creates the namespace, the link, the routes and the snmpd, returning once the router and the last device
    /// answer.
    /// - Throws: `FixtureError` when a command fails or snmpd does not answer within 30 s.
    public init() async throws {
        network = try NetworkNamespaceFixture(name: "site", net: 231)
        directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-site")
        try """
        rocommunity \(community) \(network.hostAddress)
        sysName site-device
        sysLocation Vedetta storm test
        """.write(to: directory.appendingPathComponent("snmpd.conf"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("persist"), withIntermediateDirectories: true)
        try await startSNMPD()
    }

    deinit {
        lock.withLock { snmpd }?.stop(grace: .seconds(2))
        try? FileManager.default.removeItem(at: directory)
    }

    /// The address of device `index` (1...254) behind the router.
    public func deviceAddress(_ index: Int) -> String { network.address(index) }

    /// Cuts the link to the site: the router and every device behind it stop answering at once.
    public func cutLink() throws { try network.cutLink() }

    /// Brings the link back (and the route to the devices, which the kernel dropped with the link).
    public func restoreLink() throws { try network.restoreLink() }

    private func startSNMPD() async throws {
        let snmpd = try RepositoryPaths.executable("snmpd", candidates: ["/usr/sbin/snmpd"])
        // `ip netns exec` execs snmpd in place: the PID is snmpd's.
        let process = try ManagedProcess(
            executable: network.ip,
            arguments: [
                "netns", "exec", namespace, snmpd, "-f", "-Lo", "-C", "-c",
                directory.appendingPathComponent("snmpd.conf").path, "udp:161",
            ],
            environment: [
                "MIBS": "", "MIBDIRS": directory.path,
                "SNMP_PERSISTENT_DIR": directory.appendingPathComponent("persist").path,
                "SNMPCONFPATH": directory.path,
            ],
            workingDirectory: directory)
        lock.withLock { self.snmpd = process }
        let snmpget = try RepositoryPaths.executable("snmpget", candidates: ["/usr/bin/snmpget"])
        let targets = [routerAddress, deviceAddress(254)]
        let community = self.community
        try await Ports.waitUntil(timeout: .seconds(30), "snmpd in \(namespace) did not answer:\n\(process.output)") {
            guard process.isRunning else { return true }
            return targets.allSatisfy { target in
                let result = try? ToolRunner.run(
                    snmpget, ["-v2c", "-c", community, "-r0", "-t1", "-On", target, "1.3.6.1.2.1.1.5.0"],
                    timeout: .seconds(5))
                return result?.status == 0
            }
        }
        guard process.isRunning else { throw FixtureError("snmpd in \(namespace) exited:\n\(process.output)") }
    }
}
