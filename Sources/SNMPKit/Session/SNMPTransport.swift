import CNetSNMP
import VedettaCore

/// A socket to one agent with at most one request outstanding, as the event loop drives it: send a PDU, add the
/// socket to the loop's `select` set, read what arrived, expire retries, and leave the outcome in ``mailbox``.
///
/// Two kinds exist: ``SNMPCommunitySession`` speaks SNMPv1/v2c itself (``SNMPMessage``), ``SNMPSession`` goes
/// through net-snmp for SNMPv3 (USM). Loop-thread only.
protocol SNMPTransport: AnyObject {
    /// Where the outcome of the outstanding request is left for the loop.
    var mailbox: SNMPMailbox { get }
    /// Whether the SNMPv3 engine ID must still be discovered before a request can be sent.
    var needsDiscovery: Bool { get }
    /// The agent's SNMPv3 engine ID once known; empty for v1/v2c.
    var engineID: [UInt8] { get }
    /// Sets the timeout and retries of the requests sent from now on.
    func setTiming(timeout: Duration, retries: Int)
    /// Sends `request`; its outcome arrives later in ``mailbox``.
    /// - Throws: ``SNMPError/Code/sendFailed``.
    func send(_ request: SNMPPDURequest) throws(SNMPError)
    /// Adds the socket to `set` when a request is outstanding, and returns the time until its next retry or
    /// timeout (`nil`: nothing outstanding).
    func waitInfo(numberOfDescriptors: inout Int32, set: UnsafeMutablePointer<netsnmp_large_fd_set>) -> Duration?
    /// Reads what arrived if the socket is in `set`, then handles an expired retry or timeout.
    func service(readable set: UnsafeMutablePointer<netsnmp_large_fd_set>)
    /// Handles an expired retry or timeout only.
    func serviceTimeouts()
}
