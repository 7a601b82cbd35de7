public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A remote site in a network namespace the test creates: a router reached over a veth link, and behind it a
/// subnet of devices, all answering SNMP through one real `snmpd` inside the namespace.
///
/// ```
/// host (agent, test) ── vh<id> 10.231.0.1/30 ══ veth ══ vn<id> 10.231.0.2/30 (the router) ── 10.231.1.0/24 (devices)
/// ```
///
/// Every address of `10.231.1.0/24` is local inside the namespace (`ip route add local`), so one snmpd listening on
/// `udp:161` answers for every device, and the host reaches them through a route via the router. ``cutLink()``
/// sets the host end of the link down, as if the site's router died: the router and everything behind it stop
/// answering. ``restoreLink()`` brings it back. Traffic goes only into the namespace, which is deleted (and the
/// snmpd stopped by PID) when the fixture is released.
///
/// Needs root (`ip netns`); ``isAvailable`` says whether this process may create namespaces.
public final class SiteNamespaceFixture: @unchecked Sendable {
    /// The router's address: the namespace end of the link.
    public let routerAddress = "10.231.0.2"
    /// The read-only SNMP community of every device.
    public let community = "storm"
    /// The namespace's name.
    public let namespace: String
    private let hostLink: String
    private let directory: URL
    private let ip: String
    private let lock = NSLock()
    private var snmpd: ManagedProcess?

    /// Whether the tests may create network namespaces: root and `ip` present.
    public static var isAvailable: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip")
            && FileManager.default.isExecutableFile(atPath: "/usr/sbin/snmpd")
    }

    /// Creates the namespace, the link, the routes and the snmpd, returning once the router and the last device
    /// answer.
    /// - Throws: `FixtureError` when a command fails or snmpd does not answer within 30 s.
    public init() async throws {
        let id = "\(getpid() % 100_000)"
        namespace = "vedetta-site-\(id)"
        hostLink = "vh\(id)"
        ip = try RepositoryPaths.executable("ip", candidates: ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip"])
        directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-site")
        let namespaceLink = "vn\(id)"
        _ = try? run(["netns", "del", namespace])  // left over by a test run that was killed
        try run(["netns", "add", namespace])
        try run(["link", "add", hostLink, "type", "veth", "peer", "name", namespaceLink])
        try run(["link", "set", namespaceLink, "netns", namespace])
        try run(["addr", "add", "10.231.0.1/30", "dev", hostLink])
        try run(["link", "set", hostLink, "up"])
        try run(["-n", namespace, "link", "set", "lo", "up"])
        try run(["-n", namespace, "addr", "add", "\(routerAddress)/30", "dev", namespaceLink])
        try run(["-n", namespace, "link", "set", namespaceLink, "up"])
        try run(["-n", namespace, "route", "add", "local", "10.231.1.0/24", "dev", "lo"])
        try addHostRoute()
        try """
        rocommunity \(community) 10.231.0.1
        sysName site-device
        sysLocation Vedetta storm test
        """.write(to: directory.appendingPathComponent("snmpd.conf"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("persist"), withIntermediateDirectories: true)
        try await startSNMPD()
    }

    deinit {
        lock.withLock { snmpd }?.stop(grace: .seconds(2))
        _ = try? run(["netns", "del", namespace])  // removes both ends of the link, and the host route with it
        try? FileManager.default.removeItem(at: directory)
    }

    /// The address of device `index` (1...254) behind the router.
    public func deviceAddress(_ index: Int) -> String { "10.231.1.\(index)" }

    /// Cuts the link to the site: the router and every device behind it stop answering at once.
    public func cutLink() throws {
        try run(["link", "set", hostLink, "down"])
    }

    /// Brings the link back (and the route to the devices, which the kernel dropped with the link).
    public func restoreLink() throws {
        try run(["link", "set", hostLink, "up"])
        try addHostRoute()
    }

    private func addHostRoute() throws {
        try run(["route", "replace", "10.231.1.0/24", "via", routerAddress, "dev", hostLink])
    }

    private func startSNMPD() async throws {
        let snmpd = try RepositoryPaths.executable("snmpd", candidates: ["/usr/sbin/snmpd"])
        // `ip netns exec` execs snmpd in place: the PID is snmpd's.
        let process = try ManagedProcess(
            executable: ip,
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

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let result = try ToolRunner.run(ip, arguments, timeout: .seconds(30))
        guard result.status == 0 else {
            throw FixtureError("ip \(arguments.joined(separator: " ")) failed: \(result.standardError)")
        }
        return result.standardOutput
    }
}
