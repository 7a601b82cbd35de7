import Foundation
import Hummingbird
import VedettaAccess
import VedettaMaintenance
import VedettaOnCall

/// The on-call routes:
///
/// | Route | Answer |
/// |---|---|
/// | `GET /api/v1/oncall[?schedule=S&at=TIME]` | Who is on call, per schedule (`shift` is `null` when nobody is) |
/// | `GET /api/v1/oncall/schedules` | The schedules with their layers |
/// | `GET /api/v1/oncall/schedules/{name}/shifts?from=&to=` | The final shifts (default: the next 7 days) |
/// | `GET /api/v1/oncall/schedules/{name}/calendar.ics` | The schedule's iCalendar feed |
/// | `GET /api/v1/oncall/people` | The people, contact data masked |
/// | `GET /api/v1/oncall/people/{name}/shifts?from=&to=` | One person's shifts in every schedule |
/// | `GET /api/v1/oncall/people/{name}/calendar.ics` | One person's iCalendar feed |
/// | `GET /api/v1/oncall/substitutions[?schedule=S&from=&to=]` | Substitutions (default: those not over yet) |
/// | `POST /api/v1/oncall/substitutions` | Creates one from a JSON object of fields; 201 |
/// | `GET /api/v1/oncall/substitutions/{id}` | One substitution with its audit trail |
/// | `DELETE /api/v1/oncall/substitutions/{id}?by=NAME` | Removes one |
///
/// Times are `now`, local times on the schedule's clock (`2026-12-07T08:00`), dates, or ISO 8601. Refusals are
/// JSON `{"error": …, "code": …, "field": …}`: 400 for a field (named), 404, 503 when the database cannot be
/// reached.
enum OnCallRoutes {
    /// How far ahead shift lists go when no `to` is given.
    static let defaultPeriod: TimeInterval = 7 * 86_400

    static func add(_ api: OnCallAPI, to router: Router<APIRequestContext>) {
        let roster = api.desk.roster
        router.get("/api/v1/oncall") { request, _ -> Response in
            let parameters = request.uri.queryParameters
            return try await answer { () async throws(OnCallError) in
                let schedule = parameters.get("schedule")
                if let schedule { _ = try api.desk.schedule(named: schedule) }
                let zone = api.desk.zone(ofSchedule: schedule)
                let at = try instant(parameters.get("at"), field: "at", zone: zone, api: api) ?? api.now()
                return try await api.desk.onCall(schedule: schedule, at: at).map { OnCallNowView($0, roster: roster) }
            }
        }
        router.get("/api/v1/oncall/schedules") { _, _ -> Response in
            try JSONAnswer.response(roster.schedules.map(ScheduleView.init), status: .ok)
        }
        router.get("/api/v1/oncall/schedules/:name/shifts") { request, context -> Response in
            let name = try context.parameters.require("name")
            return try await answer { () async throws(OnCallError) in
                let zone = try api.desk.schedule(named: name).zone
                let (from, to) = try period(request, zone: zone, api: api)
                return ShiftView.views(try await api.desk.shifts(schedule: name, from: from, to: to), roster: roster)
            }
        }
        router.get("/api/v1/oncall/schedules/:name/calendar.ics") { _, context -> Response in
            let name = try context.parameters.require("name")
            return await calendar(api, forPerson: false) { () async throws(OnCallError) in
                let (from, to) = ShiftCalendar.period(at: api.now())
                return ("On call: \(name)", try await api.desk.shifts(schedule: name, from: from, to: to))
            }
        }
        router.get("/api/v1/oncall/people") { _, _ -> Response in
            try JSONAnswer.response(roster.people.map { PersonView($0) }, status: .ok)
        }
        router.get("/api/v1/oncall/people/:name/shifts") { request, context -> Response in
            let name = try context.parameters.require("name")
            return try await answer { () async throws(OnCallError) in
                let zone = try api.desk.person(named: name).zone
                let (from, to) = try period(request, zone: zone, api: api)
                return ShiftView.views(try await api.desk.shifts(person: name, from: from, to: to), roster: roster)
            }
        }
        router.get("/api/v1/oncall/people/:name/calendar.ics") { _, context -> Response in
            let name = try context.parameters.require("name")
            return await calendar(api, forPerson: true) { () async throws(OnCallError) in
                let person = try api.desk.person(named: name)
                let (from, to) = ShiftCalendar.period(at: api.now())
                return ("On call: \(person.fullName)", try await api.desk.shifts(person: name, from: from, to: to))
            }
        }
        addSubstitutionRoutes(api, to: router)
    }

    private static func addSubstitutionRoutes(_ api: OnCallAPI, to router: Router<APIRequestContext>) {
        router.get("/api/v1/oncall/substitutions") { request, _ -> Response in
            let parameters = request.uri.queryParameters
            return try await answer { () async throws(OnCallError) in
                let schedule = parameters.get("schedule")
                if let schedule { _ = try api.desk.schedule(named: schedule) }
                let zone = api.desk.zone(ofSchedule: schedule)
                let now = api.now()
                let from = try instant(parameters.get("from"), field: "from", zone: zone, api: api) ?? now
                let to =
                    try instant(parameters.get("to"), field: "to", zone: zone, api: api)
                    ?? from + OnCallDesk.maximumSubstitution * 2
                return try await api.desk.substitutions(schedule: schedule, from: from, to: to)
            }
        }
        router.post("/api/v1/oncall/substitutions") { request, context -> Response in
            let fields: SubstitutionRequest
            switch await OnCallRequestBody.decode(request, context: context) {
            case .success(let decoded): fields = decoded
            case .failure(let error): return refusal(error)
            }
            return try await answer(status: .created) { () async throws(OnCallError) in
                try await api.desk.substitute(fields, at: api.now())
            }
        }
        router.get("/api/v1/oncall/substitutions/:id") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self) else { return badIdentifier(context) }
            return try await answer { () async throws(OnCallError) in
                let (substitution, audit) = try await api.desk.substitution(id: id)
                return SubstitutionDetail(substitution: substitution, audit: audit)
            }
        }
        router.delete("/api/v1/oncall/substitutions/:id") { request, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self) else { return badIdentifier(context) }
            let by = request.uri.queryParameters.get("by") ?? Principal.current?.name ?? ""
            return try await answer { () async throws(OnCallError) in
                try await api.desk.removeSubstitution(id: id, by: by, at: api.now())
            }
        }
    }

    /// `from` and `to` of the query, on `zone`'s clock; by default from now for ``defaultPeriod``.
    private static func period(_ request: Request, zone: TimeZone, api: OnCallAPI) throws(OnCallError)
        -> (Date, Date)
    {
        let parameters = request.uri.queryParameters
        let from = try instant(parameters.get("from"), field: "from", zone: zone, api: api) ?? api.now()
        let to = try instant(parameters.get("to"), field: "to", zone: zone, api: api) ?? from + defaultPeriod
        return (from, to)
    }

    private static func instant(_ text: String?, field: String, zone: TimeZone, api: OnCallAPI) throws(OnCallError)
        -> Date?
    {
        guard let text else { return nil }
        guard let instant = OnCallTime.instant(text, in: zone, now: api.now()) else {
            throw .invalid(
                field,
                "invalid time \"\(text)\"; use now, 2026-12-07T08:00, 2026-12-07 or ISO 8601, \(LocalDateTime.typedYearsText)"
            )
        }
        return instant
    }

    private static func calendar(
        _ api: OnCallAPI, forPerson: Bool, _ body: () async throws(OnCallError) -> (String, [Shift])
    ) async -> Response {
        let name: String
        let shifts: [Shift]
        do throws(OnCallError) {
            (name, shifts) = try await body()
        } catch {
            return refusal(error)
        }
        let feed = ShiftCalendar.render(
            shifts, calendarName: name, roster: api.desk.roster, forPerson: forPerson, now: api.now())
        return Response(
            status: .ok, headers: [.contentType: "text/calendar; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: feed)))
    }

    private static func answer<Value: Encodable>(
        status: HTTPResponse.Status = .ok, _ body: () async throws(OnCallError) -> Value
    ) async throws -> Response {
        let value: Value
        do throws(OnCallError) {
            value = try await body()
        } catch {
            return refusal(error)
        }
        return try JSONAnswer.response(value, status: status)
    }

    private static func badIdentifier(_ context: APIRequestContext) -> Response {
        let text = context.parameters.get("id") ?? ""
        return refusal(OnCallError(.invalid, field: "id", "\"\(text)\" is not a substitution number"))
    }

    /// The JSON refusal of `error`, with its HTTP status.
    static func refusal(_ error: OnCallError) -> Response {
        RefusalBody.response(message: error.message, code: error.code.rawValue, field: error.field)
    }
}

/// One substitution with its audit trail.
struct SubstitutionDetail: Encodable {
    var substitution: Substitution
    var audit: [SubstitutionAuditEntry]
}
