# shellcheck shell=bash
# Shared constants and small helpers of the weft test lab (sourced by scripts/lab).

# The instance's names, addresses and paths (LAB_STATE, LAB_NS_PREFIX, LAB_NET_PREFIX, ...) come
# from lab-instance.sh; the rest is the same in every instance.
LAB_CACHE=${WEFT_LAB_CACHE:-/var/cache/weft}   # shared by every instance: root file system tarballs
LAB_BRIDGE=labbr0
LAB_MAX_HOSTS=20
LAB_ENGINE_PORT=2375

export DOCKER_API_VERSION=1.41

die() { echo "lab: $*" >&2; exit 1; }
say() { [[ -n ${LAB_QUIET:-} ]] || echo "lab: $*" >&2; }

parse_host() {   # parse_host hostN: sets PARSED_HOST=N, or dies with a clear error
    local name=$1
    [[ $name =~ ^host([0-9]+)$ ]] || die "not a lab host name: '$name' (expected host1..host$LAB_MAX_HOSTS)"
    PARSED_HOST=$((10#${BASH_REMATCH[1]}))
    ((PARSED_HOST >= 1 && PARSED_HOST <= LAB_MAX_HOSTS)) || die "host number out of range: '$name' (1..$LAB_MAX_HOSTS)"
}
host_index() { parse_host "$1" && echo "$PARSED_HOST"; }   # host_index hostN -> N
host_ip()      { echo "${LAB_NET_PREFIX}.$((10 + $1))"; }
host_ns()      { echo "${LAB_NS_PREFIX}host$1"; }
host_dir()     { echo "$LAB_STATE/host$1"; }
host_socket()  { echo "$LAB_STATE/host$1/run/docker.sock"; }
netns_path()   { echo "/run/netns/$1"; }
netns_exists() { [[ -e /run/netns/$1 ]]; }

# read_live_pid FILE [COMM_REGEX]: sets LIVE_PID to the PID recorded in FILE, only if that process
# still runs (and, given a regex, its command name matches: a PID file left from before a reboot
# may name somebody else's process). No subprocess: suites call this for every lab command.
read_live_pid() {
    local file=$1 comm=${2:-} pid= name=
    [[ -s $file ]] && read -r pid <"$file" 2>/dev/null || return 1
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    if [[ -n $comm ]]; then
        read -r name <"/proc/$pid/comm" 2>/dev/null || return 1
        [[ $name =~ ^($comm)$ ]] || return 1
    fi
    LIVE_PID=$pid
}
live_pid() { read_live_pid "$@" && echo "$LIVE_PID"; }   # the same, printing the PID

# Ends one process we started, by PID: TERM, wait up to $2 seconds, then KILL.
stop_pid() {
    local pid=$1 wait_s=${2:-15} i
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < wait_s * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
}

# "INODE PID" for every process: the inode of its network namespace.
all_netns_pids() {
    stat -L -c '%i %n' /proc/[0-9]*/ns/net 2>/dev/null | awk '{ split($2, p, "/"); print $1, p[3] }'
}

# PIDs of every process whose network namespace is the named one.
pids_in_netns() {
    local ns=$1 inode
    netns_exists "$ns" || return 0
    inode=$(stat -L -c %i "$(netns_path "$ns")") || return 0
    all_netns_pids | awk -v i="$inode" '$1 == i { print $2 }'
}

# PIDs of every process in any of the given namespace inodes (one per line in $1).
pids_in_inodes() {
    [[ -n $1 ]] || return 0
    all_netns_pids | awk -v list="$1" 'BEGIN { n = split(list, a, "\n"); for (k = 1; k <= n; k++) want[a[k]] = 1 }
        want[$1] { print $2 }'
}

# Installs Debian packages whose commands are missing, quietly and without starting services.
# One install at a time on the machine (labs of other instances may be installing too, and each
# must keep the policy-rc.d that stops apt from starting dockerd in the root namespace).
ensure_packages() {   # ensure_packages pkg:path ...
    local spec missing=()
    for spec in "$@"; do
        [[ -e ${spec#*:} ]] || missing+=("${spec%%:*}")
    done
    ((${#missing[@]})) || return 0
    mkdir -p "$LAB_CACHE" "$LAB_STATE"
    (
        exec 6>>"$LAB_CACHE/apt.lock"
        flock -w 900 6 || die "another lab is installing packages (lock $LAB_CACHE/apt.lock)"
        missing=()
        for spec in "$@"; do [[ -e ${spec#*:} ]] || missing+=("${spec%%:*}"); done
        ((${#missing[@]})) || exit 0
        say "installing ${missing[*]}"
        made_policy=
        if [[ ! -e /usr/sbin/policy-rc.d ]]; then   # keep apt from starting dockerd in the root namespace
            printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
        fi
        rc=0
        export DEBIAN_FRONTEND=noninteractive
        apt=(apt-get -o DPkg::Lock::Timeout=300 -y -qq)
        if ! "${apt[@]}" install --no-install-recommends "${missing[@]}" >"$LAB_STATE/apt.log" 2>&1; then
            "${apt[@]}" update >>"$LAB_STATE/apt.log" 2>&1
            "${apt[@]}" install --no-install-recommends "${missing[@]}" >>"$LAB_STATE/apt.log" 2>&1 || rc=$?
        fi
        [[ -n $made_policy ]] && rm -f /usr/sbin/policy-rc.d
        ((rc == 0)) || die "could not install ${missing[*]} (see $LAB_STATE/apt.log)"
    ) || exit 1
}

ensure_lab_tools() {
    mkdir -p "$LAB_STATE" "$LAB_CACHE"
    ensure_packages docker.io:/usr/sbin/dockerd iproute2:/usr/sbin/ip util-linux:/usr/bin/nsenter \
        nftables:/usr/sbin/nft dnsmasq-base:/usr/sbin/dnsmasq iptables:/usr/sbin/iptables jq:/usr/bin/jq
    command -v docker >/dev/null || die "docker CLI missing after installing docker.io"
}

require_root() { ((EUID == 0)) || die "must run as root (namespaces, mounts and engines need it)"; }
