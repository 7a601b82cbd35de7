public import Foundation

/// One change to a substitution, kept for good: who did what, when.
public struct SubstitutionAuditEntry: Sendable, Hashable, Encodable {
    /// What was done.
    public enum Action: String, Sendable, Hashable, Encodable {
        /// The substitution was created.
        case created
        /// It was removed.
        case deleted
    }

    /// The substitution.
    public var substitutionID: Int64
    /// When.
    public var at: Date
    /// What.
    public var action: Action
    /// Who.
    public var by: String
    /// In words: the substitution as it was created or removed.
    public var detail: String

    /// Creates an entry.
    public init(substitutionID: Int64, at: Date, action: Action, by: String, detail: String) {
        self.substitutionID = substitutionID
        self.at = at
        self.action = action
        self.by = by
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case at, action, by, detail
        case substitutionID = "substitution"
    }
}
