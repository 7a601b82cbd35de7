import SNMPKit
import SNMPProbe
import SocketKit
import VedettaConfig
import VedettaCore

/// Which device a notification comes from: each device is known by the address of its `snmp:` check (a host
/// name is looked up once, at start). A v1 trap forwarded by a relay is known by the agent address it carries.
struct TrapSenders: Sendable {
    private var devices: [String: DeviceID] = [:]

    /// Looks up the address of every device's SNMP check.
    /// - Parameter configuration: The devices.
    /// - Returns: The map, and the devices whose host name did not resolve.
    static func make(_ configuration: VedettaConfiguration) async -> (senders: TrapSenders, unresolved: [String]) {
        var senders = TrapSenders()
        var unresolved: [String] = []
        for device in configuration.devices {
            for check in device.checks("snmp", as: SNMPDeviceConfiguration.self) {
                if case .found(let address) = await IPAddress.lookUp(check.host, family: nil) {
                    senders.devices[address.description] = senders.devices[address.description] ?? device.id
                } else {
                    unresolved.append("\(device.id) (\(check.host))")
                }
            }
        }
        return (senders, unresolved)
    }

    /// The device that sent `trap`: by the datagram's source, else by an SNMPv1 agent address.
    func device(of trap: SNMPTrap) -> DeviceID? {
        if let device = devices[Self.normalized(trap.sender)] { return device }
        return trap.agentAddress.flatMap { devices[Self.normalized($0)] }
    }

    /// How many addresses are known.
    var count: Int { devices.count }

    /// An IPv4 address received on an IPv6 socket (`::ffff:192.0.2.1`) as IPv4.
    private static func normalized(_ address: String) -> String {
        address.hasPrefix("::ffff:") && address.contains(".") ? String(address.dropFirst(7)) : address
    }
}
