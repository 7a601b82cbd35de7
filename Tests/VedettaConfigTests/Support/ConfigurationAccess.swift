import ExecProbe
import HTTPProbe
import SNMPProbe
import VedettaConfig
import VedettaNotify

/// Typed views of the built-in kinds' settings, so tests read like the configuration they check.
extension DeviceConfiguration {
    /// The device's `snmp:` settings.
    var snmp: SNMPDeviceConfiguration? { checks("snmp", as: SNMPDeviceConfiguration.self).first }
    /// The device's (first) `http:` settings.
    var http: HTTPCheckConfiguration? { checks("http", as: HTTPCheckConfiguration.self).first }
    var exec: [ExecCheckConfiguration] { checks("exec", as: ExecCheckConfiguration.self) }
}

extension VedettaConfiguration {
    /// The SNMP profiles by name.
    var snmpProfiles: [String: SNMPProfile] { profiles.profiles(of: SNMPProfile.self) }
    /// The webhook channels.
    var webhooks: [WebhookChannelConfiguration] { channels.compactMap { $0.settings as? WebhookChannelConfiguration } }
}
