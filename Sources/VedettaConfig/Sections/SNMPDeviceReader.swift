import VedettaCore

/// Reads `devices[].snmp`.
struct SNMPDeviceReader {
    static let keys = ["address", "version", "community", "retries", "max_repetitions", "profiles"]

    /// The profiles a device may use.
    let profiles: ProfileCatalog

    /// The SNMP settings, or `nil` when any of them is invalid (each problem reported).
    func read(_ reader: NodeReader) -> SNMPDeviceConfiguration? {
        guard let mapping = reader.mapping(keys: Self.keys) else { return nil }
        var valid = true
        func value<T>(_ read: T?) -> T? {
            if read == nil { valid = false }
            return read
        }
        let address = value(mapping.required("address")?.hostPort(defaultPort: 161))
        var configuration = SNMPDeviceConfiguration(host: address?.host ?? "", port: address?.port ?? 161, profiles: [])
        if let versionReader = mapping.optional("version") {
            if let version = value(readVersion(versionReader)) { configuration.version = version }
        }
        if let community = mapping.optional("community") {
            if let text = value(community.string()) { configuration.community = Secret(text) }
        }
        if let retries = mapping.optional("retries") {
            if let count = value(retries.int(minimum: 0)) { configuration.retries = count }
        }
        if let repetitions = mapping.optional("max_repetitions") {
            if let count = value(repetitions.int(minimum: 1)) { configuration.maxRepetitions = count }
        }
        if let names = value(mapping.required("profiles").flatMap(readProfiles)) {
            configuration.profiles = names
        }
        return valid ? configuration : nil
    }

    private func readVersion(_ reader: NodeReader) -> SNMPVersion? {
        guard let text = reader.string() else { return nil }
        if let version = SNMPVersion(rawValue: text) { return version }
        if ["3", "v3"].contains(text.lowercased()) {
            reader.report("SNMPv3 is not supported yet; use version 1 or 2c")
        } else {
            reader.report("invalid SNMP version \"\(text)\"; use 1 or 2c")
        }
        return nil
    }

    private func readProfiles(_ reader: NodeReader) -> [String]? {
        guard let items = reader.stringList() else { return nil }
        guard !items.isEmpty else {
            reader.report("\(reader.path) must list at least one profile")
            return nil
        }
        var valid = items.count == reader.list()?.count
        var names: [String] = []
        for (name, item) in items {
            if let problem = profiles.problem(with: name) {
                item.report(problem)
                valid = false
            } else if names.contains(name) {
                item.report("profile \"\(name)\" is listed twice")
                valid = false
            } else {
                names.append(name)
            }
        }
        return valid ? names : nil
    }
}
