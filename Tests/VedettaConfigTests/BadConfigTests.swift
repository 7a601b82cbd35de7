import HTTPProbe
import SNMPKit
import SNMPProbe
import Testing
import VedettaAgent
import VedettaConfig
import VedettaNotify

/// One case of `Fixtures/bad/`: a root configuration and the exact error lines it must produce.
struct BadConfigCase: CustomTestStringConvertible, Sendable {
    let file: String
    let expected: [String]

    var testDescription: String { file }
}

@Suite("ConfigLoader rejects each file in Fixtures/bad with exact messages")
struct BadConfigTests {
    static let cases: [BadConfigCase] = [
        BadConfigCase(
            file: "yaml-syntax.yaml",
            expected: [
                "yaml-syntax.yaml:5:6: error: invalid YAML: did not find expected key "
                    + "(while parsing a block mapping at line 2)"
            ]
        ),
        BadConfigCase(
            file: "unknown-profile.yaml",
            expected: ["unknown-profile.yaml:5:26: error: unknown profile \"if-mb\"; known: system"]
        ),
        BadConfigCase(
            file: "bad-duration.yaml",
            expected: ["bad-duration.yaml:3:15: error: invalid duration \"5 minutes\"; use e.g. 30s, 5m, 1h"]
        ),
        BadConfigCase(
            file: "duplicate-device.yaml",
            expected: [
                "duplicate-device.yaml:6:11: error: duplicate device \"sw1\"; first defined at duplicate-device.yaml:2"
            ]
        ),
        BadConfigCase(
            file: "unknown-key.yaml",
            expected: [
                "unknown-key.yaml:5:7: error: unknown key \"comunity\" in devices[0].snmp; expected one of address, "
                    + "version, community, retries, max_repetitions, profiles, username, security_level, auth_protocol, "
                    + "auth_password, priv_protocol, priv_password, context, name"
            ]
        ),
        BadConfigCase(
            file: "missing-key.yaml",
            expected: ["missing-key.yaml:4:7: error: missing required key \"address\" in devices[0].snmp"]
        ),
        BadConfigCase(
            file: "bad-oid.yaml",
            expected: [
                "probes-bad-oid/broken.yaml:4:10: error: invalid OID \"1.3.6.x.1\"; "
                    + "use dotted numbers such as 1.3.6.1.2.1.1.3.0"
            ]
        ),
        BadConfigCase(
            file: "bad-table.yaml",
            expected: [
                "probes-bad-table/empty.yaml:1:1: error: the profile file is empty",
                "probes-bad-table/nothing.yaml:1:1: error: profile \"nothing\" defines no metrics; add scalars or tables",
                "probes-bad-table/tables.yaml:4:12: error: index component \"ifIndex\" has type rest, "
                    + "which is allowed only last",
                "probes-bad-table/tables.yaml:5:14: error: tables[0].metrics needs at least one metric",
                // Reported with the file's other errors, at the duplicate itself (it once waited for them and
                // pointed at the table).
                "probes-bad-table/tables.yaml:8:21: error: duplicate label \"hrStorageIndex\"; first defined at "
                    + "probes-bad-table/tables.yaml:7 (index and labels share one namespace)",
                "probes-bad-table/tables.yaml:10:16: error: invalid metric name \"hr-storage-used\"; "
                    + "names must match [a-zA-Z_:][a-zA-Z0-9_:]*",
                "probes-bad-table/tables.yaml:10:68: error: invalid metric type \"timeticks\"; use gauge, counter or info",
                "probes-bad-table/tables.yaml:10:86: error: expected a number for tables[1].metrics[0].scale, got \"lots\"",
            ]
        ),
        BadConfigCase(
            file: "duplicate-profile.yaml",
            expected: [
                "probes-duplicate/b.yaml:2:7: error: duplicate profile \"system\"; "
                    + "first defined at probes-duplicate/a.yaml:1"
            ]
        ),
        BadConfigCase(
            file: "bad-expr.yaml",
            expected: [
                "alerts-bad-expr/rules.yaml:3:24: error: invalid expr: \"=\" is not a comparison; use \"==\"",
                "alerts-bad-expr/rules.yaml:5:34: error: invalid expr: expected a metric name, a number, a function or "
                    + "\"(\" after \">\"",
                "alerts-bad-expr/rules.yaml:9:11: error: invalid expr: unknown function \"frobnicate\"; known: rate, absent, "
                    + "avg_over_time, min_over_time, max_over_time, sum_over_time, count_over_time, quantile_over_time, "
                    + "increase, delta, changes",
                "alerts-bad-expr/rules.yaml:12:30: error: invalid clear: expected a metric name, a number, a function or "
                    + "\"(\" after \"<\"",
                "alerts-bad-expr/rules.yaml:13:22: error: invalid duration \"soon\"; use e.g. 30s, 5m, 1h",
            ]
        ),
        BadConfigCase(
            file: "duplicate-alert.yaml",
            expected: [
                "alerts-duplicate/b.yaml:4:12: error: duplicate alert \"DeviceDown\"; "
                    + "first defined at alerts-duplicate/a.yaml:2"
            ]
        ),
        BadConfigCase(
            file: "rule-values.yaml",
            expected: [
                "alerts-bad-values/rules.yaml:4:10: error: invalid duration \"soon\"; use e.g. 30s, 5m, 1h",
                "alerts-bad-values/rules.yaml:5:15: error: invalid severity \"page\"; use info, warning or critical",
                "alerts-bad-values/rules.yaml:6:14: error: invalid label name \"team-name\"; "
                    + "names must match [a-zA-Z_][a-zA-Z0-9_]*",
                "alerts-bad-values/rules.yaml:7:5: error: unknown key \"runbook\" in rules[0]; expected one of alert, "
                    + "expr, for, keep_firing_for, clear, flapping, device_down, no_data, severity, summary, description, "
                    + "labels",
                "alerts-bad-values/rules.yaml:8:5: error: missing required key \"expr\" in rules[1]",
                "alerts-bad-values/rules.yaml:9:12: error: invalid alert name \"not valid\"; "
                    + "names must match [a-zA-Z_][a-zA-Z0-9_]*",
            ]
        ),
        BadConfigCase(
            file: "topology.yaml",
            expected: [
                "alerts-topology/rules.yaml:7:18: error: expected true or false for rules[1].device_down, got \"maybe\"",
                "alerts-topology/rules.yaml:10:22: error: invalid no_data state \"sometimes\"; use alert, keep or ok",
                "alerts-topology/rules.yaml:10:40: error: rules[2].no_data.after must be greater than zero",
                "alerts-topology/rules.yaml:13:36: error: no_data.severity is the severity of the no-data alert; it "
                    + "needs state: alert",
                "alerts-topology/rules.yaml:16:25: error: rules[4].flapping.changes must be at least 1, got 0",
                "alerts-topology/rules.yaml:16:36: error: invalid duration \"never\"; use e.g. 30s, 5m, 1h",
                "alerts-topology/rules.yaml:19:15: error: expected false, true or a mapping {changes, window, settle} "
                    + "for rules[5].flapping, got \"sometimes\"",
                "topology.yaml:7:15: error: parents form a cycle: core → router → core; a device cannot stand behind "
                    + "itself",
                "topology.yaml:10:15: error: unknown parent \"routr\" of device \"sw1\"; parents must be devices of "
                    + "this configuration; did you mean \"router\"?",
                "topology.yaml:10:22: error: device \"sw1\" cannot be its own parent",
                "topology.yaml:13:23: error: parent \"router\" is listed twice",
                "topology.yaml:13:31: error: invalid parent device name \"not a name\"; use letters, digits, \"-\", "
                    + "\"_\", \".\" and \":\"",
            ]
        ),
        BadConfigCase(
            file: "topology-no-down.yaml",
            expected: [
                "topology-no-down.yaml:6:15: error: devices name parents, but no alert rule says device_down: true, so "
                    + "no parent would ever be known down; add it to the rule that fires when a device does not answer "
                    + "(the shipped DeviceUnreachable in alerts/network.yaml has it)"
            ]
        ),
        BadConfigCase(
            file: "history.yaml",
            expected: [
                "history.yaml:2:19: error: agent.history.keep 30d is more than 2000 steps of 5m; make the step longer",
                "history.yaml:2:30: error: agent.history.step must be at least 1s, got 500ms",
                "history.yaml:2:49: error: agent.history.max_series must not be negative, got -1",
                "history.yaml:2:53: error: unknown key \"points\" in agent.history; expected one of keep, step, max_series",
            ]
        ),
        BadConfigCase(
            file: "history-keep.yaml",
            expected: ["history-keep.yaml:2:19: error: agent.history.keep 1h must be at least one step (2h)"]
        ),
        BadConfigCase(
            file: "timeout-interval.yaml",
            expected: [
                "timeout-interval.yaml:4:14: error: timeout 10s must be shorter than interval 10s",
                "timeout-interval.yaml:7:15: error: timeout 5s (agent default_timeout) must be shorter than interval 3s",
            ]
        ),
        BadConfigCase(
            file: "snmpv3.yaml",
            expected: [
                "snmpv3.yaml:3:11: error: missing required key \"username\" in devices[0].snmp",
                "snmpv3.yaml:3:11: error: missing required key \"auth_password\" in devices[0].snmp",
                "snmpv3.yaml:3:11: error: missing required key \"priv_password\" in devices[0].snmp",
            ]
        ),
        BadConfigCase(
            file: "snmpv3-values.yaml",
            expected: [
                "snmpv3-values.yaml:3:11: error: missing required key \"priv_password\" in devices[0].snmp",
                "snmpv3-values.yaml:3:55: error: community is not used with SNMPv3; set username and the passwords "
                    + "instead",
                "snmpv3-values.yaml:3:93: error: devices[0].snmp.auth_password must be at least 8 characters long, "
                    + "got 5",
                "snmpv3-values.yaml:5:11: error: missing required key \"auth_password\" in devices[1].snmp",
                "snmpv3-values.yaml:5:11: error: missing required key \"priv_password\" in devices[1].snmp",
                "snmpv3-values.yaml:5:75: error: invalid devices[1].snmp.security_level \"none\"; use one of "
                    + "no_auth_no_priv, auth_no_priv, auth_priv",
                "snmpv3-values.yaml:5:96: error: invalid devices[1].snmp.auth_protocol \"sha1\"; use one of md5, sha, "
                    + "sha224, sha256, sha384, sha512",
                "snmpv3-values.yaml:7:42: error: username applies only to SNMPv3; set version: 3 or remove it",
                "snmpv3-values.yaml:9:74: error: devices[3].snmp.auth_password is still the placeholder \"change-me\" "
                    + "that vedetta discover writes; put the user's authentication password here",
                "snmpv3-values.yaml:9:100: error: devices[3].snmp.priv_password is still the placeholder \"CHANGE-ME\" "
                    + "that vedetta discover writes; put the user's privacy password here",
            ]
        ),
        BadConfigCase(
            file: "checks-values.yaml",
            expected: [
                "checks-values.yaml:4:9: error: devices[0].http[0] needs a name: a device with several checks of a "
                    + "kind names each",
                "checks-values.yaml:6:16: error: duplicate http check \"api\"; first defined at checks-values.yaml:5",
                "checks-values.yaml:8:11: error: devices[1].http must list at least one check, or be left out",
                "checks-values.yaml:10:18: error: invalid check name \"sip trunk\"; use letters, digits, \"-\", \"_\", "
                    + "\".\" and \":\"",
                "checks-values.yaml:12:14: error: label \"check\" is reserved; the agent sets it to the check name",
                "checks-values.yaml:15:18: error: store.sqlite.path must not be empty",
                "checks-values.yaml:16:3: error: unknown key \"mysql\" in store; expected one of sqlite, postgres",
            ]
        ),
        BadConfigCase(
            file: "exec-values.yaml",
            expected: [
                "exec-values.yaml:6:19: error: \"check_tcp\" must be an absolute path, e.g. "
                    + "/usr/lib/nagios/plugins/check_tcp",
                "exec-values.yaml:8:18: error: command must be a list, the plugin's absolute path then its arguments, "
                    + "e.g. [/usr/lib/nagios/plugins/check_tcp, -H, 10.0.0.5, -p, \"5060\"]; it is never run through "
                    + "a shell",
                "exec-values.yaml:10:18: error: command must name the plugin to run",
                "exec-values.yaml:13:34: error: invalid environment variable name \"9BAD\"; use letters, digits and _, "
                    + "not starting with a digit",
                "exec-values.yaml:14:34: error: invalid environment variable name \"NOT-A-NAME\"; use letters, digits "
                    + "and _, not starting with a digit",
                "exec-values.yaml:15:28: error: \"var/lib\" must be an absolute path, e.g. /var/lib/vedetta",
                "exec-values.yaml:18:9: error: unknown key \"timout\" in devices[0].exec[4]; expected one of command, "
                    + "timeout, environment, pass_environment, working_directory, user, name",
                "exec-values.yaml:22:7: error: timeout 30s of the exec check must be shorter than the device's "
                    + "interval 30s",
            ]
        ),
        BadConfigCase(
            file: "http-json-values.yaml",
            expected: [
                "http-json-values.yaml:5:21: error: invalid json_assert \"$.status = \"ok\"\": expected ==, !=, <, <=, >, "
                    + ">= or =~ after the path (at character 10)",
                "http-json-values.yaml:5:40: error: invalid json_assert \"$.queue.waiting < \"ten\"\": < compares with a "
                    + "number (at character 19)",
                "http-json-values.yaml:5:67: error: invalid json_assert \"status == 1\": an assertion starts with a JSON "
                    + "path, e.g. $.status == \"ok\" (at character 1)",
                "http-json-values.yaml:6:21: error: invalid json_values field \"queue-waiting\"; names must match "
                    + "[a-zA-Z_][a-zA-Z0-9_]*",
                "http-json-values.yaml:6:53: error: invalid JSON path \"$.agents[x]\" for agents: expected an index or a "
                    + "quoted name in [ ]",
                "http-json-values.yaml:7:19: error: give basic_auth or bearer_token, not both",
                "http-json-values.yaml:13:26: error: cannot read a bearer token from /nonexistent/vedetta-token",
                "http-json-values.yaml:17:19: error: basic_auth needs password or password_file",
                "http-json-values.yaml:18:20: error: devices[2].http.client_cert must be an absolute path, e.g. "
                    + "/etc/vedetta/client.pem",
                "http-json-values.yaml:22:19: error: client_key needs client_cert",
            ]
        ),
        BadConfigCase(
            file: "trap-values.yaml",
            expected: [
                "alerts-bad-traps/traps.yaml:3:11: error: invalid trap: unknown notification \"linkDwn\"; use a numeric "
                    + "OID or one of coldStart, warmStart, linkDown, linkUp, authenticationFailure, upsTrapOnBattery, "
                    + "upsTrapTestCompleted, upsTrapAlarmEntryAdded, upsTrapAlarmEntryRemoved, apcUpsOnBattery, "
                    + "apcPowerRestored",
                "alerts-bad-traps/traps.yaml:4:27: error: invalid clear: expected a quoted string after \"ifIndex=\" but "
                    + "found \"}\"",
                "alerts-bad-traps/traps.yaml:5:16: error: invalid label name \"if-index\" in match_on; names must match "
                    + "[a-zA-Z_][a-zA-Z0-9_]*",
                "alerts-bad-traps/traps.yaml:6:5: error: unknown key \"for\" in rules[0]; expected one of alert, trap, "
                    + "clear, match_on, resolve_after, severity, summary, description, labels",
                "alerts-bad-traps/traps.yaml:9:20: error: invalid duration \"soon\"; use e.g. 30s, 5m, 1h",
                "trap-values.yaml:3:29: error: invalid traps.listen address \"0.0.0.0:162\"; write udp:ADDRESS:PORT or "
                    + "udp6:[ADDRESS]:PORT, e.g. udp:0.0.0.0:162",
                "trap-values.yaml:3:44: error: invalid traps.listen address \"udp6:[::]\"; write udp:ADDRESS:PORT or "
                    + "udp6:[ADDRESS]:PORT, e.g. udp:0.0.0.0:162",
                "trap-values.yaml:4:10: error: traps.queue must be at least 1, got 0",
                "trap-values.yaml:7:22: error: traps.users[0].auth_password must be at least 8 characters long, got 5",
                "trap-values.yaml:9:20: error: invalid engine ID \"0x8000\"; write the sender's snmpEngineID in hex, 5 to "
                    + "32 bytes, e.g. 0x80001f8880c71100000000000000",
            ]
        ),
        BadConfigCase(
            file: "icmp-values.yaml",
            expected: [
                "icmp-values.yaml:6:15: error: host must be a host name or an IP address, without port or scheme: "
                    + "\"192.0.2.1:80\"",
                "icmp-values.yaml:8:15: error: host must be a host name or an IP address, without port or scheme: "
                    + "\"http://192.0.2.1/\"",
                "icmp-values.yaml:11:18: error: devices[0].icmp[2].packets must be at least 1, got 0",
                "icmp-values.yaml:12:15: error: size must be at most 1472 payload bytes, not 4000",
                "icmp-values.yaml:15:19: error: interval must be at least 10ms between two requests to the same host",
                "icmp-values.yaml:16:25: error: devices[0].icmp[3].packet_timeout must be greater than zero",
                "icmp-values.yaml:17:17: error: invalid family \"ipx\"; use ipv4 or ipv6 (leave it out to take the "
                    + "name's first address)",
                "icmp-values.yaml:23:7: error: unknown key \"paket_timeout\" in devices[1].icmp; expected one of host, "
                    + "packets, interval, packet_timeout, size, family, name",
                "icmp-values.yaml:27:7: error: timeout 10s of the icmp check ((packets - 1) × interval + "
                    + "packet_timeout + 100ms) must be shorter than the device's interval 6s",
            ]
        ),
        BadConfigCase(
            file: "tcp-values.yaml",
            expected: [
                "tcp-values.yaml:5:18: error: invalid address \"192.0.2.10\"; use host:port or [IPv6]:port",
                "tcp-values.yaml:8:21: error: tls_verify applies only with tls: true; this check makes no TLS handshake",
                "tcp-values.yaml:9:22: error: server_name applies only with tls: true; this check makes no TLS "
                    + "handshake",
                "tcp-values.yaml:13:18: error: ca_file must be an absolute path, e.g. /etc/vedetta/private-ca.pem",
                "tcp-values.yaml:16:15: error: send must not be empty; leave it out to send nothing",
                "tcp-values.yaml:17:17: error: expect must be 1 to 4096 bytes of text",
                "tcp-values.yaml:18:17: error: invalid family \"ip4\"; use ipv4 or ipv6 (leave it out to take the "
                    + "name's first address)",
                "tcp-values.yaml:21:9: error: unknown key \"expekt\" in devices[0].tcp[4]; expected one of address, "
                    + "tls, tls_verify, server_name, ca_file, send, expect, family, name",
            ]
        ),
        BadConfigCase(
            file: "sip-values.yaml",
            expected: [
                "sip-values.yaml:5:14: error: invalid SIP URI \"http://192.0.2.10\"; use sip:host, sip:host:port, "
                    + "sip:user@host:port or sips:… (IPv6 hosts in brackets)",
                "sip-values.yaml:8:20: error: invalid transport \"sctp\"; use udp, tcp or tls",
                "sip-values.yaml:11:20: error: a sips: URI goes over tls, not udp",
                "sip-values.yaml:14:21: error: tls_verify applies only with transport: tls (or a sips: URI)",
                "sip-values.yaml:17:30: error: a SIP final status is between 200 and 699, got 180",
                "sip-values.yaml:20:20: error: from_user \"vedetta monitor\" may hold letters, digits and -_.!~*'() "
                    + "only",
            ]
        ),
        BadConfigCase(
            file: "device-values.yaml",
            expected: [
                "device-values.yaml:2:11: error: invalid address \"localhost\"; use host:port or [IPv6]:port",
                "device-values.yaml:3:26: error: agent.max_concurrent_probes must be at least 1, got 0",
                "device-values.yaml:6:14: error: label \"device\" is reserved; the agent sets it to the device name",
                "device-values.yaml:6:25: error: invalid label name \"9lives\"; names must match [a-zA-Z_][a-zA-Z0-9_]*",
                "device-values.yaml:8:12: error: invalid URL \"ftp://example.com/\"; use an http:// or https:// URL",
                "device-values.yaml:9:28: error: HTTP status must be between 100 and 599, got 42",
                "device-values.yaml:10:19: error: expected true or false for devices[0].http.tls_verify, got \"maybe\"",
                "device-values.yaml:11:5: error: device \"nothing\" needs snmp, http, exec, icmp, tcp or sip (or several)",
                "device-values.yaml:14:21: error: invalid address \"127.0.0.1:99999\"; use host, host:port or [IPv6]:port",
                "device-values.yaml:14:49: error: devices[2].snmp.retries must not be negative, got -1",
                "device-values.yaml:14:63: error: devices[2].snmp.profiles must list at least one profile; write auto "
                    + "(or leave profiles out) to select them by the device's sysObjectID",
                "device-values.yaml:16:38: error: expected a number for devices[3].constants.pbx_channel_licence, got "
                    + "\"many\"",
                "device-values.yaml:16:44: error: constant \"up\" would hide the agent's own \"up\" sample; choose "
                    + "another name",
                "device-values.yaml:16:51: error: invalid constant name \"2fast\"; names must match "
                    + "[a-zA-Z_:][a-zA-Z0-9_:]*",
            ]
        ),
        BadConfigCase(
            file: "wrong-types.yaml",
            expected: [
                "wrong-types.yaml:1:8: error: expected a mapping for agent, got a list",
                "wrong-types.yaml:2:10: error: expected a list for devices, got \"just-one\"",
                "wrong-types.yaml:7:16: error: expected a mapping for notify.webhooks[0].headers, got a list",
                "wrong-types.yaml:8:7: error: missing required key \"name\" in notify.webhooks[1]",
                "wrong-types.yaml:9:16: error: expected a single value for notify.webhooks[1].timeout, got a mapping",
            ]
        ),
        BadConfigCase(
            file: "missing-directory.yaml",
            expected: [
                "missing-directory.yaml:1:13: error: probes_dir \"does-not-exist\" is not a readable directory",
                "missing-directory.yaml:6:13: error: duplicate channel \"oncall\"; first defined at missing-directory.yaml:4",
            ]
        ),
        BadConfigCase(
            file: "maintenance.yaml",
            expected: [
                "maintenance-bad/a.yaml:3:32: error: invalid match: expected \",\" between label matchers but found \"role\"",
                "maintenance-bad/a.yaml:11:16: error: unknown time zone \"Europe/Milano\"; use an IANA name such as "
                    + "Europe/Rome or UTC",
                "maintenance-bad/a.yaml:16:10: error: the end 2026-12-05T21:00 is not after the start 2026-12-05T22:00",
                "maintenance-bad/a.yaml:22:12: error: unknown part \"BYHOUR\" (supported: FREQ, INTERVAL, BYDAY, "
                    + "BYMONTHDAY, COUNT, UNTIL)",
                "maintenance-bad/a.yaml:26:12: error: the start 2026-12-05T22:00 is a Saturday, but the rule repeats on "
                    + "SU: start the window on its first occurrence",
                "maintenance-bad/b.yaml:3:12: error: a window needs at least one label matcher, e.g. "
                    + "device=\"core-sw-1\" or site=\"milano\"",
                "maintenance-bad/b.yaml:7:5: error: give duration (e.g. 2h) or end",
                "maintenance-bad/b.yaml:7:11: error: duplicate maintenance window \"bad-match\"; first defined at "
                    + "maintenance-bad/a.yaml:2",
                "maintenance-bad/b.yaml:9:12: error: now is for vedetta maintenance add; a file needs a date such as "
                    + "2026-12-05T22:00",
                "maintenance-bad/b.yaml:10:13: error: windows[1].reason must not be empty",
            ]
        ),
        BadConfigCase(
            file: "oncall.yaml",
            expected: [
                "oncall-bad/a-people.yaml:3:16: error: unknown time zone \"Europe/Milano\"; use an IANA name such as "
                    + "Europe/Rome or UTC",
                // Contact data is personal: the message names the key, never the value.
                "oncall-bad/a-people.yaml:4:12: error: people[0].email is not an e-mail address",
                "oncall-bad/a-people.yaml:5:12: error: people[0].phone is not a phone number in international form, "
                    + "e.g. \"+393331234567\"",
                "oncall-bad/a-people.yaml:7:15: error: invalid language \"fr\"; use it or en",
                "oncall-bad/a-people.yaml:8:11: error: duplicate person \"marco\"; first defined at "
                    + "oncall-bad/a-people.yaml:2",
                "oncall-bad/a-people.yaml:9:5: error: unknown key \"shift\" in people[2]; expected one of name, "
                    + "full_name, time_zone, language, email, phone, chat",
                "oncall-bad/b-schedules.yaml:6:16: error: invalid shift \"fortnightly\"; use daily, weekly, or e.g. "
                    + "12h, 2d, 2w (at most 8 weeks)",
                "oncall-bad/b-schedules.yaml:7:31: error: \"mario\" is not a person under people: in the oncall files",
                "oncall-bad/b-schedules.yaml:10:14: error: the layer's end must come after its start",
                "oncall-bad/b-schedules.yaml:12:23: error: a layer needs at least one participant",
                "oncall-bad/b-schedules.yaml:14:19: error: unknown days \"mon-fry\"; use a day or a range of days such as "
                    + "mon, sat, mon-fri (or lun-ven)",
                "oncall-bad/b-schedules.yaml:15:19: error: invalid time of day \"8\"; use HH:MM, e.g. \"08:00\" (quoted)",
                "oncall-bad/b-schedules.yaml:17:15: error: duplicate layer \"base\"; first defined at "
                    + "oncall-bad/b-schedules.yaml:4 (layer names are unique within a schedule)",
                "oncall-bad/b-schedules.yaml:18:16: error: invalid date and time \"2026-01-05 8:00\"; use e.g. "
                    + "2026-01-05T08:00 (on the schedule's clock)",
                "oncall-bad/b-schedules.yaml:22:13: error: a schedule needs at least one layer",
            ]
        ),
        BadConfigCase(
            file: "bad-channels.yaml",
            expected: [
                "bad-channels.yaml:4:12: error: invalid URL \"hooks.slack.com/services/T0/B0/x\"; use an http:// or "
                    + "https:// URL",
                "bad-channels.yaml:5:17: error: invalid message language \"fr\"; use it or en",
                "bad-channels.yaml:9:18: error: unknown time zone \"Europe/Milano\"; use an IANA name such as "
                    + "Europe/Rome or UTC",
                "bad-channels.yaml:13:16: error: invalid chat_id \"noc\"; use the chat's number (e.g. -1001234567890) "
                    + "or @channelname",
                "bad-channels.yaml:17:15: error: invalid method \"PUT\"; use POST or GET",
                "bad-channels.yaml:19:11: error: to is not a phone number in international form, e.g. \"+393331234567\"",
                "bad-channels.yaml:20:7: error: the gateway request never says {{text}}: put it in url or body",
                "bad-channels.yaml:26:15: error: invalid webhook format \"prometheus\"; use vedetta or alertmanager",
                "bad-channels.yaml:31:15: error: unknown on-call schedule \"team-lead\"; no schedule is configured in "
                    + "oncall_dir",
            ]
        ),
        BadConfigCase(
            file: "bad-routes.yaml",
            expected: [
                "bad-routes.yaml:6:35: error: invalid match: expected \",\" between label matchers but found \"site\"",
                "bad-routes.yaml:9:25: error: unknown channel \"sms\"; channels are named under notify:",
                "bad-routes.yaml:10:7: error: the last route must take every alert (no match, no continue), so that no "
                    + "alert pages nobody",
            ]
        ),
        BadConfigCase(
            file: "escalation.yaml",
            expected: [
                "escalation.yaml:8:15: error: repeat is at most 20",
                "escalation.yaml:10:48: error: unknown channel \"sms\" in an escalation policy; known: mail, people-mail",
                "escalation.yaml:12:29: error: \"mario\" is not a person under people: in the oncall files",
                "escalation.yaml:12:71: error: a channel target pages the channel's own addressees; via is for schedule "
                    + "and person",
                "escalation.yaml:12:90: error: channel \"people-mail\" has no addressees of its own; page people with "
                    + "{person: NAME, via: [people-mail]} or {schedule: NAME, via: [people-mail]}",
                "escalation.yaml:13:17: error: a step waits at most 7d for an acknowledgement",
                "escalation.yaml:14:20: error: a target names exactly one of schedule, person or channel",
                "escalation.yaml:16:19: error: a step needs at least one target to notify",
                "escalation.yaml:19:14: error: an escalation policy needs at least one step",
                "escalation.yaml:21:14: error: hours: business needs reports.business_hours (the days and hours the "
                    + "business works)",
                "escalation.yaml:22:21: error: remind_every is at least 1m",
                "escalation.yaml:26:31: error: unknown channel \"fax\" in an escalation policy; known: mail, people-mail",
                "escalation.yaml:26:43: error: notify.escalation_policies[2].steps[0].fallback.after must be at least 1, "
                    + "got 0",
                "escalation.yaml:29:19: error: unknown escalation policy \"noc-critica\"; known: noc, office, team-lead",
                "escalation.yaml:30:7: error: a route needs channels, an escalation policy, or both",
                "escalation.yaml:32:18: error: channel \"people-mail\" has no to: or oncall: of its own, so it only pages "
                    + "people for escalation policies (via:); name a policy in the route instead, or give the channel "
                    + "addressees",
                "escalation.yaml:36:19: error: group_wait is at most 10m: the first page must not wait longer",
                "escalation.yaml:39:17: error: group_by groups the pages of an escalation policy: give escalation too",
            ]
        ),
        BadConfigCase(
            file: "bad-reports.yaml",
            expected: [
                "bad-reports.yaml:3:33: error: category \"Power\" is listed twice",
                "bad-reports.yaml:4:14: error: incidents.retention 30d is too short; keep at least 62d so that monthly "
                    + "reports can compare with the previous month",
                "bad-reports.yaml:6:13: error: invalid report language \"fr\"; use en or it",
                "bad-reports.yaml:10:7: error: unknown days \"sun-sat\"; use a day or a range of days such as mon, sat, "
                    + "mon-fri (or lun-ven)",
                "bad-reports.yaml:11:12: error: invalid hours \"8-13\"; use HH:MM-HH:MM such as 08:00-21:00 (24:00 for "
                    + "midnight)",
                "bad-reports.yaml:12:16: error: invalid holiday \"2026-02-30\"; use a date (2027-03-29) or a yearly MM-DD "
                    + "(12-25)",
                "bad-reports.yaml:14:7: error: a target has one goal; availability and mttr are several: make one target "
                    + "each",
                "bad-reports.yaml:17:7: error: a target needs one goal: availability (percent), mttr or mtta (a duration)",
                "bad-reports.yaml:19:21: error: availability is a percentage above 0 and at most 100, got 101.0",
                "bad-reports.yaml:20:13: error: duplicate target \"PBX\"; first defined at bad-reports.yaml:14",
                "bad-reports.yaml:24:14: error: invalid schedule \"fortnight\"; use week or month",
                "bad-reports.yaml:25:11: error: invalid time \"7am\"; use HH:MM such as 07:00",
            ]
        ),
    ]

    @Test("each bad file gives exactly its expected errors", arguments: cases)
    func badFile(_ testCase: BadConfigCase) throws {
        let directory = try FixturePaths.badDirectory
        let lines = try FixturePaths.errorLines(loading: directory + "/" + testCase.file, relativeTo: directory)
        #expect(lines == testCase.expected)
    }

    @Test("every problem in one configuration is reported at once, in file order")
    func severalErrors() throws {
        let directory = try FixturePaths.badDirectory
        let lines = try FixturePaths.errorLines(loading: directory + "/several-errors.yaml", relativeTo: directory)
        #expect(
            lines == [
                "several-errors.yaml:2:21: error: invalid duration \"often\"; use e.g. 30s, 5m, 1h",
                "several-errors.yaml:7:7: error: unknown key \"comunity\" in devices[0].snmp; expected one of address, "
                    + "version, community, retries, max_repetitions, profiles, username, security_level, auth_protocol, "
                    + "auth_password, priv_protocol, priv_password, context, name",
                "several-errors.yaml:8:26: error: unknown profile \"missing\"; known: system",
                "several-errors.yaml:9:11: error: duplicate device \"sw1\"; first defined at several-errors.yaml:4",
                "several-errors.yaml:10:14: error: invalid duration \"1 second\"; use e.g. 30s, 5m, 1h",
                "several-errors.yaml:12:5: error: missing required key \"name\" in devices[2]",
                "several-errors.yaml:15:3: error: unknown key \"webhook\" in notify; expected one of webhooks, email, "
                    + "slack, teams, telegram, sms, escalation_policies, routes",
            ]
        )
    }

    @Test("errors carry the key path of the offending value")
    func paths() throws {
        let directory = try FixturePaths.badDirectory
        do {
            _ = try ConfigLoader.load(
                configFile: directory + "/several-errors.yaml", plugins: BuiltinKinds.configuration)
            Issue.record("expected errors")
        } catch {
            #expect(
                error.errors.map(\.path) == [
                    "agent.default_interval", "devices[0].snmp.comunity", "devices[0].snmp.profiles[1]",
                    "devices[1].name", "devices[1].timeout", "devices[2].name", "notify.webhook",
                ]
            )
        }
    }
}
