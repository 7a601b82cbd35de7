public import Foundation

/// Someone who can be on call, from `oncall/*.yaml`.
///
/// `description` is the name alone, so that a person written into a log line never carries contact data.
public struct Person: Sendable, Hashable, CustomStringConvertible {
    /// The language of the messages a person receives.
    public enum Language: String, Sendable, Hashable, CaseIterable {
        /// Italian.
        case it
        /// English.
        case en
    }

    /// The unique short name schedules and substitutions use, e.g. `marco`.
    public var name: String
    /// The name shown to people, e.g. `Marco Rossi`; the short name when none is given.
    public var fullName: String
    /// Where the person lives: their shifts are shown on this clock.
    public var zone: TimeZone
    /// The language of their messages.
    public var language: Language
    /// How to reach them.
    public var contacts: ContactMethods

    /// Creates a person.
    public init(
        name: String, fullName: String? = nil, zone: TimeZone, language: Language = .it,
        contacts: ContactMethods = ContactMethods()
    ) {
        self.name = name
        self.fullName = fullName ?? name
        self.zone = zone
        self.language = language
        self.contacts = contacts
    }

    /// The short name.
    public var description: String { name }
}
