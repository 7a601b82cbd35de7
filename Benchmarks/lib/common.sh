# Shared by the benchmark scripts: source it after setting `repo` (the repository root).
# It sets `vedetta` (the release binary, built if missing) and defines the helpers below; `in_ns` uses the
# caller's `ns` (its network namespace) and `stop` reaps processes the caller started.

vedetta="$repo/.build/release/vedetta"
[ -x "$vedetta" ] || (cd "$repo" && swift build -c release --product vedetta >/dev/null)

stop() {  # PID: SIGTERM, up to 10 s to exit, then SIGKILL
    kill "$1" 2>/dev/null || return 0
    for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
in_ns() { ip netns exec "$ns" "$@"; }
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
