# shellcheck shell=bash
# The verbs of scripts/lab.

usage() {
    cat <<USAGE
usage: scripts/lab [--instance N] COMMAND [ARGS]      (or WEFT_LAB=N scripts/lab ...; default instance 0)
  up N                  make hosts host1..hostN (reuses running ones; hosts above N are left as they are)
  reset                 recreate the running hosts fresh (no containers, no weave state, no cuts; images kept)
  clean                 remove all containers, unused volumes and networks on every host
  down                  remove every host, the switch, the resolver and the builder; verify nothing is left
  status                show the switch, resolver, partitions, hosts and builder
  exec HOST CMD...      run CMD in HOST's network, mount and UTS namespaces
  docker HOST ARGS...   run the docker CLI against HOST's engine
  weave HOST ARGS...    run the weave CLI (WEFT_WEAVE_CLI, default /usr/local/bin/weave) inside HOST
  socket HOST           print the path of HOST's engine socket (unix)
  driver CMD...         run CMD in the switch namespace; engines answer at tcp://${LAB_NET_PREFIX}.(10+N):2375
  cut HOSTA HOSTB       drop all traffic between two hosts on the switch
  heal [HOSTA HOSTB]    undo one cut, or all of them
  images                build weft/base:bookworm, weft-test/small, weft-test/dnstools (+ router images) and load them
  load IMAGE...         put builder images into every running host that lacks the same image id
  build-env [CMD...]    run CMD with DOCKER_HOST set to the image builder engine (or print the export)
  instances             list the instances on this machine: subnet, in use or not, hosts up
  session [--up N] CMD...
                        claim a free instance (1..$LAB_MAX_INSTANCE; or the one WEFT_LAB/--instance names, waiting
                        for it), run CMD with WEFT_LAB set to it (after \`images\` and \`up N\` with --up), then
                        take it down; exit status: CMD's, or 1 if \`down\` left anything behind
instance $LAB_INSTANCE: hosts host1..host$LAB_MAX_HOSTS at ${LAB_NET_PREFIX}.(10+N); resolver ${LAB_SWITCH_IP}; state $LAB_STATE
Commands that change an instance refuse to while another process's run holds its run lock
($LAB_RUN_LOCK).
USAGE
}

# Refuses to change an instance that a run of somebody else holds (its run lock is taken, and not
# by this process or one of its ancestors).
guard_instance() {
    mkdir -p "$LAB_STATE"
    instance_locked "$LAB_INSTANCE" || return 0
    ancestor_has_open "$LAB_RUN_LOCK" && return 0
    die "instance $LAB_INSTANCE is in use by another run (it holds $LAB_RUN_LOCK); wait for it, or use another instance (scripts/lab instances)"
}

take_lock() {
    guard_instance
    exec 9>"$LAB_STATE/lock"
    flock -w 600 9 || die "another lab command holds $LAB_STATE/lock"
}

host_binds="/run /var/lib/docker /var/lib/weave /etc/resolv.conf /etc/machine-id"

host_start_engine() {   # launches host N's engine unless it already answers; prints N if launched
    local n=$1 dir
    dir=$(host_dir "$n")
    engine_alive "$dir" && return 0
    engine_stop "$dir"   # a half-dead one
    mkdir -p "$dir/weave"
    rm -rf "${dir:?}/weave/"*
    resolv_conf_for_hosts >"$dir/resolv.conf"
    engine_start "$dir" "$(host_ns "$n")" "host$n" "$host_binds" \
        -H unix:///var/run/docker.sock -H "tcp://$(host_ip "$n"):$LAB_ENGINE_PORT" --tls=false
    echo "$n"
}

host_down() {
    local n=$1 dir pid
    dir=$(host_dir "$n")
    engine_alive "$dir" && engine_clean "$dir"
    engine_stop "$dir"
    for pid in $(pids_in_netns "$(host_ns "$n")"); do stop_pid "$pid" 5; done
    net_host_down "$n"
    rm -rf "${dir:?}/run" "${dir:?}/weave"
}

cmd_up() {
    (($# == 1)) && [[ $1 =~ ^[0-9]+$ ]] && (($1 >= 1 && $1 <= LAB_MAX_HOSTS)) ||
        die "usage: lab up N (N = 1..$LAB_MAX_HOSTS)"
    ensure_lab_tools
    take_lock
    hosts_up $((10#$1))
}

# hosts_up COUNT: switch, resolver and hosts 1..COUNT running, lab images loaded into them.
hosts_up() {
    local count=$1 n started=()
    netns_exists "$LAB_SWITCH_NS" || rm -f "$LAB_CUTS_FILE"
    net_switch_up
    resolver_up
    for ((n = 1; n <= count; n++)); do
        net_host_up "$n"
        started+=($(host_start_engine "$n"))
    done
    for n in "${started[@]}"; do
        engine_wait "$(host_dir "$n")" 90 ||
            engine_up "$(host_dir "$n")" "$(host_ns "$n")" "host$n" "$host_binds" \
                -H unix:///var/run/docker.sock -H "tcp://$(host_ip "$n"):$LAB_ENGINE_PORT" --tls=false ||
            die "engine of host$n failed to start (log: $(host_dir "$n")/engine.log)"
        engine_clean "$(host_dir "$n")"   # containers left by a run that never reached `lab down`
    done
    net_apply_cuts
    local images
    images=$(recorded_images)
    # shellcheck disable=SC2086
    [[ -z $images ]] || images_load $(seq 1 "$count") -- $images
    say "up: $count host(s) (${#started[@]} engine(s) started)"
}

# Fresh hosts (new namespaces, engines restarted, containers and weave state gone, cuts healed),
# keeping the images already loaded.
cmd_reset() {
    (($# == 0)) || die "usage: lab reset"
    take_lock
    local hosts n count=0
    hosts=$(net_hosts)
    [[ -n $hosts ]] || die "the lab is not up (run: scripts/lab up N)"
    for n in $hosts; do host_down "$n" & count=$n; done
    wait
    rm -f "$LAB_CUTS_FILE"
    hosts_up "$count"
}

# Removes every container, unused volume and custom network on every running host.
cmd_clean() {
    (($# == 0)) || die "usage: lab clean"
    guard_instance
    local n
    for n in $(running_hosts); do engine_clean "$(host_dir "$n")" & done
    wait
}

# Every namespace of this instance's lab: its inode, so processes still inside one can be found after deletion.
lab_netns_inodes() {
    local f
    for f in /run/netns/"${LAB_NS_PREFIX}"* /run/netns/"$LAB_BUILD_NS"; do
        [[ -e $f ]] && stat -L -c %i "$f"
    done
    return 0
}

# Mount points of this instance in the root mount namespace: its namespaces' /run/netns/NAME, and
# anything in its hosts' or builder's state directories.
lab_mounts() {
    awk -v ns="/run/netns/$LAB_NS_PREFIX" -v build="/run/netns/$LAB_BUILD_NS" -v state="$LAB_STATE/" '
        index($5, ns) == 1 || $5 == build || index($5, state "host") == 1 || index($5, state "build") == 1 { print $5 }
        ' /proc/self/mountinfo
}

cmd_down() {
    take_lock
    local inodes n pid
    inodes=$(lab_netns_inodes)
    for n in $(net_hosts); do host_down "$n" & done
    builder_down &
    wait
    for dir in "$LAB_STATE"/host*; do   # engines whose namespace vanished
        [[ -d $dir ]] && engine_stop "$dir"
    done
    resolver_down
    for pid in $(pids_in_netns "$LAB_SWITCH_NS"); do stop_pid "$pid" 5; done
    net_switch_down
    rm -f "$LAB_CUTS_FILE"
    # anything still holding a deleted lab namespace, or left in a lab container's cgroup, is ours
    for pid in $(pids_in_inodes "$inodes") $(lab_container_pids); do stop_pid "$pid" 5; done
    lab_leftovers "$inodes" && say "down: nothing left" && return 0
    die "down: leftovers remain (listed above)"
}

# PIDs of processes in the cgroup of a container that a lab engine created (survivors of an
# engine that had to be killed).
lab_container_pids() {
    local line pid id
    grep -H -m1 -o ':/docker/[0-9a-f]\{64\}' /proc/[0-9]*/cgroup 2>/dev/null | while IFS= read -r line; do
        pid=${line#/proc/}; pid=${pid%%/*}
        id=${line##*/}
        compgen -G "$LAB_STATE/host*/docker/containers/$id" >/dev/null && echo "$pid"
    done
    return 0
}

# Prints anything the lab leaves behind; status 0 when there is nothing.
lab_leftovers() {
    local inodes=${1:-} bad=0 p
    if ip netns list | grep -E "^(${LAB_NS_PREFIX}|${LAB_BUILD_NS}( |$))"; then bad=1; fi
    if lab_mounts | grep .; then bad=1; fi
    for p in $(pids_in_inodes "$inodes") $(lab_container_pids); do
        echo "process $p: $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)"
        bad=1
    done
    if ip -o link show | grep -E ": (host[0-9]+|${LAB_BRIDGE})[@:]"; then bad=1; fi
    if ip -o addr show | grep -F " ${LAB_NET_PREFIX}."; then bad=1; fi   # in the root namespace
    return $bad
}

cmd_status() {
    local n dir pid state
    echo "instance  $LAB_INSTANCE ${LAB_NET_PREFIX}.0/24 state $LAB_STATE"
    if netns_exists "$LAB_SWITCH_NS"; then
        echo "switch    $LAB_SWITCH_NS bridge $LAB_BRIDGE $LAB_SWITCH_IP"
    else
        echo "switch    down"
    fi
    if pid=$(live_pid "$LAB_RESOLVER_PID" dnsmasq); then echo "resolver  dnsmasq pid $pid at $LAB_SWITCH_IP:53"; else echo "resolver  down"; fi
    if [[ -s $LAB_CUTS_FILE ]]; then
        while read -r a b; do echo "cut       host$a <-/-> host$b"; done <"$LAB_CUTS_FILE"
    fi
    for n in $(net_hosts); do
        dir=$(host_dir "$n")
        if engine_alive "$dir"; then
            state="engine pid $(engine_pid "$dir") tcp://$(host_ip "$n"):$LAB_ENGINE_PORT $(engine_docker "$dir" info --format '{{.ContainersRunning}} running, {{.Images}} images, {{.Driver}}' 2>/dev/null)"
        else
            state="engine DOWN (log: $dir/engine.log)"
        fi
        echo "host$n     $(host_ip "$n")  $state"
    done
    if engine_alive "$LAB_BUILD_DIR"; then
        echo "builder   pid $(engine_pid "$LAB_BUILD_DIR") unix://$(engine_socket "$LAB_BUILD_DIR")"
    else
        echo "builder   stopped"
    fi
}

# running_host HOSTNAME: sets HOST_N and HOST_PID (its engine's), or dies. No subprocess: every
# docker_on/weave_on/run_on of a suite goes through here.
running_host() {
    parse_host "$1"
    HOST_N=$PARSED_HOST
    [[ -e /run/netns/${LAB_NS_PREFIX}host$HOST_N ]] &&
        read_live_pid "$LAB_STATE/host$HOST_N/engine.pid" "$LAB_ENGINE_COMMS" ||
        die "$1 is not up (run: scripts/lab up N)"
    HOST_PID=$LIVE_PID
}

cmd_exec() {
    (($# >= 2)) || die "usage: lab exec HOST CMD..."
    running_host "$1"
    shift
    exec nsenter --net="/run/netns/${LAB_NS_PREFIX}host$HOST_N" --mount="/proc/$HOST_PID/ns/mnt" \
        --uts="/proc/$HOST_PID/ns/uts" --wd=/ -- "$@"
}

cmd_docker() {
    (($# >= 1)) || die "usage: lab docker HOST ARGS..."
    running_host "$1"
    shift
    DOCKER_HOST="unix://$LAB_STATE/host$HOST_N/run/docker.sock" exec docker "$@"
}

cmd_socket() {
    (($# == 1)) || die "usage: lab socket HOST"
    running_host "$1"
    host_socket "$HOST_N"
}

cmd_weave() {
    (($# >= 1)) || die "usage: lab weave HOST ARGS..."
    local weave=${WEFT_WEAVE_CLI:-/usr/local/bin/weave}
    [[ -x $weave ]] || die "weave CLI not installed at $weave (install it with scripts/install.sh)"
    local host=$1
    shift
    cmd_exec "$host" env -u DOCKER_HOST "$weave" "$@"
}

cmd_driver() {
    (($# >= 1)) || die "usage: lab driver CMD..."
    netns_exists "$LAB_SWITCH_NS" || die "the lab is not up (run: scripts/lab up N)"
    local ips="" n
    for n in $(net_hosts); do ips+="$(host_ip "$n") "; done
    LAB_HOST_IPS=${ips% } exec nsenter --net="$(netns_path "$LAB_SWITCH_NS")" -- "$@"
}

cmd_cut() {
    (($# == 2)) || die "usage: lab cut HOSTA HOSTB"
    local a b
    running_host "$1"
    a=$HOST_N
    running_host "$2"
    b=$HOST_N
    take_lock
    net_cut "$a" "$b"
}

cmd_heal() {
    (($# == 0 || $# == 2)) || die "usage: lab heal [HOSTA HOSTB]"
    netns_exists "$LAB_SWITCH_NS" || die "the lab is not up (run: scripts/lab up N)"
    take_lock
    if (($# == 2)); then
        local a b
        a=$(host_index "$1") && b=$(host_index "$2") || exit 1
        net_heal "$a" "$b"
    else
        net_heal
    fi
}

running_hosts() {
    local n
    for n in $(net_hosts); do engine_alive "$(host_dir "$n")" && echo "$n"; done
    return 0
}

cmd_images() {
    take_lock
    images_build_all
    local hosts
    hosts=$(running_hosts)
    # shellcheck disable=SC2046,SC2086
    [[ -z $hosts ]] || images_load $hosts -- $(recorded_images)
    recorded_images
}

cmd_load() {
    (($# >= 1)) || die "usage: lab load IMAGE..."
    take_lock
    local hosts
    hosts=$(running_hosts)
    [[ -n $hosts ]] || die "no running hosts (run: scripts/lab up N)"
    # shellcheck disable=SC2086
    images_load $hosts -- "$@"
}

cmd_build_env() {
    guard_instance
    builder_up
    local sock=unix://$(engine_socket "$LAB_BUILD_DIR")
    if (($# == 0)); then
        echo "export DOCKER_HOST=$sock DOCKER_API_VERSION=$DOCKER_API_VERSION"
        return 0
    fi
    DOCKER_HOST=$sock exec "$@"
}

main() {
    if [[ ${1:-} == --instance ]]; then
        (($# >= 2)) || die "usage: lab --instance N COMMAND [ARGS]"
        WEFT_LAB=$2
        shift 2
    elif [[ ${1:-} == --instance=* ]]; then
        WEFT_LAB=${1#--instance=}
        shift
    fi
    instance_from_env || exit 1
    local cmd=${1:-help}
    (($#)) && shift
    case $cmd in
        help | -h | --help) usage; return 0 ;;
    esac
    require_root
    case $cmd in
        up) cmd_up "$@" ;;
        reset) cmd_reset "$@" ;;
        clean) cmd_clean "$@" ;;
        down) cmd_down "$@" ;;
        status) cmd_status "$@" ;;
        exec) cmd_exec "$@" ;;
        docker) cmd_docker "$@" ;;
        weave) cmd_weave "$@" ;;
        driver) cmd_driver "$@" ;;
        cut) cmd_cut "$@" ;;
        heal) cmd_heal "$@" ;;
        images) cmd_images "$@" ;;
        load) cmd_load "$@" ;;
        build-env) cmd_build_env "$@" ;;
        socket) cmd_socket "$@" ;;
        instances) cmd_instances "$@" ;;
        session) cmd_session "$@" ;;
        *) die "unknown command: $cmd (see: scripts/lab help)" ;;
    esac
}

cmd_instances() {
    (($# == 0)) || die "usage: lab instances"
    local n hosts state
    printf '%-9s %-15s %-6s %s\n' instance subnet hosts state
    for n in $(instance_list); do
        hosts=$({ compgen -G "/run/netns/$(instance_ns_prefix "$n")host*" || true; } | wc -l)
        if instance_locked "$n"; then
            state="in use (run lock held)"
        elif instance_is_up "$n"; then
            state="up, no run holds it: made by hand or left by a killed run (WEFT_LAB=$n scripts/lab down)"
        else
            state=free
        fi
        printf '%-9s %-15s %-6s %s\n' "$n" "198.18.$n.0/24" "$hosts" "$state"
    done
}

# Runs CMD on an instance of its own: see usage. The run lock stays with this process; CMD runs in a
# process group of its own, ended (by its id) if this process is told to stop.
cmd_session() {
    local up=
    if [[ ${1:-} == --up ]]; then
        (($# >= 2)) && [[ $2 =~ ^[0-9]+$ ]] && (($2 >= 1 && $2 <= LAB_MAX_HOSTS)) ||
            die "usage: lab session [--up N] CMD... (N = 1..$LAB_MAX_HOSTS)"
        up=$2
        shift 2
    fi
    [[ ${1:-} == -- ]] && shift
    (($# >= 1)) || die "usage: lab session [--up N] CMD..."
    ensure_lab_tools
    if [[ -n ${WEFT_LAB:-} ]]; then instance_claim "$WEFT_LAB" || exit 1; else instance_claim || exit 1; fi
    export WEFT_LAB=$LAB_INSTANCE
    say "session on instance $LAB_INSTANCE (${LAB_NET_PREFIX}.0/24)"
    local lab=$LAB_REPO/scripts/lab status=0 child=
    session_end() {
        local rc=$?
        trap - EXIT INT TERM
        ((status != 0)) || status=$rc
        if [[ -n $child ]] && kill -0 "$child" 2>/dev/null; then
            kill -TERM -- "-$child" 2>/dev/null || true
            local i
            for ((i = 0; i < 100; i++)); do kill -0 -- "-$child" 2>/dev/null || break; sleep 0.1; done
            kill -KILL -- "-$child" 2>/dev/null || true
        fi
        "$lab" down >&2 || { ((status != 0)) || status=1; }
        exit "$status"
    }
    trap session_end EXIT
    trap 'status=130; exit 130' INT
    trap 'status=143; exit 143' TERM
    if [[ -n $up ]]; then
        "$lab" images >&2 || die "session: lab images failed"
        "$lab" up "$up" >&2 || die "session: lab up $up failed"
    fi
    set -m   # CMD gets a process group of its own: everything it started can be ended together
    "$@" 8>&- &
    child=$!
    set +m
    wait "$child" || status=$?
    child=
    exit "$status"
}
