import Foundation
import Hummingbird
import VedettaAccess
import VedettaCore
import VedettaMaintenance

/// The maintenance routes:
///
/// | Route | Answer |
/// |---|---|
/// | `GET /api/v1/maintenance?state=active\|upcoming\|over\|all` | The windows with their next occurrences |
/// | `POST /api/v1/maintenance` | Creates a window from a JSON object of fields; 201 |
/// | `GET /api/v1/maintenance.ics` | The iCalendar feed |
/// | `GET /api/v1/maintenance/{id}` | One window with its audit trail |
/// | `PATCH /api/v1/maintenance/{id}` | Changes the fields given |
/// | `POST /api/v1/maintenance/{id}/end` | Ends the occurrence in progress (`{"by": …}`) |
/// | `POST /api/v1/maintenance/{id}/extend` | Extends it (`{"duration": "30m", "by": …}`) |
/// | `DELETE /api/v1/maintenance/{id}?by=NAME` | Deletes a window |
///
/// Refusals are JSON `{"error": …, "code": …, "field": …}`: 400 for a field (named), 404, 409 for a window from a
/// file or one that is not in progress, 503 when the database cannot be reached.
enum MaintenanceRoutes {
    static func add(_ api: MaintenanceAPI, to router: Router<APIRequestContext>) {
        router.get("/api/v1/maintenance") { request, _ -> Response in
            let state = request.uri.queryParameters.get("state") ?? "all"
            let filter: MaintenanceState?
            if state == "all" {
                filter = nil
            } else if let known = MaintenanceState(rawValue: state) {
                filter = known
            } else {
                return refusal(.invalid("state", "unknown state \"\(state)\"; use active, upcoming, over or all"))
            }
            return try await answer(status: .ok) { () async throws(MaintenanceError) in
                let now = api.now()
                return try await api.planner.windows(filter, at: now).map { MaintenanceWindowView($0, at: now) }
            }
        }
        router.post("/api/v1/maintenance") { request, context -> Response in
            let fields: MaintenanceRequest
            switch await MaintenanceRequestBody.decode(
                request, context: context, allowed: MaintenanceRequestBody.fields)
            {
            case .success(let decoded): fields = decoded
            case .failure(let error): return refusal(error)
            }
            return try await changing(api, status: .created) { () async throws(MaintenanceError) in
                try await api.planner.add(fields, at: api.now())
            }
        }
        router.get("/api/v1/maintenance.ics") { _, _ -> Response in
            let windows: [MaintenanceWindow]
            do throws(MaintenanceError) {
                windows = try await api.planner.windows(nil, at: api.now())
            } catch {
                return refusal(error)
            }
            let feed = MaintenanceFeed.render(windows, calendarName: api.calendarName, now: api.now())
            return Response(
                status: .ok, headers: [.contentType: "text/calendar; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: feed)))
        }
        router.get("/api/v1/maintenance/:id") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self) else { return badIdentifier(context) }
            return try await answer(status: .ok) { () async throws(MaintenanceError) in
                let (window, audit) = try await api.planner.window(id: id)
                return MaintenanceWindowDetail(window: MaintenanceWindowView(window, at: api.now()), audit: audit)
            }
        }
        router.patch("/api/v1/maintenance/:id") { request, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self) else { return badIdentifier(context) }
            let fields: MaintenanceRequest
            switch await MaintenanceRequestBody.decode(
                request, context: context, allowed: MaintenanceRequestBody.fields)
            {
            case .success(let decoded): fields = decoded
            case .failure(let error): return refusal(error)
            }
            return try await changing(api, status: .ok) { () async throws(MaintenanceError) in
                try await api.planner.edit(id: id, fields, at: api.now())
            }
        }
        router.post("/api/v1/maintenance/:id/end") { request, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self) else { return badIdentifier(context) }
            let fields: MaintenanceRequest
            switch await MaintenanceRequestBody.decode(request, context: context, allowed: ["by"]) {
            case .success(let decoded): fields = decoded
            case .failure(let error): return refusal(error)
            }
            return try await changing(api, status: .ok) { () async throws(MaintenanceError) in
                try await api.planner.end(id: id, by: fields.by, at: api.now())
            }
        }
        router.post("/api/v1/maintenance/:id/extend") { request, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self) else { return badIdentifier(context) }
            let fields: MaintenanceRequest
            switch await MaintenanceRequestBody.decode(request, context: context, allowed: ["by", "duration"]) {
            case .success(let decoded): fields = decoded
            case .failure(let error): return refusal(error)
            }
            guard let text = fields.duration else {
                return refusal(.invalid("duration", "required: how much longer, e.g. 30m"))
            }
            guard let amount = Duration.parse(text), amount > .zero else {
                return refusal(.invalid("duration", "\"\(text)\" is not a duration; write it as 30m or 1h"))
            }
            return try await changing(api, status: .ok) { () async throws(MaintenanceError) in
                try await api.planner.extend(id: id, by: amount, who: fields.by, at: api.now())
            }
        }
        router.delete("/api/v1/maintenance/:id") { request, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self) else { return badIdentifier(context) }
            let by = request.uri.queryParameters.get("by") ?? Principal.current?.name
            return try await changing(api, status: .ok) { () async throws(MaintenanceError) in
                try await api.planner.delete(id: id, by: by, at: api.now())
            }
        }
    }

    /// Runs a change, tells the agent, and answers with the window.
    private static func changing(
        _ api: MaintenanceAPI, status: HTTPResponse.Status,
        _ body: () async throws(MaintenanceError) -> MaintenanceWindow
    ) async throws -> Response {
        let window: MaintenanceWindow
        do throws(MaintenanceError) {
            window = try await body()
        } catch {
            return refusal(error)
        }
        await api.onChange()
        return try JSONAnswer.response(MaintenanceWindowView(window, at: api.now()), status: status)
    }

    private static func answer<Value: Encodable>(
        status: HTTPResponse.Status, _ body: () async throws(MaintenanceError) -> Value
    ) async throws -> Response {
        let value: Value
        do throws(MaintenanceError) {
            value = try await body()
        } catch {
            return refusal(error)
        }
        return try JSONAnswer.response(value, status: status)
    }

    private static func badIdentifier(_ context: APIRequestContext) -> Response {
        let text = context.parameters.get("id") ?? ""
        return refusal(.invalid("id", "\"\(text)\" is not a window number"))
    }

    /// The JSON refusal of `error`, with its HTTP status.
    static func refusal(_ error: MaintenanceError) -> Response {
        RefusalBody.response(message: error.message, code: error.code.rawValue, field: error.field)
    }
}

/// One window with its audit trail.
struct MaintenanceWindowDetail: Encodable {
    var window: MaintenanceWindowView
    var audit: [MaintenanceAuditEntry]
}
