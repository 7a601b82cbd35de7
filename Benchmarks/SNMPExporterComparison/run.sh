#!/usr/bin/env bash
# IF-MIB polling CPU: Debian's prometheus-snmp-exporter against the Vedetta agent, side by side, in one run, against
# one real snmpd with 57 interfaces, then against real-device recordings from snmpsim-data. Reports each poller's CPU
# (user+sys of its process, idle rate subtracted) per 1,000 varbinds, and the ratio exporter / Vedetta.
#
# Usage (as root): Benchmarks/SNMPExporterComparison/run.sh [SCRAPES] [POLLS] [PHASES]
#   (defaults: 200 scrapes, 60 polls, PHASES=snmpd,recordings; PHASES may also come from the environment;
#   ROUNDS=N and RECORDINGS=... from the environment only, see below)
# Everything runs inside a network namespace created here (lo + 28 veth pairs = 57 interfaces); all traffic is to
# 127.0.0.1 inside it. The namespace and every process are removed by PID on exit. Loops are bounded in count.
# Needs: `scripts/setup --bench` (prometheus-snmp-exporter, curl), `scripts/setup` (the venv with snmpsim and
# snmpsim-data, at ${VEDETTA_VENV:-.venv}) and a release build (built here if missing).
#
# Phase `snmpd`: snmpd with 57 interfaces; the exporter's `if_mib` module against `vedetta run` with
# `profiles: [if-mib]`, SCRAPES scrapes and a POLLS-second window of 1 s polls.
#
# Phase `recordings`: snmpsim (snmpsim-command-responder, flags as Tests/VedettaTestSupport/SNMP/SNMPSimFixture)
# serves each recording of RECORDINGS (NAME=PATH ..., PATH relative to snmpsim_data/data, without .snmprec[.bz2])
# under the community NAME. Each must answer and its ifIndex column must walk with GETBULK to as many rows as the
# file holds. Three rows per recording: the exporter (the same if_mib module with auth.community NAME, as module
# if_mib_NAME), `vedetta run` with `profiles: [if-mib]` (like for like) and with no `profiles` key (profiles
# selected by sysObjectID, docs/probes/snmp.md). The default recordings, from snmpsim-data 1.0.1:
# - big-switch = network/switch/h3c-comware-lsq1wcmd0-2509p61: an H3C Comware switch with 1,317 ifIndex rows, the
#   most of any switch in snmpsim-data (only a Ruijie wifi controller has more), with ifXTable 64-bit counters and
#   ifAlias on every row (48 characters on average); sysObjectID 1.3.6.1.4.1.25506.1.612 matches no vendor profile,
#   so auto selects system + if-mib. ifTable + ifXTable are 54,000 varbinds.
# - router = network/router/juniper-mx960-16-1r6-7-a: a Juniper MX960 (JUNOS 16.1R6) with 91 interfaces (the most
#   of the Juniper recordings), 64-bit counters and ifAlias; the only MX960 recording with both entPhysicalTable
#   and jnxOperatingTable rows, so auto's system, if-mib, entity-mib, entity-sensor and juniper do real work. (The
#   one Cisco router recording has 28 interfaces and no 64-bit counters.)
# snmpsim answers about 5,000 varbinds/s, so one poll of big-switch takes seconds. Hence, per recording:
# - the poll interval is 1 s when one poll (`vedetta probe device`, both profile sets, the slower) takes at most
#   0.45 s, otherwise twice that rounded up to whole seconds; the timeout is the interval less 100 ms;
# - the counts are scaled to about as many varbinds per row as snmpd-57 (~1,500 varbinds per poll):
#   SCRAPES x 1,500 / varbinds-per-scrape scrapes and POLLS x 1,500 / varbinds-per-poll polls, each between 10 and
#   SCRAPES (POLLS); the Vedetta window runs from the end of one poll to the end of the POLLS-th after it, the
#   polls counted from vedetta_probe_runs_total{kind="snmp"} as in the snmpd phase;
# - the three rows alternate in ROUNDS rounds (environment, default 3; each a ROUNDS-th of the counts): exporter,
#   if-mib agent, auto agent, then again, so that a slow spell of the machine falls on all three and not on one.
# Varbinds per poll: the exporter's own snmp_scrape_pdus_returned (checked against an snmpbulkwalk of its walks);
# for Vedetta, which exports no varbind count, an snmpbulkwalk of every distinct `oid:` of the profiles polled
# (values only; missing objects are not counted). The auto profiles are the ones `vedetta discover` selects for the
# recording with the same probes_dir (the agent's selection code; the agent logs it only at info).
# Idle CPU: the exporter's rate over 10 s without scrapes, measured once; Vedetta's, the CPU of an agent without
# devices that runs beside every polling agent, over the same windows.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/Benchmarks/SNMPExporterComparison"
scrapes="${1:-200}"
polls="${2:-60}"
phases="${3:-${PHASES:-snmpd,recordings}}"
rounds="${ROUNDS:-3}"
recordings="${RECORDINGS:-big-switch=network/switch/h3c-comware-lsq1wcmd0-2509p61 router=network/router/juniper-mx960-16-1r6-7-a}"
venv="${VEDETTA_VENV:-$repo/.venv}"
[ "$scrapes" -ge 10 ] && [ "$scrapes" -le 5000 ] || { echo "SCRAPES must be 10..5000" >&2; exit 64; }
[ "$polls" -ge 10 ] && [ "$polls" -le 600 ] || { echo "POLLS must be 10..600" >&2; exit 64; }
[[ "$rounds" =~ ^[1-9]$ ]] || { echo "ROUNDS must be 1..9" >&2; exit 64; }
[[ "$phases" =~ ^(snmpd|recordings)(,(snmpd|recordings))?$ ]] || { echo "PHASES: snmpd, recordings or both, comma-separated" >&2; exit 64; }
has_phase() { [[ ",$phases," == *",$1,"* ]]; }
[ "$(id -u)" -eq 0 ] || { echo "run as root: the benchmark creates a network namespace" >&2; exit 77; }
exporter_bin="$(command -v prometheus-snmp-exporter)" || { echo "run scripts/setup --bench first" >&2; exit 69; }
if has_phase recordings; then
    sim_bin="$venv/bin/snmpsim-command-responder"
    [ -x "$sim_bin" ] || { echo "snmpsim not found at $sim_bin; run scripts/setup" >&2; exit 69; }
    sim_data="$(echo "$venv"/lib/python3*/site-packages/snmpsim_data/data)"
    [ -d "$sim_data" ] || { echo "snmpsim-data not found under $venv; run scripts/setup" >&2; exit 69; }
    for rec in $recordings; do
        [[ "$rec" =~ ^[a-z0-9-]+=[A-Za-z0-9/._-]+$ ]] || { echo "RECORDINGS: NAME=PATH, got $rec" >&2; exit 64; }
    done
fi

# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"

ns="vedetta-bench-$$"
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do stop "$pid"; done
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# --- the namespace: lo + 28 veth pairs = 57 interfaces -------------------------------------------------------------
ip netns add "$ns"
in_ns ip link set lo up
for i in $(seq 1 28); do
    in_ns ip link add "port$((2 * i - 1))" type veth peer name "port$((2 * i))"
    in_ns ip link set "port$((2 * i - 1))" up
    in_ns ip link set "port$((2 * i))" up
done

snmp_port=16161 exporter_port=19116 agent_port=19470 idle_port=19471   # ports are private to the namespace
sim_port=16162
community=bench
snmp_at() {  # ADDRESS COMMUNITY COMMAND [OPTIONS...] OID
    local address="$1" comm="$2" cmd="$3" oid="${*: -1}"
    shift 3
    in_ns env MIBS="" "$cmd" -m "" -v2c -c "$comm" -t 5 -r 1 "${@:1:$#-1}" "$address" "$oid"
}
snmp() { snmp_at "127.0.0.1:$snmp_port" "$community" "$@"; }  # COMMAND [OPTIONS...] OID, to snmpd

wait_http() {  # URL: waits up to 20 s for an HTTP answer
    for _ in $(seq 1 200); do in_ns curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
    echo "no answer from $1" >&2; exit 70
}
# utime+stime of a process, in seconds.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
walk_count() {  # OID [ADDRESS COMMUNITY]: the values snmpbulkwalk reads under OID (snmpd by default)
    snmp_at "${2:-127.0.0.1:$snmp_port}" "${3:-$community}" snmpbulkwalk -On -Cr25 "$1" |
        grep -Evc "No more variables left|No Such (Object|Instance)" || true
}

# --- prometheus-snmp-exporter: module if_mib for snmpd, if_mib_NAME for each recording ------------------------------
python3 "$here/if_mib_snmp_yml.py" "$community" >"$work/snmp.yml"
if has_phase recordings; then
    for rec in $recordings; do
        python3 "$here/if_mib_snmp_yml.py" "${rec%%=*}" | sed -e '/^# /d' -e "s/^if_mib:/if_mib_${rec%%=*}:/" \
            >>"$work/snmp.yml"
    done
fi
ip netns exec "$ns" "$exporter_bin" --config.file="$work/snmp.yml" --web.listen-address="127.0.0.1:$exporter_port" \
    --log.level=warn 2>"$work/exporter.log" &
exporter_pid=$!
pids+=("$exporter_pid")
wait_http "http://127.0.0.1:$exporter_port/"
exporter_idle_rate=""
measure_exporter_idle() {  # once: the exporter's CPU rate over 10 s without scrapes
    [ -z "$exporter_idle_rate" ] || return 0
    c0=$(cpu_of "$exporter_pid"); t0=$(now); sleep 10; c1=$(cpu_of "$exporter_pid"); t1=$(now)
    exporter_idle_rate=$(python3 -c "print(($c1 - $c0) / ($t1 - $t0))")
}

# --- Vedetta -------------------------------------------------------------------------------------------------------
mkdir -p "$work/probes" "$work/idle-data" "$work/poll-data"
cp "$repo"/probes/*.yaml "$work/probes/"   # every profile, for automatic selection
write_config() {  # FILE INTERVAL TIMEOUT [none | NAME ADDRESS COMMUNITY PROFILES]: no device, or one device (the
                  # snmpd one with [if-mib] by default; PROFILES `auto` writes no profiles key)
    cat >"$1" <<YAML
agent:
  default_interval: $2
  default_timeout: $3
probes_dir: $work/probes
alerts_dir: $repo/alerts
YAML
    if [ "${4:-}" = none ]; then echo "devices: []" >>"$1"; return; fi
    cat >>"$1" <<YAML
devices:
  - name: ${4:-bench-switch}
    labels: {site: bench, role: switch}
    snmp:
      address: ${5:-127.0.0.1:$snmp_port}
      community: ${6:-$community}
      max_repetitions: 25
YAML
    [ "${7:-if-mib}" = auto ] || echo "      profiles: [${7:-if-mib}]" >>"$1"
}
runs_of() {  # PORT: completed SNMP polls, from the agent's own /metrics
    in_ns curl -sf "http://127.0.0.1:$1/metrics" |
        awk '/^vedetta_probe_runs_total\{/ && /kind="snmp"/ { n += $2 } END { printf "%d", n }'
}
failed_of() {  # PORT: SNMP polls that did not succeed
    in_ns curl -sf "http://127.0.0.1:$1/metrics" |
        awk '/^vedetta_probe_runs_total\{/ && /kind="snmp"/ && !/outcome="success"/ { n += $2 } END { printf "%d", n }'
}
wait_runs() {  # PORT COUNT [SECONDS]: waits up to SECONDS (30) for COUNT completed polls
    for _ in $(seq 1 $((${3:-30} * 10))); do [ "$(runs_of "$1")" -ge "$2" ] && return 0; sleep 0.1; done
    echo "vedetta on port $1 did not complete $2 polls" >&2; exit 70
}
start_agent() {  # CONFIG DATA PORT -> sets agent_pid
    ip netns exec "$ns" "$vedetta" run --config "$1" --data "$2" --listen "127.0.0.1:$3" --log-level warning \
        2>>"$work/vedetta.log" >&2 &
    agent_pid=$!
    pids+=("$agent_pid")
    wait_http "http://127.0.0.1:$3/healthz"
}
# Idle agent: the same configuration (rules, HTTP listener, store) without the device, started once and left
# running beside every polling agent; its CPU over each polling window is that window's idle CPU, so that both are
# measured under the same load of the machine (a shared virtual machine moves both by tens of percent).
idle_pid=""
start_vedetta_idle() {  # once
    [ -z "$idle_pid" ] || return 0
    write_config "$work/idle.yaml" 1s 900ms none
    start_agent "$work/idle.yaml" "$work/idle-data" "$idle_port"
    idle_pid=$agent_pid
    sleep 3
}

# --- phase snmpd: snmpd with 57 interfaces -------------------------------------------------------------------------
snmpd_phase() {
    cat >"$work/snmpd.conf" <<CONF
rocommunity $community 127.0.0.1
sysName bench-switch
CONF
    mkdir -p "$work/persist"
    MIBS="" MIBDIRS="$work" SNMP_PERSISTENT_DIR="$work/persist" SNMPCONFPATH="$work" \
        ip netns exec "$ns" /usr/sbin/snmpd -f -Lf "$work/snmpd.log" -C -c "$work/snmpd.conf" "udp:127.0.0.1:$snmp_port" &
    pids+=($!)
    for _ in $(seq 1 100); do snmp snmpget 1.3.6.1.2.1.1.5.0 >/dev/null 2>&1 && break; sleep 0.1; done
    if_number=$(snmp snmpget -Oqv 1.3.6.1.2.1.2.1.0)
    [ "$if_number" -eq 57 ] || { echo "snmpd reports ifNumber $if_number, expected 57" >&2; exit 70; }

    # The exporter.
    scrape_url="http://127.0.0.1:$exporter_port/snmp?target=127.0.0.1:$snmp_port&module=if_mib"
    in_ns curl -sf "$scrape_url" >"$work/scrape.txt"
    for _ in 1 2 3; do in_ns curl -sf -o /dev/null "$scrape_url"; done   # warm-up
    exporter_varbinds=$(awk '/^snmp_scrape_pdus_returned /{ print $2 }' "$work/scrape.txt")
    exporter_walked=$(( $(walk_count 1.3.6.1.2.1.2) + $(walk_count 1.3.6.1.2.1.31.1.1) + 1 ))
    exporter_samples=$(grep -vc '^#' "$work/scrape.txt")
    # Idle rate, then SCRAPES back-to-back scrapes (one curl each).
    measure_exporter_idle
    c0=$(cpu_of "$exporter_pid"); t0=$(now)
    for _ in $(seq 1 "$scrapes"); do in_ns curl -sf -o /dev/null "$scrape_url"; done
    c1=$(cpu_of "$exporter_pid"); t1=$(now)
    exporter_cpu=$(python3 -c "print($c1 - $c0)"); exporter_wall=$(python3 -c "print($t1 - $t0)")

    # Vedetta.
    vedetta_varbinds=0
    for oid in $(awk '$1 == "oid:" { print $2 }' "$work/probes/if-mib.yaml"); do
        vedetta_varbinds=$((vedetta_varbinds + $(walk_count "$oid")))
    done
    start_vedetta_idle

    # Polling agent: every second; the window spans POLLS seconds, the completed polls are counted from /metrics.
    write_config "$work/poll.yaml" 1s 900ms
    start_agent "$work/poll.yaml" "$work/poll-data" "$agent_port"
    poll_pid=$agent_pid
    wait_runs "$agent_port" 3
    c0=$(cpu_of "$poll_pid"); i0=$(cpu_of "$idle_pid"); t0=$(now); r0=$(runs_of "$agent_port")
    sleep "$polls"
    r1=$(runs_of "$agent_port"); c1=$(cpu_of "$poll_pid"); i1=$(cpu_of "$idle_pid"); t1=$(now)
    vedetta_polls=$((r1 - r0))
    vedetta_cpu=$(python3 -c "print($c1 - $c0)"); vedetta_wall=$(python3 -c "print($t1 - $t0)")
    vedetta_idle_rate=$(python3 -c "print(($i1 - $i0) / ($t1 - $t0))")
    failed=$(failed_of "$agent_port")
    stop "$poll_pid"

    python3 - <<PY
scrapes, polls = $scrapes, $vedetta_polls
ev, ew, es = $exporter_varbinds, $exporter_walked, $exporter_samples
vv = $vedetta_varbinds
e_cpu = $exporter_cpu - $exporter_idle_rate * $exporter_wall
v_cpu = $vedetta_cpu - $vedetta_idle_rate * $vedetta_wall
e_k = e_cpu / scrapes / ev * 1000
v_k = v_cpu / polls / vv * 1000
print(f"snmpd: ifNumber $if_number; exporter: {scrapes} scrapes in {$exporter_wall:.1f} s; "
      f"vedetta: {polls} polls in {$vedetta_wall:.1f} s (failed polls since start: $failed)")
print(f"exporter varbinds/scrape: {ev} (snmp_scrape_pdus_returned; snmpbulkwalk of its walks + get: {ew}), "
      f"samples/scrape: {es}")
print(f"idle CPU rate subtracted: exporter {$exporter_idle_rate:.5f} s/s, "
      f"vedetta {$vedetta_idle_rate:.5f} s/s (an agent without devices, same window)")
print(f"{'poller':<28}{'varbinds/poll':>14}{'CPU/poll (s)':>14}{'CPU per 1,000 varbinds (s)':>28}")
print(f"{'prometheus-snmp-exporter':<28}{ev:>14}{e_cpu / scrapes:>14.5f}{e_k:>28.5f}")
print(f"{'vedetta run':<28}{vv:>14}{v_cpu / polls:>14.5f}{v_k:>28.5f}")
print(f"ratio exporter/vedetta per 1,000 varbinds: {e_k / v_k:.2f}")
PY
}

# --- phase recordings: real devices recorded in snmpsim-data, served by snmpsim ------------------------------------
per_round() {  # COUNT: COUNT / ROUNDS, rounded up
    echo $((($1 + rounds - 1) / rounds))
}
scaled() {  # COUNT VARBINDS: COUNT x 1,500 / VARBINDS, rounded up, between 10 and COUNT
    local n=$((($1 * 1500 + $2 - 1) / $2))
    [ "$n" -le "$1" ] || n=$1
    [ "$n" -ge 10 ] || n=10
    echo "$n"
}
oid_values() {  # ADDRESS COMMUNITY OID: the rows of a column (or subtree); fails unless snmpbulkwalk ends cleanly
    local out
    out=$(snmp_at "$1" "$2" snmpbulkwalk -On -Cr25 "$3" 2>&1) || { echo "snmpbulkwalk $3 ($2) failed: ${out: -300}" >&2; exit 70; }
    grep -c "^\.$3\." <<<"$out" || true
}
poll_seconds() {  # CONFIG NAME: duration of one poll by `vedetta probe device` (fails unless the device is up)
    local out
    out=$(in_ns "$vedetta" probe device "$2" --config "$1" 2>&1 | head -1) || true
    [[ "$out" =~ :\ up\ in\ ([0-9.]+)\ s ]] || { echo "vedetta probe device $2: $out" >&2; exit 70; }
    echo "${BASH_REMATCH[1]}"
}
vedetta_row() {  # CONFIG DATA INTERVAL_S POLLS -> row_polls row_cpu row_idle row_wall row_failed
    # One agent; after 3 polls, the window runs from the end of one poll to the end of the POLLS-th after it, so
    # that it holds whole polls only (/metrics is read every 0.1 s only in the last half interval). row_idle: the
    # idle agent's CPU over the same window.
    start_agent "$1" "$2" "$agent_port"
    poll_pid=$agent_pid
    wait_runs "$agent_port" 3 $((4 * $3 + 30))
    wait_runs "$agent_port" $(($(runs_of "$agent_port") + 1)) $((2 * $3 + 30))
    r0=$(runs_of "$agent_port"); f0=$(failed_of "$agent_port"); c0=$(cpu_of "$poll_pid"); i0=$(cpu_of "$idle_pid")
    t0=$(now)
    sleep "$(python3 -c "print($3 * ($4 - 0.5))")"
    wait_runs "$agent_port" $((r0 + $4)) $((2 * $3 + 30))
    c1=$(cpu_of "$poll_pid"); i1=$(cpu_of "$idle_pid"); t1=$(now); r1=$(runs_of "$agent_port")
    f1=$(failed_of "$agent_port")
    row_polls=$((r1 - r0)); row_failed=$((f1 - f0))
    row_cpu=$(python3 -c "print($c1 - $c0)"); row_idle=$(python3 -c "print($i1 - $i0)")
    row_wall=$(python3 -c "print($t1 - $t0)")
    stop "$poll_pid"
}
add_row() {  # PREFIX: adds the latest vedetta_row to the caller's PREFIX_n, _cpu, _idle, _wall and _failed
    local -n total_n="$1_n" total_cpu="$1_cpu" total_idle="$1_idle" total_wall="$1_wall" total_failed="$1_failed"
    total_n=$((total_n + row_polls)); total_failed=$((total_failed + row_failed))
    total_cpu=$(python3 -c "print($total_cpu + $row_cpu)"); total_idle=$(python3 -c "print($total_idle + $row_idle)")
    total_wall=$(python3 -c "print($total_wall + $row_wall)")
}
recording_table() {  # NAME PATH: the three rows for one recording, served by snmpsim under community NAME
    local name="$1" path="$2" address="127.0.0.1:$sim_port" file="$work/snmpsim/data/$1.snmprec"
    local interfaces sys_object_id if_rows auto_profiles oid
    interfaces=$(grep -c '^1\.3\.6\.1\.2\.1\.2\.2\.1\.1\.' "$file" || true)
    sys_object_id=$(snmp_at "$address" "$name" snmpget -Onqv 1.3.6.1.2.1.1.2.0)
    if_rows=$(oid_values "$address" "$name" 1.3.6.1.2.1.2.2.1.1)
    [ "$interfaces" -gt 0 ] && [ "$if_rows" -eq "$interfaces" ] ||
        { echo "$name: snmpbulkwalk of ifIndex gives $if_rows rows, the recording has $interfaces" >&2; exit 70; }

    # The exporter: its walks must end cleanly; SCRAPES scaled by its varbinds, back-to-back.
    local scrape_url="http://127.0.0.1:$exporter_port/snmp?target=$address&module=if_mib_$name"
    in_ns curl -sf --max-time 300 "$scrape_url" >"$work/scrape-$name.txt"
    in_ns curl -sf --max-time 300 -o /dev/null "$scrape_url"   # warm-up
    local e_varbinds e_walked e_samples e_round_scrapes e_scrapes e_cpu e_wall
    e_varbinds=$(awk '/^snmp_scrape_pdus_returned /{ print $2 }' "$work/scrape-$name.txt")
    [ "${e_varbinds:-0}" -gt 0 ] || { echo "$name: the exporter returned no varbinds" >&2; exit 70; }
    e_walked=$(oid_values "$address" "$name" 1.3.6.1.2.1.2)
    e_walked=$((e_walked + $(oid_values "$address" "$name" 1.3.6.1.2.1.31.1.1) + 1))
    e_samples=$(grep -vc '^#' "$work/scrape-$name.txt")
    e_round_scrapes=$(per_round "$(scaled "$scrapes" "$e_varbinds")")
    measure_exporter_idle

    # Vedetta: the auto profiles, the varbinds of each profile set, one poll's duration for the interval.
    write_config "$work/$name-if-mib-probe.yaml" 60s 50s "$name" "$address" "$name" if-mib
    write_config "$work/$name-auto-probe.yaml" 60s 50s "$name" "$address" "$name" auto
    auto_profiles=$(in_ns "$vedetta" discover "$address" -c "$name" --timeout 5s --retries 1 \
        --config "$work/$name-auto-probe.yaml" 2>/dev/null | sed -n 's/^ *profiles: \[\([^]]*\)\].*/\1/p' | tr -d ' ')
    [ -n "$auto_profiles" ] || { echo "$name: vedetta discover selected no profiles" >&2; exit 70; }
    local v_if_varbinds=0 v_auto_varbinds=0
    for oid in $(awk '$1 == "oid:" { print $2 }' "$work/probes/if-mib.yaml" | sort -u); do
        v_if_varbinds=$((v_if_varbinds + $(walk_count "$oid" "$address" "$name")))
    done
    for oid in $(for p in ${auto_profiles//,/ }; do awk '$1 == "oid:" { print $2 }' "$work/probes/$p.yaml"; done | sort -u); do
        v_auto_varbinds=$((v_auto_varbinds + $(walk_count "$oid" "$address" "$name")))
    done
    local d_if d_auto interval
    d_if=$(poll_seconds "$work/$name-if-mib-probe.yaml" "$name")
    d_auto=$(poll_seconds "$work/$name-auto-probe.yaml" "$name")
    interval=$(python3 -c "import math; d = max($d_if, $d_auto); print(1 if d <= 0.45 else math.ceil(2 * d))")
    write_config "$work/$name-if-mib.yaml" "${interval}s" "$((interval * 1000 - 100))ms" "$name" "$address" "$name" if-mib
    write_config "$work/$name-auto.yaml" "${interval}s" "$((interval * 1000 - 100))ms" "$name" "$address" "$name" auto
    start_vedetta_idle
    local if_polls auto_polls
    if_polls=$(per_round "$(scaled "$polls" "$v_if_varbinds")")
    auto_polls=$(per_round "$(scaled "$polls" "$v_auto_varbinds")")

    # ROUNDS rounds, each the exporter's scrapes, then the if-mib agent's polls, then the auto agent's: the three
    # rows share the machine's good and bad minutes instead of each having its own.
    e_cpu=0 e_wall=0
    local if_n=0 if_cpu=0 if_idle=0 if_wall=0 if_failed=0 auto_n=0 auto_cpu=0 auto_idle=0 auto_wall=0 auto_failed=0
    local round
    for round in $(seq 1 "$rounds"); do
        c0=$(cpu_of "$exporter_pid"); t0=$(now)
        for _ in $(seq 1 "$e_round_scrapes"); do in_ns curl -sf --max-time 300 -o /dev/null "$scrape_url"; done
        c1=$(cpu_of "$exporter_pid"); t1=$(now)
        e_cpu=$(python3 -c "print($e_cpu + $c1 - $c0)"); e_wall=$(python3 -c "print($e_wall + $t1 - $t0)")
        vedetta_row "$work/$name-if-mib.yaml" "$work/$name-if-mib-data" "$interval" "$if_polls"
        add_row if
        vedetta_row "$work/$name-auto.yaml" "$work/$name-auto-data" "$interval" "$auto_polls"
        add_row auto
    done
    e_scrapes=$((e_round_scrapes * rounds))

    python3 - <<PY
name, path, interfaces, soid = "$name", "$path", $interfaces, "$sys_object_id".lstrip(".")
scrapes, ev, ew, es = $e_scrapes, $e_varbinds, $e_walked, $e_samples
e_idle = $exporter_idle_rate
e_cpu = $e_cpu - e_idle * $e_wall
rows = [("vedetta run (if-mib)", $v_if_varbinds, $if_n, $if_cpu - $if_idle),
        ("vedetta run (auto)", $v_auto_varbinds, $auto_n, $auto_cpu - $auto_idle)]
e_k = e_cpu / scrapes / ev * 1000
print(f"recording {name}: snmpsim-data {path} (sysObjectID {soid}, {interfaces} interfaces); "
      f"$rounds rounds; exporter: {scrapes} scrapes in {$e_wall:.1f} s; vedetta: one poll every $interval s "
      f"(one poll took {max($d_if, $d_auto):.2f} s), if-mib {$if_n} polls in {$if_wall:.1f} s, "
      f"auto {$auto_n} polls in {$auto_wall:.1f} s (failed polls in the windows: $if_failed, $auto_failed)")
print(f"exporter varbinds/scrape: {ev} (snmp_scrape_pdus_returned; snmpbulkwalk of its walks + get: {ew}), "
      f"samples/scrape: {es}")
print(f"vedetta auto profiles (by sysObjectID): $auto_profiles; varbinds/poll: snmpbulkwalk of each profile OID")
print(f"idle CPU subtracted: exporter {e_idle:.5f} s/s; vedetta, an agent without devices over the same windows: "
      f"{$if_idle / $if_wall:.5f} s/s (if-mib), {$auto_idle / $auto_wall:.5f} s/s (auto)")
print(f"{'poller':<28}{'varbinds/poll':>14}{'CPU/poll (s)':>14}{'CPU per 1,000 varbinds (s)':>28}"
      f"{'exporter/vedetta':>18}")
print(f"{'prometheus-snmp-exporter':<28}{ev:>14}{e_cpu / scrapes:>14.5f}{e_k:>28.5f}{'':>18}")
for label, vv, n, cpu in rows:
    v_k = cpu / n / vv * 1000
    print(f"{label:<28}{vv:>14}{cpu / n:>14.5f}{v_k:>28.5f}{e_k / v_k:>18.2f}")
PY
}
recordings_phase() {
    mkdir -p "$work/snmpsim/data" "$work/snmpsim/cache"
    local rec
    for rec in $recordings; do
        local source="$sim_data/${rec#*=}.snmprec"
        if [ -f "$source" ]; then cp "$source" "$work/snmpsim/data/${rec%%=*}.snmprec"
        elif [ -f "$source.bz2" ]; then bzcat "$source.bz2" >"$work/snmpsim/data/${rec%%=*}.snmprec"
        else echo "recording ${rec#*=} not found in $sim_data" >&2; exit 69; fi
    done
    # snmpsim refuses to run as root unless allowed; it indexes the recordings before it answers.
    SNMPSIM_ALLOW_ROOT=true ip netns exec "$ns" "$sim_bin" --data-dir="$work/snmpsim/data" \
        --cache-dir="$work/snmpsim/cache" --agent-udpv4-endpoint="127.0.0.1:$sim_port" --log-level=error \
        >"$work/snmpsim.log" 2>&1 &
    sim_pid=$!
    pids+=("$sim_pid")
    for rec in $recordings; do  # up to 300 s in all for the indexing
        for _ in $(seq 1 300); do
            kill -0 "$sim_pid" 2>/dev/null || { echo "snmpsim exited: $(tail -5 "$work/snmpsim.log")" >&2; exit 70; }
            snmp_at "127.0.0.1:$sim_port" "${rec%%=*}" snmpget -t 1 -r 0 1.3.6.1.2.1.1.2.0 >/dev/null 2>&1 && break
            sleep 1
        done
        snmp_at "127.0.0.1:$sim_port" "${rec%%=*}" snmpget 1.3.6.1.2.1.1.2.0 >/dev/null ||
            { echo "snmpsim does not answer for ${rec%%=*}" >&2; exit 70; }
    done
    for rec in $recordings; do recording_table "${rec%%=*}" "${rec#*=}"; done
}

if has_phase snmpd; then snmpd_phase; fi
if has_phase recordings; then recordings_phase; fi
