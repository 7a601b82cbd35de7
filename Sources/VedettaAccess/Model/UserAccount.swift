public import Foundation

/// A local user: a name, a role, and whether it may sign in. The password hash never leaves the store's side.
public struct UserAccount: Sendable, Codable, Equatable {
    /// The login name: 1–64 letters, digits, `.`, `_`, `-` or `@` (see ``UserAccount/validName(_:)``).
    public var name: String
    /// What the user may do.
    public var role: Role
    /// A disabled user can neither sign in nor use its tokens; its history stays.
    public var disabled: Bool
    /// When the user was added.
    public var createdAt: Date
    /// When its password was last set; `nil` for a user who signs in only through a trusted proxy or tokens.
    public var passwordChangedAt: Date?

    /// Creates an account.
    public init(name: String, role: Role, disabled: Bool = false, createdAt: Date, passwordChangedAt: Date? = nil) {
        self.name = name
        self.role = role
        self.disabled = disabled
        self.createdAt = createdAt
        self.passwordChangedAt = passwordChangedAt
    }

    /// Encodes every field, `null` for an absent one (the API's schema lists them all).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(disabled, forKey: .disabled)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(passwordChangedAt, forKey: .passwordChangedAt)
    }

    enum CodingKeys: String, CodingKey {
        case name, role, disabled
        case createdAt = "created_at"
        case passwordChangedAt = "password_changed_at"
    }

    /// The longest name.
    public static let maximumNameLength = 64

    /// `name` when it is a valid login name.
    /// - Throws: ``AccessError`` (`invalid`, field `name`) saying what is wrong.
    public static func validName(_ name: String) throws(AccessError) -> String {
        guard !name.isEmpty, name.count <= maximumNameLength else {
            throw AccessError(.invalid, "a user name has 1 to \(maximumNameLength) characters", field: "name")
        }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || ".-_@".unicodeScalars.contains(scalar))
        }
        guard allowed else {
            throw AccessError(
                .invalid, "user name \"\(name)\": use letters, digits, '.', '_', '-' or '@'", field: "name")
        }
        return name
    }
}

/// The rules a new password must meet: long enough to resist guessing, short enough to hash quickly.
public enum PasswordPolicy {
    /// The shortest password (NIST SP 800-63B asks for at least 8; a support room's shared screens ask for more).
    public static let minimumLength = 10
    /// The longest password.
    public static let maximumLength = 256

    /// Checks `password`.
    /// - Throws: ``AccessError`` (`invalid`, field `password`) saying what is wrong, never the password.
    public static func check(_ password: String, name: String) throws(AccessError) {
        guard password.count >= minimumLength else {
            throw AccessError(
                .invalid, "a password has at least \(minimumLength) characters", field: "password")
        }
        guard password.count <= maximumLength else {
            throw AccessError(.invalid, "a password has at most \(maximumLength) characters", field: "password")
        }
        guard password.lowercased() != name.lowercased() else {
            throw AccessError(.invalid, "the password may not be the user name", field: "password")
        }
    }
}
