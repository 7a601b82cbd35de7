import Foundation
import Logging
import Testing
import VedettaAlerting
import VedettaCore
import VedettaIncidents
import VedettaRules
import VedettaStoreSQLite
import VedettaTestSupport

/// Topology dependencies through the real stages and a real SQLite store; only the clock is moved by hand.
///
/// The lab's network: `router` (and a second router `router-b`) in front of `sw-1` and `sw-2`; `pbx` behind
/// `sw-1`; `sw-2` behind both routers (redundant paths); `pc` behind `dumb`, a switch no `device_down` rule watches, behind `router`.
@Suite("Dependencies: devices behind a parent that is down page nobody")
struct DependencyMutingTests {
    private let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    private struct Lab {
        let store: SQLiteIncidentStore
        let clock = ManualWallClock()
        let muter: DependencyMuter
        let pipeline: AlertingPipeline
        let delivered = DeliveredPages()
        let rules: [AlertRule]
        let topology: DeviceTopology

        init(deviceDownFor: Duration = .zero, store existing: SQLiteIncidentStore? = nil, logger: Logger) throws {
            let store = try existing ?? SQLiteIncidentStore.inMemory()
            self.store = store
            let location = SourceLocation(file: "test.yaml", line: 1, column: 1)
            let rules = [
                AlertRule(
                    name: "DeviceDown", expression: try RuleExpression.parse("up == 0"), expressionText: "up == 0",
                    holdDuration: deviceDownFor, marksDeviceDown: true, severity: .critical,
                    summary: "{{ $labels.device }} down", location: location),
                AlertRule(
                    name: "PortDown", expression: try RuleExpression.parse("ifOperStatus == 2"),
                    expressionText: "ifOperStatus == 2", severity: .warning, location: location),
            ]
            let topology = DeviceTopology(parents: [
                "sw-1": ["router"], "sw-2": ["router", "router-b"], "pbx": ["sw-1"], "dumb": ["router"],
                "pc": ["dumb"],
            ])
            self.rules = rules
            self.topology = topology
            muter = DependencyMuter(
                topology: topology, deviceDownRules: ["DeviceDown"],
                roles: ["sw-1": "switch", "sw-2": "switch", "pbx": "pbx", "dumb": "switch", "pc": "workstation"],
                checkWindows: ["router": .seconds(65), "router-b": .seconds(65)])
            pipeline = AlertingPipeline(
                rules: rules, log: store,
                decisions: AlertDecisions(
                    mute: MuteStage(muters: [muter]), router: BroadcastRouter(channels: ["oncall"]),
                    annotators: [muter]),
                dependencies: muter,
                onOutboxWritten: {}, logger: logger, now: { [clock] in clock.now })
        }

        /// The agent after a restart: the same store, a new pipeline and muter that know nothing yet.
        func restarted(logger: Logger) async throws -> Lab {
            let lab = try Lab(store: store, logger: logger)
            lab.clock.advance(clock.now.timeIntervalSince(lab.clock.now))
            try await lab.pipeline.restoreFromStore()
            return lab
        }

        /// One poll of `device`, finished now, started `took` seconds ago.
        func poll(_ device: String, up: Bool, portDown: Bool = false, took: TimeInterval = 0) async {
            var samples = [Sample(name: "up", labels: ["device": device, "probe": "snmp"], value: up ? 1 : 0)]
            if up {
                samples.append(
                    Sample(
                        name: "ifOperStatus", labels: ["device": device, "probe": "snmp", "ifIndex": "1"],
                        value: portDown ? 2 : 1))
            }
            await pipeline.process(
                SampleReport(
                    device: DeviceID(device), source: "snmp", samples: samples, at: clock.now,
                    startedAt: clock.now.addingTimeInterval(-took)))
        }

        /// One report of `device` that no device_down rule reads, like an HTTP check of a switch's web page.
        func reportWithoutCondition(_ device: String) async {
            await pipeline.process(
                SampleReport(
                    device: DeviceID(device), source: "http",
                    samples: [Sample(name: "http_duration_seconds", labels: ["device": device], value: 0.1)],
                    at: clock.now))
        }

        /// Every notification queued so far, as `event device`: each call delivers what is due (the outbox sends
        /// a restoration only after its opening), and the list keeps growing.
        func pages() async throws -> [String] {
            while true {
                let due = try await store.claimDue(by: "test", at: clock.now, lease: .seconds(60), limit: 100)
                guard !due.isEmpty else { break }
                for entry in due {
                    let device = try await store.incident(id: entry.incidentID)?.labels["device"] ?? "?"
                    delivered.append("\(entry.event.rawValue) \(device)")
                    try await store.markDelivered(entry.id, by: "test", at: clock.now)
                }
            }
            return delivered.pages
        }

        func openIncident(_ device: String, rule: String = "DeviceDown") async throws -> Incident? {
            try await store.openIncidents().first { $0.labels["device"] == device && $0.rule == rule }
        }
    }

    @Test("router down, then the devices behind it: one page, which lists what the router takes with it")
    func routerFirst() async throws {
        let lab = try Lab(logger: logger)
        for device in ["router", "router-b", "sw-1", "sw-2", "pbx", "pc"] { await lab.poll(device, up: true) }
        await lab.reportWithoutCondition("dumb")
        lab.clock.advance(60)
        await lab.poll("router", up: false)
        for device in ["sw-1", "pbx", "pc"] { await lab.poll(device, up: false) }
        #expect(try await lab.pages() == ["opened router"])
        let router = try #require(try await lab.openIncident("router"))
        let impact = try #require(router.timeline.first { $0.kind == .impact })
        // sw-2 still has router-b; pc is behind dumb, which only router reaches.
        #expect(
            impact.detail == "router down: 4 devices unreachable (switch 2, pbx 1, workstation 1)\ndumb, pbx, pc, sw-1")
        for device in ["sw-1", "pbx", "pc"] {
            let incident = try #require(try await lab.openIncident(device))
            #expect(incident.timeline.last?.kind == .muted)
            #expect(incident.timeline.last?.detail == "unreachable through router")
        }
        let statuses = await lab.pipeline.alertStatuses()
        #expect(statuses.first { $0.alert.device == "pbx" }?.mutedBy?.kind == DependencyMuter.kind)
        #expect(lab.muter.unreachableDevices(at: lab.clock.now).map(\.device) == ["dumb", "pbx", "pc", "sw-1"])
        #expect(lab.muter.unreachableDevices(at: lab.clock.now).allSatisfy { $0.through == ["router"] })
    }

    @Test(
        "a reload keeps what the muter knows: the devices behind a router that is down stay muted, and a removed device's muted incident is restored without a page"
    )
    func reloadKeepsDeviceState() async throws {
        let lab = try Lab(logger: logger)
        for device in ["router", "router-b", "sw-1", "sw-2", "pbx", "pc"] { await lab.poll(device, up: true) }
        await lab.reportWithoutCondition("dumb")
        lab.clock.advance(60)
        await lab.poll("router", up: false)
        for device in ["sw-1", "pbx", "pc"] { await lab.poll(device, up: false) }
        #expect(try await lab.pages() == ["opened router"])

        // pc is no longer configured; everything else is as it was.
        let devices: Set<DeviceID> = ["router", "router-b", "sw-1", "sw-2", "pbx", "dumb"]
        lab.muter.reconfigure(
            topology: DeviceTopology(parents: lab.topology.parents.filter { $0.key != "pc" }),
            deviceDownRules: ["DeviceDown"], roles: [:],
            checkWindows: ["router": .seconds(65), "router-b": .seconds(65)], devices: devices)
        await lab.pipeline.reconfigure(
            rules: lab.rules, trapRules: [], router: BroadcastRouter(channels: ["oncall"]), devices: devices)
        #expect(try await lab.openIncident("pc") == nil)
        lab.clock.advance(60)
        for device in ["sw-1", "pbx"] { await lab.poll(device, up: false) }
        await lab.poll("pc", up: false)  // a run that was in flight: dropped
        #expect(try await lab.pages() == ["opened router"])
        #expect(try await lab.openIncident("pbx")?.timeline.last?.detail == "unreachable through router")
        #expect(try await lab.openIncident("pc") == nil)
        #expect(lab.muter.unreachableDevices(at: lab.clock.now).map(\.device) == ["dumb", "pbx", "sw-1"])
    }

    @Test("devices behind the router fail before its own check: they wait for it, then are unreachable through it")
    func childrenFirst() async throws {
        let lab = try Lab(logger: logger)
        for device in ["router", "router-b", "sw-1", "pbx"] { await lab.poll(device, up: true) }
        lab.clock.advance(30)
        await lab.poll("sw-1", up: false)
        await lab.poll("pbx", up: false)
        let waiting = try #require(try await lab.openIncident("sw-1"))
        #expect(waiting.timeline.last?.detail == "waiting for the next check of router")
        lab.clock.advance(10)
        await lab.poll("router", up: false)
        lab.clock.advance(20)
        await lab.poll("sw-1", up: false)
        await lab.poll("pbx", up: false)
        #expect(try await lab.pages() == ["opened router"])
        let sw1 = try #require(try await lab.openIncident("sw-1"))
        #expect(
            sw1.timeline.filter { $0.kind == .muted }.map(\.detail) == [
                "waiting for the next check of router", "unreachable through router",
            ])
        let pbx = try #require(try await lab.openIncident("pbx"))
        #expect(pbx.timeline.last?.detail == "unreachable through router")
    }

    @Test("a device that fails while its router answers pages as soon as the router's next check says so")
    func routerAnswers() async throws {
        let lab = try Lab(logger: logger)
        for device in ["router", "sw-1"] { await lab.poll(device, up: true) }
        lab.clock.advance(30)
        await lab.poll("sw-1", up: false)
        #expect(try await lab.pages().isEmpty)
        lab.clock.advance(10)
        await lab.poll("router", up: true)
        lab.clock.advance(20)
        await lab.poll("sw-1", up: false)
        #expect(try await lab.pages() == ["opened sw-1"])
        let sw1 = try #require(try await lab.openIncident("sw-1"))
        #expect(sw1.timeline.contains { $0.kind == .unmuted })
    }

    @Test("a router that is not checked in time (interval plus timeout) does not hold the page back")
    func waitIsBounded() async throws {
        let lab = try Lab(logger: logger)
        for device in ["router", "sw-1"] { await lab.poll(device, up: true) }
        lab.clock.advance(30)
        await lab.poll("sw-1", up: false)
        lab.clock.advance(60)
        await lab.poll("sw-1", up: false)
        #expect(try await lab.pages().isEmpty, "65 s + 5 s have not passed")
        lab.clock.advance(20)
        await lab.poll("sw-1", up: false)
        #expect(try await lab.pages() == ["opened sw-1"])
    }

    @Test("a redundant path is enough: sw-2 behind two routers pages when only one of them is down")
    func redundantParents() async throws {
        let lab = try Lab(logger: logger)
        for device in ["router", "router-b", "sw-2"] { await lab.poll(device, up: true) }
        lab.clock.advance(60)
        await lab.poll("router", up: false)
        await lab.poll("router-b", up: true)
        await lab.poll("sw-2", up: false)
        #expect(try await lab.pages() == ["opened router", "opened sw-2"])

        let both = try Lab(logger: logger)
        for device in ["router", "router-b", "sw-2"] { await both.poll(device, up: true) }
        both.clock.advance(60)
        await both.poll("router", up: false)
        await both.poll("router-b", up: false)
        await both.poll("sw-2", up: false)
        #expect(try await both.pages() == ["opened router", "opened router-b"])
        let sw2 = try #require(try await both.openIncident("sw-2"))
        #expect(sw2.timeline.last?.detail == "unreachable through router, router-b")
    }

    @Test("a device still down after its router came back pages at its first check that started after the return")
    func stillDownAfterTheParentReturns() async throws {
        let lab = try Lab(logger: logger)
        for device in ["router", "sw-1"] { await lab.poll(device, up: true) }
        lab.clock.advance(60)
        await lab.poll("router", up: false)
        await lab.poll("sw-1", up: false)
        lab.clock.advance(60)
        await lab.poll("router", up: true)
        // This check started 3 s before the router was back: it proves nothing.
        lab.clock.advance(2)
        await lab.poll("sw-1", up: false, took: 5)
        #expect(try await lab.pages() == ["opened router", "restored router"])
        let waiting = try #require(try await lab.openIncident("sw-1"))
        #expect(waiting.timeline.last?.detail == "router is back; waiting for the next check of this device")
        lab.clock.advance(10)
        await lab.poll("sw-1", up: false, took: 5)
        #expect(try await lab.pages() == ["opened router", "restored router", "opened sw-1"])
        let paged = try #require(try await lab.openIncident("sw-1"))
        #expect(paged.timeline.contains { $0.kind == .unmuted })
    }

    @Test("devices that come back with their router were never paged and are not told they are restored")
    func quietRecovery() async throws {
        let lab = try Lab(logger: logger)
        for device in ["router", "sw-1", "pbx"] { await lab.poll(device, up: true) }
        lab.clock.advance(60)
        await lab.poll("router", up: false)
        await lab.poll("sw-1", up: false)
        await lab.poll("pbx", up: false)
        lab.clock.advance(60)
        await lab.poll("router", up: true)
        lab.clock.advance(10)
        await lab.poll("sw-1", up: true)
        await lab.poll("pbx", up: true)
        #expect(try await lab.pages() == ["opened router", "restored router"])
        #expect(try await lab.store.openIncidents().isEmpty)
        let restored = try await lab.store.incidents(matching: IncidentQuery(state: .all))
        #expect(restored.count == 3)
    }

    @Test("an alert that paged before its router went down still gets its resolve")
    func pagedBeforeTheParentWentDown() async throws {
        let lab = try Lab(logger: logger)
        for device in ["router", "sw-1"] { await lab.poll(device, up: true) }
        lab.clock.advance(60)
        await lab.poll("sw-1", up: true, portDown: true)
        #expect(try await lab.pages() == ["opened sw-1"])
        lab.clock.advance(60)
        await lab.poll("router", up: false)
        await lab.poll("sw-1", up: false)
        lab.clock.advance(60)
        await lab.poll("router", up: true)
        #expect(try await lab.pages() == ["opened sw-1", "opened router", "restored router"])
        lab.clock.advance(10)
        await lab.poll("sw-1", up: true, portDown: false)
        let pages = try await lab.pages()
        #expect(pages == ["opened sw-1", "opened router", "restored router", "restored sw-1"])
    }

    @Test("a restart while the router is down: the devices behind it stay muted, whichever reports first")
    func restartDuringTheOutage() async throws {
        let before = try Lab(logger: logger)
        for device in ["router", "sw-1", "pbx"] { await before.poll(device, up: true) }
        before.clock.advance(60)
        await before.poll("router", up: false)
        await before.poll("sw-1", up: false)
        #expect(try await before.pages() == ["opened router"])

        let after = try await before.restarted(logger: logger)
        after.clock.advance(30)
        await after.poll("sw-1", up: false)  // before the router's first report
        await after.poll("pbx", up: false)  // its incident opens now, while sw-1 is known only as down
        await after.poll("router", up: false)
        after.clock.advance(5)
        await after.poll("sw-1", up: false)
        await after.poll("pbx", up: false)
        #expect(try await after.pages().isEmpty)
        #expect(try await after.openIncident("pbx")?.timeline.last?.detail == "unreachable through router")
    }

    @Test("a router whose own alert is still pending (for: 1m) holds the pages of the devices behind it")
    func pendingParent() async throws {
        let lab = try Lab(deviceDownFor: .seconds(60), logger: logger)
        for device in ["router", "sw-1"] { await lab.poll(device, up: true) }
        lab.clock.advance(30)
        await lab.poll("router", up: false)
        await lab.poll("sw-1", up: false)
        lab.clock.advance(60)
        await lab.poll("sw-1", up: false)
        #expect(try await lab.pages().isEmpty)
        let waiting = try #require(try await lab.openIncident("sw-1"))
        #expect(
            waiting.timeline.last?.detail == "router does not answer either; waiting for its alert to fire or clear")
        await lab.poll("router", up: false)
        lab.clock.advance(30)
        await lab.poll("sw-1", up: false)
        #expect(try await lab.pages() == ["opened router"])
        #expect(try await lab.openIncident("sw-1")?.timeline.last?.detail == "unreachable through router")
    }
}

/// The pages a lab has delivered, in order.
private final class DeliveredPages: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []

    func append(_ page: String) { lock.withLock { list.append(page) } }

    var pages: [String] { lock.withLock { list } }
}
