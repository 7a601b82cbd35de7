import CNetSNMP
import Foundation
import VedettaCore

/// What the receiver does with each message net-snmp read: on the receiver's thread, under the library lock.
extension SNMPTrapReceiver {
    /// Handles a message that parsed: drops what is not a notification, has a wrong community or comes from an
    /// unknown sender; translates the rest to an ``SNMPTrap`` and acknowledges an inform that `onTrap` took.
    func received(_ pdu: UnsafeMutablePointer<netsnmp_pdu>, on listener: Listener) {
        let sender = Self.senderAddress(listener, pdu)
        let command = Int32(pdu.pointee.command)
        guard
            command == VEDETTA_SNMP_MSG_TRAP || command == VEDETTA_SNMP_MSG_TRAP2 || command == VEDETTA_SNMP_MSG_INFORM
        else {
            onDrop(SNMPTrapDrop(.notANotification, sender: sender, detail: "PDU type \(command) on the trap port"))
            return
        }
        guard let version = Self.version(pdu) else {
            onDrop(SNMPTrapDrop(.malformed, sender: sender, detail: "unsupported SNMP version"))
            return
        }
        var community: String?
        if version != .v3 {
            let bytes =
                pdu.pointee.community.map {
                    Array(UnsafeBufferPointer(start: $0, count: pdu.pointee.community_len))
                } ?? []
            let text = String(decoding: bytes, as: UTF8.self)
            if let accepted = settings.communities, !accepted.contains(text) {
                onDrop(SNMPTrapDrop(.badCommunity, sender: sender, detail: "\(version.rawValue) notification"))
                return
            }
            community = text
        }
        let kind: SNMPTrap.Kind = command == VEDETTA_SNMP_MSG_INFORM ? .inform : .trap
        var trap = SNMPTrap(
            version: version, kind: kind, sender: sender, community: community,
            userName: version == .v3 ? Self.securityName(pdu) : nil, trapOID: OID([]),
            varBinds: SNMPValueDecoder.varBinds(of: pdu), receivedAt: Date())
        if command == VEDETTA_SNMP_MSG_TRAP {
            Self.readV1Header(pdu, into: &trap)
        } else if let problem = Self.readV2Header(into: &trap) {
            onDrop(SNMPTrapDrop(.malformed, sender: sender, detail: problem))
            return
        }
        if let known = settings.senders, !known.contains(sender), !(trap.agentAddress.map(known.contains) ?? false) {
            onDrop(
                SNMPTrapDrop(
                    .unknownSender, sender: sender,
                    detail: "\(version.rawValue) \(kind.rawValue) \(trap.trapOID) from no configured device"))
            return
        }
        if onTrap(trap), kind == .inform, let handle = listener.handle {
            _ = vedetta_trap_acknowledge(handle, pdu)
        }
    }

    /// Turns a parse failure into a drop; engine discovery and time synchronisation are not failures.
    func parsed(_ pdu: UnsafeMutablePointer<netsnmp_pdu>?, result: Int32, on listener: Listener) {
        guard result != 0 else { return }
        // Engine discovery and time synchronisation are how an SNMPv3 inform starts, not failures.
        if result == VEDETTA_SNMPERR_USM_UNKNOWNENGINEID || result == VEDETTA_SNMPERR_USM_NOTINTIMEWINDOW { return }
        let sender = pdu.map { Self.senderAddress(listener, $0) } ?? ""
        let message = SNMPSession.message(libraryErrno: result, systemErrno: 0)
        if SNMPSession.isAuthenticationFailure(result) || result == VEDETTA_SNMPERR_USM_UNSUPPORTEDSECURITYLEVEL {
            onDrop(SNMPTrapDrop(.authentication, sender: sender, detail: message))
        } else {
            onDrop(SNMPTrapDrop(.malformed, sender: sender, detail: message))
        }
    }

    private static func version(_ pdu: UnsafeMutablePointer<netsnmp_pdu>) -> SNMPTrap.Version? {
        switch pdu.pointee.version {
        case VEDETTA_SNMP_VERSION_1: .v1
        case VEDETTA_SNMP_VERSION_2C: .v2c
        case VEDETTA_SNMP_VERSION_3: .v3
        default: nil
        }
    }

    private static func securityName(_ pdu: UnsafeMutablePointer<netsnmp_pdu>) -> String? {
        guard let name = pdu.pointee.securityName else { return nil }
        let bytes = UnsafeRawBufferPointer(start: name, count: pdu.pointee.securityNameLen)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// SNMPv1: the notification OID from enterprise, generic and specific trap; the header's agent address and
    /// time-stamp.
    private static func readV1Header(_ pdu: UnsafeMutablePointer<netsnmp_pdu>, into trap: inout SNMPTrap) {
        let enterprise =
            pdu.pointee.enterprise.map { pointer in
                OID(
                    UnsafeBufferPointer(start: pointer, count: min(pdu.pointee.enterprise_length, 128)).map {
                        UInt32(truncatingIfNeeded: $0)
                    })
            } ?? OID([])
        trap.trapOID = SNMPTrap.translatedOID(
            enterprise: enterprise, generic: Int(pdu.pointee.trap_type), specific: Int(pdu.pointee.specific_type))
        var address: [UInt8] = [0, 0, 0, 0]
        address.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            vedetta_trap_v1_agent_address(pdu, base)
        }
        if address != [0, 0, 0, 0] {
            trap.agentAddress = address.map(String.init).joined(separator: ".")
        }
        trap.uptime = UInt32(truncatingIfNeeded: pdu.pointee.time)
        // RFC 3584 3.1: the agent address and the enterprise follow the trap's own variables.
        trap.varBinds.append(SNMPVarBind(oid: SNMPTrap.snmpTrapAddressOID, value: .ipAddress(address)))
        trap.varBinds.append(SNMPVarBind(oid: SNMPTrap.snmpTrapEnterpriseOID, value: .objectIdentifier(enterprise)))
    }

    /// SNMPv2: `sysUpTime.0` and `snmpTrapOID.0` come first (RFC 3416 4.2.6); they are taken out of the
    /// variable bindings. Returns the problem when `snmpTrapOID.0` is missing.
    private static func readV2Header(into trap: inout SNMPTrap) -> String? {
        if let first = trap.varBinds.first, first.oid == SNMPTrap.sysUpTimeOID {
            if case .timeTicks(let ticks) = first.value { trap.uptime = ticks }
            trap.varBinds.removeFirst()
        }
        guard let index = trap.varBinds.firstIndex(where: { $0.oid == SNMPTrap.snmpTrapOID }),
            case .objectIdentifier(let oid) = trap.varBinds[index].value
        else {
            return "notification without snmpTrapOID.0"
        }
        trap.trapOID = oid
        trap.varBinds.remove(at: index)
        return nil
    }

    /// The sender's IP address, from net-snmp's text for the transport address (`UDP: [192.0.2.1]:1234->[...]`).
    private static func senderAddress(_ listener: Listener, _ pdu: UnsafeMutablePointer<netsnmp_pdu>) -> String {
        guard let handle = listener.handle else { return "" }
        var buffer = [CChar](repeating: 0, count: 160)
        buffer.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            vedetta_trap_sender(handle, pdu, base, out.count)
        }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let open = text.firstIndex(of: "["), let close = text[open...].firstIndex(of: "]") else { return text }
        return String(text[text.index(after: open)..<close])
    }
}
