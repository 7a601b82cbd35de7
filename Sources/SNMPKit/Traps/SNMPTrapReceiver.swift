import CNetSNMP
import Foundation
import SocketKit
import Synchronization
import VedettaCore

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

    let settings: SNMPTrapReceiverSettings
    let onTrap: @Sendable (SNMPTrap) -> Bool
    let onDrop: @Sendable (SNMPTrapDrop) -> Void
    private var listeners: [Listener] = []
    var installedUsers: [(name: String, engineID: [UInt8])] = []
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
        thread = Thread.start(named: "vedetta-traps") { [self] in run(wakeup: wakeup) }
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
