import VedettaConfig
import VedettaCore
import VedettaProbes

/// The probes to schedule: one per check of every device, built by the factory of the check's kind.
enum ScheduledProbes {
    /// Every check of every device, scheduled on the device's interval and timeout (or the check's own timeout). A named check (one of several
    /// of its kind) puts a `check` label on its samples, so each is its own series.
    static func make(for configuration: VedettaConfiguration, factories: [any ProbeFactory]) -> [ScheduledProbe] {
        var scheduled: [ScheduledProbe] = []
        for device in configuration.devices {
            for check in device.checks {
                guard let factory = factories.first(where: { $0.kind.rawValue == check.kind }),
                    let probe = factory.makeProbe(for: check, of: device, in: configuration)
                else { continue }
                var labels = device.labels
                if let name = check.name { labels["check"] = name }
                scheduled.append(
                    ScheduledProbe(
                        target: Target(
                            device: device.id, address: check.settings.address, labels: labels,
                            constants: device.constants),
                        probe: probe,
                        interval: device.interval,
                        timeout: check.settings.timeout ?? device.timeout
                    )
                )
            }
        }
        return scheduled
    }
}
