import VedettaCore
import Yams

/// Reads `devices:` of `vedetta.yaml`: the keys every device has, and each check section through its kind's
/// ``CheckReader``.
struct DeviceReader {
    static let commonKeys = ["name", "labels", "constants", "interval", "timeout", "parents"]
    /// Labels the agent puts on every sample, and what it sets them to.
    static let reservedLabels = ["device": "the device name", "probe": "the probe kind", "check": "the check name"]

    /// Supplies the default interval and timeout.
    let agent: AgentConfiguration
    /// The profiles checks may refer to.
    let profiles: ProfileLibrary
    /// The check kinds.
    let kinds: [any CheckReader]

    /// Reads every device, reporting duplicate names at the second definition.
    func readAll(_ reader: NodeReader) -> [DeviceConfiguration] {
        guard let items = reader.list() else { return [] }
        var names = DuplicateNames(kind: "device")
        return names.readUnique(items, key: "name", read)
    }

    /// Reads one device; `nil` when it has a problem (already reported).
    func read(_ reader: NodeReader) -> DeviceConfiguration? {
        guard let mapping = reader.mapping(keys: Self.commonKeys + kinds.map(\.key)) else { return nil }
        let name = mapping.required("name")?.name(.identifier, what: "device name")
        let labels = readLabels(mapping.optional("labels"))
        let parents = readParents(mapping.optional("parents"))
        let constants = readConstants(mapping.optional("constants"))
        var (interval, timeout, conflict) = readTiming(mapping)
        var checks: [CheckConfiguration] = []
        var checksValid = true
        for kind in kinds {
            guard let section = mapping.optional(kind.key) else { continue }
            guard let read = readChecks(section, kind: kind) else {
                checksValid = false
                continue
            }
            checks += read
        }
        if checksValid, checks.isEmpty {
            let subject = name.map { "device \"\($0)\"" } ?? "a device"
            let keys = kinds.map(\.key)
            let several = keys.count == 2 ? " (or both)" : keys.count > 2 ? " (or several)" : ""
            reader.report("\(subject) needs \(NodeReader.alternatives(keys))\(several)")
            return nil
        }
        // The device's timeout must be shorter than its interval only when a check runs by it (an ICMP check's run
        // has its own length).
        if let conflict, !checksValid || checks.isEmpty || checks.contains(where: { $0.settings.timeout == nil }) {
            conflict.place.report(conflict.message)
            (interval, timeout) = (nil, nil)
        }
        guard let name, let labels, let constants, let parents, let interval, let timeout, checksValid,
            checksFit(checks, interval: interval, reader: reader)
        else { return nil }
        return DeviceConfiguration(
            id: DeviceID(name),
            labels: labels,
            constants: constants,
            interval: interval,
            timeout: timeout,
            checks: checks,
            parents: parents,
            location: reader.location
        )
    }

    /// `parents:`, a list of device names; whether they exist is checked once every device is read.
    private func readParents(_ reader: NodeReader?) -> [ParentReference]? {
        guard let reader else { return [] }
        guard let items = reader.list() else { return nil }
        var parents: [ParentReference] = []
        var valid = true
        for item in items {
            guard let name = item.name(.identifier, what: "parent device name") else {
                valid = false
                continue
            }
            guard !parents.contains(where: { $0.device.rawValue == name }) else {
                item.report("parent \"\(name)\" is listed twice")
                valid = false
                continue
            }
            parents.append(ParentReference(device: DeviceID(name), location: item.location))
        }
        return valid ? parents : nil
    }

    /// One check (a mapping, with an optional `name`) or several named checks (a list) of `kind`.
    private func readChecks(_ reader: NodeReader, kind: any CheckReader) -> [CheckConfiguration]? {
        guard reader.isList else {
            let name = checkName(reader, required: false)
            guard name != nil || reader.peekScalar("name") == nil,
                let settings = kind.readCheck(reader, profiles: profiles)
            else { return nil }
            return [CheckConfiguration(kind: kind.key, name: name, settings: settings, location: reader.location)]
        }
        guard let items = reader.list() else { return nil }
        guard !items.isEmpty else {
            reader.report("\(reader.path) must list at least one check, or be left out")
            return nil
        }
        var names = DuplicateNames(kind: "\(kind.key) check")
        var valid = true
        var checks: [CheckConfiguration] = []
        for item in items {
            let unique = names.register(item, key: "name")
            let name = checkName(item, required: true)
            let settings = kind.readCheck(item, profiles: profiles)
            guard unique, let name, let settings else {
                valid = false
                continue
            }
            checks.append(CheckConfiguration(kind: kind.key, name: name, settings: settings, location: item.location))
        }
        return valid ? checks : nil
    }

    /// Whether every check's own timeout is shorter than the device's interval; each one that is not is reported.
    private func checksFit(_ checks: [CheckConfiguration], interval: Duration, reader: NodeReader) -> Bool {
        var fit = true
        for check in checks {
            guard let timeout = check.settings.timeout, timeout >= interval else { continue }
            let derivation = check.settings.timeoutDerivation.map { " (\($0))" } ?? ""
            let message =
                "timeout \(timeout.compactDescription) of the \(check.kind) check\(derivation) must be shorter than the "
                + "device's interval \(interval.compactDescription)"
            reader.report(message, at: check.location)
            fit = false
        }
        return fit
    }

    /// A check's `name`: required in a list of checks, where it becomes the `check` label of its samples.
    private func checkName(_ reader: NodeReader, required: Bool) -> String? {
        guard reader.isMapping else { return nil }
        guard let (text, location) = reader.peekScalar("name") else {
            if required {
                reader.report("\(reader.path) needs a name: a device with several checks of a kind names each")
            }
            return nil
        }
        guard NamePattern.identifier.matches(text) else {
            reader.report("invalid check name \"\(text)\"; \(NamePattern.identifier.rule)", at: location)
            return nil
        }
        return text
    }

    /// Samples the agent adds itself, which a constant may not be named like.
    static let reservedSampleNames: Set<String> = ["up", "probe_duration_seconds"]

    /// `constants:`, metric names and numbers that every successful poll of the device reports as samples.
    private func readConstants(_ reader: NodeReader?) -> [DeviceConstant]? {
        guard let reader else { return [] }
        guard let pairs = reader.stringMapOfValues() else { return nil }
        var constants: [DeviceConstant] = []
        var valid = true
        for (name, keyReader, valueReader) in pairs {
            guard NamePattern.metric.matches(name) else {
                keyReader.report("invalid constant name \"\(name)\"; \(NamePattern.metric.rule)")
                valid = false
                continue
            }
            guard !Self.reservedSampleNames.contains(name) else {
                keyReader.report(
                    "constant \"\(name)\" would hide the agent's own \"\(name)\" sample; choose another name")
                valid = false
                continue
            }
            guard let value = valueReader.double() else {
                valid = false
                continue
            }
            constants.append(DeviceConstant(name: name, value: value))
        }
        return valid ? constants : nil
    }

    private func readLabels(_ reader: NodeReader?) -> LabelSet? {
        guard let reader else { return LabelSet() }
        guard let pairs = reader.stringMap() else { return nil }
        var labels = LabelSet()
        var valid = true
        for (name, value, keyReader) in pairs {
            if let setter = Self.reservedLabels[name] {
                keyReader.report("label \"\(name)\" is reserved; the agent sets it to \(setter)")
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

    /// The interval and timeout, and the problem to report when the timeout is not shorter (where, and what) unless
    /// every check of the device has a timeout of its own.
    private func readTiming(_ mapping: MappingReader) -> (Duration?, Duration?, (place: NodeReader, message: String)?) {
        let intervalReader = mapping.optional("interval")
        let timeoutReader = mapping.optional("timeout")
        let interval = intervalReader.map { $0.duration() } ?? agent.defaultInterval
        let timeout = timeoutReader.map { $0.duration() } ?? agent.defaultTimeout
        guard let interval, let timeout, timeout >= interval else { return (interval, timeout, nil) }
        let inherited = timeoutReader == nil ? " (agent default_timeout)" : ""
        let message =
            "timeout \(timeout.compactDescription)\(inherited) must be shorter than interval "
            + interval.compactDescription
        guard let place = timeoutReader ?? intervalReader else {
            return (interval, timeout, nil)  // both inherited: the agent block reported it
        }
        return (interval, timeout, (place, message))
    }
}
