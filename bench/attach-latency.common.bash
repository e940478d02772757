# shellcheck shell=bash
# Shared by bench/attach-latency, bench/cli-latency and bench/router-memory: a weave router on lab
# host1, brought up as needed and everything put back as found at the end (lab down if the lab was
# down, router reset if it was not running, this run's containers removed).

BENCH_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAB=$BENCH_REPO/scripts/lab
BENCH_HOST=host1
EXEC_IMAGE=weft/weaveexec:0.1.0
SMALL_IMAGE=weft-test/small
export DOCKER_API_VERSION=1.41

bench_die() { echo "$BENCH_NAME: $*" >&2; exit 1; }
bench_say() { echo "$BENCH_NAME: $*" >&2; }

lab_docker() { "$LAB" docker "$BENCH_HOST" "$@"; }
lab_weave() { "$LAB" weave "$BENCH_HOST" "$@"; }
lab_exec() { "$LAB" exec "$BENCH_HOST" "$@"; }

BENCH_LAB_WAS_UP=0
BENCH_ROUTER_WAS_RUNNING=0
BENCH_CONTAINER_PREFIX=
BENCH_LOCKED=0

bench_cleanup() {
    local ids
    if [[ -n $BENCH_CONTAINER_PREFIX ]] && "$LAB" docker "$BENCH_HOST" version >/dev/null 2>&1; then
        ids=$(lab_docker ps -aq --filter "name=^$BENCH_CONTAINER_PREFIX" 2>/dev/null || true)
        # shellcheck disable=SC2086
        [[ -z $ids ]] || lab_docker rm -f $ids >/dev/null 2>&1 || true
    fi
    if ((BENCH_LAB_WAS_UP == 0)); then
        "$LAB" down >/dev/null 2>&1 || bench_say "lab down reported leftovers"
    elif ((BENCH_ROUTER_WAS_RUNNING == 0)); then
        lab_weave reset --force >/dev/null 2>&1 || bench_say "weave reset failed"
    fi
}

# bench_claim_lab: the run lock of the lab instance WEFT_LAB names (default 0), as tests/e2e/run
# takes it, unless this process already runs under its holder (`lab session`, WEFT_LAB_LOCK_HELD).
bench_claim_lab() {
    # shellcheck source=../scripts/lib/lab-instance.sh
    source "$BENCH_REPO/scripts/lib/lab-instance.sh"
    instance_from_env || exit 1
    export WEFT_LAB=$LAB_INSTANCE
    [[ -n ${WEFT_LAB_LOCK_HELD:-} ]] && return 0
    ancestor_has_open "$LAB_RUN_LOCK" 2>/dev/null && return 0
    instance_claim "$LAB_INSTANCE" || bench_die "cannot take lab instance $LAB_INSTANCE ($LAB_RUN_LOCK)"
}

# bench_install_cli: this tree's weave command in the instance (as tests/e2e/run installs it; install.sh
# rebuilds only what is stale), used by `lab weave` through WEFT_WEAVE_CLI
bench_install_cli() {
    export WEFT_PREFIX=$LAB_CLI_PREFIX WEFT_BASH_COMPLETION_DIR=$LAB_CLI_PREFIX/share/bash-completion/completions
    export WEFT_INSTALL_MAN=no WEFT_HOME=$LAB_CLI_PREFIX/lib/weft WEFT_WEAVE_CLI=$LAB_CLI_PREFIX/bin/weave
    flock -w 3600 "$BENCH_REPO/scripts/install.sh" "$BENCH_REPO/scripts/install.sh" >/dev/null 2>&1 ||
        bench_die "scripts/install.sh failed"
}

# bench_setup NAME: root, tools, the lab's run lock, host1 up with the images, a router running.
bench_setup() {
    BENCH_NAME=$1
    BENCH_CONTAINER_PREFIX="${1}-$$-"
    [[ $(id -u) == 0 ]] || bench_die "must run as root (lab hosts are namespaces with their own engines)"
    command -v awk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gawk >/dev/null 2>&1
    command -v curl >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null 2>&1
    command -v curl >/dev/null || bench_die "curl missing and could not be installed"
    bench_claim_lab
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
    bench_install_cli
    if "$LAB" status 2>/dev/null | grep "^$BENCH_HOST .* engine pid" >/dev/null; then
        BENCH_LAB_WAS_UP=1
    else
        "$LAB" up 1 >/dev/null 2>&1 || bench_die "lab up 1 failed"
    fi
    "$LAB" images >/dev/null 2>&1 || bench_die "lab images failed"   # this tree's images (layer cache: quick)
    lab_docker image inspect "$EXEC_IMAGE" weft/weave:0.1.0 "$SMALL_IMAGE" >/dev/null 2>&1 ||
        bench_die "lab images left host1 without $EXEC_IMAGE, weft/weave:0.1.0 or $SMALL_IMAGE"
    if [[ $(lab_docker inspect -f '{{.State.Running}}' weave 2>/dev/null) == true ]]; then
        BENCH_ROUTER_WAS_RUNNING=1
    else
        lab_weave launch >/dev/null || bench_die "weave launch failed on $BENCH_HOST"
    fi
}

# start_bench_containers COUNT: COUNT sleeping containers, names printed one per line.
start_bench_containers() {
    local i name
    for ((i = 1; i <= $1; i++)); do
        name="$BENCH_CONTAINER_PREFIX$i"
        lab_docker run -d --name "$name" "$SMALL_IMAGE" sleep 86400 >/dev/null || bench_die "cannot start $name"
        echo "$name"
    done
}

now_ns() { date +%s%N; }

# time_ms CMD...: runs CMD (output discarded; failure is fatal), prints its wall time in ms.
time_ms() {
    local t0 t1
    t0=$(now_ns)
    "$@" >/dev/null 2>&1 || bench_die "'$*' failed"
    t1=$(now_ns)
    awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f\n", d / 1e6 }'
}

# percentile P < values: the P-th percentile (nearest rank) of the numbers on stdin.
percentile() {
    sort -n | awk -v p="$1" '{ v[NR] = $1 } END { r = int((p / 100) * NR + 0.999999); if (r < 1) r = 1; print v[r] }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# curl_ms METHOD URL: the router's own share of one request, as curl inside the lab host times it
# (connect to last byte; no process start-up or nsenter counted). Failure is fatal.
curl_ms() {
    local t
    t=$(lab_exec curl -fsS -o /dev/null -w '%{time_total}' -X "$1" "$2") || bench_die "curl -X $1 $2 failed"
    awk -v t="$t" 'BEGIN { printf "%.1f\n", t * 1000 }'
}

# time_ms_any CMD...: like time_ms, whatever CMD's exit status.
time_ms_any() {
    local t0 t1
    t0=$(now_ns)
    "$@" >/dev/null 2>&1 || true
    t1=$(now_ns)
    awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f\n", d / 1e6 }'
}

# The original's per-command mechanism, as the issue states it: a fresh privileged exec container
# per command, `<exec image> true`. The image's entrypoint runs (sigproxy + the CLI, which refuses
# `true`), as the original's entrypoint ran its script.
original_mechanism() { lab_docker run --rm --privileged --net=host --pid=host "$EXEC_IMAGE" true; }

# The strictest reading: the same container with `true` as its entrypoint, i.e. the bare cost of
# creating, starting and removing a privileged container, with no program of ours in it.
bare_container() {
    # the exec image is FROM scratch with no coreutils: the shell's no-op stands in for `true`
    lab_docker run --rm --privileged --net=host --pid=host --entrypoint sh "$EXEC_IMAGE" -c :
}
