import Foundation
import Testing
import VedettaCore

@Suite("RecentHistory")
struct RecentHistoryTests {
    let device = DeviceID("sw1")
    /// A step boundary: 2026-12-04 10:00:00 UTC.
    let start = Date(timeIntervalSince1970: 1_796_378_400)

    func cpu(_ value: Double) -> Sample {
        Sample(name: "cpuBusy", labels: ["device": "sw1"], value: value)
    }

    func octets(_ value: Double, port: String = "1") -> Sample {
        Sample(name: "ifHCInOctets", labels: ["device": "sw1", "ifIndex": port], value: value, kind: .counter)
    }

    func history(keep: Int = 3600, step: Int = 300, maximum: Int = 1000) -> RecentHistory {
        RecentHistory(settings: .init(keep: .seconds(keep), step: .seconds(step), maximumSeries: maximum))
    }

    @Test("a reload that removes a device drops its history, gives its places back and refuses its late polls")
    func forgetRemovedDevice() {
        let history = history(maximum: 3)
        let other = DeviceID("sw2")
        history.record(device: device, source: "snmp", samples: [cpu(10), octets(1)], at: start)
        history.record(device: other, source: "snmp", samples: [cpu(20)], at: start)
        #expect(history.seriesCount == 3)
        history.forget(devicesOtherThan: [other])
        #expect(history.seriesCount == 1)
        #expect(history.series(of: device).isEmpty)
        history.record(device: device, source: "snmp", samples: [cpu(30)], at: start + 60)  // in flight: refused
        #expect(history.series(of: device).isEmpty)
        #expect(history.seriesCount == 1)
        history.record(device: other, source: "snmp", samples: [cpu(40), octets(5)], at: start + 60)
        #expect(history.seriesCount == 2)
        #expect(history.droppedSamples == 0)
    }

    @Test("a gauge's point is the mean of its step's values, at the start of the step")
    func gaugeMean() {
        let history = history()
        for (offset, value) in [(0.0, 10.0), (60, 20), (120, 60)] {
            history.record(device: device, source: "snmp", samples: [cpu(value)], at: start + offset)
        }
        history.record(device: device, source: "snmp", samples: [cpu(5)], at: start + 300)
        let series = history.series(of: device)
        #expect(series.count == 1)
        #expect(series.first?.kind == .gauge)
        #expect(series.first?.points == [.init(time: start, value: 30), .init(time: start + 300, value: 5)])
    }

    @Test("a counter's point is its rate per second over the step, from the last poll before the step")
    func counterRate() throws {
        let history = history()
        // 1000 bytes per second, polled every minute; the first poll only gives the rate a base.
        for minute in 0..<11 {
            history.record(
                device: device, source: "snmp", samples: [octets(Double(minute) * 60_000)],
                at: start + Double(minute) * 60)
        }
        let points = try #require(history.series(of: device).first?.points)
        #expect(points.map(\.time) == [start, start + 300, start + 600])
        #expect(points.allSatisfy { $0.value == 1000 })
    }

    @Test("a counter that goes back, or a device that restarted, starts its rate over instead of a negative spike")
    func counterReset() throws {
        let history = history()
        history.record(device: device, source: "snmp", samples: [octets(1_000_000)], at: start)
        history.record(device: device, source: "snmp", samples: [octets(1_060_000)], at: start + 60)
        history.record(device: device, source: "snmp", samples: [octets(500)], at: start + 300)
        history.record(device: device, source: "snmp", samples: [octets(60_500)], at: start + 360)
        history.record(
            device: device, source: "snmp", samples: [octets(100)], countersRestarted: true, at: start + 600)
        history.record(device: device, source: "snmp", samples: [octets(30_100)], at: start + 660)
        let points = try #require(history.series(of: device).first?.points)
        #expect(
            points == [
                .init(time: start, value: 1000), .init(time: start + 300, value: 1000),
                .init(time: start + 600, value: 500),
            ])
    }

    @Test("steps without a poll are gaps; points older than keep leave, and so does a series gone that long")
    func gapsAndExpiry() {
        let history = history(keep: 900, step: 300)  // three steps
        history.record(device: device, source: "snmp", samples: [cpu(1), octets(0, port: "9")], at: start)
        history.record(device: device, source: "snmp", samples: [cpu(3)], at: start + 600)
        #expect(history.series(of: device).first { $0.key.name == "cpuBusy" }?.points.map(\.value) == [1, 3])
        #expect(history.seriesCount == 2)
        history.record(device: device, source: "snmp", samples: [cpu(4)], at: start + 900)
        #expect(history.series(of: device).map(\.key.name) == ["cpuBusy"])
        #expect(
            history.series(of: device).first?.points == [
                .init(time: start + 600, value: 3), .init(time: start + 900, value: 4),
            ])
        #expect(history.seriesCount == 1)
    }

    @Test("beyond max_series, new series are not kept and their samples are counted")
    func seriesLimit() {
        let history = history(maximum: 3)
        let ports = (1...5).map { octets(0, port: String($0)) }
        history.record(device: device, source: "snmp", samples: ports, at: start)
        history.record(device: DeviceID("sw2"), source: "snmp", samples: [cpu(1)], at: start)
        #expect(history.seriesCount == 3)
        #expect(history.droppedSamples == 3)
        #expect(history.series(of: device).count == 3)
        #expect(history.series(of: DeviceID("sw2")).isEmpty)
        #expect(RecentHistory(settings: .init(maximumSeries: 0)).seriesCount == 0)
    }

    @Test("sources are kept apart; a poll from before the ring (the clock went back) starts the source over")
    func sourcesAndClock() {
        let history = history(keep: 900, step: 300)
        history.record(device: device, source: "snmp", samples: [cpu(1)], at: start)
        history.record(device: device, source: "http", samples: [cpu(2)], at: start)
        #expect(history.series(of: device).map { $0.points.map(\.value) } == [[2], [1]])
        history.record(device: device, source: "snmp", samples: [cpu(7)], at: start - 7200)
        #expect(history.series(of: device).map { $0.points.map(\.value) } == [[2], [7]])
        #expect(history.seriesCount == 2)
        #expect(history.series(of: DeviceID("never")).isEmpty)
    }
}
