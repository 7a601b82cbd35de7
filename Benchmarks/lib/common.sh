# Shared by the benchmark scripts: source it after setting `repo` (the repository root).
# It sets `vedetta` (the release binary, built if missing) and defines the helpers below; `in_ns` uses the
# caller's `ns` (its network namespace) and `stop` reaps processes the caller started.

# VEDETTA_BINARY: another build to measure (e.g. the previous commit's, for a before/after on the same machine).
vedetta="${VEDETTA_BINARY:-$repo/.build/release/vedetta}"
[ -x "$vedetta" ] || (cd "$repo" && swift build -c release --product vedetta >/dev/null)

stop() {  # PID: SIGTERM, up to 10 s to exit, then SIGKILL
    kill "$1" 2>/dev/null || return 0
    for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
in_ns() { ip netns exec "$ns" "$@"; }

# Usage: device_namespace [four-interfaces]. Creates the network namespace $ns with `lo` up and every address of
# 10.77.0.0/16 local to it, so that one snmpd on udp:161 answers as any number of devices 10.77.x.y. With
# `four-interfaces`, a veth pair and a bridge too: snmpd's IF-MIB then has four rows, about 100 varbinds a poll with
# the system and if-mib profiles. The caller removes the namespace on exit (`ip netns del "$ns"`).
device_namespace() {
    ip netns add "$ns"
    in_ns ip link set lo up
    if [ "${1:-}" = four-interfaces ]; then
        in_ns ip link add port1 type veth peer name port2
        in_ns ip link add br0 type bridge
        for link in port1 port2 br0; do in_ns ip link set "$link" up; done
    fi
    in_ns ip route add local 10.77.0.0/16 dev lo
}
now() { date +%s.%N; }

# For the scripts that run their processes on the host's loopback (no namespace): a work directory and the PIDs to
# stop on exit (`pids+=(PID)`), both cleaned up by `start_work`'s trap.
start_work() {
    work="$(mktemp -d)"
    pids=()
    trap 'for pid in "${pids[@]}"; do stop "$pid"; done; rm -rf "$work"' EXIT
}
cpu_of() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # PID: user+sys in clock ticks
rss_of() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"; }   # PID: resident memory in KiB
free_port() {  # [udp]: a free loopback port, TCP unless "udp"
    python3 -c "import socket, sys; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM if sys.argv[1:] == ['udp'] else socket.SOCK_STREAM); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])" "$@"
}
wait_http() {  # URL on the host's loopback: waits up to 30 s for an HTTP answer, else exits 70
    for _ in $(seq 1 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
    echo "$1 is not up" >&2; exit 70
}
idle_rate() {  # PID: its CPU in clock ticks per second, over 10 s
    local c0 c1 t0 t1
    c0=$(cpu_of "$1"); t0=$(now); sleep 10; c1=$(cpu_of "$1"); t1=$(now)
    python3 -c "print(($c1 - $c0) / ($t1 - $t0))"
}

# The agent half of the per-check benchmarks (HTTPChecks, SIPChecks): DEVICES devices, each with the check CHECK
# (a YAML flow mapping such as `http: {url: "…"}`) every second, no rules and no profiles, run for CHECKS / DEVICES
# seconds by the release `vedetta run`; then the same devices checked hourly, for the agent's idle rate over 10 s.
# Usage: measure_agent_checks KIND CHECKS DEVICES CHECK. Sets agent_runs, agent_failed (runs counted by
# vedetta_probe_runs_total{kind=KIND}), agent_wall (s) and agent_cpu (CPU-s above the idle rate over that wall time).
# Needs `start_work` first.
measure_agent_checks() {
    local kind="$1" checks="$2" devices="$3" check="$4" port config window ticks r0 f0 c0 t0 r1 f1 c1 t1 idle
    port=$(free_port)
    config="$work/agent-$kind"
    mkdir -p "$config/alerts" "$config/probes"
    {
        echo "probes_dir: $config/probes"
        echo "alerts_dir: $config/alerts"
        echo "devices:"
        for i in $(seq 1 "$devices"); do
            printf '  - name: %s-%04d\n    interval: 1s\n    timeout: 900ms\n    %s\n' "$kind" "$i" "$check"
        done
    } >"$config/vedetta.yaml"
    "$vedetta" check --config "$config/vedetta.yaml" >/dev/null
    _agent_runs() {  # all|failed
        curl -sf "http://127.0.0.1:$port/metrics" | awk -v kind="kind=\"$kind\"" -v want="$1" \
            '/^vedetta_probe_runs_total\{/ && index($0, kind) && (want == "all" || !/outcome="success"/) { n += $2 }
             END { printf "%d", n }'
    }
    _agent_start() {  # CONFIG DATA -> agent_pid
        "$vedetta" run --config "$1" --data "$2" --listen "127.0.0.1:$port" --log-level warning \
            2>>"$config/vedetta.log" &
        agent_pid=$!; pids+=("$agent_pid")
        wait_http "http://127.0.0.1:$port/healthz"
    }
    _agent_start "$config/vedetta.yaml" "$config/data"
    sleep 3
    window=$(( (checks + devices - 1) / devices ))
    r0=$(_agent_runs all); f0=$(_agent_runs failed); c0=$(cpu_of "$agent_pid"); t0=$(now)
    sleep "$window"
    r1=$(_agent_runs all); f1=$(_agent_runs failed); c1=$(cpu_of "$agent_pid"); t1=$(now)
    stop "$agent_pid"
    sed 's/interval: 1s/interval: 1h/' "$config/vedetta.yaml" >"$config/idle.yaml"
    _agent_start "$config/idle.yaml" "$config/idle-data"
    sleep 3
    idle=$(idle_rate "$agent_pid")
    stop "$agent_pid"
    ticks=$(getconf CLK_TCK)
    agent_runs=$((r1 - r0)); agent_failed=$((f1 - f0))
    read -r agent_wall agent_cpu < <(python3 -c "
wall = $t1 - $t0
print(f'{wall:.2f}', f'{max(0.0, ($c1 - $c0 - $idle * wall) / $ticks):.4f}')")
}
