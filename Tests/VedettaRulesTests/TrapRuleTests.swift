import Foundation
import Testing
import VedettaCore
import VedettaRules

@Suite("Trap patterns and the labels of a notification")
struct TrapRuleTests {
    static func linkDown(ifIndex: Int64 = 3, admin: Int64 = 1) -> TrapEvent {
        TrapEvent(
            device: DeviceID("sw1"), trapOID: OID([1, 3, 6, 1, 6, 3, 1, 1, 5, 3]),
            variables: [
                .init(oid: OID([1, 3, 6, 1, 2, 1, 2, 2, 1, 1, UInt32(ifIndex)]), text: "\(ifIndex)", integer: ifIndex),
                .init(oid: OID([1, 3, 6, 1, 2, 1, 2, 2, 1, 7, UInt32(ifIndex)]), text: "\(admin)", integer: admin),
                .init(oid: OID([1, 3, 6, 1, 2, 1, 2, 2, 1, 8, UInt32(ifIndex)]), text: "2", integer: 2),
                .init(oid: OID([1, 3, 6, 1, 2, 1, 2, 2, 1, 2, UInt32(ifIndex)]), text: "GigabitEthernet0/\(ifIndex)"),
                .init(oid: OID([1, 3, 6, 1, 4, 1, 9, 2, 2, 1, 1, 20, UInt32(ifIndex)]), text: "administratively down"),
            ],
            receivedAt: Date(timeIntervalSince1970: 1_000_000))
    }

    @Test("a notification's labels name it and its known variables, with enumerations by name")
    func labels() {
        let labels = Self.linkDown().labels
        #expect(labels["device"] == "sw1")
        #expect(labels["trap"] == "linkDown")
        #expect(labels["trap_oid"] == "1.3.6.1.6.3.1.1.5.3")
        #expect(labels["ifIndex"] == "3")
        #expect(labels["ifAdminStatus"] == "up")
        #expect(labels["ifOperStatus"] == "down")
        #expect(labels["ifDescr"] == "GigabitEthernet0/3")
        #expect(labels["oid_1_3_6_1_4_1_9_2_2_1_1_20_3"] == "administratively down")
    }

    @Test("UPS-MIB's well-known alarms read by name; an unknown notification by its OID")
    func identities() {
        let event = TrapEvent(
            device: DeviceID("ups1"), trapOID: OID([1, 3, 6, 1, 4, 1, 99, 0, 1]),
            variables: [
                .init(
                    oid: OID([1, 3, 6, 1, 2, 1, 33, 1, 6, 2, 1, 2, 7]), text: "1.3.6.1.2.1.33.1.6.3.2",
                    objectIdentifier: OID([1, 3, 6, 1, 2, 1, 33, 1, 6, 3, 2]))
            ],
            receivedAt: Date())
        #expect(event.labels["upsAlarmDescr"] == "upsAlarmOnBattery")
        #expect(event.labels["trap"] == "1.3.6.1.4.1.99.0.1")
    }

    @Test("patterns are a name or numeric OID with optional matchers; unknown names are refused with the known ones")
    func patterns() throws {
        let pattern = try TrapPattern.parse("linkDown{ifAdminStatus!=\"down\"}")
        #expect(pattern.oid == OID([1, 3, 6, 1, 6, 3, 1, 1, 5, 3]))
        let event = Self.linkDown()
        #expect(pattern.matches(event, labels: event.labels))
        let shut = Self.linkDown(admin: 2)
        #expect(!pattern.matches(shut, labels: shut.labels))
        #expect(!(try TrapPattern.parse("linkUp")).matches(event, labels: event.labels))
        #expect(try TrapPattern.parse(".1.3.6.1.4.1.318.0.5").oid == TrapCatalog.notificationOID("apcUpsOnBattery"))
        #expect(throws: RuleExpressionError.self) { try TrapPattern.parse("linkDwn") }
        do {
            _ = try TrapPattern.parse("linkUp{ifIndex=}")
            Issue.record("parsed a broken matcher")
        } catch {
            #expect(error.offset == 15)
        }
    }
}
