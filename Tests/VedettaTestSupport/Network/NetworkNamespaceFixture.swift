import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A network namespace the test creates, joined to the host by a veth link, with a subnet of addresses behind it:
///
/// ```
/// host ── vh<id> 10.<net>.0.1/30 ══ veth ══ vn<id> 10.<net>.0.2/30 (the namespace) ── 10.<net>.1.0/24 (its hosts)
/// ```
///
/// Every address of `10.<net>.1.0/24` is local inside the namespace (`ip route add local`), so each answers ping
/// (and any service listening on `0.0.0.0` there), and the host reaches them through a route via the namespace
/// end of the link. Traffic goes only into the namespace, which is deleted when the fixture is released (which
/// removes both ends of the link and the host's route with them). Each fixture of one test process takes its own
/// `net` (second octet), so fixtures may run side by side.
///
/// Needs root (`ip netns`); ``isAvailable`` says whether this process may create namespaces.
public final class NetworkNamespaceFixture: @unchecked Sendable {
    /// The namespace's name.
    public let namespace: String
    /// The namespace end of the link.
    public let namespaceAddress: String
    /// The host end of the link.
    public let hostAddress: String
    /// The host end's interface name.
    public let hostLink: String
    /// The namespace end's interface name.
    public let namespaceLink: String
    /// The second octet of every address.
    public let net: Int
    let ip: String

    /// Whether the tests may create network namespaces: root and `ip` present.
    public static var isAvailable: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip")
    }

    /// Creates the namespace, the link and the routes.
    /// - Parameters:
    ///   - name: A short word for the namespace's name (`vedetta-<name>-<pid>`).
    ///   - net: The second octet of the addresses, 200...254; distinct for fixtures that live at the same time.
    /// - Throws: `FixtureError` when a command fails.
    public init(name: String, net: Int) throws {
        let id = "\(net)\(getpid() % 10_000)"
        self.net = net
        namespace = "vedetta-\(name)-\(getpid())"
        hostLink = "vh\(id)"
        namespaceLink = "vn\(id)"
        hostAddress = "10.\(net).0.1"
        namespaceAddress = "10.\(net).0.2"
        ip = try RepositoryPaths.executable("ip", candidates: ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip"])
        _ = try? run(["netns", "del", namespace])  // left over by a test run that was killed
        try run(["netns", "add", namespace])
        try run(["link", "add", hostLink, "type", "veth", "peer", "name", namespaceLink])
        try run(["link", "set", namespaceLink, "netns", namespace])
        try run(["addr", "add", "\(hostAddress)/30", "dev", hostLink])
        try run(["link", "set", hostLink, "up"])
        try run(["-n", namespace, "link", "set", "lo", "up"])
        try run(["-n", namespace, "addr", "add", "\(namespaceAddress)/30", "dev", namespaceLink])
        try run(["-n", namespace, "link", "set", namespaceLink, "up"])
        try run(["-n", namespace, "route", "add", "local", "10.\(net).1.0/24", "dev", "lo"])
        try addHostRoute()
    }

    deinit {
        _ = try? run(["netns", "del", namespace])
    }

    /// The address of host `index` (1...254) behind the namespace end of the link.
    public func address(_ index: Int) -> String { "10.\(net).1.\(index)" }

    /// Sets the namespace end of the link down: the namespace and every address behind it stop answering at once.
    ///
    /// The host end stays up (without carrier), so the host keeps its routes into the namespace and what it sends
    /// there is dropped on the dead link. Setting the host end down instead would remove those routes, and the
    /// host would send the packets out of its default route: to a network the test does not own.
    public func cutLink() throws {
        try runInNamespace(["link", "set", namespaceLink, "down"])
    }

    /// Brings the link back.
    public func restoreLink() throws {
        try runInNamespace(["link", "set", namespaceLink, "up"])
        try addHostRoute()
    }

    /// Runs `ip ARGUMENTS` inside the namespace (`ip -n NAMESPACE ...`).
    @discardableResult
    public func runInNamespace(_ arguments: [String]) throws -> String {
        try run(["-n", namespace] + arguments)
    }

    /// Runs a program inside the namespace (`ip netns exec`) and returns its result.
    public func execute(_ arguments: [String], timeout: Duration = .seconds(30)) throws -> ToolRunner.Output {
        try ToolRunner.run(ip, ["netns", "exec", namespace] + arguments, timeout: timeout)
    }

    /// Makes the link lossy and slow for ICMP echo, as `tc qdisc add dev <namespace end> root netem delay D loss L`
    /// does. Where the kernel has netem, that is what it runs; where it has not (`CONFIG_NET_SCH_NETEM` unset, as in
    /// some VMs), the namespace's kernel stops answering echo requests and `Tests/Fixtures/icmp/impaired_echo.py`
    /// answers them inside the namespace, after `delay`, dropping `lossPercent` of them at random.
    /// - Returns: The responder, to keep alive while the test pings (stopped by PID when released); `nil` with netem.
    /// - Throws: `FixtureError` when neither way works.
    public func impairEcho(delay: Duration, lossPercent: Int) async throws -> ManagedProcess? {
        let milliseconds = delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000
        let tc = try RepositoryPaths.executable("tc", candidates: ["/usr/sbin/tc", "/sbin/tc"])
        let netem = try ToolRunner.run(
            tc,
            [
                "-n", namespace, "qdisc", "add", "dev", namespaceLink, "root", "netem", "delay", "\(milliseconds)ms",
                "loss", "\(lossPercent)%",
            ])
        if netem.status == 0 { return nil }
        try execute(["sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=1"]).requireSuccess("sysctl")
        let script = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/icmp/impaired_echo.py").path
        let responder = try ManagedProcess(
            executable: ip,
            arguments: ["netns", "exec", namespace, "python3", "-u", script, "\(milliseconds)", "\(lossPercent)"])
        try await Ports.waitUntil(timeout: .seconds(10), "impaired_echo.py did not start:\n\(responder.output)") {
            !responder.isRunning || responder.output.contains("ready")
        }
        guard responder.isRunning else { throw FixtureError("impaired_echo.py exited:\n\(responder.output)") }
        return responder
    }

    private func addHostRoute() throws {
        try run(["route", "replace", "10.\(net).1.0/24", "via", namespaceAddress, "dev", hostLink])
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let result = try ToolRunner.run(ip, arguments, timeout: .seconds(30))
        guard result.status == 0 else {
            throw FixtureError("ip \(arguments.joined(separator: " ")) failed: \(result.standardError)")
        }
        return result.standardOutput
    }
}
