/// Why a store operation failed (the incident log, the outbox, maintenance windows), with the operation, the
/// statement and the database it concerned.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure. An open set, so stores can add codes without breaking callers.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        /// The code's name.
        public let rawValue: String

        /// Creates a code from its name.
        ///
        /// - Parameter rawValue: The code's name.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The database cannot be opened or is busy, locked or read-only. Retrying later may help.
        public static let unavailable = Code(rawValue: "unavailable")
        /// The disk failed or is full.
        public static let io = Code(rawValue: "io")
        /// The database file is damaged, is not a database, or holds data this version cannot read.
        public static let corrupt = Code(rawValue: "corrupt")
        /// The incident, outbox entry or maintenance window does not exist.
        public static let notFound = Code(rawValue: "not_found")
        /// The change is not allowed in the incident's state (e.g. acknowledging a restored incident).
        public static let invalidTransition = Code(rawValue: "invalid_transition")
        /// The schema could not be created or upgraded.
        public static let migrationFailed = Code(rawValue: "migration_failed")
        /// A uniqueness or integrity rule of the store was violated.
        public static let conflict = Code(rawValue: "conflict")
        /// The caller's input was refused (an empty note, a category that is not configured); the message says why.
        public static let invalidInput = Code(rawValue: "invalid_input")
        /// A statement failed for another reason (an SQL error, a schema this version does not expect).
        public static let query = Code(rawValue: "query")

        /// The code's name.
        public var description: String { rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong and what to do, in words.
    public var message: String
    /// The store operation, e.g. `open incident`.
    public var operation: String
    /// The statement that failed, if any.
    public var sql: String?
    /// The database the store uses (a file path, or `:memory:`).
    public var database: String?

    /// Creates a store error.
    ///
    /// - Parameters:
    ///   - code: The kind of failure.
    ///   - message: What went wrong and what to do.
    ///   - operation: The store operation.
    ///   - sql: The statement that failed.
    ///   - database: The database path.
    public init(_ code: Code, message: String, operation: String, sql: String? = nil, database: String? = nil) {
        self.code = code
        self.message = message
        self.operation = operation
        self.sql = sql
        self.database = database
    }

    /// `store: <operation> failed (<code>): <message> [database: …] [sql: …]`.
    public var description: String {
        var text = "store: \(operation) failed (\(code)): \(message)"
        if let database { text += " [database: \(database)]" }
        if let sql { text += " [sql: \(sql)]" }
        return text
    }
}
