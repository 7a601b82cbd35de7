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
        /// The agent answered with an SNMPv3 report instead of a response; carries net-snmp's error number for
        /// the report (for example `SNMPERR_AUTHENTICATION_FAILURE` for usmStatsWrongDigests).
        case report(Int32)
    }

    /// The request id of the PDU the operation is waiting for (0: none).
    var expectedRequestID: Int32 = 0
    /// The latest event for the expected request, until the loop takes it.
    var event: Event?

    /// Records a callback from net-snmp; events for other request ids are ignored.
    func receive(operation: Int32, requestID: Int32, pdu: UnsafeMutablePointer<netsnmp_pdu>?) {
        // A session has one request outstanding at a time. SNMPv3 reports and security errors are matched to it
        // by net-snmp through the message id, and may carry another request id (an agent that cannot
        // authenticate a message cannot read its request id), so those are accepted whatever their id.
        let isReport = pdu.map { Int32($0.pointee.command) == VEDETTA_SNMP_MSG_REPORT } ?? false
        let matches = requestID == expectedRequestID || isReport || operation == VEDETTA_CALLBACK_OP_SEC_ERROR
        guard expectedRequestID != 0, matches, event == nil else { return }
        switch operation {
        case VEDETTA_CALLBACK_OP_RECEIVED_MESSAGE:
            guard let pdu else {
                event = .sendFailed
                return
            }
            if Int32(pdu.pointee.command) == VEDETTA_SNMP_MSG_REPORT {
                let type = snmpv3_get_report_type(pdu)
                // net-snmp resends by itself after a notInTimeWindow report (the clocks are now synchronised)
                // and reports a security error if that keeps failing.
                guard type != VEDETTA_SNMPERR_NOT_IN_TIME_WINDOW else { return }
                event = .report(type)
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
