import Foundation
import VedettaCore
import VedettaIncidents

/// Writes a notification as an RFC 5322 message: a text part and an HTML part (`multipart/alternative`), in
/// base64 so that no line is too long and no byte is misread, with headers that thread an incident's messages.
///
/// `Message-ID` is fixed by the notification (`<vedetta-notification-42@domain>`), so a retry after a crash is the
/// same message and mail clients show it once. Every message of an incident refers to
/// `<vedetta-incident-17@domain>` in `References`, so the restoration appears under the opening.
enum EmailMessage {
    static func render(_ message: NotificationMessage, text: MessageText, from: String, to: [String]) -> [UInt8] {
        let domain = EmailAddress.domain(EmailAddress.bare(from) ?? from)
        let boundary = "vedetta-\(message.notificationID)-\(message.incident.id)"
        let thread = "<vedetta-incident-\(message.incident.id)@\(domain)>"
        var lines = [
            "From: \(from)",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(encodedWord(text.title(message)))",
            "Date: \(date(message.sentAt))",
            "Message-ID: <vedetta-notification-\(message.notificationID)@\(domain)>",
            "References: \(thread)",
            "In-Reply-To: \(thread)",
            "Auto-Submitted: auto-generated",
            "X-Vedetta-Incident: \(message.incident.id)",
            "X-Vedetta-Event: \(message.event.rawValue)",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
        ]
        for (type, body) in [("text/plain", plain(message, text: text)), ("text/html", html(message, text: text))] {
            lines += [
                "--\(boundary)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", "",
            ]
            lines += base64Lines(body)
        }
        lines.append("--\(boundary)--")
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// The title, the description and the facts, one per line.
    static func plain(_ message: NotificationMessage, text: MessageText) -> String {
        var parts = [text.title(message)]
        if !text.details(message).isEmpty { parts.append(text.details(message)) }
        parts.append(text.facts(message).map { "\($0.name): \($0.value)" }.joined(separator: "\n"))
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// A small HTML page: a coloured title, the description, and a table of facts.
    static func html(_ message: NotificationMessage, text: MessageText) -> String {
        let rows = text.facts(message).map {
            "<tr><th align=\"left\">\(escape($0.name))</th><td>\(escape($0.value))</td></tr>"
        }.joined()
        let details = text.details(message).isEmpty ? "" : "<p>\(escape(text.details(message)))</p>"
        return """
            <!DOCTYPE html><html lang="\(text.language.rawValue)"><body style="font-family: sans-serif">\
            <h2 style="border-left: 6px solid \(text.color(message)); padding-left: 8px">\
            \(escape(text.title(message)))</h2>\(details)<table cellpadding="4">\(rows)</table>\
            <p style="color: #777">Vedetta</p></body></html>

            """
    }

    /// An unstructured header value: as it is when ASCII, else one or more RFC 2047 encoded words (base64,
    /// at most 45 bytes of text each, split between characters), folded onto continuation lines.
    static func encodedWord(_ value: String) -> String {
        if value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) && value.utf8.count <= 900 {
            return value
        }
        var words: [String] = []
        var chunk = ""
        for character in value {
            if chunk.utf8.count + character.utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// RFC 5322 date in UTC: `Thu, 03 Dec 2026 02:12:01 +0000`.
    static func date(_ instant: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: instant)
    }

    private static func base64Lines(_ text: String) -> [String] {
        let encoded = Data(text.utf8).base64EncodedString()
        return stride(from: 0, to: encoded.count, by: 76).map { start in
            let from = encoded.index(encoded.startIndex, offsetBy: start)
            let to = encoded.index(from, offsetBy: min(76, encoded.count - start))
            return String(encoded[from..<to])
        }
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
