import Foundation
import Hummingbird
import ServiceLifecycle
import Synchronization
import VedettaAccess
import VedettaCore
import VedettaIncidents
import VedettaInventory
import VedettaMaintenance
import VedettaOnCall
import VedettaReports

/// The web console for the support room, served by the agent itself (no CDN, no build step):
///
/// | Route | Page |
/// |---|---|
/// | `GET /`, `GET /console` | Redirect to the wallboard |
/// | `GET /console/login?next=…` | Sign in (the form posts to `POST /api/v1/session`) |
/// | `GET /console/wallboard` | Sites × roles as tiles, open incidents, on call now, maintenance; live |
/// | `GET /console/wallboard/events` | The wallboard's server-sent events: the board's HTML whenever it changes |
/// | `GET /console/incidents?state=&severity=&site=` | Incidents, filtered |
/// | `GET /console/incidents/{id}` | One incident: timeline, acknowledge, notes |
/// | `GET /console/devices?q=&site=&role=&status=&page=` | Devices with their status, model and address |
/// | `GET /console/devices/{name}?filter=` | One device: status, labels, inventory, incidents, latest samples with a sparkline of their last hours |
/// | `GET /console/devices/{name}/chart?series=&tz=` | One series' chart over the last hours, its figures and points |
/// | `GET /console/reports?period=&group_by=` | The KPI report's figures against their targets; HTML and CSV downloads |
/// | `GET /console/maintenance?view=week\|month\|list&day=&tz=` | Windows in progress, the calendar, a form to schedule one |
/// | `GET /console/maintenance/{id}` | One window: fields, occurrences, history; end, extend, change, delete |
/// | `GET /console/maintenance/preview?match=` | JSON: how many devices a scope matches, for the form |
/// | `GET /console/oncall` | Who is on call, the shifts of the coming two weeks, substitutions, and a form to add one |
/// | `GET /console/assets/console.css`, `console.js` | The stylesheet and script, built into the binary |
///
/// Pages only read; every change a page makes goes through the API (`fetch` with the session's CSRF token),
/// so the console can do nothing the API does not allow the same user.
enum ConsoleRoutes {
    /// How often the wallboard's stream looks for changes.
    static let refreshInterval: Duration = .seconds(1)
    /// How long one wallboard stream lasts before the browser reconnects (a bound on every loop).
    static let streamLifetime: Duration = .seconds(600)

    static func add(
        source: any AgentStatusSource, oncall: OnCallAPI?, maintenance: MaintenanceAPI?,
        inventory: (any InventoryOperations)?, incidents operations: (any IncidentOperations)?,
        now: @escaping @Sendable () -> Date,
        to router: Router<APIRequestContext>
    ) {
        let cache = SharedSnapshot<Wallboard>(lifetime: refreshInterval * 0.9)
        let deviceRows = DeviceRowBook(lifetime: refreshInterval)
        router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/console/wallboard"]) }
        router.get("/console") { _, _ in Response(status: .seeOther, headers: [.location: "/console/wallboard"]) }
        router.get("/console/assets/:name") { _, context -> Response in
            let name = try context.parameters.require("name")
            guard let asset = ConsoleAssets.named(name) else { throw HTTPError(.notFound) }
            return Response(
                status: .ok,
                headers: [.contentType: asset.contentType, .cacheControl: "no-cache", .xContentTypeOptions: "nosniff"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
        }
        router.get("/console/login") { request, _ -> Response in
            let (language, chosen) = ConsoleLanguage.of(request)
            let next = safeNext(request.uri.queryParameters.get("next"))
            return HTML.page(
                title: language.text.signIn, body: SignInPage.body(language: language, next: next), language: language,
                chosen: chosen, user: nil, csrf: nil, active: "")
        }
        router.get("/console/wallboard") { request, _ -> Response in
            let (language, chosen) = ConsoleLanguage.of(request)
            let board = await wallboard(
                source: source, oncall: oncall, maintenance: maintenance, cache: cache, at: now())
            return HTML.page(
                title: language.text.wallboard,
                body: WallboardView.page(WallboardView.board(board, language: language, at: now()), language: language),
                language: language, chosen: chosen, user: Principal.current?.name, csrf: csrfToken(),
                active: "wallboard", bodyClass: "wallboard")
        }
        router.get("/console/wallboard/events") { request, _ -> Response in
            let (language, _) = ConsoleLanguage.of(request)
            var headers = HTML.securityHeaders
            headers[.contentType] = "text/event-stream"
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    try await stream(
                        to: &writer, language: language, source: source, oncall: oncall, maintenance: maintenance,
                        cache: cache, now: now)
                })
        }
        router.get("/console/incidents") { request, _ -> Response in
            let (language, chosen) = ConsoleLanguage.of(request)
            let parameters = request.uri.queryParameters
            let state = parameters.get("state").flatMap(IncidentQuery.StateFilter.init(rawValue:)) ?? .open
            let severity = parameters.get("severity").flatMap { Severity(rawValue: $0) }
            let site = parameters.get("site").flatMap { $0.isEmpty ? nil : $0 }
            var query = IncidentQuery()
            query.state = state
            query.limit = 200
            let all = try await incidents(source, query)
            let shown = all.filter { incident in
                (severity == nil || incident.severity == severity) && (site == nil || incident.labels["site"] == site)
            }
            let sites = Set(await source.discoveryTargets().compactMap { $0.labels["site"] }).sorted()
            return HTML.page(
                title: language.text.incidents,
                body: IncidentPages.list(
                    shown, state: state, severity: severity?.rawValue, site: site, sites: sites,
                    caller: Principal.current, language: language,
                    at: now()),
                language: language, chosen: chosen, user: Principal.current?.name, csrf: csrfToken(),
                active: "incidents")
        }
        router.get("/console/devices") { request, _ -> Response in
            let (language, chosen) = ConsoleLanguage.of(request)
            let parameters = request.uri.queryParameters
            func chosenValue(_ name: String) -> String? { parameters.get(name).flatMap { $0.isEmpty ? nil : $0 } }
            let rows = try await deviceRows.rows(source: source, inventory: inventory) {
                var open = IncidentQuery()
                open.state = .open
                open.limit = IncidentQuery.maximumLimit
                return try await incidents(source, open)
            }
            return HTML.page(
                title: language.text.devicesTitle,
                body: DevicePages.list(
                    rows, query: String((parameters.get("q") ?? "").prefix(100)), site: chosenValue("site"),
                    role: chosenValue("role"), status: chosenValue("status"),
                    page: parameters.get("page").flatMap { Int($0) } ?? 1, language: language),
                language: language, chosen: chosen, user: Principal.current?.name, csrf: csrfToken(),
                active: "devices")
        }
        router.get("/console/devices/:name") { request, context -> Response in
            let (language, chosen) = ConsoleLanguage.of(request)
            let name = try context.parameters.require("name")
            guard let target = await source.discoveryTargets().first(where: { $0.device == name }) else {
                throw HTTPError(.notFound, message: "no device \"\(name)\" in the configuration")
            }
            // This device only: its own samples and incidents, not every device's.
            let samples = await source.latestSamples(of: name) ?? []
            let up = samples.filter { $0.name == "up" }.map(\.value).min()
            var open = IncidentQuery()
            open.state = .open
            open.device = DeviceID(name)
            var recent = IncidentQuery()
            recent.state = .all
            recent.device = DeviceID(name)
            recent.limit = 20
            let entry = try? await inventory?.entry(of: name)
            var row = DevicePages.row(of: target, address: entry?.address ?? "")
            row.update(incidents: try await incidents(source, open), up: up, inventory: entry?.inventory)
            return HTML.page(
                title: name,
                body: DevicePages.detail(
                    device: name, row: row, labels: target.labels,
                    inventory: entry?.inventory,
                    incidents: try await incidents(source, recent), samples: samples,
                    history: Dictionary(
                        (await source.history(of: name) ?? []).map { ($0.key, $0) },
                        uniquingKeysWith: { first, _ in first }),
                    span: chartSpan(source: source, at: now()),
                    filter: String((request.uri.queryParameters.get("filter") ?? "").prefix(100)), language: language,
                    at: now()),
                language: language, chosen: chosen, user: Principal.current?.name, csrf: csrfToken(),
                active: "devices")
        }
        router.get("/console/devices/:name/chart") { request, context -> Response in
            let (language, chosen) = ConsoleLanguage.of(request)
            let name = try context.parameters.require("name")
            let wanted = String((request.uri.queryParameters.get("series") ?? "").prefix(2000))
            guard let series = await source.history(of: name, matching: { $0.description == wanted }) else {
                throw HTTPError(.notFound, message: "no device \"\(name)\" in the configuration")
            }
            return HTML.page(
                title: name,
                body: DeviceChartPage.body(
                    device: name, series: wanted, history: series.first,
                    span: chartSpan(source: source, at: now()),
                    zone: ConsoleTimeZone.of(request, fallback: maintenance?.planner.defaultZone ?? .gmt),
                    language: language),
                language: language, chosen: chosen, user: Principal.current?.name, csrf: csrfToken(),
                active: "devices")
        }
        router.get("/console/maintenance") { request, _ -> Response in
            let (language, chosen) = ConsoleLanguage.of(request)
            let at = now()
            let parameters = request.uri.queryParameters
            let zone = ConsoleTimeZone.of(request, fallback: maintenance?.planner.defaultZone ?? .gmt)
            let span = parameters.get("view").flatMap(MaintenanceCalendarView.Span.init(rawValue:)) ?? .week
            let day =
                MaintenanceCalendarView.day(parameters.get("day")) ?? LocalDateTime(at, in: zone).at(hour: 0, minute: 0)
            var windows: [MaintenanceWindow] = []
            if let maintenance {
                do throws(MaintenanceError) {
                    windows = try await maintenance.planner.windows(nil, at: at)
                } catch {
                    throw HTTPError(.serviceUnavailable, message: "maintenance windows unavailable: \(error)")
                }
            }
            return HTML.page(
                title: language.text.maintenance,
                body: MaintenancePage.body(
                    windows: windows, span: span, day: day, zone: zone, caller: Principal.current, language: language,
                    at: at),
                language: language, chosen: chosen, user: Principal.current?.name, csrf: csrfToken(),
                active: "maintenance")
        }
        router.get("/console/maintenance/:id") { request, context -> Response in
            let (language, chosen) = ConsoleLanguage.of(request)
            guard let maintenance, let id = context.parameters.get("id", as: Int64.self) else {
                throw HTTPError(.notFound)
            }
            let found: (MaintenanceWindow, [MaintenanceAuditEntry])
            do throws(MaintenanceError) {
                found = try await maintenance.planner.window(id: id)
            } catch  where error.code == .notFound {
                throw HTTPError(.notFound, message: "no maintenance window \(id)")
            } catch {
                throw HTTPError(.serviceUnavailable, message: "maintenance windows unavailable: \(error)")
            }
            let (window, audit) = found
            return HTML.page(
                title: "\(language.maintenanceWords.window) \(id)",
                body: MaintenanceWindowPage.body(
                    window: window, audit: audit,
                    matched: MaintenancePage.matched(window.definition.scope, targets: await source.discoveryTargets()),
                    caller: Principal.current, language: language, at: now()),
                language: language, chosen: chosen, user: Principal.current?.name, csrf: csrfToken(),
                active: "maintenance")
        }
        router.get("/console/maintenance/preview") { request, _ -> Response in
            let (language, _) = ConsoleLanguage.of(request)
            let match = String((request.uri.queryParameters.get("match") ?? "").prefix(500))
            return try JSONAnswer.response(
                MaintenancePage.preview(match, targets: await source.discoveryTargets(), language: language),
                status: .ok)
        }
        router.get("/console/reports") { request, _ -> Response in
            let (language, chosen) = ConsoleLanguage.of(request)
            let parameters = request.uri.queryParameters
            let period = parameters.get("period").flatMap { ReportsPage.periods.contains($0) ? $0 : nil } ?? "last-week"
            let grouping = parameters.get("group_by").flatMap(ReportGrouping.init(rawValue:)) ?? .site
            var report: String?
            var refusal: String?
            if let operations {
                do throws(IncidentRefusal) {
                    let range: ReportPeriod
                    do throws(ReportPeriod.RequestError) {
                        range = try ReportPeriod.requested(
                            named: period, from: nil, to: nil, at: operations.now(),
                            in: operations.reportSettings.timeZone)
                    } catch {
                        throw IncidentRefusal(.invalid, error.reason, field: error.field)
                    }
                    let kpi = try await operations.report(period: range, grouping: grouping, severities: nil)
                    report = ReportRenderer.render(
                        kpi, format: .text, language: language == .italian ? .italian : .english,
                        generatedAt: operations.now())
                } catch {
                    refusal = error.message
                }
            }
            return HTML.page(
                title: language.text.reports,
                body: ReportsPage.body(
                    period: period, grouping: grouping.rawValue, report: report, refusal: refusal, language: language),
                language: language, chosen: chosen, user: Principal.current?.name, csrf: csrfToken(),
                active: "reports")
        }
        router.get("/console/oncall") { request, _ -> Response in
            let (language, chosen) = ConsoleLanguage.of(request)
            let at = now()
            let roster = oncall?.desk.roster ?? OnCallRoster()
            var shifts: [String: [Shift]] = [:]
            var current: [OnCallNow] = []
            var substitutions: [Substitution] = []
            if let oncall {
                do throws(OnCallError) {
                    current = try await oncall.desk.onCall(schedule: nil, at: at)
                    for schedule in roster.schedules {
                        shifts[schedule.name] = try await oncall.desk.shifts(
                            schedule: schedule.name, from: at, to: at.addingTimeInterval(OnCallPage.horizon))
                    }
                    substitutions = try await oncall.desk.substitutions(
                        schedule: nil, from: at, to: at.addingTimeInterval(OnCallPage.horizon))
                } catch {
                    throw HTTPError(.serviceUnavailable, message: "on-call data unavailable: \(error)")
                }
            }
            return HTML.page(
                title: language.text.onCall,
                body: OnCallPage.body(
                    roster: roster, now: current, shifts: shifts, substitutions: substitutions,
                    caller: Principal.current, language: language),
                language: language, chosen: chosen, user: Principal.current?.name, csrf: csrfToken(),
                active: "oncall")
        }
        router.get("/console/incidents/:id") { request, context -> Response in
            let (language, chosen) = ConsoleLanguage.of(request)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
            let found: Incident?
            do {
                found = try await source.incident(id: id)
            } catch {
                throw HTTPError(.serviceUnavailable, message: "incident store unavailable: \(error)")
            }
            guard let incident = found else { throw HTTPError(.notFound, message: "no incident \(id)") }
            return HTML.page(
                title: "\(language.text.incident) \(id)",
                body: IncidentPages.detail(incident, caller: Principal.current, language: language, at: now()),
                language: language, chosen: chosen, user: Principal.current?.name, csrf: csrfToken(),
                active: "incidents")
        }
    }

    /// Every device's row: its status from `up` and the open incidents, its model and address.
    /// The span of the device page's charts: the history's points, ending now.
    private static func chartSpan(source: any AgentStatusSource, at now: Date) -> SeriesChart.Span {
        let settings = source.historySettings
        return SeriesChart.Span(ending: now, points: settings.points, step: settings.step / .seconds(1))
    }

    /// The board now: built at most once per ``refreshInterval`` however many wall screens watch it.
    static func wallboard(
        source: any AgentStatusSource, oncall: OnCallAPI?, maintenance: MaintenanceAPI?,
        cache: SharedSnapshot<Wallboard>,
        at now: Date
    ) async -> Wallboard {
        await cache.value { await buildWallboard(source: source, oncall: oncall, maintenance: maintenance, at: now) }
    }

    private static func buildWallboard(
        source: any AgentStatusSource, oncall: OnCallAPI?, maintenance: MaintenanceAPI?, at now: Date
    ) async -> Wallboard {
        var open = IncidentQuery()
        open.state = .open
        open.limit = IncidentQuery.maximumLimit
        let incidents = (try? await source.incidents(matching: open)) ?? []
        let up = await source.upByDevice()
        let onCall = (try? await oncall?.desk.onCall(schedule: nil, at: now)) ?? []
        let windows = (try? await maintenance?.planner.windows(.active, at: now)) ?? []
        return Wallboard.make(
            devices: await source.discoveryTargets(), up: up, incidents: incidents, onCall: onCall, windows: windows,
            at: now)
    }

    /// Writes the board as a server-sent event whenever it changes, a comment every 15 s so that proxies keep the
    /// connection, and ends after ``streamLifetime`` or when the agent shuts down (the browser reconnects).
    private static func stream(
        to writer: inout any ResponseBodyWriter, language: ConsoleLanguage, source: any AgentStatusSource,
        oncall: OnCallAPI?, maintenance: MaintenanceAPI?, cache: SharedSnapshot<Wallboard>,
        now: @escaping @Sendable () -> Date
    ) async throws {
        try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
        var last = ""
        var quiet = 0
        let rounds = Int(streamLifetime.components.seconds / refreshInterval.components.seconds)
        for _ in 0..<rounds {
            guard !Task.isCancelled, !Task.isShuttingDownGracefully else { break }
            let at = now()
            let html = WallboardView.board(
                await wallboard(source: source, oncall: oncall, maintenance: maintenance, cache: cache, at: at),
                language: language,
                at: at)
            if html != last {
                last = html
                quiet = 0
                let data = html.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }
                try await writer.write(ByteBuffer(string: "event: board\n" + data.joined(separator: "\n") + "\n\n"))
            } else {
                quiet += 1
                if quiet % 15 == 0 { try await writer.write(ByteBuffer(string: ": still here\n\n")) }
            }
            try? await Task.sleep(for: refreshInterval)
        }
        try await writer.finish(nil)
    }

    private static func incidents(_ source: any AgentStatusSource, _ query: IncidentQuery) async throws -> [Incident] {
        do {
            return try await source.incidents(matching: query)
        } catch {
            throw HTTPError(.serviceUnavailable, message: "incident store unavailable: \(error)")
        }
    }

    /// The caller's CSRF token for the page's scripts: the session's, or a marker for a proxy's sign-on.
    private static func csrfToken() -> String? {
        switch Principal.current?.credential {
        case .session(let token): token
        case .proxy: "proxy"
        default: nil
        }
    }

    /// Where to go after signing in: a console path only, never another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/console/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.hasPrefix("/console/login")
        else { return "/console/wallboard" }
        return next
    }
}

/// The console's stylesheet and script, embedded at build time.
enum ConsoleAssets {
    struct Asset {
        var contentType: String
        var bytes: [UInt8]
    }

    static func named(_ name: String) -> Asset? {
        switch name {
        case "console.css": Asset(contentType: "text/css; charset=utf-8", bytes: PackageResources.console_css)
        case "console.js": Asset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.console_js)
        default: nil
        }
    }
}
