import CNetSNMP
public import Foundation
import SocketKit
import Synchronization
public import VedettaCore

#if canImport(Glibc)
    import Glibc
#endif

/// Receives SNMP notifications through net-snmp on a thread of its own: SNMPv1 and v2c traps, v2c and v3
/// informs (acknowledged), with SNMPv3 users authenticated and decrypted by net-snmp's USM.
///
/// The thread waits in `poll` for its sockets without the net-snmp lock, and takes the lock
/// (``SNMPLibrary/exclusively(_:)``) for one datagram at a time, so a burst of traps and the poller take turns
/// instead of one starving the other. Each notification goes to `onTrap` (which must not block: it runs under
/// the lock), each message thrown away to `onDrop`; a malformed datagram is a drop, never a crash. An inform is
/// acknowledged only once `onTrap` took it, so one from an unknown sender, or refused because the agent is
/// overloaded, is sent again by its sender instead of being lost.
public final class SNMPTrapReceiver: @unchecked Sendable {
    /// One listening session; its address is net-snmp's `callback_magic`.
    final class Listener {
        let address: String
        var handle: UnsafeMutableRawPointer?
        var socket: Int32 = -1
        unowned let receiver: SNMPTrapReceiver

        init(address: String, receiver: SNMPTrapReceiver) {
            self.address = address
            self.receiver = receiver
        }
    }

    private let settings: SNMPTrapReceiverSettings
    private let onTrap: @Sendable (SNMPTrap) -> Bool
    private let onDrop: @Sendable (SNMPTrapDrop) -> Void
    private var listeners: [Listener] = []
    private var installedUsers: [(name: String, engineID: [UInt8])] = []
    private let stopping = Atomic<Bool>(false)
    private let wakeup = SelfPipe()
    private let finished = DispatchSemaphore(value: 0)
    private var thread: Thread?

    /// Creates a receiver; nothing is bound until ``start()``.
    /// - Parameters:
    ///   - settings: Addresses, communities and users.
    ///   - onTrap: Called with each notification that passed the community or USM check and came from a known
    ///     sender, on the receiver's thread; must return quickly. Returns whether it took the notification (an
    ///     inform is acknowledged only then).
    ///   - onDrop: Called with each message thrown away, on the receiver's thread; must return quickly.
    public init(
        settings: SNMPTrapReceiverSettings,
        onTrap: @escaping @Sendable (SNMPTrap) -> Bool,
        onDrop: @escaping @Sendable (SNMPTrapDrop) -> Void
    ) {
        self.settings = settings
        self.onTrap = onTrap
        self.onDrop = onDrop
    }

    /// The receive buffer the kernel granted each socket, in bytes, by address.
    public private(set) var receiveBuffers: [String: Int] = [:]

    /// Installs the SNMPv3 users, binds every address and starts the thread.
    /// - Throws: ``SNMPError`` (`session_failed`) naming the address that cannot be bound or the user that cannot
    ///   be installed; nothing stays bound then.
    public func start() throws(SNMPError) {
        guard let wakeup else {
            throw SNMPError(.sessionFailed, target: settings.listen.joined(separator: ","), detail: "no wake-up pipe")
        }
        let failure: SNMPError? = SNMPLibrary.exclusively {
            if let failure = installUsers() { return failure }
            for address in settings.listen {
                if let failure = open(address) { return failure }
            }
            return nil
        }
        if let failure {
            stop()
            throw failure
        }
        let thread = Thread { [self] in run(wakeup: wakeup) }
        thread.name = "vedetta-traps"
        self.thread = thread
        thread.start()
    }

    /// Stops the thread, closes the sockets and removes the users it installed. Safe to call more than once.
    public func stop() {
        if stopping.exchange(true, ordering: .acquiringAndReleasing) == false, thread != nil {
            wakeup?.signal()
            finished.wait()
        }
        SNMPLibrary.exclusively {
            for listener in listeners {
                if let handle = listener.handle { snmp_sess_close(handle) }
                listener.handle = nil
            }
            for user in installedUsers {
                user.engineID.withUnsafeBufferPointer { engine in
                    vedetta_trap_remove_user(user.name, engine.baseAddress, engine.count)
                }
            }
            installedUsers.removeAll()
        }
        listeners.removeAll()
    }

    // MARK: - Set-up (under the lock)

    private func open(_ address: String) -> SNMPError? {
        let listener = Listener(address: address, receiver: self)
        var systemErrno: Int32 = 0
        let handle = vedetta_trap_open(
            address, snmpTrapCallback, Unmanaged.passUnretained(listener).toOpaque(), snmpTrapPostParse, &systemErrno)
        guard let handle else {
            let reason =
                systemErrno == 0 ? "not an address net-snmp can listen on" : String(cString: strerror(systemErrno))
            let advice = systemErrno == EACCES ? Self.privilegedPortAdvice : ""
            return SNMPError(.sessionFailed, target: address, detail: "cannot listen for traps: \(reason)\(advice)")
        }
        listener.handle = handle
        listener.socket = vedetta_trap_socket(handle)
        listeners.append(listener)
        receiveBuffers[address] = enlargeReceiveBuffer(listener.socket)
        return nil
    }

    static let privilegedPortAdvice =
        " (ports below 1024 need CAP_NET_BIND_SERVICE, which deploy/systemd/vedetta.service grants, or a redirect "
        + "from 162 to an unprivileged port: see docs/probes/traps.md)"

    /// Asks for ``SNMPTrapReceiverSettings/receiveBuffer`` bytes (beyond `net.core.rmem_max` when the process
    /// may), and returns what the kernel granted.
    private func enlargeReceiveBuffer(_ socket: Int32) -> Int {
        var size = Int32(clamping: settings.receiveBuffer / 2)  // the kernel doubles what it is asked for
        let length = socklen_t(MemoryLayout<Int32>.size)
        if setsockopt(socket, SOL_SOCKET, SO_RCVBUFFORCE, &size, length) != 0 {
            _ = setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, length)
        }
        var granted: Int32 = 0
        var grantedLength = length
        _ = getsockopt(socket, SOL_SOCKET, SO_RCVBUF, &granted, &grantedLength)
        return Int(granted)
    }

    private func installUsers() -> SNMPError? {
        for user in settings.users {
            let engines = user.engineIDs.isEmpty ? [[]] : [[]] + user.engineIDs
            for engine in engines {
                let line = Self.createUserLine(user.security, engineID: engine)
                let installed = line.withCString { text in
                    engine.withUnsafeBufferPointer { bytes in
                        let copy = strdup(text)
                        defer { free(copy) }
                        return vedetta_trap_add_user(copy, user.security.userName, bytes.baseAddress, bytes.count)
                    }
                }
                guard installed != 0 else {
                    return SNMPError(
                        .sessionFailed, target: settings.listen.joined(separator: ","),
                        detail: "net-snmp refused the SNMPv3 trap user \"\(user.security.userName)\"")
                }
                installedUsers.append((user.security.userName, engine))
            }
        }
        return nil
    }

    /// snmptrapd's `createUser` line for `security`, passwords quoted (net-snmp reads `\"` and `\\` in quotes).
    static func createUserLine(_ security: SNMPv3Security, engineID: [UInt8]) -> String {
        var words: [String] = []
        if !engineID.isEmpty {
            words += ["-e", "0x" + engineID.map { String(format: "%02x", $0) }.joined()]
        }
        words.append(quoted(security.userName))
        if security.level != .noAuthNoPriv {
            words += [Self.authName(security.authProtocol), quoted(security.authPassword.reveal())]
            if security.level == .authPriv {
                words += [Self.privacyName(security.privacyProtocol), quoted(security.privacyPassword.reveal())]
            }
        }
        return words.joined(separator: " ")
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func authName(_ proto: SNMPv3Security.AuthProtocol) -> String {
        switch proto {
        case .md5: "MD5"
        case .sha: "SHA"
        case .sha224: "SHA-224"
        case .sha256: "SHA-256"
        case .sha384: "SHA-384"
        case .sha512: "SHA-512"
        }
    }

    private static func privacyName(_ proto: SNMPv3Security.PrivacyProtocol) -> String {
        switch proto {
        case .des: "DES"
        case .aes: "AES"
        case .aes192: "AES-192"
        case .aes256: "AES-256"
        }
    }

    // MARK: - The thread

    private func run(wakeup: SelfPipe) {
        defer { finished.signal() }
        guard let set = SNMPLibrary.exclusively({ DescriptorSet(vedetta_snmp_fdset_create()) }) else { return }
        defer { SNMPLibrary.exclusively { vedetta_snmp_fdset_destroy(set.pointer) } }
        var descriptors = [pollfd(fd: wakeup.readDescriptor, events: Int16(POLLIN), revents: 0)]
        descriptors += listeners.map { pollfd(fd: $0.socket, events: Int16(POLLIN), revents: 0) }
        while !stopping.load(ordering: .acquiring) {
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 {
                if errno != EINTR { usleep(1000) }
                continue
            }
            if descriptors[0].revents != 0 { wakeup.drain() }
            for (index, listener) in listeners.enumerated() where descriptors[index + 1].revents != 0 {
                SNMPLibrary.exclusively {
                    guard let handle = listener.handle else { return }
                    vedetta_snmp_fdset_zero(set.pointer)
                    vedetta_snmp_fdset_add(listener.socket, set.pointer)
                    vedetta_trap_read(handle, set.pointer)
                }
            }
        }
    }

    /// A descriptor set made under the library lock.
    private struct DescriptorSet: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<netsnmp_large_fd_set>
        init?(_ pointer: UnsafeMutablePointer<netsnmp_large_fd_set>?) {
            guard let pointer else { return nil }
            self.pointer = pointer
        }
    }

    // MARK: - Callbacks (on the thread, under the lock)

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

/// net-snmp's callback for every message that parsed; `magic` is an unretained ``SNMPTrapReceiver/Listener``,
/// kept alive by its receiver for as long as its session is open.
private let snmpTrapCallback: netsnmp_callback = { operation, _, _, pdu, magic in
    guard operation == VEDETTA_CALLBACK_OP_RECEIVED_MESSAGE, let pdu, let magic else { return 1 }
    let listener = Unmanaged<SNMPTrapReceiver.Listener>.fromOpaque(magic).takeUnretainedValue()
    listener.receiver.received(pdu, on: listener)
    return 1
}

/// net-snmp's hook after parsing each message, with the parse result: the failures become drops.
private let snmpTrapPostParse: vedetta_snmp_post_parse_hook = { session, pdu, result in
    guard let magic = session?.pointee.callback_magic else { return 1 }
    let listener = Unmanaged<SNMPTrapReceiver.Listener>.fromOpaque(magic).takeUnretainedValue()
    listener.receiver.parsed(pdu, result: result, on: listener)
    return 1
}
