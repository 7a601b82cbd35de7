import Foundation
import Hummingbird
import HummingbirdTesting
import LinkSigning
import Testing
import VedettaAPI
import VedettaCore
import VedettaIncidents
import VedettaInventory
import VedettaMaintenance
import VedettaOnCall
import VedettaReports
import VedettaStoreSQLite

@Suite("The OpenAPI document and the router describe the same API, and every refusal has one shape")
struct OpenAPIDocumentTests {
    /// Routes deliberately left out of the document: the one-click acknowledgement is a signed link for people
    /// (an HTML page), not part of the API.
    static let undocumented: Set<String> = ["GET /ack/{id}", "POST /ack/{id}"]

    /// The console's pages are HTML for people, not part of the API (what they change goes through the API).
    static func isConsole(_ route: String) -> Bool {
        route == "GET /" || route.hasPrefix("GET /console")
    }

    /// Every back-end wired, so that the router holds every route the agent serves.
    static func router(_ store: SQLiteIncidentStore) async throws
        -> (router: Router<APIRequestContext>, auth: HTTPFields)
    {
        let zone = try #require(TimeZone(identifier: "Europe/Rome"))
        let (desk, auth) = try await TestAccess.admin(on: store)
        let router = APIRoutes.makeRouter(
            source: StoreBackedStatus(store: store), access: desk,
            maintenance: MaintenanceAPI(planner: MaintenancePlanner(store: store, defaultZone: zone), onChange: {}),
            incidents: RefusingOperations(), inventory: RefusingOperations(),
            oncall: OnCallAPI(desk: OnCallDesk(roster: OnCallRoster(people: [], schedules: []), store: store)),
            linkSigner: try LinkSigner(key: [UInt8](repeating: 7, count: 32)), reloader: RefusingReloader(),
            cluster: LoneAgent())
        return (router, auth)
    }

    private static func document() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/VedettaAPI/OpenAPI/openapi.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test("every route is in the document, and the document has no route the agent does not serve")
    func routesMatch() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let router = try await Self.router(store).router
        let served = Set(
            // Hummingbird writes a `:id` capture as `{id}`, as OpenAPI does.
            router.routes.map { "\($0.method.rawValue) \($0.path.description)" }
        ).subtracting(Self.undocumented).filter { !Self.isConsole($0) }
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        let methods = ["get", "post", "put", "patch", "delete"]
        let documented = Set(
            paths.flatMap { path, item in
                item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
            })
        #expect(served.subtracting(documented).sorted() == [], "routes missing from the document")
        #expect(documented.subtracting(served).sorted() == [], "documented routes the agent does not serve")
    }

    @Test("the document is OpenAPI 3.1: unique operation ids, a tag and a summary each, every reference resolves")
    func documentIsWellFormed() throws {
        let document = try Self.document()
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var ids: [String] = []
        for (path, item) in paths {
            for (method, value) in item where ["get", "post", "patch", "delete", "put"].contains(method) {
                let operation = try #require(value as? [String: Any], "\(method) \(path)")
                ids.append(operation["operationId"] as? String ?? "")
                #expect((operation["tags"] as? [String])?.isEmpty == false, "\(method) \(path) has no tag")
                #expect((operation["summary"] as? String)?.isEmpty == false, "\(method) \(path) has no summary")
                #expect(operation["responses"] is [String: Any], "\(method) \(path) has no responses")
            }
        }
        #expect(!ids.contains(""))
        #expect(Set(ids).count == ids.count, "operation ids are unique")
        let components = document["components"] as? [String: Any] ?? [:]
        let text = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
        let references = text.matches(of: /"\$ref":"#\\\/components\\\/(schemas|responses)\\\/([A-Za-z0-9_]+)"/).map {
            (String($0.output.1), String($0.output.2))
        }
        #expect(Set(references.map(\.0)) == ["schemas", "responses"])
        for (kind, name) in references {
            #expect((components[kind] as? [String: Any])?[name] != nil, "unresolved reference to \(kind)/\(name)")
        }
    }

    @Test("the agent serves the document it was built with")
    func served() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (router, auth) = try await Self.router(store)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                let served = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8))
                #expect((served as? [String: Any])?["openapi"] as? String == "3.1.0")
            }
        }
    }

    @Test("unknown routes, wrong methods (405 with Allow) and bad parameters are refused with the refusal body")
    func refusalsHaveOneShape() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let cases: [(String, HTTPRequest.Method, HTTPResponse.Status, String)] = [
            ("/api/v1/nothing", .get, .notFound, "not_found"),
            ("/healthz", .delete, .methodNotAllowed, "method_not_allowed"),
            ("/api/v1/maintenance/7", .put, .methodNotAllowed, "method_not_allowed"),
            ("/api/v1/incidents/abc", .get, .badRequest, "invalid"),
            ("/metrics/devices/nowhere", .get, .notFound, "not_found"),
        ]
        let (router, auth) = try await Self.router(store)
        try await Application(router: router).test(.router) { client in
            for (uri, method, status, code) in cases {
                try await client.execute(uri: uri, method: method, headers: auth) { response in
                    #expect(response.status == status, "\(method) \(uri)")
                    #expect(response.headers[.contentType] == "application/json")
                    let body = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8))
                    let refusal = try #require(body as? [String: Any], "\(method) \(uri)")
                    #expect(refusal["code"] as? String == code, "\(method) \(uri)")
                    #expect((refusal["error"] as? String)?.isEmpty == false, "\(method) \(uri)")
                    #expect(refusal.keys.contains("field"))
                    if status == .methodNotAllowed {
                        #expect(response.headers[.allow]?.contains("GET") == true, "\(method) \(uri)")
                    }
                }
            }
        }
    }
}

/// Back-ends that refuse everything: the routes they serve exist, which is all ``OpenAPIDocumentTests`` reads
/// (their behaviour is tested against the real agent in the end-to-end tests).
struct RefusingOperations: IncidentOperations, InventoryOperations {
    private var refusal: IncidentRefusal { IncidentRefusal(.unavailable, "not wired in this test") }
    var reportSettings: ReportSettings { ReportSettings(timeZone: .gmt) }
    func now() -> Date { Date() }
    func acknowledge(id: Int64, by: String) async throws(IncidentRefusal) -> IncidentAcknowledgement { throw refusal }
    func annotate(id: Int64, _ annotations: [IncidentAnnotation], by: String) async throws(IncidentRefusal)
        -> Incident
    { throw refusal }
    func openManually(_ draft: ManualIncidentDraft, at: Date?) async throws(IncidentRefusal) -> Incident {
        throw refusal
    }
    func restoreManually(id: Int64, by: String, at: Date?) async throws(IncidentRefusal) -> Incident { throw refusal }
    func report(period: ReportPeriod, grouping: ReportGrouping, severities: Set<Severity>?)
        async throws(IncidentRefusal) -> KPIReport
    { throw refusal }
    func listing() async throws(IncidentRefusal) -> InventoryListing { throw refusal }
    func changes(device: String) async throws(IncidentRefusal) -> [InventoryChange] { throw refusal }
}

/// A reloader whose files always have one error, for the routes' tests.
struct RefusingReloader: ConfigurationReloading {
    func reload(trigger: String) async -> ReloadOutcome {
        ReloadOutcome(
            applied: false, at: Date(timeIntervalSince1970: 1_800_000_000),
            errors: ["vedetta.yaml:3:14: error: interval: \"banana\" is not a duration"])
    }
}

/// One agent on its own: what `GET /api/v1/cluster` answers without a shared store.
struct LoneAgent: ClusterStatusSource {
    func clusterStatus() async throws -> ClusterStatus {
        let started = Date(timeIntervalSince1970: 1_800_000_000)
        return ClusterStatus(
            clustered: false, this: "vedetta-1", leaseSeconds: 15,
            agents: [
                ClusterStatus.Agent(
                    name: "vedetta-1", sites: [], address: "127.0.0.1:9470", startedAt: started,
                    heartbeatAt: started, alive: true, devices: 3)
            ],
            unassignedDevices: [])
    }
}
