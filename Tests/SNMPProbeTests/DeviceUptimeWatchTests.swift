import Foundation
import Logging
import SNMPKit
import SNMPProbe
import Testing
import VedettaCore
import VedettaTestSupport

@Suite("DeviceUptimeWatch")
struct DeviceUptimeWatchTests {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a frozen uptime (a replayed recording) is logged once and never taken for a restart")
    func frozenIsLoggedOnce() {
        let capture = LogCapture()
        let logger = capture.logger(label: "test")
        let watch = DeviceUptimeWatch()
        for poll in 0..<20 {
            let restarted = watch.countersRestarted(
                uptime: .seconds(4_924_464), of: "crm-db-01", at: t0 + Double(15 * poll), logger: logger)
            #expect(!restarted)
        }
        let messages = capture.records.map(\.message)
        #expect(messages == ["device uptime does not advance; restarts cannot be told from it"])
        #expect(!messages.contains("device restarted; rates start over"))
    }

    @Test("polls without an uptime change nothing; a reboot during an outage is caught on the device's return")
    func missingUptime() {
        let capture = LogCapture()
        let logger = capture.logger(label: "test")
        let watch = DeviceUptimeWatch()
        #expect(!watch.countersRestarted(uptime: .seconds(1000), of: "sw1", at: t0, logger: logger))
        #expect(!watch.countersRestarted(uptime: nil, of: "sw1", at: t0 + 60, logger: logger))
        #expect(!watch.countersRestarted(uptime: nil, of: "sw1", at: t0 + 120, logger: logger))
        // Back after 180 s, up for 100 s: it rebooted while unreachable.
        #expect(watch.countersRestarted(uptime: .seconds(100), of: "sw1", at: t0 + 180, logger: logger))
        #expect(capture.records.map(\.message) == ["device restarted; rates start over"])
        #expect(capture.records.first?.level == .info)
    }
}
