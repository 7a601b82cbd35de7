/// Why a maintenance request was refused, naming the field at fault where there is one, so the CLI, the API and
/// `vedetta check` can point at it.
public struct MaintenanceError: Error, Sendable, Hashable, CustomStringConvertible {
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
        /// No window has that number (404).
        public static let notFound = Code(rawValue: "not_found")
        /// The change does not fit the window's state, e.g. ending a window that is not in progress (409).
        public static let conflict = Code(rawValue: "conflict")
        /// The window comes from a file under `maintenance/`: edit the file instead (409).
        public static let readOnly = Code(rawValue: "read_only")
        /// The database cannot be read or written; the message carries the store's error (503).
        public static let unavailable = Code(rawValue: "unavailable")

        /// The code's name.
        public var description: String { rawValue }
    }

    /// The kind of refusal.
    public var code: Code
    /// The field at fault, as the API and the YAML spell it (`match`, `start`, `rrule`, `time_zone` …), if any.
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
    public static func invalid(_ field: String, _ message: String) -> MaintenanceError {
        MaintenanceError(.invalid, field: field, message)
    }

    /// `field: message`, or the message alone.
    public var description: String { field.map { "\($0): \(message)" } ?? message }
}
