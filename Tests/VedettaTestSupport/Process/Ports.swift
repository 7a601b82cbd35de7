import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Free loopback ports and readiness checks. Fixtures never sleep a fixed time: they poll until ready.
public enum Ports {
    /// The ports handed out by this process, never handed out twice.
    private static let handedOut = Mutex(Set<Int>())

    /// A port that is free on 127.0.0.1 for both TCP and UDP at the time of the call.
    ///
    /// Ports come from 20000–32767, below Linux's ephemeral range (32768–60999), so the kernel never gives one
    /// to an outgoing connection or to another `bind(0)` between this check and the fixture's own bind (the race
    /// a port chosen by `bind(0)` and closed again has); and this process never hands out the same port twice.
    /// - Throws: `FixtureError` if no port could be found.
    public static func freePort() throws -> Int {
        for _ in 0..<500 {
            let port = Int.random(in: 20_000...32_767)
            guard handedOut.withLock({ $0.insert(port).inserted }) else { continue }
            if isTCPPortFree(port), isUDPPortFree(port) { return port }
        }
        throw FixtureError("no free loopback port found in 20000-32767")
    }

    private static func isTCPPortFree(_ port: Int) -> Bool {
        let tcp = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard tcp >= 0 else { return false }
        defer { close(tcp) }
        var address = loopbackAddress(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(tcp, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return bound == 0
    }

    /// Waits until a TCP connection to 127.0.0.1:`port` succeeds, or fails after `timeout`.
    /// - Throws: `FixtureError` naming the process output when the port never opens.
    public static func waitForTCP(port: Int, timeout: Duration = .seconds(20), process: ManagedProcess? = nil)
        async throws
    {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if canConnectTCP(port: port) { return }
            if let process, !process.isRunning {
                throw FixtureError("\(process.commandLine) exited before listening:\n\(process.output)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw FixtureError("nothing listened on 127.0.0.1:\(port) within \(timeout)\n\(process?.output ?? "")")
    }

    /// Whether some socket of this machine is bound to UDP `port` (from `/proc/net/udp` and `udp6`).
    public static func isUDPBound(port: Int) -> Bool {
        let hex = String(format: ":%04X ", port)
        return ["/proc/net/udp", "/proc/net/udp6"].contains { path in
            ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").contains {
                $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.map {
                    "\($0) ".hasSuffix(hex)
                } ?? false
            }
        }
    }

    /// Waits until `check` returns true, polling every 20 ms, or fails after `timeout` with `message`.
    /// - Throws: `FixtureError(message)` on timeout.
    public static func waitUntil(
        timeout: Duration = .seconds(20),
        _ message: @autoclosure () -> String,
        check: () async -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await check() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw FixtureError(message())
    }

    static func canConnectTCP(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopbackAddress(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }

    private static func isUDPPortFree(_ port: Int) -> Bool {
        let udp = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard udp >= 0 else { return false }
        defer { close(udp) }
        var address = loopbackAddress(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(udp, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }

    private static func loopbackAddress(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
