# Shared by the instructions.sh scripts, which count a benchmark's instructions with valgrind's callgrind: source it
# after setting `repo` (the repository root), then call `prepare_binary PRODUCT [PATH]`.

# prepare_binary PRODUCT [PATH]: the release build of PRODUCT (built here), or the build at PATH as it is (e.g. the
# previous commit's), copied into a temporary directory `work` (removed on exit) with its debug information
# stripped: valgrind 3.19 cannot read that of a binary linking net-snmp, and function names stay. Sets `binary` to
# the copy. Exits 69 without valgrind (scripts/setup --bench installs it).
prepare_binary() {
    command -v valgrind >/dev/null || { echo "valgrind not found: run scripts/setup --bench" >&2; exit 69; }
    local source="${2:-}"
    if [ -z "$source" ]; then
        (cd "$repo" && swift build -c release --product "$1" >/dev/null)
        source="$repo/.build/release/$1"
    fi
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    binary="$work/$1"
    cp "$source" "$binary"
    strip -g "$binary"
}
