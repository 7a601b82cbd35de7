public import Foundation
public import Hummingbird
public import LinkSigning
public import VedettaAccess
import VedettaCore
import VedettaIncidents

/// The agent's HTTP routes.
///
/// Every refusal, and every request no route takes, is answered with the JSON body of ``RefusalBody``. Every
/// route but the public ones needs a user with a role (``AccessRequirement``): a token or a session, checked by
/// ``AccessMiddleware``, which also records every write in the audit log.
///
/// | Route | Answer |
/// |---|---|
/// | `GET /metrics[?all=1]` | Prometheus text (OpenMetrics when `Accept` prefers it): the agent's own metrics and a summary (`up` per device, `ALERTS`, counts); with `all=1` (or `metrics_samples: all`) every device's latest samples too |
/// | `GET /metrics/devices/{name}` | Prometheus text: one device's latest samples (404 for an unknown device) |
/// | `GET /api/v1/targets` | Prometheus HTTP service discovery: one target per device, scraped at its own path |
/// | `GET /api/v1/openapi.json` | The OpenAPI 3.1 document of every route here but `/ack` |
/// | `GET /healthz` | JSON ``HealthReport``; 200 when healthy, 503 when degraded |
/// | `GET /api/v1/incidents?state=open\|unacknowledged\|acknowledged\|restored\|all&limit=N` | JSON array of incidents, newest first; at most `limit` (default 50, up to 1000) |
/// | `GET /api/v1/incidents/{id}` | One incident with its timeline |
/// | `GET /api/v1/alerts` | Pending and firing alerts, by rule and labels, with what suppresses their pages |
/// | `/api/v1/maintenance…` | Maintenance windows: see ``MaintenanceRoutes`` |
/// | `/api/v1/oncall…` | Who is on call, shifts, substitutions, calendars: see ``OnCallRoutes`` |
/// | `POST`/`PATCH /api/v1/incidents…`, `GET /api/v1/reports` | Notes, categories, manual incidents, reports: see ``IncidentRoutes`` |
/// | `GET /api/v1/inventory[/{device}]` | The devices' inventory and its changes: see ``InventoryRoutes`` |
/// | `GET /api/v1/devices/{name}/history` | A device's series over the last hours: see ``HistoryRoutes`` |
/// | `GET`/`POST /ack/{id}?by=…&expires=…&sig=…` | The one-click acknowledgement of a page: see ``AcknowledgeLinkRoutes`` |
/// | `/api/v1/session` | Sign in, who am I, sign out: see ``SessionRoutes`` |
/// | `/`, `/console/…` | The web console (wallboard, incidents): see ``ConsoleRoutes`` |
/// | `/api/v1/users…`, `/api/v1/tokens/{id}`, `/api/v1/audit` | Users, API tokens, the audit log (admins): see ``UserRoutes`` |
/// | `POST /api/v1/reload` | Reads the configuration again and applies it (admins): see ``ReloadRoutes`` |
/// | `GET /api/v1/cluster` | The agents sharing the store and how they split the devices: see ``ClusterRoutes`` |
public enum APIRoutes {
    /// Builds the router.
    /// - Parameters:
    ///   - source: The running agent.
    ///   - access: Users, tokens, sessions and the audit log: who may call what.
    ///   - now: The clock of sessions, tokens and the audit log.
    ///   - maintenance: The maintenance side (the routes of ``MaintenanceRoutes``), when the store keeps windows.
    ///   - incidents: What people change in the log and reports (the routes of ``IncidentRoutes``).
    ///   - inventory: The devices' inventory (the routes of ``InventoryRoutes``).
    ///   - oncall: Schedules and substitutions (the routes of ``OnCallRoutes``).
    ///   - linkSigner: The key of acknowledgement links (the routes of ``AcknowledgeLinkRoutes``, which need
    ///     `incidents` too).
    ///   - reloader: The configuration reload (the route of ``ReloadRoutes``).
    ///   - cluster: The agents sharing the store (the route of ``ClusterRoutes``).
    /// - Returns: A router serving every route above.
    public static func makeRouter(
        source: any AgentStatusSource, access: AccessDesk, now: @escaping @Sendable () -> Date = { Date() },
        maintenance: MaintenanceAPI? = nil, incidents: (any IncidentOperations)? = nil,
        inventory: (any InventoryOperations)? = nil, oncall: OnCallAPI? = nil, linkSigner: LinkSigner? = nil,
        reloader: (any ConfigurationReloading)? = nil, cluster: (any ClusterStatusSource)? = nil
    ) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        let routes = RouteTable()
        router.add(middleware: RefusalMiddleware(routes: routes))  // first: it wraps every route and "not found"
        router.add(middleware: AccessMiddleware(desk: access, now: now))
        OpenAPIDocument.add(to: router)
        SessionRoutes.add(access, now: now, to: router)
        UserRoutes.add(access, now: now, to: router)
        if let linkSigner, let incidents {
            AcknowledgeLinkRoutes.add(signer: linkSigner, source: source, operations: incidents, to: router)
        }
        if let maintenance { MaintenanceRoutes.add(maintenance, to: router) }
        if let incidents { IncidentRoutes.add(incidents, to: router) }
        if let inventory { InventoryRoutes.add(inventory, to: router) }
        HistoryRoutes.add(source: source, to: router)
        if let oncall { OnCallRoutes.add(oncall, to: router) }
        if let reloader { ReloadRoutes.add(reloader, to: router) }
        if let cluster { ClusterRoutes.add(cluster, to: router) }
        ConsoleRoutes.add(
            source: source, oncall: oncall, maintenance: maintenance, inventory: inventory, incidents: incidents,
            now: now,
            to: router)
        router.get("/metrics") { request, _ -> Response in
            let format = ExpositionFormat(accept: request.headers[.accept])
            let all: Bool?
            switch request.uri.queryParameters.get("all") {
            case nil: all = nil
            case "1", "true": all = true
            case "0", "false": all = false
            case let other?:
                return RefusalBody.response(
                    message: "all=\(other): use all=1 (every device's samples) or all=0 (the summary)",
                    code: "invalid", field: "all")
            }
            var buffer = ByteBuffer()
            buffer.append(format.converting(prometheusText: await source.selfMetricsText()))
            if all ?? source.metricsShowAllSamples {
                // The devices' own groups hold their `up`; the summary adds the rest (ALERTS, counts).
                let summary = MetricFamilies(rendering: await source.summarySamples(includingUp: false))
                MetricFamilies.write([summary] + (await source.deviceMetrics()), format: format, to: &buffer)
            } else {
                let summary = MetricFamilies(rendering: await source.summarySamples(includingUp: true))
                MetricFamilies.write([summary], format: format, to: &buffer)
            }
            return exposition(buffer, format: format)
        }
        router.get("/metrics/devices/:device") { request, context -> Response in
            let device = try context.parameters.require("device")
            guard let families = await source.deviceMetrics(of: device) else {
                throw HTTPError(.notFound, message: "no device \"\(device)\" in the configuration")
            }
            let format = ExpositionFormat(accept: request.headers[.accept])
            var buffer = ByteBuffer()
            MetricFamilies.write(families, format: format, to: &buffer)
            return exposition(buffer, format: format)
        }
        router.get("/api/v1/targets") { request, _ -> Response in
            let address = request.head.authority ?? ""
            let groups = await source.discoveryTargets().map { DiscoveryGroup($0, address: address) }
            return try jsonResponse(groups, status: .ok)
        }
        router.get("/healthz") { _, _ -> Response in
            let report = await source.health()
            return try jsonResponse(report, status: report.status == "ok" ? .ok : .serviceUnavailable)
        }
        router.get("/api/v1/incidents") { request, _ -> Response in
            let parameters = request.uri.queryParameters
            var query = IncidentQuery()
            let state = parameters.get("state") ?? "all"
            guard let filter = IncidentQuery.StateFilter(rawValue: state) else {
                throw HTTPError(
                    .badRequest, message: "unknown state \"\(state)\"; use \(IncidentQuery.StateFilter.names)")
            }
            query.state = filter
            if let limit = parameters.get("limit") {
                guard let value = Int(limit), (1...IncidentQuery.maximumLimit).contains(value) else {
                    throw HTTPError(
                        .badRequest, message: "limit must be an integer from 1 to \(IncidentQuery.maximumLimit)")
                }
                query.limit = value
            }
            let incidents = try await loadIncidents(source, query)
            return try jsonResponse(incidents, status: .ok)
        }
        router.get("/api/v1/alerts") { _, _ -> Response in
            try jsonResponse(await source.activeAlerts(), status: .ok)
        }
        router.get("/api/v1/incidents/:id") { _, context -> Response in
            guard let id = context.parameters.get("id", as: Int64.self) else {
                return IncidentRoutes.badIdentifier(context)
            }
            let found: Incident?
            do {
                found = try await source.incident(id: id)
            } catch {
                throw HTTPError(.serviceUnavailable, message: "incident store unavailable: \(error)")
            }
            guard let incident = found else { throw HTTPError(.notFound, message: "no incident \(id)") }
            return try jsonResponse(incident, status: .ok)
        }
        routes.record(router)
        return router
    }

    private static func loadIncidents(_ source: any AgentStatusSource, _ query: IncidentQuery) async throws
        -> [Incident]
    {
        do {
            return try await source.incidents(matching: query)
        } catch {
            throw HTTPError(.serviceUnavailable, message: "incident store unavailable: \(error)")
        }
    }

    private static func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        try JSONAnswer.response(value, status: status)
    }
}

/// An exposition's answer: `buffer` ended as `format` asks, with its content type.
private func exposition(_ buffer: ByteBuffer, format: ExpositionFormat) -> Response {
    var buffer = buffer
    buffer.writeString(format.trailer)
    return Response(status: .ok, headers: [.contentType: format.contentType], body: ResponseBody(byteBuffer: buffer))
}

/// The response's buffer takes the exposition as it is written: a full dump's bytes are copied once.
extension ByteBuffer: ExpositionOutput {
    public mutating func reserve(_ count: Int) { reserveCapacity(minimumWritableBytes: count) }
    public mutating func append(_ bytes: [UInt8]) { writeBytes(bytes) }
    public mutating func append(_ text: String) { writeString(text) }
}
