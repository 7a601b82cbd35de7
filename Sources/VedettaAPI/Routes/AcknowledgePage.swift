import Foundation
import Hummingbird
import LinkSigning
import VedettaCore
import VedettaIncidents

/// The small HTML pages of the acknowledgement link, in Italian or English: no script, no external asset.
enum AcknowledgePage {
    /// The page's words in one language.
    struct Words {
        var language: String
        var title: String
        var button: String
        var acknowledgedBy: String
        var youFirst: String
        var someoneElse: String
        var alreadyRestored: String
        var notFound: String
        var incomplete: String
        var forged: String
        var expired: String
        var unavailable: String
        var device: String
        var opened: String

        /// Italian when `Accept-Language` prefers it, English otherwise.
        init(acceptLanguage: String?) {
            let preferred = acceptLanguage?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces)
            if preferred?.lowercased().hasPrefix("it") == true {
                self.init(
                    language: "it", title: "Prendi in carico l'incidente", button: "Prendo in carico",
                    acknowledgedBy: "Preso in carico da", youFirst: "Preso in carico: l'escalation si ferma.",
                    someoneElse: "Già preso in carico da un'altra persona.",
                    alreadyRestored: "L'incidente è già ripristinato: non c'è nulla da prendere in carico.",
                    notFound: "Incidente inesistente.", incomplete: "Il link è incompleto.",
                    forged: "Il link non è valido.", expired: "Il link è scaduto: usa la console o la CLI.",
                    unavailable: "Il database non risponde; riprova tra poco.", device: "Dispositivo",
                    opened: "Aperto")
            } else {
                self.init(
                    language: "en", title: "Acknowledge the incident", button: "Acknowledge",
                    acknowledgedBy: "Acknowledged by", youFirst: "Acknowledged: the escalation stops.",
                    someoneElse: "Somebody else acknowledged it first.",
                    alreadyRestored: "The incident is already restored: there is nothing to acknowledge.",
                    notFound: "There is no such incident.", incomplete: "The link is incomplete.",
                    forged: "The link is not valid.", expired: "The link has expired: use the console or the CLI.",
                    unavailable: "The database does not answer; try again shortly.", device: "Device",
                    opened: "Opened")
            }
        }

        private init(
            language: String, title: String, button: String, acknowledgedBy: String, youFirst: String,
            someoneElse: String, alreadyRestored: String, notFound: String, incomplete: String, forged: String,
            expired: String, unavailable: String, device: String, opened: String
        ) {
            self.language = language
            self.title = title
            self.button = button
            self.acknowledgedBy = acknowledgedBy
            self.youFirst = youFirst
            self.someoneElse = someoneElse
            self.alreadyRestored = alreadyRestored
            self.notFound = notFound
            self.incomplete = incomplete
            self.forged = forged
            self.expired = expired
            self.unavailable = unavailable
            self.device = device
            self.opened = opened
        }
    }

    /// The incident and the button, or why there is nothing to press.
    static func confirm(_ incident: Incident, link: AcknowledgeLink, action: String, words: Words) -> Response {
        if incident.restoredAt != nil {
            return response(status: .ok, title: words.alreadyRestored, body: summary(incident, words: words))
        }
        if incident.acknowledgedAt != nil {
            return done(incident, words: words, first: incident.acknowledgedBy == link.person)
        }
        let form = """
            <form method="post" action="\(escape(action))"><button type="submit">\(escape(words.button)) \
            (\(escape(link.person)))</button></form>
            """
        return response(status: .ok, title: words.title, body: summary(incident, words: words) + form)
    }

    /// After an acknowledgement: who acknowledged, and whether it was this link.
    static func done(_ incident: Incident, words: Words, first: Bool) -> Response {
        let who = "<p>\(escape(words.acknowledgedBy)): <b>\(escape(incident.acknowledgedBy ?? "?"))</b></p>"
        return response(
            status: .ok, title: first ? words.youFirst : words.someoneElse, body: summary(incident, words: words) + who)
    }

    static func response(status: HTTPResponse.Status, title: String, body: String) -> Response {
        let page = """
            <!doctype html><html><head><meta charset="utf-8">\
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>Vedetta</title>\
            <style>body{font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em}\
            button{font-size:1.4em;padding:.6em 1.2em}</style></head>\
            <body><h1>\(escape(title))</h1>\(body)</body></html>
            """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    private static func summary(_ incident: Incident, words: Words) -> String {
        let device = incident.device.map { "<p>\(escape(words.device)): \(escape($0.rawValue))</p>" } ?? ""
        return """
            <p><b>#\(incident.id) \(escape(incident.rule))</b>: \(escape(incident.summary))</p>\(device)\
            <p>\(escape(words.opened)): \(incident.detectedAt.iso8601Milliseconds)</p>
            """
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
