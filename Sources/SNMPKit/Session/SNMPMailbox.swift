import CNetSNMP

/// Where net-snmp's C callback leaves what happened to a session's outstanding request, for the event loop to
/// pick up after `snmp_sess_read2` / `snmp_sess_timeout` return. Used only on the event-loop thread.
final class SNMPMailbox {
    /// What net-snmp reported.
    enum Event: Equatable {
        /// A response PDU arrived (already decoded, the C PDU is freed by net-snmp after the callback).
        case response(SNMPResponse)
        /// Every attempt timed out.
        case timedOut
        /// The request could not be sent.
        case sendFailed
        /// The response failed a security check (SNMPv3; not expected for v1/v2c).
        case securityError
    }

    /// The request id of the PDU the operation is waiting for (0: none).
    var expectedRequestID: Int32 = 0
    /// The latest event for the expected request, until the loop takes it.
    var event: Event?

    /// Records a callback from net-snmp; events for other request ids are ignored.
    func receive(operation: Int32, requestID: Int32, pdu: UnsafeMutablePointer<netsnmp_pdu>?) {
        guard requestID == expectedRequestID, event == nil else { return }
        switch operation {
        case VEDETTA_CALLBACK_OP_RECEIVED_MESSAGE:
            guard let pdu else {
                event = .sendFailed
                return
            }
            event = .response(
                SNMPResponse(
                    errorStatus: Int(pdu.pointee.errstat),
                    errorIndex: Int(pdu.pointee.errindex),
                    varBinds: SNMPValueDecoder.varBinds(of: pdu)))
        case VEDETTA_CALLBACK_OP_TIMED_OUT:
            event = .timedOut
        case VEDETTA_CALLBACK_OP_SEND_FAILED, VEDETTA_CALLBACK_OP_DISCONNECT:
            event = .sendFailed
        case VEDETTA_CALLBACK_OP_SEC_ERROR:
            event = .securityError
        default:
            break  // resend notifications and the like
        }
    }
}

/// The C callback given to `snmp_sess_async_send`; `magic` is an unretained ``SNMPMailbox`` that its
/// ``SNMPSession`` keeps alive for as long as the net-snmp session exists.
let snmpMailboxCallback: netsnmp_callback = { operation, _, requestID, pdu, magic in
    guard let magic else { return 1 }
    Unmanaged<SNMPMailbox>.fromOpaque(magic).takeUnretainedValue()
        .receive(operation: operation, requestID: requestID, pdu: pdu)
    return 1
}
