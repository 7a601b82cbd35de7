import Foundation
import Hummingbird
import VedettaCore

/// HTML text: escaping, and the console's page frame.
enum HTML {
    /// `text` safe inside an element or a double-quoted attribute.
    static func escape(_ text: String) -> String { text.htmlEscaped }

    /// A `<time>` element: the browser shows `date` in the user's time zone and language (console.js); the text
    /// inside is the UTC time, for a browser without scripts.
    static func time(_ date: Date, style: String = "datetime") -> String {
        let iso = date.iso8601Milliseconds
        return
            "<time datetime=\"\(iso)\" data-style=\"\(style)\">\(escape(String(iso.prefix(16)).replacingOccurrences(of: "T", with: " "))) UTC</time>"
    }

    /// The security headers of every console page: scripts and styles only from the agent itself, never framed,
    /// never cached.
    static let securityHeaders: HTTPFields = {
        var fields: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-store",
            .contentSecurityPolicy:
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
            .xContentTypeOptions: "nosniff",
        ]
        if let referrer = HTTPFields.Element.Name("Referrer-Policy") { fields[referrer] = "same-origin" }
        return fields
    }()

    /// A console page: the frame (navigation, language switch, who is signed in) around `body`.
    static func page(
        title: String, body: String, language: ConsoleLanguage, chosen: Bool, user: String?, csrf: String?,
        active: String, bodyClass: String = ""
    ) -> Response {
        let text = language.text
        var navigation = ""
        if let user {
            let items = [
                ("wallboard", "/console/wallboard", text.wallboard),
                ("incidents", "/console/incidents", text.incidents),
                ("devices", "/console/devices", text.devicesTitle), ("oncall", "/console/oncall", text.onCall),
                ("maintenance", "/console/maintenance", text.maintenance),
                ("reports", "/console/reports", text.reports),
            ]
            navigation = items.map { key, href, label in
                "<a href=\"\(href)\"\(key == active ? " class=\"active\" aria-current=\"page\"" : "")>\(escape(label))</a>"
            }.joined()
            navigation +=
                "<span class=\"user\">\(escape(user))</span>"
                + "<button type=\"button\" id=\"sign-out\">\(escape(text.signOut))</button>"
        }
        let other: ConsoleLanguage = language == .italian ? .english : .italian
        let document = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="csrf-token" content="\(escape(csrf ?? ""))">
            <title>\(escape(title)) · Vedetta</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/console/assets/console.css">
            <script src="/console/assets/console.js" defer></script>
            </head>
            <body class="\(bodyClass)">
            <header><a class="brand" href="/console/wallboard">Vedetta</a><nav>\(navigation)</nav>\
            <a class="language" href="?lang=\(other.rawValue)" hreflang="\(other.rawValue)">\(other.rawValue.uppercased())</a></header>
            <main>
            \(body)
            </main>
            </body>
            </html>
            """
        var response = Response(
            status: .ok, headers: securityHeaders, body: ResponseBody(byteBuffer: ByteBuffer(string: document)))
        if chosen {
            response.headers[.setCookie] =
                "\(ConsoleLanguage.cookie)=\(language.rawValue); Path=/; Max-Age=31536000; SameSite=Lax"
        }
        return response
    }

    /// A short age: `45 s`, `12 min`, `3 h 05`, `2 d 4 h`.
    static func age(_ seconds: TimeInterval) -> String {
        let total = max(0, Int(seconds))
        switch total {
        case ..<60: return "\(total) s"
        case ..<3600: return "\(total / 60) min"
        case ..<86_400: return "\(total / 3600) h \(String(format: "%02d", total % 3600 / 60))"
        default: return "\(total / 86_400) d \(total % 86_400 / 3600) h"
        }
    }

    /// `text` percent-encoded for a path segment or a query value: everything but letters, digits and `-._~`, byte
    /// by byte (a device page writes a thousand links; Foundation's encoder takes a quarter of the page's time).
    static func urlComponent(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 2)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
