/// Why an on-call request was refused, naming the field at fault where there is one, so the CLI and the API can
/// point at it.
public struct OnCallError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of refusal. An open set.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        /// The code's name.
        public let rawValue: String

        /// Creates a code from its name.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// A field is missing or wrong (the API answers 400).
        public static let invalid = Code(rawValue: "invalid")
        /// No schedule, person or substitution has that name or number (404).
        public static let notFound = Code(rawValue: "not_found")
        /// The database cannot be read or written; the message carries the store's error (503).
        public static let unavailable = Code(rawValue: "unavailable")

        /// The code's name.
        public var description: String { rawValue }
    }

    /// The kind of refusal.
    public var code: Code
    /// The field at fault, as the API and the CLI spell it (`schedule`, `substitute`, `start` …), if any.
    public var field: String?
    /// What is wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, field: String? = nil, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// An invalid `field`.
    public static func invalid(_ field: String, _ message: String) -> OnCallError {
        OnCallError(.invalid, field: field, message)
    }

    /// `field: message`, or the message alone.
    public var description: String { field.map { "\($0): \(message)" } ?? message }
}
