import Foundation
import Hummingbird
import LinkSigning
import VedettaCore
import VedettaIncidents

/// The one-click acknowledgement of a page (``AcknowledgeLink``):
///
/// | Route | Answer |
/// |---|---|
/// | `GET /ack/{id}?by=…&expires=…&sig=…` | An HTML page: the incident, and one button that acknowledges it |
/// | `POST /ack/{id}?by=…&expires=…&sig=…` | Acknowledges as `by`; an HTML page says so, or who was first |
///
/// Opening the link does not acknowledge: mail scanners open every link of a message, and they must not stop an
/// escalation. The page is in Italian or English after `Accept-Language`. A forged link answers 403, an expired
/// one 410.
enum AcknowledgeLinkRoutes {
    static func add(
        signer: LinkSigner, source: any AgentStatusSource, operations: any IncidentOperations,
        to router: Router<APIRequestContext>
    ) {
        router.get("/ack/:id") { request, context -> Response in
            await withLink(request, context, signer: signer, now: operations.now()) { link, words in
                await confirmation(link, words: words, action: request.uri.description, source: source)
            }
        }
        router.post("/ack/:id") { request, context -> Response in
            await withLink(request, context, signer: signer, now: operations.now()) { link, words in
                await acknowledgement(link, words: words, operations: operations)
            }
        }
    }

    /// The incident and its button.
    private static func confirmation(
        _ link: AcknowledgeLink, words: AcknowledgePage.Words, action: String, source: any AgentStatusSource
    ) async -> Response {
        let incident: Incident?
        do {
            incident = try await source.incident(id: link.incidentID)
        } catch {
            return AcknowledgePage.response(status: .serviceUnavailable, title: words.unavailable, body: "")
        }
        guard let incident else {
            return AcknowledgePage.response(status: .notFound, title: words.notFound, body: "")
        }
        return AcknowledgePage.confirm(incident, link: link, action: action, words: words)
    }

    /// The acknowledgement as the link's person.
    private static func acknowledgement(
        _ link: AcknowledgeLink, words: AcknowledgePage.Words, operations: any IncidentOperations
    ) async -> Response {
        do throws(IncidentRefusal) {
            switch try await operations.acknowledge(id: link.incidentID, by: link.person) {
            case .recorded(let incident):
                return AcknowledgePage.done(incident, words: words, first: true)
            case .alreadyAcknowledged(let incident):
                return AcknowledgePage.done(incident, words: words, first: incident.acknowledgedBy == link.person)
            }
        } catch {
            switch error.code {
            case .notFound: return AcknowledgePage.response(status: .notFound, title: words.notFound, body: "")
            case .conflict, .invalid:
                return AcknowledgePage.response(status: .conflict, title: words.alreadyRestored, body: "")
            case .unavailable:
                return AcknowledgePage.response(status: .serviceUnavailable, title: words.unavailable, body: "")
            }
        }
    }

    /// Why a link is refused.
    enum Refusal: Error {
        case bad(AcknowledgeLinkError)
        case badIdentifier

        func response(_ words: AcknowledgePage.Words) -> Response {
            switch self {
            case .badIdentifier, .bad(.incomplete):
                AcknowledgePage.response(status: .badRequest, title: words.incomplete, body: "")
            case .bad(.forged):
                AcknowledgePage.response(status: .forbidden, title: words.forged, body: "")
            case .bad(.expired):
                AcknowledgePage.response(status: .gone, title: words.expired, body: "")
            }
        }
    }

    /// Answers `request` with `answer` when its link is genuine and still works, or with the refusal page; both
    /// in the language of `Accept-Language`.
    private static func withLink(
        _ request: Request, _ context: APIRequestContext, signer: LinkSigner, now: Date,
        answer: (AcknowledgeLink, AcknowledgePage.Words) async -> Response
    ) async -> Response {
        let words = AcknowledgePage.Words(acceptLanguage: request.headers[.acceptLanguage])
        guard let id = context.parameters.get("id", as: Int64.self) else {
            return Refusal.badIdentifier.response(words)
        }
        let query = request.uri.queryParameters
        do {
            let link = try AcknowledgeLink.verify(
                incidentID: id, by: query.get("by"), expires: query.get("expires"), signature: query.get("sig"),
                signer: signer, now: now)
            return await answer(link, words)
        } catch {
            return Refusal.bad(error).response(words)
        }
    }
}
