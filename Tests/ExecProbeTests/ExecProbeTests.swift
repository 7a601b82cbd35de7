import ExecKit
import ExecProbe
import Foundation
import Logging
import Testing
import VedettaCore
import VedettaProbes
import VedettaTestSupport

/// The exec probe running Debian's real Monitoring Plugins (`monitoring-plugins-basic`, installed by
/// scripts/setup) against real servers on loopback, and scripts the tests write for what real plugins rarely do.
@Suite("ExecProbe runs real Nagios plugins")
struct ExecProbeTests {
    static let plugins = "/usr/lib/nagios/plugins"
    let logger = Logger(label: "vedetta.tests.exec-probe")

    private func run(_ command: [String], timeout: Duration = .seconds(10)) async -> ProbeResult {
        let check = ExecCheckConfiguration(command: command)
        let probe = ExecProbe(command: ExecProbeFactory.command(for: check, agentEnvironment: [:]))
        #expect(probe.kind == .exec)
        let target = Target(device: DeviceID("pbx-1"), address: check.address, labels: ["site": "milano"])
        return await probe.probe(target, deadline: .now + timeout, logger: logger)
    }

    private func sample(_ name: String, in result: ProbeResult, label: String? = nil) -> Sample? {
        result.samples.first { $0.name == name && $0.labels["label"] == label }
    }

    @Test(
        "check_dummy: each exit status is its state, OK and WARNING up, CRITICAL and UNKNOWN down with the summary",
        arguments: [
            ("0", "OK: all good", nil), ("1", "WARNING: disk 85%", nil),
            ("2", "CRITICAL: trunk down", ProbeFailure.Code.pluginCritical),
            ("3", "UNKNOWN: bad arguments", ProbeFailure.Code.pluginUnknown),
        ] as [(String, String, ProbeFailure.Code?)]
    )
    func dummy(status: String, summary: String, failure: ProbeFailure.Code?) async throws {
        let text = String(summary.drop { $0 != " " }.dropFirst())
        let result = await run(["\(Self.plugins)/check_dummy", status, text])
        let state = try #require(sample("exec_status", in: result))
        #expect(state.value == Double(status))
        #expect(state.output == summary)
        #expect(state.labels == ["device": "pbx-1", "site": "milano", "plugin": "check_dummy"])
        if let failure {
            #expect(result.outcome == .failure(ProbeFailure(failure, summary)))
        } else {
            #expect(result.outcome == .success)
        }
    }

    @Test("check_tcp: a listening port is OK with its connect time in seconds; a closed port is CRITICAL")
    func tcp() async throws {
        let server = try await HTTPServerFixture.start()
        let open = await run(["\(Self.plugins)/check_tcp", "-H", "127.0.0.1", "-p", "\(server.port)"])
        #expect(open.outcome == .success)
        #expect(sample("exec_status", in: open)?.output?.hasPrefix("TCP OK") == true)
        let time = try #require(sample("exec_perfdata", in: open, label: "time"))
        #expect(time.labels["uom"] == "s")
        #expect(time.value > 0 && time.value < 10)
        #expect(sample("exec_perfdata_max", in: open, label: "time")?.value == 10)

        let closed = await run(["\(Self.plugins)/check_tcp", "-H", "127.0.0.1", "-p", "\(try Ports.freePort())"])
        #expect(sample("exec_status", in: closed)?.value == 2)
        guard case .failure(let failure) = closed.outcome else {
            Issue.record("a closed port is not a failure")
            return
        }
        #expect(failure.code == .pluginCritical)
        #expect(failure.message.contains("Connection refused"))
    }

    @Test("check_http: a real server's page is OK with its size (headers and body) in bytes; an error is CRITICAL")
    func http() async throws {
        let server = try await HTTPServerFixture.start()
        let page = await run(["\(Self.plugins)/check_http", "-H", "127.0.0.1", "-p", "\(server.port)", "-u", "/ok"])
        #expect(page.outcome == .success, "\(page.outcome)")
        #expect(try #require(sample("exec_perfdata", in: page, label: "size")?.value) > 2)
        #expect(sample("exec_perfdata", in: page, label: "size")?.labels["uom"] == "bytes")
        #expect(sample("exec_perfdata", in: page, label: "time")?.labels["uom"] == "s")
        let failing = await run([
            "\(Self.plugins)/check_http", "-H", "127.0.0.1", "-p", "\(server.port)", "-u", "/status/503",
        ])
        #expect(sample("exec_status", in: failing)?.value == 2)
        #expect(sample("exec_status", in: failing)?.output?.contains("503") == true)
    }

    @Test("check_disk: thresholds decide the state; used space, thresholds and size in bytes")
    func disk() async throws {
        let fine = await run(["\(Self.plugins)/check_disk", "-w", "0%", "-c", "0%", "-p", "/"])
        #expect(sample("exec_status", in: fine)?.value == 0)
        let used = try #require(sample("exec_perfdata", in: fine, label: "/"))
        let size = try #require(sample("exec_perfdata_max", in: fine, label: "/"))
        #expect(used.labels["uom"] == "bytes")
        #expect(used.value > 0 && used.value < size.value)
        #expect(size.value.truncatingRemainder(dividingBy: 1_048_576) == 0, "MB converted to bytes")
        let full = await run(["\(Self.plugins)/check_disk", "-w", "100%", "-c", "100%", "-p", "/"])
        #expect(sample("exec_status", in: full)?.value == 2)
        #expect(sample("exec_status", in: full)?.output?.hasPrefix("DISK CRITICAL") == true)
    }

    @Test("a plugin past its deadline is UNKNOWN, timed out, with what it wrote kept as long output")
    func timeout() async throws {
        let scripts = try PluginScripts()
        let plugin = try scripts.script("slow", "echo 'checking trunk'\nsleep 30")
        let started = ContinuousClock.now
        let result = await run([plugin], timeout: .milliseconds(300))
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(result.outcome == .failure(ProbeFailure(.timeout, "UNKNOWN - plugin timed out after 300ms")))
        #expect(sample("exec_status", in: result)?.value == 3)
        #expect(sample("exec_status", in: result)?.output == "UNKNOWN - plugin timed out after 300ms\nchecking trunk")
    }

    @Test("missing, not executable, crashing, exiting 127: UNKNOWN with the reason, never a stall")
    func unknowns() async throws {
        let scripts = try PluginScripts()
        let plain = try scripts.script("plain", "exit 0", executable: false)
        let crash = try scripts.script("crash", "echo 'half an answer'\nkill -SEGV $$")
        let wrapper = try scripts.script("wrapper", "echo 'check_foo: not found' >&2\nexit 127")
        let cases: [(String, ProbeFailure)] = [
            (
                "/usr/lib/nagios/plugins/check_nothing",
                ProbeFailure(.pluginCannotRun, "/usr/lib/nagios/plugins/check_nothing does not exist")
            ),
            (plain, ProbeFailure(.pluginCannotRun, "\(plain) is not an executable file")),
            (crash, ProbeFailure(.pluginCrashed, "UNKNOWN - plugin was killed by signal 11 (SIGSEGV)")),
            (wrapper, ProbeFailure(.pluginUnknown, "UNKNOWN - plugin exited with status 127")),
        ]
        for (path, failure) in cases {
            let result = await run([path])
            #expect(result.outcome == .failure(failure))
            #expect(sample("exec_status", in: result)?.value == 3)
        }
        let wrapped = await run([wrapper])
        #expect(
            sample("exec_status", in: wrapped)?.output
                == "UNKNOWN - plugin exited with status 127\ncheck_foo: not found")
    }

    @Test("huge output is cut at 64 KiB and says so; malformed perfdata is counted, the good items kept")
    func hugeAndMalformed() async throws {
        let scripts = try PluginScripts()
        let huge = try scripts.script(
            "huge", "echo 'OK - big | a=1'\nhead -c 1000000 /dev/zero | tr '\\0' y\necho\nexit 0")
        let big = await run([huge])
        #expect(big.outcome == .success)
        #expect(sample("exec_status", in: big)?.output?.hasSuffix("(output cut at 65536 bytes)") == true)
        let messy = try scripts.script("messy", "echo 'OK - fine | good=5ms bad=x =1 other'\nexit 0")
        let result = await run([messy])
        #expect(sample("exec_perfdata", in: result, label: "good")?.value == 0.005)
        #expect(sample("exec_perfdata_invalid", in: result)?.value == 3)
        #expect(result.outcome == .success)
    }

    @Test("a counter (c) is a counter sample, so rules can take its rate")
    func counter() async throws {
        let scripts = try PluginScripts()
        let plugin = try scripts.script("calls", "echo 'OK - 1234 calls | calls=1234c'\nexit 0")
        let result = await run([plugin])
        #expect(result.outcome == .success, "\(result.outcome)")
        #expect(sample("exec_perfdata", in: result, label: "calls")?.kind == .counter)
    }
}
