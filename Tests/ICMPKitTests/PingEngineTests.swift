import Foundation
import ICMPKit
import Logging
import SocketKit
import Testing
import VedettaTestSupport

/// The engine against the kernel: loopback answers every echo request, the addresses of a namespace the test
/// creates answer until its link is cut.
@Suite(
    "PingEngine pings real hosts",
    .enabled(if: getuid() == 0, "needs root (or a ping_group_range that includes this group)"))
struct PingEngineTests {
    let engine = PingEngine(logger: Logger(label: "vedetta.tests.ping"))

    @Test(
        "loopback answers every request, IPv4 and IPv6, with round trips under the timeout",
        arguments: ["127.0.0.1", "::1"])
    func loopback(host: String) async throws {
        let report = try await engine.ping(
            host, settings: PingSettings(packets: 4, interval: .milliseconds(20), timeout: .seconds(1)),
            deadline: .now + .seconds(5))
        #expect(report.address == host)
        #expect(report.sent == 4)
        #expect(report.received == 4)
        #expect(report.lossRatio == 0)
        let slowest = try #require(report.maximum)
        #expect(slowest > .zero && slowest < .seconds(1))
        #expect(report.minimum! <= report.average! && report.average! <= slowest)
    }

    @Test("1,000 runs at once to 250 loopback addresses share one socket and all come back complete")
    func many() async throws {
        let engine = self.engine
        let reports = try await withThrowingTaskGroup(of: PingReport.self) { group in
            for index in 0..<1_000 {
                group.addTask {
                    try await engine.ping(
                        "127.0.\(index / 250).\(index % 250 + 1)",
                        settings: PingSettings(packets: 2, interval: .milliseconds(10), timeout: .seconds(2)),
                        deadline: .now + .seconds(10))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(reports.count == 1_000)
        #expect(reports.allSatisfy { $0.received == 2 })
        #expect(Set(reports.map(\.address)).count == 1_000)
    }

    @Test("a name resolves (IPv4 first); an unknown name and a literal of the wrong family are errors")
    func names() async throws {
        let report = try await engine.ping(
            "localhost", settings: PingSettings(packets: 1), deadline: .now + .seconds(5))
        #expect(report.address == "127.0.0.1")
        await #expect(throws: PingError.self) {
            try await engine.ping(
                "no-such-host.invalid", settings: PingSettings(packets: 1), deadline: .now + .seconds(5))
        }
        do {
            _ = try await engine.ping(
                "127.0.0.1", settings: PingSettings(packets: 1, family: .ipv6), deadline: .now + .seconds(5))
            Issue.record("an IPv4 literal was pinged as IPv6")
        } catch {
            #expect(error.code == .unresolved)
        }
    }

    @Test("requests the deadline leaves no time for are not sent, and the run ends at the deadline")
    func deadline() async throws {
        let report = try await engine.ping(
            "127.0.0.1", settings: PingSettings(packets: 10, interval: .milliseconds(100)),
            deadline: .now + .milliseconds(250))
        #expect(report.sent == 3)
        #expect(report.unsent == 7)
        #expect(report.received == 3)
    }

    @Test("a host behind a cut link loses every request, and its run takes the packet timeout, not more")
    func silentHost() async throws {
        try #require(NetworkNamespaceFixture.isAvailable)
        let site = try NetworkNamespaceFixture(name: "ping", net: 232)
        let before = try await engine.ping(
            site.address(7), settings: PingSettings(packets: 2, interval: .milliseconds(20)),
            deadline: .now + .seconds(5))
        #expect(before.received == 2)
        try site.cutLink()
        let started = ContinuousClock.now
        let after = try await engine.ping(
            site.address(7),
            settings: PingSettings(packets: 3, interval: .milliseconds(50), timeout: .milliseconds(300)),
            deadline: .now + .seconds(5))
        let took = started.duration(to: .now)
        #expect(after.sent + after.unsent == 3)
        #expect(after.received == 0)
        #expect(after.lossRatio == 1)
        // It waited for the last request's timeout; with no reply to wait for, it did not wait for anything else
        // (the bound is loose so that a loaded machine does not fail it).
        #expect(took >= .milliseconds(350) && took < .seconds(5), "took \(took)")
    }

    @Test("a cancelled run returns at once with a cancellation error")
    func cancellation() async throws {
        try #require(NetworkNamespaceFixture.isAvailable)
        let site = try NetworkNamespaceFixture(name: "pingc", net: 233)
        try site.cutLink()
        let engine = self.engine
        let address = site.address(9)
        let task = Task {
            try await engine.ping(
                address, settings: PingSettings(packets: 1, timeout: .seconds(20)), deadline: .now + .seconds(30))
        }
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("the cancelled run returned a report")
        } catch let error as PingError {
            #expect(error.code == .cancelled)
        }
        #expect(started.duration(to: .now) < .seconds(10), "it did not wait for the 20-second packet timeout")
    }

    @Test("after shutdown, runs are refused")
    func shutdown() async throws {
        let engine = PingEngine(logger: Logger(label: "vedetta.tests.ping"))
        engine.shutdown()
        await #expect(throws: PingError.self) {
            try await engine.ping("127.0.0.1", settings: PingSettings(packets: 1), deadline: .now + .seconds(1))
        }
    }
}
