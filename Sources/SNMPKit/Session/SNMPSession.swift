import CNetSNMP
import VedettaCore

#if canImport(Glibc)
    import Glibc
#endif

/// One net-snmp single-API session to one SNMPv3 agent (USM security), used by one operation at a time and kept
/// between operations by ``SNMPSessionPool``. SNMPv1/v2c agents get an ``SNMPCommunitySession`` instead, which
/// needs no library (unless their address is one it does not take, such as an IPv6 address with a zone).
///
/// An SNMPv3 session opened without a known engine ID needs discovery first (``needsDiscovery``): the event loop
/// sends ``sendEngineProbe()`` and, when the agent's report arrives, calls ``completeDiscovery()``, so no
/// network exchange ever blocks the loop thread.
///
/// Created, used and released only on the event-loop thread: `deinit` closes the C session, which makes
/// net-snmp report any outstanding request as timed out into ``mailbox``; that mailbox is still alive then,
/// because stored properties are released only after `deinit` returns.
final class SNMPSession: SNMPTransport {
    /// Receives what net-snmp's callback reports.
    let mailbox = SNMPMailbox()
    /// Whether the SNMPv3 engine ID must still be discovered before a request can be sent.
    private(set) var needsDiscovery: Bool
    private let handle: UnsafeMutableRawPointer
    private let target: String

    /// Opens a session to `peer` (a net-snmp transport address such as `udp:127.0.0.1:161`).
    /// - Throws: ``SNMPError/Code/sessionFailed`` with net-snmp's reason.
    /// - Parameter knownEngineID: The SNMPv3 engine ID this peer had last time, if any: net-snmp's cached user for
    ///   that engine is dropped first when its keys differ from these settings'.
    init(peer: String, settings: SNMPTargetSettings, knownEngineID: [UInt8] = []) throws(SNMPError) {
        let (timeout, retries) = Self.timing(timeout: settings.timeout, retries: settings.retries)
        var libraryErrno: Int32 = 0
        var systemErrno: Int32 = 0
        let opened: UnsafeMutableRawPointer?
        if settings.version == .v3 {
            guard let security = settings.security else {
                throw SNMPError(
                    .sessionFailed, target: settings.address, detail: "SNMPv3 needs a user (security settings)")
            }
            opened = Self.openV3(
                peer: peer, security: security, timeout: timeout, retries: retries, knownEngineID: knownEngineID,
                libraryErrno: &libraryErrno, systemErrno: &systemErrno)
        } else {
            let version = settings.version == .v1 ? VEDETTA_SNMP_VERSION_1 : VEDETTA_SNMP_VERSION_2C
            let community = Array(settings.community.reveal().utf8)
            opened = peer.withCString { peerName in
                community.withUnsafeBufferPointer { bytes in
                    vedetta_snmp_open(
                        peerName, version, bytes.baseAddress, bytes.count, timeout, retries,
                        &libraryErrno, &systemErrno)
                }
            }
        }
        guard let opened else {
            let code: SNMPError.Code =
                switch libraryErrno {
                case VEDETTA_SNMPERR_TIMEOUT: .timeout
                case _ where SNMPSession.isAuthenticationFailure(libraryErrno): .authentication
                default: .sessionFailed
                }
            throw SNMPError(
                code, target: settings.address,
                detail: SNMPSession.message(libraryErrno: libraryErrno, systemErrno: systemErrno))
        }
        self.handle = opened
        self.target = settings.address
        self.needsDiscovery = settings.version == .v3 && Self.engineID(of: opened).isEmpty
    }

    /// Makes net-snmp's process-wide user entry for this agent's engine carry this session's keys again (another
    /// session with other credentials for the same user may have replaced it).
    func reinstallUser() {
        _ = vedetta_snmp_install_user(handle)
    }

    /// Sets the timeout and retries of the requests sent from now on.
    func setTiming(timeout: Duration, retries: Int) {
        let (microseconds, attempts) = Self.timing(timeout: timeout, retries: retries)
        vedetta_snmp_session_set_timing(handle, microseconds, attempts)
    }

    /// net-snmp's timeout (microseconds in a `long`, kept between 1 ms and 1 h) and retries (0 to 100).
    private static func timing(timeout: Duration, retries: Int) -> (microseconds: Int, retries: Int32) {
        (Int(min(max(timeout.seconds * 1_000_000, 1000), 3_600_000_000)), Int32(min(max(0, retries), 100)))
    }

    /// Sends the SNMPv3 engine discovery request; the agent's report arrives later in ``mailbox``.
    /// - Throws: ``SNMPError/Code/sendFailed`` when net-snmp refuses or fails to send.
    func sendEngineProbe() throws(SNMPError) {
        try submit(oid: nil, failure: "cannot send the SNMPv3 engine discovery request: ") { magic in
            vedetta_snmp_send_engine_probe(handle, snmpMailboxCallback, magic)
        }
    }

    /// After the discovery report: localizes the user's keys for the engine the agent named.
    /// - Returns: Whether the engine ID is now known and the user ready.
    func completeDiscovery() -> Bool {
        guard vedetta_snmp_install_user(handle) != 0 else { return false }
        needsDiscovery = false
        return true
    }

    /// Whether a net-snmp error number (or SNMPv3 report type) means the agent refused the user's credentials.
    static func isAuthenticationFailure(_ libraryErrno: Int32) -> Bool {
        [
            VEDETTA_SNMPERR_UNKNOWN_USER_NAME, VEDETTA_SNMPERR_UNSUPPORTED_SEC_LEVEL,
            VEDETTA_SNMPERR_AUTHENTICATION_FAILURE, VEDETTA_SNMPERR_DECRYPTION_ERR,
            VEDETTA_SNMPERR_USM_AUTHENTICATIONFAILURE, VEDETTA_SNMPERR_USM_UNKNOWNSECURITYNAME,
            VEDETTA_SNMPERR_USM_DECRYPTIONERROR,
        ].contains(libraryErrno)
    }

    private static func openV3(
        peer: String, security: SNMPv3Security, timeout: Int, retries: Int32, knownEngineID: [UInt8],
        libraryErrno: inout Int32, systemErrno: inout Int32
    ) -> UnsafeMutableRawPointer? {
        let level: Int32 =
            switch security.level {
            case .noAuthNoPriv: Int32(VEDETTA_V3_NO_AUTH_NO_PRIV.rawValue)
            case .authNoPriv: Int32(VEDETTA_V3_AUTH_NO_PRIV.rawValue)
            case .authPriv: Int32(VEDETTA_V3_AUTH_PRIV.rawValue)
            }
        let auth: vedetta_snmp_v3_auth =
            switch security.authProtocol {
            case .md5: VEDETTA_V3_AUTH_MD5
            case .sha: VEDETTA_V3_AUTH_SHA
            case .sha224: VEDETTA_V3_AUTH_SHA224
            case .sha256: VEDETTA_V3_AUTH_SHA256
            case .sha384: VEDETTA_V3_AUTH_SHA384
            case .sha512: VEDETTA_V3_AUTH_SHA512
            }
        let privacy: vedetta_snmp_v3_priv =
            switch security.privacyProtocol {
            case .des: VEDETTA_V3_PRIV_DES
            case .aes: VEDETTA_V3_PRIV_AES
            case .aes192: VEDETTA_V3_PRIV_AES192
            case .aes256: VEDETTA_V3_PRIV_AES256
            }
        let context: String? = security.context.isEmpty ? nil : security.context
        return peer.withCString { peerName in
            security.userName.withCString { user in
                security.authPassword.reveal().withCString { authPassword in
                    security.privacyPassword.reveal().withCString { privacyPassword in
                        withOptionalCString(context) { contextName in
                            knownEngineID.withUnsafeBufferPointer { engineID in
                                vedetta_snmp_open_v3(
                                    peerName, timeout, retries, user, level, Int32(auth.rawValue), authPassword,
                                    Int32(privacy.rawValue), privacyPassword, contextName, engineID.baseAddress,
                                    engineID.count, &libraryErrno, &systemErrno)
                            }
                        }
                    }
                }
            }
        }
    }

    deinit {
        snmp_sess_close(handle)
    }

    /// The SNMPv3 engine ID net-snmp discovered for the agent (empty before discovery and for v1/v2c).
    var engineID: [UInt8] { Self.engineID(of: handle) }

    private static func engineID(of handle: UnsafeMutableRawPointer) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = bytes.withUnsafeMutableBufferPointer { buffer in
            vedetta_snmp_session_engine_id(handle, buffer.baseAddress, buffer.count)
        }
        return Array(bytes.prefix(count))
    }

    /// The session's socket, for `select`.
    var socket: Int32 { vedetta_snmp_session_socket(handle) }

    /// Sends `request`; its outcome arrives later in ``mailbox``.
    /// - Throws: ``SNMPError/Code/sendFailed`` when net-snmp refuses or fails to send.
    func send(_ request: SNMPPDURequest) throws(SNMPError) {
        let command: Int32
        var maxRepetitions = 0
        switch request.command {
        case .get: command = Int32(VEDETTA_SNMP_MSG_GET)
        case .getNext: command = Int32(VEDETTA_SNMP_MSG_GETNEXT)
        case .getBulk(let repetitions):
            command = Int32(VEDETTA_SNMP_MSG_GETBULK)
            maxRepetitions = repetitions
        }
        let bindings = request.bindings
        let subids = bindings.components.map { oid($0) }
        let lengths = (0..<bindings.count).map { bindings.nameRange(at: $0).count }
        let pdu = subids.withUnsafeBufferPointer { subidBuffer in
            lengths.withUnsafeBufferPointer { lengthBuffer in
                vedetta_snmp_make_pdu(
                    command, subidBuffer.baseAddress, lengthBuffer.baseAddress, lengths.count, 0, maxRepetitions)
            }
        }
        guard let pdu else {
            throw SNMPError(.sendFailed, target: target, oid: request.firstOID, detail: "cannot build the request")
        }
        try submit(oid: request.firstOID, failure: "") { magic in
            vedetta_snmp_send(handle, pdu, snmpMailboxCallback, magic)
        }
    }

    /// Clears the mailbox, sends with `send` (given the mailbox as callback context; returns net-snmp's request
    /// id, 0 on failure) and makes the mailbox accept the answer to that request id only.
    /// - Throws: ``SNMPError/Code/sendFailed``, with `failure` before net-snmp's reason.
    private func submit(
        oid: OID?,
        failure: String,
        _ send: (UnsafeMutableRawPointer) -> Int32
    ) throws(SNMPError) {
        mailbox.event = nil
        mailbox.expectedRequestID = 0
        let requestID = send(Unmanaged.passUnretained(mailbox).toOpaque())
        guard requestID != 0 else {
            throw SNMPError(
                .sendFailed, target: target, oid: oid,
                detail: failure
                    + SNMPSession.message(
                        libraryErrno: vedetta_snmp_session_errno(handle),
                        systemErrno: vedetta_snmp_session_sys_errno(handle)))
        }
        mailbox.expectedRequestID = requestID
    }

    /// Adds the socket to `set` and returns the time until the pending request's next retry or timeout.
    func waitInfo(numberOfDescriptors: inout Int32, set: UnsafeMutablePointer<netsnmp_large_fd_set>) -> Duration? {
        var microseconds: Int64 = 0
        guard vedetta_snmp_session_wait_info(handle, &numberOfDescriptors, set, &microseconds) != 0 else {
            return nil
        }
        return .microseconds(microseconds)
    }

    /// Reads a datagram if the socket is in `set` (net-snmp checks), then handles expired retries and timeouts.
    func service(readable set: UnsafeMutablePointer<netsnmp_large_fd_set>) {
        _ = snmp_sess_read2(handle, set)
        snmp_sess_timeout(handle)
    }

    /// Handles expired retries and timeouts only.
    func serviceTimeouts() {
        snmp_sess_timeout(handle)
    }

    static func message(libraryErrno: Int32, systemErrno: Int32) -> String {
        var text = snmp_api_errstring(libraryErrno).map { String(cString: $0) } ?? "net-snmp error \(libraryErrno)"
        if systemErrno != 0, let system = strerror(systemErrno) {
            text += ": " + String(cString: system)
        }
        return text
    }
}

private func withOptionalCString<R>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let text else { return body(nil) }
    return text.withCString { body($0) }
}
