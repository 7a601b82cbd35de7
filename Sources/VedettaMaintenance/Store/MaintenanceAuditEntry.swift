public import Foundation

/// One change to a maintenance window, kept for good: who did what, when.
public struct MaintenanceAuditEntry: Sendable, Hashable, Encodable {
    /// What was done.
    public struct Action: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        /// The action's name.
        public let rawValue: String

        /// Creates an action from its name.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The window was created.
        public static let created = Action(rawValue: "created")
        /// Its definition changed (scope, schedule, reason).
        public static let edited = Action(rawValue: "edited")
        /// An occurrence in progress was ended early.
        public static let ended = Action(rawValue: "ended")
        /// An occurrence was extended.
        public static let extended = Action(rawValue: "extended")
        /// The window was deleted.
        public static let deleted = Action(rawValue: "deleted")

        /// The action's name.
        public var description: String { rawValue }
    }

    /// The window.
    public var windowID: Int64
    /// When.
    public var at: Date
    /// What.
    public var action: Action
    /// Who (a person, or the file a window comes from).
    public var by: String
    /// In words: the definition after a creation or an edit, the old and new end of an occurrence.
    public var detail: String

    /// Creates an entry.
    public init(windowID: Int64, at: Date, action: Action, by: String, detail: String) {
        self.windowID = windowID
        self.at = at
        self.action = action
        self.by = by
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case at, action, by, detail
        case windowID = "window"
    }

    /// Encodes `{"window", "at", "action", "by", "detail"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(windowID, forKey: .windowID)
        try container.encode(at, forKey: .at)
        try container.encode(action.rawValue, forKey: .action)
        try container.encode(by, forKey: .by)
        try container.encode(detail, forKey: .detail)
    }
}
