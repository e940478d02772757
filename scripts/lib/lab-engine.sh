# shellcheck shell=bash
# Docker engines of the lab: one per host, plus the image builder. Each runs in its own network
# namespace and private mount namespace; its unix socket is reachable from the root mount
# namespace at STATE_DIR/run/docker.sock.

LAB_LIB_DIR=${LAB_LIB_DIR:-$(dirname "${BASH_SOURCE[0]}")}

# the recorded PID becomes dockerd through nsenter, unshare and lab-engine-init.sh (exec each)
LAB_ENGINE_COMMS='dockerd|nsenter|unshare|lab-engine-init'
engine_pid()    { live_pid "$1/engine.pid" "$LAB_ENGINE_COMMS"; }
engine_socket() { echo "$1/run/docker.sock"; }
engine_docker() { local dir=$1; shift; DOCKER_HOST="unix://$(engine_socket "$dir")" docker "$@"; }
engine_alive()  { engine_pid "$1" >/dev/null && engine_docker "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# engine_start DIR NETNS HOSTNAME "BIND_TARGETS" DOCKERD_ARGS... : launches, does not wait.
engine_start() {
    local dir=$1 netns=$2 name=$3 binds=$4
    shift 4
    local driver
    driver=$(cat "$dir/storage-driver" 2>/dev/null || echo overlay2)
    mkdir -p "$dir/run" "$dir/docker" "$dir/weave"
    # a machine id of its own, so each host's router derives its own peer name (SPEC 7.1)
    [[ -s $dir/machine-id ]] || od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$dir/machine-id"
    rm -rf "${dir:?}/run/"* "$dir/engine.log"
    # the label names the instance in `ps`; --exec-root comes first because older checkouts' smoke
    # suite takes any "dockerd ... --data-root /var/lib/docker --exec-root ..." for one of its own
    # shellcheck disable=SC2086
    setsid nsenter --net="$(netns_path "$netns")" \
        unshare --mount --uts --propagation private \
        "$LAB_LIB_DIR/lab-engine-init.sh" "$name" "$dir" $binds -- \
        --exec-root /run/docker --data-root /var/lib/docker --pidfile /run/docker.pid --label "weft.lab=$LAB_INSTANCE" \
        --storage-driver "$driver" --userland-proxy=false --log-level warn \
        --add-runtime "lab-runc=$LAB_LIB_DIR/lab-runc" --default-runtime lab-runc "$@" \
        </dev/null >"$dir/engine.log" 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
    echo $! >"$dir/engine.pid"
}

# engine_wait DIR SECONDS: waits until the engine answers; non-zero if it died or timed out.
# Right after engine_start the recorded PID may still be the forked shell or setsid, before the
# exec chain reaches nsenter: only its death counts as failure, not its name.
engine_wait() {
    local dir=$1 limit=${2:-60} i pid
    read -r pid <"$dir/engine.pid" 2>/dev/null || return 1
    for ((i = 0; i < limit * 5; i++)); do
        engine_alive "$dir" && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}

# Starts an engine and waits for it; falls back from overlay2 to vfs once if overlay2 fails.
engine_up() {
    local dir=$1
    engine_alive "$dir" && return 0
    engine_start "$@"
    engine_wait "$dir" 90 && return 0
    if [[ $(cat "$dir/storage-driver" 2>/dev/null || echo overlay2) == overlay2 ]] &&
        grep -qi 'overlay' "$dir/engine.log"; then
        engine_stop "$dir"
        echo vfs >"$dir/storage-driver"
        say "overlay2 failed in $dir, retrying with vfs"
        engine_start "$@"
        engine_wait "$dir" 90 && return 0
    fi
    echo "--- $dir/engine.log" >&2
    tail -n 20 "$dir/engine.log" >&2
    return 1
}

# Removes every container, unused volume and custom network of a running engine.
engine_clean() {
    local dir=$1 ids
    ids=$(engine_docker "$dir" ps -aq 2>/dev/null) || return 0
    # shellcheck disable=SC2086
    [[ -z $ids ]] || engine_docker "$dir" rm -f -v $ids >/dev/null 2>&1 || true
    engine_docker "$dir" volume prune -f >/dev/null 2>&1 || true
    engine_docker "$dir" network prune -f >/dev/null 2>&1 || true
}

engine_stop() {
    local dir=$1 pid
    if pid=$(engine_pid "$dir"); then
        stop_pid "$pid" 30
    fi
    rm -f "$dir/engine.pid"
}
