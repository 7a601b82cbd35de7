import Foundation
import Logging
import Metrics
import SNMPKit
import SNMPProbe
import ServiceLifecycle
import Synchronization
import VedettaAlerting
import VedettaConfig
import VedettaCore
import VedettaRules

/// Takes in SNMP notifications: runs the ``SNMPTrapReceiver`` (`traps:`), finds each notification's device,
/// hands it to the alerting pipeline's trap rules, and resolves trap alerts whose `resolve_after` has passed.
///
/// The receiver's thread never waits for the pipeline: notifications queue (``TrapQueue``, up to `traps.queue`)
/// and the rest are dropped and counted, so a trap storm costs memory bounded by the queue and never delays
/// polling. The intake takes them in batches.
final class TrapIntake: Service {
    /// How often quiet trap alerts are checked for expiry (and muted ones for the end of their mute).
    static let expiryInterval: Duration = .seconds(5)
    /// How long a batch may gather after the previous one: a notification waits at most this much longer, and a
    /// burst of thousands per second costs at most 100 wake-ups of the intake per second.
    static let gathering: Duration = .milliseconds(10)

    private let configuration: SNMPTrapConfiguration
    private let devices: VedettaConfiguration
    private let pipeline: AlertingPipeline
    private let logger: Logger
    private let dropLog: RateLimitedLog
    /// The devices notifications are accepted from, by address; a configuration reload replaces them.
    private let senders = LiveValue(TrapSenders())

    init(
        configuration: SNMPTrapConfiguration, devices: VedettaConfiguration, pipeline: AlertingPipeline, logger: Logger
    ) {
        self.configuration = configuration
        self.devices = devices
        self.pipeline = pipeline
        self.logger = logger
        self.dropLog = RateLimitedLog(logger: logger, interval: .seconds(60))
    }

    /// The `traps:` settings of `configuration`, if the section is there.
    static func settings(of configuration: VedettaConfiguration) -> SNMPTrapConfiguration? {
        configuration.receivers.lazy.compactMap { $0.settings as? SNMPTrapConfiguration }.first
    }

    /// Takes the devices of a reloaded configuration: notifications from added devices are accepted from now on,
    /// those from removed devices are dropped as from an unknown sender.
    func reconfigure(devices configuration: VedettaConfiguration) async {
        await learnSenders(of: configuration)
    }

    /// Looks up the address of every device's SNMP check and accepts notifications from them.
    private func learnSenders(of configuration: VedettaConfiguration) async {
        let (senders, unresolved) = await TrapSenders.make(configuration)
        if !unresolved.isEmpty {
            logger.warning(
                "devices whose SNMP host does not resolve cannot be recognised as trap senders",
                metadata: ["devices": "\(unresolved.joined(separator: ", "))"])
        }
        self.senders.replace(with: senders)
    }

    func run() async throws {
        await learnSenders(of: devices)
        let queue = TrapQueue(limit: configuration.queue)
        let dropLog = self.dropLog
        let senders = self.senders
        // The receiver accepts every sender; `onTrap` checks the sender against the devices of the latest
        // configuration, and refuses (does not acknowledge) a notification from any other.
        let receiver = SNMPTrapReceiver(
            settings: configuration.receiver,
            onTrap: { trap in
                guard senders.value.device(of: trap) != nil else {
                    Self.dropUnknownSender(trap, log: dropLog)
                    return false
                }
                TrapMetrics.received(trap)
                switch queue.append(trap) {
                case .appended:
                    return true
                case .full:
                    let drop = SNMPTrapDrop(.overloaded, sender: trap.sender, detail: "the notification queue is full")
                    TrapMetrics.dropped(drop)
                    dropLog.log(drop)
                    return false
                case .closed:
                    return false  // shutting down: an inform is sent again, to the next agent run
                }
            },
            onDrop: { drop in
                TrapMetrics.dropped(drop)
                dropLog.log(drop)
            })
        do throws(SNMPError) {
            try receiver.start()
        } catch {
            throw AgentError(.listen, "\(error.target): \(error.detail)")
        }
        defer {
            receiver.stop()
            queue.close()
        }
        logger.info(
            "listening for SNMP notifications",
            metadata: [
                "traps.listen": "\(configuration.receiver.listen.joined(separator: " "))",
                "traps.senders": "\(senders.value.count)", "traps.users": "\(configuration.receiver.users.count)",
                "traps.receive_buffer": "\(receiver.receiveBuffers.values.min() ?? 0)",
            ])
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.expireQuietAlerts() }
                await self.consume(queue)  // until shutdown closes the queue
                group.cancelAll()
            }
        } onGracefulShutdown: {
            queue.close()
        }
    }

    /// Counts and logs (at a bounded rate) a notification from no configured device.
    private static func dropUnknownSender(_ trap: SNMPTrap, log: RateLimitedLog) {
        let drop = SNMPTrapDrop(
            .unknownSender, sender: trap.sender,
            detail: "\(trap.version.rawValue) \(TrapCatalog.notificationName(trap.trapOID)) from no configured device")
        TrapMetrics.dropped(drop)
        log.log(drop)
    }

    /// Takes each batch of waiting notifications to the pipeline; a notification from no configured device is
    /// dropped and counted.
    private func consume(_ queue: TrapQueue) async {
        for await _ in queue.rings {
            var events: [TrapEvent] = []
            let senders = self.senders.value
            for trap in queue.takeAll() {
                guard let (device, labels) = senders.device(of: trap) else {
                    Self.dropUnknownSender(trap, log: dropLog)
                    continue
                }
                events.append(Self.event(trap, device: device, labels: labels))
            }
            if !events.isEmpty { await pipeline.process(traps: events) }
            // Let a burst gather: the next batch is taken at most this much later, and the receiver's thread
            // appends meanwhile without waking anyone.
            try? await Task.sleep(for: Self.gathering)
        }
    }

    private func expireQuietAlerts() async {
        while (try? await Task.sleep(for: Self.expiryInterval)) != nil {
            await pipeline.expireTrapAlerts()
        }
    }

    /// The notification as trap rules see it.
    static func event(_ trap: SNMPTrap, device: DeviceID, labels: LabelSet) -> TrapEvent {
        TrapEvent(
            device: device, deviceLabels: labels, trapOID: trap.trapOID,
            variables: trap.varBinds.map { varBind in
                var variable = TrapEvent.Variable(oid: varBind.oid, text: varBind.value.plainValue)
                switch varBind.value {
                case .integer(let value): variable.integer = value
                case .objectIdentifier(let oid):
                    variable.objectIdentifier = oid
                    variable.text = oid.description
                default: break
                }
                return variable
            },
            receivedAt: trap.receivedAt)
    }
}

/// The trap intake's metrics, made once: a counter made per notification would cost more than the notification.
enum TrapMetrics {
    private static let receivedCounters: [String: Counter] = Dictionary(
        uniqueKeysWithValues: SNMPTrap.Version.allCases.flatMap { version in
            SNMPTrap.Kind.allCases.map { kind in
                (
                    "\(version.rawValue)/\(kind.rawValue)",
                    Counter(
                        label: "vedetta_traps_received_total",
                        dimensions: [("version", version.rawValue), ("kind", kind.rawValue)])
                )
            }
        })
    private static let droppedCounters: [SNMPTrapDrop.Reason: Counter] = Dictionary(
        uniqueKeysWithValues: SNMPTrapDrop.Reason.allCases.map {
            ($0, Counter(label: "vedetta_traps_dropped_total", dimensions: [("reason", $0.rawValue)]))
        })

    static func received(_ trap: SNMPTrap) {
        receivedCounters["\(trap.version.rawValue)/\(trap.kind.rawValue)"]?.increment()
    }

    static func dropped(_ drop: SNMPTrapDrop) {
        droppedCounters[drop.reason]?.increment()
    }
}

/// Logs dropped notifications at a bounded rate: the first of each reason at once, then at most one line per
/// reason and interval, saying how many were dropped meanwhile. A flood of garbage costs a line a minute.
final class RateLimitedLog: Sendable {
    private struct Window {
        var lastLogged: ContinuousClock.Instant
        var suppressed: Int
    }

    private let logger: Logger
    private let interval: Duration
    private let windows = Mutex<[SNMPTrapDrop.Reason: Window]>([:])

    init(logger: Logger, interval: Duration) {
        self.logger = logger
        self.interval = interval
    }

    func log(_ drop: SNMPTrapDrop) {
        let now = ContinuousClock.now
        let suppressed: Int? = windows.withLock { windows in
            if let window = windows[drop.reason], now - window.lastLogged < interval {
                windows[drop.reason]?.suppressed += 1
                return nil
            }
            let count = windows[drop.reason]?.suppressed ?? 0
            windows[drop.reason] = Window(lastLogged: now, suppressed: 0)
            return count
        }
        guard let suppressed else { return }
        logger.warning(
            "SNMP notification dropped",
            metadata: [
                "trap.reason": "\(drop.reason.rawValue)", "trap.sender": "\(drop.sender)",
                "trap.detail": "\(drop.detail)",
                "trap.dropped_since_last_line": "\(suppressed)",
            ])
    }
}
