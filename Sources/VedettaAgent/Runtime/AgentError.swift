public import VedettaCore
import VedettaIncidents

/// What went wrong in the agent or in one of its operations (`vedetta probe DEVICE`, `vedetta incidents`): a
/// typed reason, the message that says what to do, and the store's error when the store failed.
public struct AgentError: Error, CustomStringConvertible {
    /// The class of failure. An open set: new codes are new static members.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        /// The code name.
        public let rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The configuration lacks something the agent needs (an incident store).
        public static let configuration = Code(rawValue: "configuration")
        /// The incident store is missing, cannot be opened, read or written.
        public static let store = Code(rawValue: "store")
        /// The HTTP listener cannot listen on its address.
        public static let listen = Code(rawValue: "listen")
        /// No device of that name is configured.
        public static let unknownDevice = Code(rawValue: "unknown_device")
        /// A service of the agent stopped with an error.
        public static let stopped = Code(rawValue: "stopped")
        /// A person's input was refused (an unknown category, a time in the future); the message says why.
        public static let invalidInput = Code(rawValue: "invalid_input")

        /// The code name.
        public var description: String { rawValue }
    }

    /// The class of failure.
    public var code: Code
    /// What went wrong and what to do.
    public var message: String
    /// The store's own error, when the store failed.
    public var storeError: StoreError?

    /// Creates an error.
    /// - Parameters:
    ///   - code: The class of failure.
    ///   - message: What went wrong and what to do.
    ///   - storeError: The store's error, if any.
    public init(_ code: Code, _ message: String, storeError: StoreError? = nil) {
        self.code = code
        self.message = message
        self.storeError = storeError
    }

    /// The message.
    public var description: String { message }
}
