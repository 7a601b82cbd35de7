/// How to reach a person: only what paging needs. This is personal data.
///
/// It never shows itself in logs: `description` is `<contacts>`. The API shows ``masked`` to anyone but an
/// administrator.
public struct ContactMethods: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// An e-mail address, e.g. `marco.rossi@example.it`.
    public var email: String?
    /// A mobile number for SMS in international form, e.g. `+393331234567`.
    public var phone: String?
    /// A chat handle, e.g. `@marco` (Slack, Mattermost, Rocket.Chat) or a Telegram chat id.
    public var chat: String?

    /// Creates contact methods.
    public init(email: String? = nil, phone: String? = nil, chat: String? = nil) {
        self.email = email
        self.phone = phone
        self.chat = chat
    }

    /// The same methods with most characters hidden: `m***@example.it`, `+39*******567`, `@m***`.
    public var masked: ContactMethods {
        ContactMethods(
            email: email.map(Self.maskEmail), phone: phone.map(Self.maskPhone), chat: chat.map(Self.maskChat))
    }

    /// Always `<contacts>`.
    public var description: String { "<contacts>" }

    /// Always `<contacts>`.
    public var debugDescription: String { "<contacts>" }

    /// Whether `text` is an e-mail address as paging needs it: one `@`, a local part, a domain with a dot, no
    /// spaces or angle brackets.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return !text.contains(where: { $0.isWhitespace || "<>,;\"".contains($0) })
    }

    /// Whether `text` is a phone number in international (E.164) form: `+` and 8 to 15 digits.
    public static func isPhone(_ text: String) -> Bool {
        guard text.first == "+" else { return false }
        let digits = text.dropFirst()
        return (8...15).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func maskEmail(_ text: String) -> String {
        guard let at = text.firstIndex(of: "@"), let first = text.first else { return "***" }
        return "\(first)***\(text[at...])"
    }

    private static func maskPhone(_ text: String) -> String {
        guard text.count > 6 else { return "***" }
        return String(text.prefix(3)) + String(repeating: "*", count: text.count - 6) + String(text.suffix(3))
    }

    private static func maskChat(_ text: String) -> String {
        let keep = text.hasPrefix("@") ? 2 : 1
        return String(text.prefix(keep)) + "***"
    }
}
