public import Foundation

/// One write in the audit log: who did what, when, from where, and how it ended.
public struct AuditEntry: Sendable, Codable, Equatable {
    /// The entry's number (0 before it is stored).
    public var id: Int64
    /// When.
    public var at: Date
    /// Who: a user name, `cli:LOGIN` for the command line, or the name a failed sign-in claimed.
    public var actor: String
    /// How they authenticated: `token:ID`, `session`, `proxy`, `cli`, or `none` (a failed sign-in).
    public var via: String
    /// From where: the client's address (the proxy's client when a trusted proxy says so), or `local`.
    public var address: String
    /// What: the request, e.g. `POST /api/v1/incidents/12/ack`, or a command, e.g. `users add`.
    public var action: String
    /// The HTTP status of the answer (for the command line: 200 done, 400 refused).
    public var status: Int
    /// More about it, never a secret: e.g. `role=operator`.
    public var detail: String

    /// Creates an entry.
    public init(
        id: Int64 = 0, at: Date, actor: String, via: String, address: String, action: String, status: Int,
        detail: String = ""
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.via = via
        self.address = address
        self.action = action
        self.status = status
        self.detail = detail
    }
}

/// Which audit entries to read.
public struct AuditQuery: Sendable, Equatable {
    /// Only this actor's.
    public var actor: String?
    /// Only entries at or after this time.
    public var since: Date?
    /// Only entries before this id (to page back).
    public var before: Int64?
    /// At most this many, newest first.
    public var limit: Int = 100

    /// The most one read returns.
    public static let maximumLimit = 1000

    /// Creates a query.
    public init(actor: String? = nil, since: Date? = nil, before: Int64? = nil, limit: Int = 100) {
        self.actor = actor
        self.since = since
        self.before = before
        self.limit = limit
    }
}
