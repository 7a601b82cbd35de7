import Foundation
import SNMPKit
import SNMPProbe
import Testing
import VedettaCore

@Suite("DeviceRestartDetector")
struct DeviceRestartDetectorTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    /// Observes `first` at `t0`, then `second` `elapsed` seconds later; returns the verdict on the second.
    private func verdict(
        _ first: Duration,
        _ second: Duration,
        after elapsed: TimeInterval
    ) -> DeviceRestartDetector.Restart? {
        var detector = DeviceRestartDetector()
        _ = detector.observe(uptime: first, of: "sw1", at: t0)
        return detector.observe(uptime: second, of: "sw1", at: t0 + elapsed)
    }

    @Test("the first poll of a device is never a restart")
    func firstPoll() {
        var detector = DeviceRestartDetector()
        #expect(detector.observe(uptime: .seconds(3), of: "sw1", at: t0) == nil)
    }

    @Test("uptime that went backwards is a restart, however little time passed")
    func backwards() {
        let restart = verdict(.seconds(1000), .milliseconds(999_990), after: 1)
        #expect(
            restart
                == DeviceRestartDetector.Restart(
                    previousUptime: .seconds(1000), uptime: .milliseconds(999_990), elapsed: .seconds(1)))
        #expect(restart?.uptimeWentBackwards == true)
    }

    @Test(
        "uptime that fell behind the wall clock by more than max(5 s, 10%) is a restart",
        arguments: [
            // (uptime growth, elapsed, restarted)
            (60.0, 60.0, false), (55.0, 60.0, false), (54.0, 60.0, false), (53.9, 60.0, true),
            (541.0, 600.0, false), (540.0, 600.0, false), (539.0, 600.0, true),
            (30.0, 300.0, true), (0.01, 10.0, true), (0.01, 5.0, false), (0.01, 5.1, true),
            (70.0, 60.0, false),  // a device clock running fast, or a late previous poll
        ])
    func tolerance(growth: Double, elapsed: Double, restarted: Bool) {
        let first = Duration.seconds(10_000)
        #expect((verdict(first, first + .seconds(growth), after: elapsed) != nil) == restarted)
    }

    @Test("sysUpTime wrapping after 497 days looks like a restart")
    func uptimeWrap() {
        let nearWrap = Duration.milliseconds(Int64(UInt32.max) * 10 - 30_000)
        #expect(verdict(nearWrap, .seconds(30), after: 60)?.uptimeWentBackwards == true)
    }

    @Test("devices are tracked separately; a forgotten device starts over")
    func perDevice() {
        var detector = DeviceRestartDetector()
        _ = detector.observe(uptime: .seconds(1000), of: "sw1", at: t0)
        #expect(detector.observe(uptime: .seconds(5), of: "sw2", at: t0 + 60) == nil)
        #expect(detector.observe(uptime: .seconds(1060), of: "sw1", at: t0 + 60) == nil)
        detector.forget("sw1")
        #expect(detector.observe(uptime: .seconds(1), of: "sw1", at: t0 + 120) == nil)
    }

    @Test("the tolerances can be changed")
    func customTolerance() {
        var detector = DeviceRestartDetector(minimumTolerance: .seconds(1), relativeTolerance: 0)
        _ = detector.observe(uptime: .seconds(100), of: "sw1", at: t0)
        #expect(detector.observe(uptime: .seconds(157), of: "sw1", at: t0 + 60) != nil)
    }

    @Test("the description names both uptimes and the elapsed time")
    func description() {
        let restart = DeviceRestartDetector.Restart(
            previousUptime: .seconds(10_800), uptime: .seconds(12), elapsed: .seconds(300))
        #expect(restart.description == "uptime 12s after 3h, 5m later")
    }

    @Test("an uptime that does not move is frozen, not a restart, and is reported until it moves again")
    func frozenUptime() {
        var detector = DeviceRestartDetector()
        _ = detector.observe(uptime: .seconds(4_924_464), of: "crm-db-01", at: t0)
        for poll in 1...10 {
            #expect(detector.observe(uptime: .seconds(4_924_464), of: "crm-db-01", at: t0 + Double(15 * poll)) == nil)
        }
        #expect(detector.isFrozen("crm-db-01"))
        #expect(detector.observe(uptime: .seconds(4_924_494), of: "crm-db-01", at: t0 + 180) == nil)
        #expect(!detector.isFrozen("crm-db-01"))
        // The same uptime twice within a second is just two quick polls.
        _ = detector.observe(uptime: .seconds(100), of: "sw9", at: t0)
        #expect(detector.observe(uptime: .seconds(100), of: "sw9", at: t0 + 0.5) == nil)
        #expect(!detector.isFrozen("sw9"))
    }
}
