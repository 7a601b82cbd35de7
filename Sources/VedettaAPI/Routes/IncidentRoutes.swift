import Foundation
import Hummingbird
import VedettaCore
import VedettaIncidents
import VedettaMaintenance
import VedettaReports

/// The routes that change the incident log and make reports:
///
/// | Route | Answer |
/// |---|---|
/// | `POST /api/v1/incidents` | Opens a manual incident from `{summary, by, device or labels, …}`; 201 |
/// | `POST /api/v1/incidents/{id}/ack` | Acknowledges (`{"by": …}`); 409 when somebody else did first |
/// | `POST /api/v1/incidents/{id}/notes` | Adds a note (`{"text": …, "by": …}`); 201 |
/// | `PATCH /api/v1/incidents/{id}` | Sets `category`, `resolution` and/or `ticket` (`by` required) |
/// | `POST /api/v1/incidents/{id}/restore` | Restores a manual incident (`{"by": …, "at": …}`) |
/// | `GET /api/v1/reports?period=…\|from=…&to=…&group_by=…&severity=…&format=…&lang=…` | A KPI report |
///
/// Every change answers with the incident, timeline included. Refusals are JSON `{"error", "code", "field"}`:
/// 400 for a field (named), 404, 409, 503 when the database cannot be reached.
enum IncidentRoutes {
    static let openFields = [
        "summary", "description", "severity", "device", "labels", "at", "by", "category", "ticket",
    ]

    static func add(_ operations: any IncidentOperations, to router: Router<APIRequestContext>) {
        router.post("/api/v1/incidents") { request, _ -> Response in
            let body: IncidentRequestBody
            switch await IncidentRequestBody.decode(request, allowed: openFields) {
            case .success(let decoded): body = decoded
            case .failure(let refusal): return Self.refusal(refusal)
            }
            return try await answer(status: .created) { () async throws(IncidentRefusal) in
                let draft = try manualDraft(body)
                let at = try instant(body.strings["at"], field: "at", operations: operations)
                return try await operations.openManually(draft, at: at)
            }
        }
        router.post("/api/v1/incidents/:id/ack") { request, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self) else { return badIdentifier(context) }
            return try await withBody(request, allowed: ["by"], status: .ok) { body throws(IncidentRefusal) in
                let by = try body.required("by").get().trimmingCharacters(in: .whitespacesAndNewlines)
                switch try await operations.acknowledge(id: id, by: by) {
                case .recorded(let incident): return incident
                case .alreadyAcknowledged(let incident) where incident.acknowledgedBy == by: return incident
                case .alreadyAcknowledged(let incident):
                    throw IncidentRefusal(
                        .conflict,
                        "incident \(id) was already acknowledged by \(incident.acknowledgedBy ?? "somebody") at "
                            + "\(incident.acknowledgedAt?.iso8601Milliseconds ?? "?")")
                }
            }
        }
        router.post("/api/v1/incidents/:id/notes") { request, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self) else { return badIdentifier(context) }
            return try await withBody(request, allowed: ["text", "by"], status: .created) {
                body throws(IncidentRefusal) in
                try await operations.annotate(
                    id: id, [.note(try body.required("text").get())], by: try body.required("by").get())
            }
        }
        router.patch("/api/v1/incidents/:id") { request, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self) else { return badIdentifier(context) }
            let fields = ["category", "resolution", "ticket", "by"]
            return try await withBody(request, allowed: fields, status: .ok) { body throws(IncidentRefusal) in
                let by = try body.required("by").get()
                let changes: [IncidentAnnotation] = [
                    body.strings["category"].map(IncidentAnnotation.category),
                    body.strings["resolution"].map(IncidentAnnotation.resolution),
                    body.strings["ticket"].map(IncidentAnnotation.ticket),
                ].compactMap { $0 }
                guard !changes.isEmpty else {
                    throw IncidentRefusal(.invalid, "give category, resolution or ticket", field: "body")
                }
                for change in changes where change.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    throw IncidentRefusal(.invalid, "must not be empty", field: change.fieldName)
                }
                // All or none: a refusal of any field (too long, an unknown category) changes nothing.
                return try await operations.annotate(id: id, changes, by: by)
            }
        }
        router.post("/api/v1/incidents/:id/restore") { request, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self) else { return badIdentifier(context) }
            return try await withBody(request, allowed: ["by", "at"], status: .ok) { body throws(IncidentRefusal) in
                let at = try instant(body.strings["at"], field: "at", operations: operations)
                return try await operations.restoreManually(id: id, by: try body.required("by").get(), at: at)
            }
        }
        router.get("/api/v1/reports") { request, _ -> Response in
            let parameters = request.uri.queryParameters
            let format: ReportFormat
            let language: ReportLanguage
            let report: KPIReport
            do throws(IncidentRefusal) {
                format = try choice(parameters.get("format") ?? "json", field: "format")
                language = try choice(
                    parameters.get("lang") ?? operations.reportSettings.language.rawValue, field: "lang")
                let grouping: ReportGrouping = try choice(parameters.get("group_by") ?? "site", field: "group_by")
                let severities = try parameters.get("severity").map(severitySet)
                let period = try reportPeriod(
                    named: parameters.get("period"), from: parameters.get("from"), to: parameters.get("to"),
                    operations: operations)
                report = try await operations.report(period: period, grouping: grouping, severities: severities)
            } catch {
                return refusal(error)
            }
            let document = ReportRenderer.render(
                report, format: format, language: language, generatedAt: operations.now())
            return Response(
                status: .ok, headers: [.contentType: format.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(string: document)))
        }
    }

    private static func manualDraft(_ body: IncidentRequestBody) throws(IncidentRefusal) -> ManualIncidentDraft {
        let summary = try body.required("summary").get()
        let by = try body.required("by").get()
        let severity: Severity = try choice(body.strings["severity"] ?? "critical", field: "severity")
        var labels = body.labels
        if let device = body.strings["device"] { labels["device"] = device }
        guard !labels.isEmpty else {
            throw IncidentRefusal(
                .invalid, "name the affected device, or labels such as {\"site\": \"milano\"}", field: "device")
        }
        return ManualIncidentDraft(
            summary: summary, description: body.strings["description"] ?? "", severity: severity,
            labels: LabelSet(labels), openedBy: by, category: body.strings["category"], ticket: body.strings["ticket"])
    }

    private static func reportPeriod(named: String?, from: String?, to: String?, operations: any IncidentOperations)
        throws(IncidentRefusal) -> ReportPeriod
    {
        do {
            return try ReportPeriod.requested(
                named: named, from: from, to: to, at: operations.now(), in: operations.reportSettings.timeZone)
        } catch {
            throw IncidentRefusal(.invalid, error.reason, field: error.field)
        }
    }

    private static func instant(_ text: String?, field: String, operations: any IncidentOperations)
        throws(IncidentRefusal) -> Date?
    {
        guard let text else { return nil }
        guard let instant = ReportPeriod.instant(text, in: operations.reportSettings.timeZone) else {
            throw IncidentRefusal(
                .invalid,
                "\"\(text)\" is not a time; use 2026-12-02, 2026-12-02T08:10 or ISO 8601, \(LocalDateTime.typedYearsText)",
                field: field)
        }
        return instant
    }

    private static func choice<T: RawRepresentable & CaseIterable>(_ text: String, field: String)
        throws(IncidentRefusal) -> T where T.RawValue == String
    {
        guard let value = T(rawValue: text) else {
            let names = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw IncidentRefusal(.invalid, "\"\(text)\" is not one of \(names)", field: field)
        }
        return value
    }

    private static func severitySet(_ text: String) throws(IncidentRefusal) -> Set<Severity> {
        do {
            return try ReportRequest.severities(parsing: text)
        } catch {
            throw IncidentRefusal(.invalid, error.message, field: "severity")
        }
    }

    private static func withBody(
        _ request: Request, allowed: [String], status: HTTPResponse.Status,
        _ body: (IncidentRequestBody) async throws(IncidentRefusal) -> Incident
    ) async throws -> Response {
        let decoded: IncidentRequestBody
        switch await IncidentRequestBody.decode(request, allowed: allowed) {
        case .success(let value): decoded = value
        case .failure(let refusal): return Self.refusal(refusal)
        }
        return try await answer(status: status) { () async throws(IncidentRefusal) in try await body(decoded) }
    }

    private static func answer(
        status: HTTPResponse.Status, _ body: () async throws(IncidentRefusal) -> Incident
    ) async throws -> Response {
        let incident: Incident
        do throws(IncidentRefusal) {
            incident = try await body()
        } catch {
            return refusal(error)
        }
        return try JSONAnswer.response(incident, status: status)
    }

    /// The refusal of an `{id}` that is not an incident number.
    static func badIdentifier(_ context: APIRequestContext) -> Response {
        let text = context.parameters.get("id") ?? ""
        return refusal(IncidentRefusal(.invalid, "\"\(text)\" is not an incident number", field: "id"))
    }

    /// The JSON refusal of `error`, with its HTTP status.
    static func refusal(_ error: IncidentRefusal) -> Response {
        RefusalBody.response(message: error.message, code: error.code.rawValue, field: error.field)
    }
}
