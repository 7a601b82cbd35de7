import SNMPKit
import SNMPProbe
import SocketKit
import VedettaConfig
import VedettaCore

/// Which device a notification comes from: each device is known by the address of its `snmp:` check (a host
/// name is looked up once, at start). A v1 trap forwarded by a relay is known by the agent address it carries.
struct TrapSenders: Sendable {
    private var devices: [String: (id: DeviceID, labels: LabelSet)] = [:]

    /// Looks up the address of every device's SNMP check.
    /// - Parameter configuration: The devices.
    /// - Returns: The map, and the devices whose host name did not resolve.
    static func make(_ configuration: VedettaConfiguration) async -> (senders: TrapSenders, unresolved: [String]) {
        var senders = TrapSenders()
        var unresolved: [String] = []
        for device in configuration.devices {
            for check in device.checks("snmp", as: SNMPDeviceConfiguration.self) {
                guard case .found(let address) = await IPAddress.lookUp(check.host, family: nil) else {
                    unresolved.append("\(device.id) (\(check.host))")
                    continue
                }
                if senders.devices[address.description] == nil {
                    senders.devices[address.description] = (device.id, device.labels)
                }
            }
        }
        return (senders, unresolved)
    }

    /// Every known address, IPv4 ones also in their IPv6-mapped form (`::ffff:192.0.2.1`) for `udp6` listeners.
    var addresses: Set<String> {
        Set(devices.keys.flatMap { $0.contains(".") ? [$0, "::ffff:" + $0] : [$0] })
    }

    /// The device that sent `trap` and its labels: by the datagram's source, else by an SNMPv1 agent address.
    func device(of trap: SNMPTrap) -> (id: DeviceID, labels: LabelSet)? {
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
