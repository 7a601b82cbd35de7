import VedettaCore

/// Reads `devices:` of `vedetta.yaml`.
struct DeviceReader {
    static let keys = ["name", "labels", "interval", "timeout", "snmp", "http"]

    /// Supplies the default interval and timeout.
    let agent: AgentConfiguration
    /// The profiles SNMP devices may use.
    let profiles: ProfileCatalog

    /// Reads every device, reporting duplicate names at the second definition.
    func readAll(_ reader: NodeReader) -> [DeviceConfiguration] {
        guard let items = reader.list() else { return [] }
        var names = DuplicateNames(kind: "device")
        return items.compactMap { item in
            let isFirst = names.register(item, key: "name")
            let device = read(item)
            return isFirst ? device : nil
        }
    }

    /// Reads one device; `nil` when it has a problem (already reported).
    func read(_ reader: NodeReader) -> DeviceConfiguration? {
        guard let mapping = reader.mapping(keys: Self.keys) else { return nil }
        let name = mapping.required("name")?.name(.identifier, what: "device name")
        let labels = readLabels(mapping.optional("labels"))
        let (interval, timeout) = readTiming(mapping)
        let snmpReader = mapping.optional("snmp")
        let httpReader = mapping.optional("http")
        let snmp = snmpReader.flatMap { SNMPDeviceReader(profiles: profiles).read($0) }
        let http = httpReader.flatMap { HTTPCheckReader.read($0) }
        if snmpReader == nil, httpReader == nil {
            let subject = name.map { "device \"\($0)\"" } ?? "a device"
            reader.report("\(subject) needs snmp or http (or both)")
            return nil
        }
        let checksValid = (snmpReader == nil || snmp != nil) && (httpReader == nil || http != nil)
        guard let name, let labels, let interval, let timeout, checksValid else { return nil }
        return DeviceConfiguration(
            id: DeviceID(name),
            labels: labels,
            interval: interval,
            timeout: timeout,
            snmp: snmp,
            http: http,
            location: reader.location
        )
    }

    private func readLabels(_ reader: NodeReader?) -> LabelSet? {
        guard let reader else { return LabelSet() }
        guard let pairs = reader.stringMap() else { return nil }
        var labels = LabelSet()
        var valid = true
        for (name, value, keyReader) in pairs {
            if name == "device" {
                keyReader.report("label \"device\" is reserved; the agent sets it to the device name")
                valid = false
            } else if !NamePattern.label.matches(name) {
                keyReader.report("invalid label name \"\(name)\"; \(NamePattern.label.rule)")
                valid = false
            } else {
                labels[name] = value
            }
        }
        return valid ? labels : nil
    }

    /// The interval and timeout, checking that the timeout is shorter.
    private func readTiming(_ mapping: MappingReader) -> (Duration?, Duration?) {
        let intervalReader = mapping.optional("interval")
        let timeoutReader = mapping.optional("timeout")
        let interval = intervalReader.map { $0.duration() } ?? agent.defaultInterval
        let timeout = timeoutReader.map { $0.duration() } ?? agent.defaultTimeout
        guard let interval, let timeout else { return (interval, timeout) }
        guard timeout >= interval else { return (interval, timeout) }
        let inherited = timeoutReader == nil ? " (agent default_timeout)" : ""
        let message =
            "timeout \(timeout.compactDescription)\(inherited) must be shorter than interval "
            + interval.compactDescription
        if let place = timeoutReader ?? intervalReader {
            place.report(message)
            return (nil, nil)
        }
        return (interval, timeout)  // both inherited: the agent block reported it
    }
}
