import Foundation

/// A person as the API and the CLI show them: contact data masked unless the reader may see it.
public struct PersonView: Sendable, Hashable, Encodable {
    /// The short name.
    public var name: String
    /// The full name.
    public var fullName: String
    /// The IANA zone.
    public var timeZone: String
    /// `it` or `en`.
    public var language: String
    /// E-mail, phone and chat, masked unless revealed.
    public var email: String?
    /// The phone for SMS.
    public var phone: String?
    /// The chat handle.
    public var chat: String?

    /// The view of `person`; `revealContacts` only for administrators.
    public init(_ person: Person, revealContacts: Bool = false) {
        let contacts = revealContacts ? person.contacts : person.contacts.masked
        name = person.name
        fullName = person.fullName
        timeZone = person.zone.identifier
        language = person.language.rawValue
        email = contacts.email
        phone = contacts.phone
        chat = contacts.chat
    }

    enum CodingKeys: String, CodingKey {
        case name, language, email, phone, chat
        case fullName = "full_name"
        case timeZone = "time_zone"
    }
}
