import CurlKit
import ExecProbe
import Foundation
import HTTPProbe
import ICMPKit
import ICMPProbe
import Logging
import SIPKit
import SIPProbe
import SNMPKit
import SNMPProbe
import ServiceLifecycle
import TCPKit
import TCPProbe
public import VedettaConfig
import VedettaNotify
import VedettaOnCall
import VedettaProbes
import VedettaStorePostgres
import VedettaStoreSQLite

/// The kinds built into Vedetta, listed explicitly (no registration by side effect). A new probe, channel or
/// store kind is files in its own module, plus its lines here: its configuration reader and its factory.
public enum BuiltinKinds {
    /// What the configuration loader reads: every built-in check, profile, channel, store and receiver kind.
    public static let configuration = ConfigPlugins(
        checks: [
            SNMPCheckReader(), HTTPCheckReader(), ExecCheckReader(), ICMPCheckReader(), TCPCheckReader(),
            SIPCheckReader(),
        ],
        profiles: SNMPCheckReader(),
        channels: [
            WebhookChannelReader(), EmailChannelReader(), ChatWebhookReader(.slack), ChatWebhookReader(.teams),
            TelegramChannelReader(), SMSChannelReader(),
        ],
        stores: [SQLiteStoreReader(), PostgresStoreReader()],
        receivers: [SNMPTrapReceiverReader()]
    )

    /// The probe factories, sharing the agent's engines.
    static func probeFactories(_ engines: Engines) -> [any ProbeFactory] {
        [
            SNMPProbeFactory(engine: engines.snmp), HTTPProbeFactory(engine: engines.curl), ExecProbeFactory(),
            ICMPProbeFactory(engine: engines.ping), TCPProbeFactory(engine: engines.tcp),
            SIPProbeFactory(engine: engines.sip),
        ]
    }

    /// The channel factories, sharing the agent's engines; `defaultZone` is the clock of messages whose channel
    /// names none (`agent.time_zone`), `oncall` who is on call for channels with `oncall:`.
    static func channelFactories(_ engines: Engines, defaultZone: TimeZone, oncall: OnCallDesk) -> [any ChannelFactory]
    {
        [WebhookChannelFactory(engine: engines.curl)]
            + PeopleChannelFactory.all(engine: engines.curl, defaultZone: defaultZone, oncall: oncall)
    }

    /// The store factories.
    static let storeFactories: [any StoreFactory] = [
        SQLiteStoreFactory(), PostgresStoreFactory(logger: Logger(label: "vedetta.store.postgres")),
    ]
}

/// The protocol engines the probes and channels share: one net-snmp loop, one libcurl loop, one ICMP loop, one
/// TCP loop and one SIP (UDP) loop per agent.
struct Engines {
    let snmp: SNMPEngine
    let curl: CurlEngine
    let ping: PingEngine
    let tcp: ConnectEngine
    let sip: SIPEngine

    /// New engines, logging to `logger`.
    init(logger: Logger) {
        snmp = SNMPEngine(logger: logger)
        curl = CurlEngine(logger: logger)
        ping = PingEngine(logger: logger)
        tcp = ConnectEngine()
        sip = SIPEngine(tcp: tcp)
    }

    /// The engines as services of the agent's group, stopped after the services that use them.
    var services: [any Service] { [snmp, curl, ping, tcp, sip] }

    /// Shuts every engine down; idempotent.
    func shutdown() {
        snmp.shutdown()
        curl.shutdown()
        ping.shutdown()
        sip.shutdown()
        tcp.shutdown()
    }
}
