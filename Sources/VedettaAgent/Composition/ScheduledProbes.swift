import VedettaConfig
import VedettaCore
import VedettaProbes

/// The probes to schedule: one per check of every device, built by the factory of the check's kind.
enum ScheduledProbes {
    /// Every check of every device, scheduled on the device's interval and timeout (or the check's own timeout). A
    /// named check (one of several of its kind) puts a `check` label on its samples, so each is its own series.
    /// - Parameters:
    ///   - configuration: The devices.
    ///   - factories: The probe factories of the kinds built in.
    ///   - previous: The configuration running before a reload and its probes: a check that did not change (same
    ///     settings, same device interval, timeout, labels and constants, same profiles) keeps its probe, with the
    ///     probe's sessions and what it learnt of the device.
    static func make(
        for configuration: VedettaConfiguration, factories: [any ProbeFactory],
        reusing previous: (configuration: VedettaConfiguration, probes: [ScheduledProbe])? = nil
    ) -> [ScheduledProbe] {
        let reusable = previous.map { Reusable($0.configuration, probes: $0.probes, next: configuration) }
        var scheduled: [ScheduledProbe] = []
        for device in configuration.devices {
            for check in device.checks {
                if let kept = reusable?.probe(of: check, device: device) {
                    scheduled.append(kept)
                    continue
                }
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

    /// The probes of the configuration before a reload that may be kept.
    private struct Reusable {
        let devices: [DeviceID: DeviceConfiguration]
        let probes: [ScheduledProbe.Key: ScheduledProbe]
        let sameProfiles: Bool

        init(_ previous: VedettaConfiguration, probes: [ScheduledProbe], next: VedettaConfiguration) {
            devices = Dictionary(previous.devices.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            self.probes = Dictionary(probes.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            sameProfiles = previous.profiles.hasSameProfiles(as: next.profiles)
        }

        /// The probe of `check` before the reload, if nothing it was made from changed.
        func probe(of check: CheckConfiguration, device: DeviceConfiguration) -> ScheduledProbe? {
            guard sameProfiles, let before = devices[device.id], before.labels == device.labels,
                before.constants == device.constants, before.interval == device.interval,
                before.timeout == device.timeout,
                before.checks.contains(where: { $0.isSame(as: check) })
            else { return nil }
            return probes[ScheduledProbe.Key(device: device.id, kind: check.kind, check: check.name)]
        }
    }
}
