import SNMPKit
import VedettaConfig
import VedettaCore

/// Reads `devices[].snmp`.
struct SNMPDeviceReader {
    static let keys = [
        "address", "version", "community", "retries", "max_repetitions", "profiles", "username", "security_level",
        "auth_protocol", "auth_password", "priv_protocol", "priv_password", "context", "name",
    ]
    static let v3Keys = [
        "username", "security_level", "auth_protocol", "auth_password", "priv_protocol", "priv_password", "context",
    ]

    /// The profiles a device may use.
    let profiles: ProfileLibrary

    /// The SNMP settings, or `nil` when any of them is invalid (each problem reported).
    func read(_ reader: NodeReader) -> SNMPDeviceConfiguration? {
        guard let mapping = reader.mapping(keys: Self.keys) else { return nil }
        var valid = true
        func value<T>(_ read: T?) -> T? {
            if read == nil { valid = false }
            return read
        }
        let address = value(mapping.required("address")?.hostPort(defaultPort: 161))
        var configuration = SNMPDeviceConfiguration(
            host: address?.host ?? "", port: address?.port ?? 161, profileSelection: .automatic)
        if let versionReader = mapping.optional("version") {
            if let version = value(readVersion(versionReader)) { configuration.version = version }
        }
        if let community = mapping.optional("community") {
            if configuration.version == .v3 {
                community.report("community is not used with SNMPv3; set username and the passwords instead")
                valid = false
            } else if let text = value(community.string()) {
                configuration.community = Secret(text)
            }
        }
        if configuration.version == .v3 {
            if let credentials = value(SNMPv3SecurityReader.read(mapping)) { configuration.v3 = credentials }
        } else {
            for key in Self.v3Keys {
                guard let reader = mapping.optional(key) else { continue }
                reader.report("\(key) applies only to SNMPv3; set version: 3 or remove it")
                valid = false
            }
        }
        if let retries = mapping.optional("retries") {
            if let count = value(retries.int(minimum: 0)) { configuration.retries = count }
        }
        if let repetitions = mapping.optional("max_repetitions") {
            if let count = value(repetitions.int(minimum: 1)) { configuration.maxRepetitions = count }
        }
        if let profiles = mapping.optional("profiles") {
            if let selection = value(readSelection(profiles)) { configuration.profileSelection = selection }
        }
        return valid ? configuration : nil
    }

    /// `auto`, in `profiles: auto` or as an item of the list.
    static let automatic = "auto"

    private func readVersion(_ reader: NodeReader) -> SNMPProtocolVersion? {
        guard let text = reader.string() else { return nil }
        if let version = SNMPProtocolVersion(rawValue: text) { return version }
        if text.lowercased() == "v3" { return .v3 }
        reader.report("invalid SNMP version \"\(text)\"; use 1, 2c or 3")
        return nil
    }

    /// `profiles`: `auto`, or a list of profile names that may include `auto`.
    private func readSelection(_ reader: NodeReader) -> SNMPProfileSelection? {
        if let text = reader.scalarText {
            guard text == Self.automatic else {
                reader.report(
                    "invalid \(reader.path) \"\(text)\"; use auto, or a list of profile names "
                        + "(e.g. [\(text)])")
                return nil
            }
            return .automatic
        }
        guard let items = reader.stringList() else { return nil }
        guard !items.isEmpty else {
            reader.report(
                "\(reader.path) must list at least one profile; write auto (or leave profiles out) to select them "
                    + "by the device's sysObjectID")
            return nil
        }
        var valid = items.count == reader.list()?.count
        var selection = SNMPProfileSelection()
        for (name, item) in items {
            if name == Self.automatic {
                if selection.isAutomatic {
                    item.report("auto is listed twice")
                    valid = false
                }
                selection.isAutomatic = true
            } else if let problem = profiles.problem(with: name) {
                item.report(problem)
                valid = false
            } else if selection.names.contains(name) {
                item.report("profile \"\(name)\" is listed twice")
                valid = false
            } else {
                selection.names.append(name)
            }
        }
        return valid ? selection : nil
    }
}
