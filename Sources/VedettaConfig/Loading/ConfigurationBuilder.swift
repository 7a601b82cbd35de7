import VedettaCore
import VedettaOnCall
import VedettaReports
import VedettaRules
import Yams

/// Reads `vedetta.yaml`, the profiles and the rules, in that order, into one ``VedettaConfiguration``.
///
/// Problems go to ``Diagnostics``; the builder keeps going so the user sees them all.
struct ConfigurationBuilder {
    static let rootKeys = [
        "agent", "probes_dir", "alerts_dir", "maintenance_dir", "oncall_dir", "devices", "notify", "store", "incidents",
        "reports", "access",
    ]

    let path: String
    let overrides: ConfigOverrides
    let plugins: ConfigPlugins
    let diagnostics: Diagnostics

    /// The configuration; check ``Diagnostics`` before using it.
    func build() -> VedettaConfiguration? {
        let file: SourceFile
        do throws(ConfigError) {
            file = try SourceFile.read(path)
        } catch {
            diagnostics.report(error)
            return nil
        }
        guard let rootNode = compose(file) else { return nil }
        let root = NodeReader(node: rootNode ?? Node([(Node, Node)]()), path: "", file: file, diagnostics: diagnostics)
        guard let mapping = root.mapping(keys: Self.rootKeys + plugins.receivers.map(\.key)) else { return nil }
        let directory = ConfigPaths.directory(of: path)

        var files = [path]
        let probesDirectory = resolveDirectory(
            mapping.optional("probes_dir"), override: overrides.probesDirectory, default: "probes", in: directory
        )
        let profiles = loadProfiles(from: probesDirectory, files: &files)
        let alertsDirectory = resolveDirectory(
            mapping.optional("alerts_dir"), override: overrides.alertsDirectory, default: "alerts", in: directory
        )
        let allRules = loadRules(from: alertsDirectory, files: &files)
        let rules = allRules.rules

        var agent = AgentReader.read(mapping.optional("agent"), configDirectory: directory)
        applyOverrides(to: &agent)
        let maintenanceDirectory = resolveDirectory(
            mapping.optional("maintenance_dir"), override: overrides.maintenanceDirectory, default: "maintenance",
            in: directory
        )
        let maintenance = loadMaintenance(
            from: maintenanceDirectory, configDirectory: directory, defaultZone: agent.timeZone, files: &files)
        let oncallDirectory = resolveDirectory(
            mapping.optional("oncall_dir"), override: overrides.oncallDirectory, default: "oncall", in: directory)
        let people = loadOnCall(from: oncallDirectory, defaultZone: agent.timeZone, files: &files)
        let devices = mapping.optional("devices").map {
            DeviceReader(agent: agent, profiles: profiles, kinds: plugins.checks).readAll($0)
        }
        if let devices { TopologyChecker(diagnostics: diagnostics).check(devices: devices, rules: rules) }
        let reports = ReportsReader(
            defaultZone: agent.timeZone, configDirectory: directory, dataDirectory: agent.dataDirectory
        ).read(mapping.optional("reports"))
        let notify = mapping.optional("notify").map {
            NotifyReader(kinds: plugins.channels, roster: people, hasBusinessHours: reports.businessHours != nil)
                .read($0)
        }
        let channels = notify?.channels
        let oncall = OnCallRoster(people: people.people, schedules: people.schedules, policies: notify?.policies ?? [])
        checkScheduleReferences(of: channels ?? [], in: oncall)
        let store = StoreSectionReader(kinds: plugins.stores)
            .read(mapping.optional("store"), dataDirectory: agent.dataDirectory)
        let incidents = IncidentsReader.read(mapping.optional("incidents"))
        let access = AccessReader.read(mapping.optional("access"))
        let receivers = plugins.receivers.compactMap { kind in
            mapping.optional(kind.key)
                .flatMap { kind.readReceiver($0, devices: devices ?? []) }
                .map { ReceiverConfiguration(kind: kind.key, settings: $0) }
        }
        return VedettaConfiguration(
            agent: agent,
            devices: devices ?? [],
            profiles: profiles,
            rules: rules,
            trapRules: allRules.trapRules,
            receivers: receivers,
            channels: channels ?? [],
            routes: notify?.routes,
            store: store,
            maintenance: maintenance,
            oncall: oncall,
            incidents: incidents,
            reports: reports,
            access: access,
            files: files
        )
    }

    /// The file's document: `.some(nil)` for an empty file, `nil` after a syntax error (reported).
    func compose(_ file: SourceFile) -> Node?? {
        do throws(ConfigError) {
            return .some(try file.compose())
        } catch {
            diagnostics.report(error)
            return nil
        }
    }

    /// Reports each channel's `oncall:` that names no schedule of `oncall_dir`.
    private func checkScheduleReferences(of channels: [ChannelConfiguration], in roster: OnCallRoster) {
        let known = roster.schedules.map(\.name)
        for channel in channels {
            for reference in channel.settings.scheduleReferences where roster.schedule(reference.name) == nil {
                let hint =
                    known.isEmpty
                    ? "no schedule is configured in oncall_dir" : "known: \(known.joined(separator: ", "))"
                diagnostics.report(
                    "unknown on-call schedule \"\(reference.name)\"; \(hint)", at: reference.location,
                    path: "notify.\(channel.kind).oncall")
            }
        }
    }

    private func applyOverrides(to agent: inout AgentConfiguration) {
        if let dataDirectory = overrides.dataDirectory {
            agent.dataDirectory = ConfigPaths.absolute(dataDirectory)
        }
        if let listen = overrides.listen {
            if let address = HostPort.parse(listen, defaultPort: nil) {
                agent.listenHost = address.host
                agent.listenPort = address.port
            } else {
                diagnostics.report(
                    "invalid listen address \"\(listen)\"; use host:port or [IPv6]:port",
                    at: ConfigOverrides.location,
                    path: "listen"
                )
            }
        }
    }
}
