import VedettaOnCall

/// Loads a Vedetta configuration: `vedetta.yaml`, every profile in its `probes_dir` and every rule file in its
/// `alerts_dir`.
///
/// Each file is parsed into a YAML node tree that keeps line and column of every value, then read section by
/// section with defaults applied and every value validated. Loading does not stop at the first problem: the
/// thrown ``ConfigErrors`` lists all of them, like a compiler.
///
/// ```swift
/// do {
///     let configuration = try ConfigLoader.load(configFile: "/etc/vedetta/vedetta.yaml")
///     print(ConfigLoader.summary(of: configuration))
/// } catch {
///     print(error)  // vedetta.yaml:12:18: error: unknown key "comunity" in devices[0].snmp; ...
/// }
/// ```
public struct ConfigLoader: Sendable {
    /// Loads and validates a configuration.
    ///
    /// - Parameters:
    ///   - path: The root file, `vedetta.yaml`. Relative paths inside it (`data_dir`, `probes_dir`, `alerts_dir`)
    ///     resolve against its directory; messages show files as they were opened.
    ///   - overrides: Values that replace the file's (for example from the command line).
    ///   - plugins: The check, profile, channel and store kinds the configuration may use.
    /// - Throws: ``ConfigErrors`` with every problem found, sorted by file, line and column.
    /// - Returns: The validated configuration with every default applied.
    public static func load(
        configFile path: String,
        overrides: ConfigOverrides = ConfigOverrides(),
        plugins: ConfigPlugins
    ) throws(ConfigErrors) -> VedettaConfiguration {
        let diagnostics = Diagnostics()
        let configuration = ConfigurationBuilder(
            path: path, overrides: overrides, plugins: plugins, diagnostics: diagnostics
        ).build()
        guard let configuration, diagnostics.isEmpty else { throw ConfigErrors(diagnostics.errors) }
        return configuration
    }

    /// One line describing a configuration: `3 devices, 2 profiles, 5 rules, 6 trap rules, 1 webhook`.
    ///
    /// - Parameters:
    ///   - configuration: A loaded configuration.
    ///   - plugins: The kinds, for the channel nouns.
    /// - Returns: The counts of devices, profiles, rules, trap rules (when any), channels of each kind that has any (`0 channels` when none), maintenance windows and, when configured, people, on-call schedules and escalation policies.
    public static func summary(of configuration: VedettaConfiguration, plugins: ConfigPlugins) -> String {
        var parts = [
            count(configuration.devices.count, "device"),
            count(configuration.profiles.profiles.count, "profile"),
            count(configuration.rules.count, "rule"),
        ]
        if !configuration.trapRules.isEmpty { parts.append(count(configuration.trapRules.count, "trap rule")) }
        let channelCounts = plugins.channels.map { kind in
            (kind.noun, configuration.channels.filter { $0.kind == kind.key }.count)
        }.filter { $0.1 > 0 }
        if channelCounts.isEmpty { parts.append(count(0, "channel")) }
        for (noun, number) in channelCounts { parts.append(count(number, noun)) }
        parts.append(count(configuration.maintenance.count, "maintenance window"))
        if !configuration.oncall.isEmpty {
            let people = configuration.oncall.people.count
            parts.append("\(people) \(people == 1 ? "person" : "people")")
            parts.append(count(configuration.oncall.schedules.count, "on-call schedule"))
        }
        if !configuration.oncall.policies.isEmpty {
            let policies = configuration.oncall.policies.count
            parts.append("\(policies) escalation \(policies == 1 ? "policy" : "policies")")
        }
        return parts.joined(separator: ", ")
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
