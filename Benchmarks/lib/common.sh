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
