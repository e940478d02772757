# shellcheck shell=bash
# Lab instances: several labs side by side on one machine that share nothing but the root file
# system caches. Instance 0 (the default) keeps the lab's historic names; instance N (1..63) has
#   namespaces   wlabN-host1.., wlabN-switch, wlabN-build
#   state        /var/lib/weft-lab/instances/N (engines' data, the instance's CLI, its locks)
#   switch       198.18.N.0/24 (inside the benchmarking range 198.18.0.0/15), resolver 198.18.N.254
#   run lock     STATE/run.lock: held by whoever uses the instance (tests/e2e/run, `lab session`,
#                bench/*, scripts/demo); instance 0's is /var/lib/weft-lab/run.lock as it always was
# Sourced by scripts/lab, tests/e2e/run and the benchmarks; needs nothing else.

LAB_ROOT=${WEFT_LAB_STATE:-/var/lib/weft-lab}
LAB_MAX_INSTANCE=63
LAB_CLAIM_FD=8   # fd of a claimed instance's run lock (lab engines and the resolver close fds 3-9)

instance_valid() { [[ $1 =~ ^[0-9]+$ ]] && ((10#$1 <= LAB_MAX_INSTANCE)); }

# instance_use N: sets every name, address and path of instance N (without a subprocess: every
# `lab exec`/`lab docker` of a suite pays for this). Namespace names: instance 0's are weftlab-*
# and weft-build; instance N's all start with wlabN- (not "weft...": checkouts still running the
# single-instance scripts look for /run/netns/weft*).
instance_use() {
    local n=$((10#$1))
    LAB_INSTANCE=$n
    if ((n == 0)); then
        LAB_STATE=$LAB_ROOT LAB_NS_PREFIX=weftlab- LAB_BUILD_NS=weft-build
    else
        LAB_STATE=$LAB_ROOT/instances/$n LAB_NS_PREFIX=wlab$n- LAB_BUILD_NS=wlab$n-build
    fi
    LAB_SWITCH_NS=${LAB_NS_PREFIX}switch
    LAB_NET_PREFIX=198.18.$n
    LAB_SWITCH_IP=$LAB_NET_PREFIX.254
    LAB_RUN_LOCK=$LAB_STATE/run.lock
    LAB_BUILD_DIR=$LAB_STATE/build
    LAB_IMAGE_IDS=$LAB_STATE/images
    LAB_RESOLVER_PID=$LAB_STATE/dnsmasq.pid
    LAB_CUTS_FILE=$LAB_STATE/cuts
    LAB_CLI_PREFIX=$LAB_STATE/cli
}

instance_state_dir() { (instance_use "$1" && echo "$LAB_STATE"); }
instance_ns_prefix() { (instance_use "$1" && echo "$LAB_NS_PREFIX"); }
instance_build_ns() { (instance_use "$1" && echo "$LAB_BUILD_NS"); }

# The instance named by WEFT_LAB (default 0), or a clear error.
instance_from_env() {
    local n=${WEFT_LAB:-0}
    instance_valid "$n" || { echo "lab: WEFT_LAB must be an instance number 0..$LAB_MAX_INSTANCE, not '$n'" >&2; return 1; }
    instance_use "$n"
}

# Instance numbers that have a state directory, ascending.
instance_list() {
    local d
    [[ -d $LAB_ROOT ]] && echo 0
    for d in "$LAB_ROOT"/instances/*; do
        [[ -d $d && ${d##*/} =~ ^[0-9]+$ ]] && echo "${d##*/}"
    done | sort -n
}

# Is any of instance N's namespaces present?
instance_is_up() {
    compgen -G "/run/netns/$(instance_ns_prefix "$1")*" >/dev/null || [[ -e /run/netns/$(instance_build_ns "$1") ]]
}

# Is instance N's run lock held by some process?
instance_locked() {
    local lock
    lock=$(instance_state_dir "$1")/run.lock
    [[ -e $lock ]] || return 1
    ! (exec 7>>"$lock" && flock -n 7)
}

# Does this process or one of its ancestors have FILE open? (how the children of the process
# holding an instance's run lock are told apart from other users of the machine)
ancestor_has_open() {
    local file pid=$BASHPID fd
    file=$(readlink -f "$1") || return 1
    while ((pid > 1)); do
        for fd in /proc/"$pid"/fd/*; do
            [[ $(readlink "$fd" 2>/dev/null) == "$file" ]] && return 0
        done
        pid=$(awk '/^PPid:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || return 1
        [[ -n $pid ]] || return 1
    done
    return 1
}

# instance_claim [N]: takes an instance's run lock on fd LAB_CLAIM_FD and selects it (instance_use).
# With N: that instance, waiting for it. Without: the first of 1..LAB_MAX_INSTANCE that is free and
# down (an instance that is up without a lock holder is somebody's hand-made lab, or a crashed
# run's: it is left alone, `scripts/lab instances` shows it). Waits up to WEFT_LAB_WAIT seconds (3600).
instance_claim() {
    local want=${1:-} limit=${WEFT_LAB_WAIT:-3600} waited=0 n said=
    if [[ -n $want ]]; then
        instance_valid "$want" || { echo "lab: not an instance number (0..$LAB_MAX_INSTANCE): '$want'" >&2; return 1; }
        instance_open_lock "$want"
        if ! flock -n "$LAB_CLAIM_FD"; then
            echo "lab: instance $want is in use; waiting (up to $limit s)" >&2
            flock -w "$limit" "$LAB_CLAIM_FD" || { echo "lab: gave up waiting for instance $want" >&2; return 1; }
        fi
        instance_use "$want"
        return 0
    fi
    while :; do
        for ((n = 1; n <= LAB_MAX_INSTANCE; n++)); do
            instance_is_up "$n" && ! instance_locked "$n" && continue
            instance_open_lock "$n"
            if flock -n "$LAB_CLAIM_FD"; then
                instance_use "$n"
                return 0
            fi
            eval "exec $LAB_CLAIM_FD>&-"
        done
        ((waited < limit)) || { echo "lab: no free lab instance after $limit s" >&2; return 1; }
        [[ -n $said ]] || { echo "lab: every lab instance is in use; waiting (up to $limit s)" >&2; said=1; }
        sleep 5
        waited=$((waited + 5))
    done
}

instance_open_lock() {
    local dir
    dir=$(instance_state_dir "$1")
    mkdir -p "$dir"
    eval "exec $LAB_CLAIM_FD>>\"\$dir/run.lock\""
}
