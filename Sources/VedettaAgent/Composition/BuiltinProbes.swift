import CurlKit
import HTTPProbe
import SNMPKit
import SNMPProbe
import VedettaConfig
import VedettaCore
import VedettaProbes

/// The probe kinds built into Vedetta, listed explicitly (no registration by side effect).
struct BuiltinProbes {
    let snmpEngine: SNMPEngine
    let curlEngine: CurlEngine

    /// One scheduled probe per configured check of every device: SNMP polling and/or an HTTP check.
    func makeScheduledProbes(for configuration: VedettaConfiguration) -> [ScheduledProbe] {
        var scheduled: [ScheduledProbe] = []
        for device in configuration.devices {
            if let snmp = device.snmp {
                let probe: any Probe
                if snmp.profileSelection.isAutomatic {
                    probe = AutoSelectingSNMPProbe(settings: snmp, catalog: configuration.profiles, engine: snmpEngine)
                } else {
                    let profiles = snmp.profiles.compactMap { configuration.profiles[$0] }
                    probe = SNMPProbe(settings: snmp, profiles: profiles, engine: snmpEngine)
                }
                scheduled.append(
                    ScheduledProbe(
                        target: Target(device: device.id, address: snmp.address, labels: device.labels),
                        probe: probe,
                        interval: device.interval,
                        timeout: device.timeout
                    )
                )
            }
            if let http = device.http {
                scheduled.append(
                    ScheduledProbe(
                        target: Target(device: device.id, address: http.url, labels: device.labels),
                        probe: HTTPProbe(check: http, engine: curlEngine),
                        interval: device.interval,
                        timeout: device.timeout
                    )
                )
            }
        }
        return scheduled
    }
}
