#!/usr/bin/env bash
# ICMP ping at scale: one `vedetta run` pinging HOSTS addresses every 10 s, then Debian's fping in loop mode on the
# same targets at the same period, one after the other in one run. Reports each pinger's CPU (% of one core, user+sys
# of its process), its CPU-seconds per 1,000 echo requests (all of it, and above a 10-target run of the same
# program), the ratio fping / Vedetta, context switches per request, the loss each saw, and Vedetta's memory.
#
# Usage (as root): Benchmarks/ICMPScale/run.sh [HOSTS] [WINDOW] [PACKETS]
#   (defaults: 2000 hosts, a 120-second window, PACKETS=1,3: one Vedetta row per value, each host with
#   `icmp: {packets: N, interval: 1s, packet_timeout: 1s}`; fping sends one request per target every 10 s)
# Network safety: everything runs inside a network namespace created here that has only `lo` and a local route for
# 10.78.0.0/16, so the namespace's own kernel answers every echo request to 10.78.x.y; host i is
# 10.78.(1 + i / 250).(1 + i % 250). Both pingers run inside it (`ip netns exec`); it has no other interface and no
# other route, so nothing can leave it (any other address is "Network is unreachable"). The new namespace's
# net.ipv4.ping_group_range is "1 0" (nobody), so as root both pingers open a raw ICMP socket, like for like; the
# script checks that with `ss -w`. The namespace and every process are removed by PID on exit; every loop is bounded
# in count.
# Counting: echo requests are the namespace kernel's Icmp InEchos (/proc/net/snmp read inside it) at both ends of the
# window, read with the CPU; one pinger runs at a time, so that is exactly what it sent. Each is checked against the
# pinger's own count: vedetta_probe_runs_total{kind="icmp"} x PACKETS from the agent's /metrics, and the sums of
# fping's interim summaries. fping runs as `fping -l -p 10000 -i I -t 1000 -Q 3600 -f FILE`: -Q 3600 prints nothing
# but the summaries asked for with SIGQUIT (-q does not silence loop mode in fping 5.1); I is 1 ms, less above 5,000
# targets, so that one round of requests takes at most 5 s of the 10.
# Vedetta: the release `vedetta run` with no rules and no profiles (what the agent needs to start: a temporary data
# directory, its listener on 127.0.0.1 inside the namespace), devices host-00000 ... each `interval: 10s`. A run of N
# requests holds a scheduler slot for N - 1 seconds, so for N > 1 the config raises `max_concurrent_probes` from
# its default 256 to twice the average number of runs in flight (2 x HOSTS x (N - 1) / 10); the report warns when
# fewer than 97 % of the hosts are run per 10 s.
# Phases (about 8 minutes with the defaults): Vedetta with 10 hosts, 12 s start-up then 20 s measured (its CPU rate is
# the fixed cost subtracted in the "above 10 targets" column); Vedetta with HOSTS for each PACKETS value (12 s: every
# host is pinged once within 5 s of start, checked, waiting up to 30 s more; then WINDOW); fping with 10 targets
# (20 s), then with HOSTS (12 s, then WINDOW); each fping summary comes at fping's next wake-up, up to 10 s later.
# Needs: fping (`scripts/setup --bench`), iproute2, curl, python3, and a release build (built here if missing or
# older than Sources/ or Package.swift).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
hosts="${1:-2000}"
window="${2:-120}"
packets_list="${3:-1,3}"
small=10 interval=10 warm=12 small_window=20
[ "$hosts" -ge 20 ] && [ "$hosts" -le 20000 ] || { echo "HOSTS must be 20..20000" >&2; exit 64; }
[ "$window" -ge 30 ] && [ "$window" -le 1800 ] || { echo "WINDOW must be 30..1800 seconds" >&2; exit 64; }
[[ "$packets_list" =~ ^[1-9](,[1-9]){0,3}$ ]] || { echo "PACKETS: 1 to 4 values 1..9, comma-separated" >&2; exit 64; }
[ "$(id -u)" -eq 0 ] || { echo "run as root: the benchmark creates a network namespace" >&2; exit 77; }
fping_bin="$(command -v fping)" || { echo "fping is missing: run scripts/setup --bench" >&2; exit 69; }
command -v curl >/dev/null || { echo "curl is missing: run scripts/setup --bench" >&2; exit 69; }
# One round of fping requests (a target every I ms) within half the period.
fping_gap=$(python3 -c "print(f'{min(1.0, 5000 / $hosts):g}')")

# A release build of the current sources (common.sh builds only a missing one).
if [ -x "$repo/.build/release/vedetta" ] &&
    [ -n "$(find "$repo/Sources" "$repo/Package.swift" -newer "$repo/.build/release/vedetta" -print -quit)" ]; then
    echo "building vedetta (release): the binary is older than the sources" >&2
    if ! build_log=$(cd "$repo" && swift build -c release --product vedetta 2>&1); then
        grep -E 'error' <<<"$build_log" | head -20 >&2
        echo "the release build failed" >&2
        exit 70
    fi
fi
# shellcheck source=../lib/common.sh
source "$repo/Benchmarks/lib/common.sh"
build="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[ -z "$(git -C "$repo" status --porcelain -- Sources Package.swift 2>/dev/null)" ] || build="$build with local changes"

ns="vedetta-icmp-$$"
work="$(mktemp -d)"
pids=()
cleanup() {
    local status=$?
    [ "$status" -eq 0 ] || { echo "failed ($status); vedetta's log:" >&2; tail -n 30 "$work/vedetta.log" >&2 || true; }
    for pid in "${pids[@]}"; do stop "$pid"; done
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# --- the namespace: `lo` only, every 10.78.0.0/16 address local --------------------------------------------------
ip netns add "$ns"
in_ns ip link set lo up
in_ns ip route add local 10.78.0.0/16 dev lo
links=$(in_ns ip -o link show | wc -l)
[ "$links" -eq 1 ] || { echo "the namespace has $links interfaces, expected lo only" >&2; exit 70; }
address() { echo "10.78.$((1 + $1 / 250)).$((1 + $1 % 250))"; }
in_ns "$vedetta" probe icmp "$(address $((hosts - 1)))" --packets 1 >/dev/null ||
    { echo "$(address $((hosts - 1))) does not answer ping inside the namespace" >&2; exit 70; }
for i in $(seq 0 $((hosts - 1))); do address "$i"; done >"$work/targets.txt"
head -n "$small" "$work/targets.txt" >"$work/targets-small.txt"

cpu_of() {  # PID: utime+stime in clock ticks; fails when the process has gone
    [ -r "/proc/$1/stat" ] || { echo "process $1 exited" >&2; exit 70; }
    awk '{ print $14 + $15 }' "/proc/$1/stat"
}
rss_of() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"; }   # KiB
switches_of() {  # PID: context switches (voluntary and not) of its threads alive now
    cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^(non)?voluntary_ctxt_switches:/ { n += $2 } END { print n + 0 }'
}
in_echos() {  # echo requests the namespace's kernel has received (Icmp InEchos, found by its name)
    in_ns awk '$1 == "Icmp:" { if (!col) { for (i = 2; i <= NF; i++) if ($i == "InEchos") col = i; next }
        print $col; exit }' /proc/net/snmp
}
[[ "$(in_echos)" =~ ^[0-9]+$ ]] || { echo "/proc/net/snmp in the namespace has no Icmp InEchos" >&2; exit 70; }
raw_sockets() { in_ns ss -Hwanp | grep -c "pid=$1," || true; }   # PID: its raw sockets in the namespace

# --- Vedetta ---------------------------------------------------------------------------------------------------
agent_port=19490
mkdir -p "$work/alerts" "$work/probes"   # no rules, no profiles: the agent, the probes and /metrics only
write_config() {  # FILE COUNT PACKETS
    python3 - "$1" "$2" "$3" "$work" "$interval" <<'PY'
import sys
path, count, packets, work, interval = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
# A run of N requests 1 s apart holds one of the scheduler's slots for N - 1 seconds: at the default
# max_concurrent_probes (256) 2,000 hosts x 3 requests would get 1,280 runs per 10 s, not 2,000. Room for twice the
# average number of runs in flight, when that is more than the default.
slots = max(256, 2 * count * (packets - 1) // int(interval))
lines = ["agent:", f"  default_interval: {interval}s", "  default_timeout: 5s"]
lines += [f"  max_concurrent_probes: {slots}"] if slots > 256 else []
lines += [f"probes_dir: {work}/probes", f"alerts_dir: {work}/alerts", "devices:"]
spacing = ", interval: 1s" if packets > 1 else ""
for i in range(count):
    lines += [
        f"  - name: host-{i:05d}", f"    interval: {interval}s",
        f"    icmp: {{host: 10.78.{1 + i // 250}.{1 + i % 250}, packets: {packets}{spacing}, packet_timeout: 1s}}",
    ]
open(path, "w").write("\n".join(lines) + "\n")
PY
    "$vedetta" check --config "$1" >/dev/null || { echo "vedetta check rejects $1" >&2; exit 70; }
}
metrics() {  # FILE [QUERY]: the agent's /metrics
    in_ns curl -sf --max-time 60 -o "$1" "http://127.0.0.1:$agent_port/metrics${2:-}"
}
runs_in() {  # FILE [success|failed]: ICMP probe runs counted in a scrape
    awk -v want="${2:-all}" '/^vedetta_probe_runs_total\{/ && /kind="icmp"/ {
        ok = /outcome="success"/
        if (want == "all" || (want == "success" && ok) || (want == "failed" && !ok)) n += $2
    } END { printf "%d", n }' "$1"
}
start_agent() {  # CONFIG DATA -> sets agent_pid; waits up to 60 s for /healthz
    ip netns exec "$ns" "$vedetta" run --config "$1" --data "$2" --listen "127.0.0.1:$agent_port" \
        --log-level warning 2>>"$work/vedetta.log" >&2 &
    agent_pid=$!
    pids+=("$agent_pid")
    for _ in $(seq 1 600); do
        in_ns curl -sf -o /dev/null "http://127.0.0.1:$agent_port/healthz" && return 0
        kill -0 "$agent_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "vedetta did not start:" >&2; cat "$work/vedetta.log" >&2; exit 70
}
vedetta_row() {  # NAME COUNT PACKETS WINDOW: writes $work/NAME.env (figures) and $work/NAME-all.txt (last samples)
    local name="$1" count="$2" packets="$3" seconds="$4" r0 r1 f0 f1 e0 e1 c0 c1 t0 t1 x0 x1 raw
    write_config "$work/$name.yaml" "$count" "$packets"
    start_agent "$work/$name.yaml" "$work/$name-data"
    sleep "$warm"   # every host is pinged once within 5 s of start, then every 10 s; waits up to 30 s more
    local late=0
    for _ in $(seq 1 300); do
        metrics "$work/$name-start.txt"
        r0=$(runs_in "$work/$name-start.txt")
        [ "$r0" -lt "$count" ] || break
        late=$((late + 1))
        sleep 0.1
    done
    [ "$r0" -ge "$count" ] || { echo "$name: only $r0 runs of $count hosts after $((warm + 30)) s" >&2; exit 70; }
    [ "$late" -eq 0 ] || echo "$name: $count runs only $((late / 10)).$((late % 10)) s after the warm-up" >&2
    raw=$(raw_sockets "$agent_pid")
    [ "$raw" -ge 1 ] || { echo "$name: vedetta has no raw ICMP socket in the namespace" >&2; exit 70; }
    f0=$(runs_in "$work/$name-start.txt" failed)
    c0=$(cpu_of "$agent_pid"); e0=$(in_echos); t0=$(now); x0=$(switches_of "$agent_pid")
    sleep "$seconds"
    c1=$(cpu_of "$agent_pid"); e1=$(in_echos); t1=$(now); x1=$(switches_of "$agent_pid")
    metrics "$work/$name-end.txt"
    r1=$(runs_in "$work/$name-end.txt"); f1=$(runs_in "$work/$name-end.txt" failed)
    echo "rss=$(rss_of "$agent_pid") runs=$((r1 - r0)) failed=$((f1 - f0)) echos=$((e1 - e0)) cpu=$((c1 - c0))" \
        "wall=$(python3 -c "print($t1 - $t0)") packets=$packets count=$count raw=$raw" \
        "switches=$((x1 - x0)) threads=$(ls "/proc/$agent_pid/task" | wc -l)" \
        "slots=$(awk '$1 == "max_concurrent_probes:" { print $2 }' "$work/$name.yaml" | grep . || echo 256)" \
        >"$work/$name.env"
    metrics "$work/$name-all.txt" "?all=1"   # after the window: every host's last run
    stop "$agent_pid"
    echo "$name: $(cat "$work/$name.env")" >&2   # progress, and the raw figures
}

# --- fping -------------------------------------------------------------------------------------------------------
summaries() { grep -c '^\[' "$1" || true; }   # FILE: interim summaries printed so far
summary_lines() {  # FILE N: the target lines of the Nth summary printed so far
    awk -v n="$2" '/^\[/ { k++ } k == n && / : xmt\/rcv/ { c++ } END { print c + 0 }' "$1"
}
snapshot() {  # PID FILE: asks fping for an interim summary and waits for all of it (fping reads the signal at its
              # next wake-up: up to one period)
    local want=$(($(summaries "$2") + 1)) lines=$3
    kill -QUIT "$1"
    for _ in $(seq 1 $(((interval + 5) * 20))); do
        if [ "$(summaries "$2")" -ge "$want" ] && [ "$(summary_lines "$2" "$want")" -ge "$lines" ]; then
            snap_time=$(now)
            return 0
        fi
        sleep 0.05
    done
    echo "fping printed no summary within $((interval + 5)) s" >&2; exit 70
}
fping_row() {  # NAME TARGETS COUNT WINDOW: writes $work/NAME.env and $work/NAME.log (the summaries)
    local name="$1" targets="$2" count="$3" seconds="$4" e0 e1 c0 c1 t0 t1 x0 x1 raw s0
    ip netns exec "$ns" "$fping_bin" -l -p $((interval * 1000)) -i "$fping_gap" -t 1000 -Q 3600 -f "$targets" \
        >"$work/$name.out" 2>"$work/$name.log" &
    fping_pid=$!
    pids+=("$fping_pid")
    sleep "$warm"
    [ "$(cat "/proc/$fping_pid/comm" 2>/dev/null)" = fping ] ||
        { echo "fping exited: $(head -5 "$work/$name.log")" >&2; exit 70; }
    raw=$(raw_sockets "$fping_pid")
    [ "$raw" -ge 1 ] || { echo "$name: fping has no raw ICMP socket in the namespace" >&2; exit 70; }
    snapshot "$fping_pid" "$work/$name.log" "$count"   # resets fping's interim counters
    s0=$snap_time
    c0=$(cpu_of "$fping_pid"); e0=$(in_echos); t0=$(now); x0=$(switches_of "$fping_pid")
    sleep "$seconds"
    c1=$(cpu_of "$fping_pid"); e1=$(in_echos); t1=$(now); x1=$(switches_of "$fping_pid")
    snapshot "$fping_pid" "$work/$name.log" "$count"   # the requests and replies since the first
    echo "rss=$(rss_of "$fping_pid") echos=$((e1 - e0)) cpu=$((c1 - c0)) wall=$(python3 -c "print($t1 - $t0)")" \
        "count=$count raw=$raw switches=$((x1 - x0)) threads=1" \
        "between=$(python3 -c "print($snap_time - $s0)")" >"$work/$name.env"
    stop "$fping_pid"
    echo "$name: $(cat "$work/$name.env")" >&2
    [ ! -s "$work/$name.out" ] || { echo "fping printed to stdout: $(head -3 "$work/$name.out")" >&2; exit 70; }
}

# --- the runs, one after the other ---------------------------------------------------------------------------------
started=$(now)
vedetta_row v-small "$small" 1 "$small_window"
rows=()
for p in ${packets_list//,/ }; do
    vedetta_row "v-$p" "$hosts" "$p" "$window"
    rows+=("v-$p")
done
fping_row f-small "$work/targets-small.txt" "$small" "$small_window"
fping_row f-big "$work/targets.txt" "$hosts" "$window"
warnings=$(grep -ciE 'warning|error|critical' "$work/vedetta.log" || true)

python3 - "$work" "${rows[@]}" <<PY
import os, re, statistics, sys
work, rows = sys.argv[1], sys.argv[2:]
hz = $(getconf CLK_TCK)
hosts, small, interval, window, gap = $hosts, $small, $interval, $window, "$fping_gap"
def env(name):
    return {k: float(v) for k, v in (f.split("=") for f in open(os.path.join(work, name + ".env")).read().split())}
def samples(name, metric, want=None):
    out = []
    for line in open(os.path.join(work, name + "-all.txt")):
        if line.startswith(metric + "{") and (want is None or want in line):
            out.append(float(line.rsplit(" ", 1)[1]))
    return out
def last_split(name):  # fping's last interim summary: requests, replies, mean of the targets' average RTT (ms)
    text = open(os.path.join(work, name + ".log")).read()
    block = text.split("\n[")[-1]
    sent = received = 0
    for m in re.finditer(r"xmt/rcv/%loss = (\d+)/(\d+)/", block):
        sent += int(m.group(1)); received += int(m.group(2))
    averages = [float(m.group(1)) for m in re.finditer(r"min/avg/max = [0-9.]+/([0-9.]+)/", block)]
    return sent, received, statistics.mean(averages) if averages else float("nan")
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]

vs, fs, fb = env("v-small"), env("f-small"), env("f-big")
v_base = vs["cpu"] / hz / vs["wall"]
f_base = fs["cpu"] / hz / fs["wall"]
print(f"build $build; hosts {hosts}, one run per host every {interval} s; window {window} s; fping -i {gap} ms; "
      f"raw ICMP sockets: vedetta yes, fping yes; vedetta log lines with warning/error: $warnings")
print(f"10-target runs ({vs['wall']:.0f} s): vedetta {v_base * 100:.3f} % of one core "
      f"({vs['echos']:.0f} requests, RSS {vs['rss'] / 1024:.1f} MiB), fping {f_base * 100:.3f} % "
      f"({fs['echos']:.0f} requests)")
table = []
for name in rows:
    r = env(name)
    cpu = r["cpu"] / hz / r["wall"]
    rate = r["echos"] / r["wall"]
    expected = r["runs"] * r["packets"]
    sent, received = sum(samples(name, "icmp_packets_sent")), sum(samples(name, "icmp_packets_received"))
    durations = samples(name, "probe_duration_seconds", 'probe="icmp"')
    rtt = samples(name, "icmp_rtt_seconds", 'stat="avg"')
    down = sum(1 for v in samples(name, "up", 'probe="icmp"') if v == 0)
    per_interval = r["runs"] / r["wall"] * interval
    if per_interval < 0.97 * hosts:
        print(f"WARNING: vedetta packets {r['packets']:.0f} ran {per_interval:.0f} of {hosts} hosts per {interval} s")
    print(f"vedetta packets {r['packets']:.0f} (max_concurrent_probes {r['slots']:.0f}): {r['runs']:.0f} runs in "
          f"{r['wall']:.1f} s ({per_interval:.0f} per {interval} s, {hosts} scheduled), failed {r['failed']:.0f}; "
          f"requests: kernel InEchos {r['echos']:.0f}, runs x packets {expected:.0f}; last run of every host: "
          f"{sent:.0f} sent, {received:.0f} received, {down} down; RTT avg mean {statistics.mean(rtt) * 1e6:.0f} us; "
          f"run duration p50 {pct(durations, 50) * 1000:.1f} ms, p99 {pct(durations, 99) * 1000:.1f} ms, "
          f"max {max(durations) * 1000:.1f} ms; RSS {r['rss'] / 1024:.1f} MiB "
          f"({(r['rss'] - vs['rss']) / (hosts - small):.1f} KiB per host above the 10-host agent)")
    table.append((f"vedetta run (packets: {r['packets']:.0f})", cpu, rate, v_base, r["switches"] / r["echos"]))
f_cpu = fb["cpu"] / hz / fb["wall"]
f_rate = fb["echos"] / fb["wall"]
f_sent, f_received, f_rtt = last_split("f-big")
print(f"fping: requests: kernel InEchos {fb['echos']:.0f} in {fb['wall']:.1f} s ({f_rate:.1f}/s); its own "
      f"summary between two SIGQUITs {fb['between']:.1f} s apart: {f_sent} sent ({f_sent / fb['between']:.1f}/s), "
      f"{f_received} received ({(1 - f_received / f_sent) * 100 if f_sent else float('nan'):.2f} % loss), "
      f"RTT avg mean {f_rtt * 1000:.0f} us; RSS {fb['rss'] / 1024:.1f} MiB")
table.append(("fping 5.1 -l", f_cpu, f_rate, f_base, fb["switches"] / fb["echos"]))
f_k = f_cpu / f_rate * 1000
f_k_above = (f_cpu - f_base) / f_rate * 1000
print()
print(f"{'pinger':<28}{'requests/s':>11}{'CPU % of one core':>19}{'CPU-s per 1,000 requests':>26}"
      f"{'above 10 targets':>18}{'fping / this':>14}{'switches/request':>18}")
for label, cpu, rate, base, switches in table:
    k = cpu / rate * 1000
    k_above = (cpu - base) / rate * 1000
    ratio = "" if label.startswith("fping") else f"{f_k / k:.2f} ({f_k_above / k_above:.2f})"
    print(f"{label:<28}{rate:>11.1f}{cpu * 100:>19.3f}{k:>26.5f}{k_above:>18.5f}{ratio:>14}{switches:>18.2f}")
print()
print("ratio: fping's CPU per 1,000 requests over Vedetta's, all CPU (above the 10-target run in brackets); "
      "switches: context switches of the process's threads (those alive at both ends of the window) per request")
PY
echo "total $(python3 -c "print(round($(now) - $started))") s" >&2
