public import VedettaProbes

/// Why a one-off HTTP request (`vedetta probe http`) failed: a header written wrong, or no response.
public struct HTTPQueryError: Error, CustomStringConvertible {
    /// The class of failure.
    public enum Code: String, Sendable {
        /// A `-H` header is not `Name: value`.
        case invalidHeader = "invalid_header"
        /// No response arrived (see ``HTTPQueryError/failure`` for the reason an HTTP check would report).
        case transfer
    }

    /// The class of failure.
    public var code: Code
    /// What went wrong and what to do; for ``Code/transfer``, the check's failure reason first.
    public var message: String
    /// The failure an HTTP check would report, for ``Code/transfer``.
    public var failure: ProbeFailure?

    /// The message.
    public var description: String { message }
}
