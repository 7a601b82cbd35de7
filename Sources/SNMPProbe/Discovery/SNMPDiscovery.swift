public import Logging
import SNMPKit
import VedettaConfig
public import VedettaCore

/// Finds SNMP agents for `vedetta discover`: asks each address for `sysDescr`, `sysObjectID` and `sysName`
/// (trying each community in turn), selects its profiles as `profiles: auto` would, and proposes a
/// `devices:` entry for every device that answered.
public enum SNMPDiscovery {
    /// How to ask.
    public struct Settings: Sendable {
        /// Version, SNMPv3 user, timeout and retries; host, port and community are set per address.
        public var query: SNMPQuery.Settings
        /// The communities to try, in order (SNMPv1/v2c); the first that gets an answer is proposed.
        public var communities: [Secret]
        /// The most addresses asked at once.
        public var concurrency: Int

        /// Creates settings.
        /// - Parameters:
        ///   - query: Version, SNMPv3 user, timeout and retries.
        ///   - communities: Communities to try, in order.
        ///   - concurrency: The most addresses asked at once (at least 1).
        public init(query: SNMPQuery.Settings, communities: [Secret], concurrency: Int) {
            self.query = query
            self.communities = communities
            self.concurrency = concurrency
        }
    }

    /// A device that answered, and the entry proposed for it.
    public struct Device: Sendable, Codable, Equatable {
        /// The proposed device name: `sysName` made safe, or one made from the address.
        public var name: String
        /// `host:port`.
        public var address: String
        /// `1`, `2c` or `3`.
        public var version: String
        /// The community that got the answer (SNMPv1/v2c).
        public var community: String?
        /// `sysObjectID.0`, dotted.
        public var sysObjectID: String?
        /// `sysDescr.0`.
        public var sysDescr: String?
        /// `sysName.0`.
        public var sysName: String?
        /// The profiles selected by `sysObjectID.0`, in polling order.
        public var profiles: [String]

        enum CodingKeys: String, CodingKey {
            case name, address, version, community, profiles
            case sysObjectID = "sys_object_id"
            case sysDescr = "sys_descr"
            case sysName = "sys_name"
        }
    }

    /// An address that did not answer.
    public struct Unanswered: Sendable, Codable, Equatable {
        /// `host:port`.
        public var address: String
        /// The SNMP error code of the last attempt (`timeout`, `authentication`, ...).
        public var reason: String
        /// The last attempt's error in full.
        public var message: String
    }

    /// Everything one run found.
    public struct Report: Sendable, Codable, Equatable {
        /// The devices that answered, in address order.
        public var devices: [Device]
        /// The addresses that did not, in address order.
        public var unanswered: [Unanswered]
    }

    /// Asks every address, at most `settings.concurrency` at a time.
    /// - Parameters:
    ///   - addresses: The addresses to ask (see ``DiscoveryAddresses``).
    ///   - settings: How to ask.
    ///   - profiles: The profiles to select from, by name.
    ///   - logger: The SNMP engine's logger.
    /// - Throws: ``SNMPQueryError`` when the settings are invalid (version, SNMPv3 user).
    /// - Returns: The devices found and the addresses that did not answer.
    public static func run(
        _ addresses: [HostPort],
        settings: Settings,
        profiles: [String: SNMPProfile],
        logger: Logger
    ) async throws(SNMPQueryError) -> Report {
        let template = try SNMPQuery.targetSettings(settings.query)
        let communities =
            template.version == .v3 || settings.communities.isEmpty
            ? [template.community]
            : settings.communities
        let engine = SNMPEngine(logger: logger)
        defer { engine.shutdown() }
        let outcomes = await withTaskGroup(of: (Int, Outcome).self) { group in
            var outcomes = [Outcome?](repeating: nil, count: addresses.count)
            var next = 0
            func startNext() {
                guard next < addresses.count else { return }
                let index = next
                next += 1
                var target = template
                target.host = addresses[index].host
                target.port = addresses[index].port
                group.addTask { (index, await ask(target, communities: communities, engine: engine)) }
            }
            for _ in 0..<max(1, settings.concurrency) { startNext() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                startNext()
            }
            return outcomes.compactMap { $0 }
        }
        var report = Report(devices: [], unanswered: [])
        var names = Set<String>()
        for (address, outcome) in zip(addresses, outcomes) {
            switch outcome {
            case .answered(let identity, let community):
                let name = uniqueName(proposedName(identity.sysName, address: address), taken: &names)
                report.devices.append(
                    Device(
                        name: name, address: address.description, version: template.version.rawValue,
                        community: template.version == .v3 ? nil : community.reveal(),
                        sysObjectID: identity.sysObjectID?.description, sysDescr: identity.sysDescr,
                        sysName: identity.sysName,
                        profiles: SNMPProfileSelection.automatic.profileNames(
                            in: profiles, sysObjectID: identity.sysObjectID)))
            case .failed(let error):
                report.unanswered.append(
                    Unanswered(address: address.description, reason: error.code.rawValue, message: error.description))
            }
        }
        return report
    }

    private enum Outcome: Sendable {
        case answered(SNMPDeviceIdentity, community: Secret)
        case failed(SNMPError)
    }

    private static func ask(_ target: SNMPTargetSettings, communities: [Secret], engine: SNMPEngine) async -> Outcome {
        var lastError = SNMPError(.timeout, target: target.address)
        for community in communities {
            var attempt = target
            attempt.community = community
            do {
                return .answered(
                    try await SNMPDeviceIdentity.fetch(from: attempt, engine: engine), community: community)
            } catch {
                lastError = error
                if error.code == .cancelled { break }
            }
        }
        return .failed(lastError)
    }
}
