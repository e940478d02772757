# shellcheck shell=bash
# Helpers for weft's end-to-end bats suites on the multi-host lab (scripts/lab).
# In a .bats file:
#   load helpers
#   setup_file()    { lab_setup_file; }       # lab up if needed (LAB_HOSTS hosts, default 3)
#   teardown_file() { lab_teardown_file; }    # fresh hosts for the next file
# A suite that needs more hosts says so before loading the helpers (tests/e2e/run reads it too):
#   LAB_HOSTS=4
# Hosts are named host1..hostN; HOST1, HOST2, ... hold their addresses (LAB_NET.11, ...), where
# LAB_NET is the lab instance's subnet (198.18.N for WEFT_LAB=N; 198.18.0 for the default instance).
# Never write a 198.18.x.y address into a suite: use $HOSTn, host_ip, lab_ip or $LAB_RESOLVER.

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$E2E_DIR/../.." && pwd)
LAB=$REPO/scripts/lab
# shellcheck source=../../scripts/lib/lab-instance.sh
source "$REPO/scripts/lib/lab-instance.sh"
instance_from_env || return 1
LAB_HOSTS=${LAB_HOSTS:-3}
SMALL_IMAGE=weft-test/small
DNS_IMAGE=weft-test/dnstools
LAB_NET=$LAB_NET_PREFIX
LAB_RESOLVER=$LAB_SWITCH_IP     # the lab resolver: upstream.example.test is $(lab_ip 200), www $(lab_ip 201), mail $(lab_ip 202)
WEAVE_CLI=${WEFT_WEAVE_CLI:-/usr/local/bin/weave}   # the CLI under test (tests/e2e/run installs the checkout's, per instance)
PING="ping -n -q -W 1 -c 1"
export DOCKER_API_VERSION=1.41
for ((_n = 1; _n <= 20; _n++)); do declare -g "HOST$_n=$LAB_NET.$((10 + _n))"; done
unset _n

host_ip() { echo "$LAB_NET.$((10 + ${1#host}))"; }   # host_ip host2 -> 198.18.0.12 (instance 0)
lab_ip() { echo "$LAB_NET.$1"; }                     # lab_ip 200 -> 198.18.0.200 (instance 0)

# install_weave_cli: installs this checkout's weave command where $WEAVE_CLI is (PREFIX/bin/weave),
# rebuilding what is stale; without man pages when the prefix is a lab instance's.
install_weave_cli() {
    local prefix=${WEAVE_CLI%/bin/weave}
    [[ $prefix != "$WEAVE_CLI" ]] || { echo "install_weave_cli: $WEAVE_CLI is not PREFIX/bin/weave" >&2; return 1; }
    if [[ $prefix == /usr/local ]]; then
        "$REPO/scripts/install.sh" >&2
    else
        WEFT_PREFIX=$prefix WEFT_BASH_COMPLETION_DIR=$prefix/share/bash-completion/completions WEFT_INSTALL_MAN=no \
            "$REPO/scripts/install.sh" >&2
    fi
}

# Number of hosts whose engine is running now.
lab_running_hosts() { "$LAB" status 2>/dev/null | grep -c '^host[0-9]* .* engine pid'; }

# setup_file helper: brings the lab up with at least $1 (default LAB_HOSTS) hosts, reusing a running
# lab, and makes sure the standard images are on every host.
lab_setup_file() {
    local want=${1:-$LAB_HOSTS}
    if (($(lab_running_hosts) < want)); then
        "$LAB" up "$want" >&2 || return 1
    fi
    if ! "$LAB" docker host1 image inspect "$SMALL_IMAGE" "$DNS_IMAGE" >/dev/null 2>&1; then
        "$LAB" images >&2 || return 1
    fi
}

# teardown_file helper: hosts come back fresh (containers, weave state, cuts gone; images kept).
lab_teardown_file() { "$LAB" reset >/dev/null; }

# Removes every container (and unused volume/network) on every host, keeping the hosts.
cleanup_containers() { "$LAB" clean; }

docker_on() { local host=$1; shift; "$LAB" docker "$host" "$@"; }
weave_on()  { local host=$1; shift; "$LAB" weave "$host" "$@"; }
# a command in the host itself, with the weave under test first on PATH (as `weave` for scripts)
run_on()    { local host=$1; shift; "$LAB" exec "$host" env PATH="${WEAVE_CLI%/*}:$PATH" "$@"; }
exec_on()   { local host=$1 container=$2; shift 2; docker_on "$host" exec "$container" "$@"; }

# Is the weave router container running on HOST?
weave_running_on() { [[ $(docker_on "$1" inspect -f '{{.State.Running}}' weave 2>/dev/null) == true ]]; }

# start_container HOST [ADDR...] --name=NAME [--docker-opt=value...] [IMAGE [CMD...]]
# Runs a detached container (default: weft-test/small running a long sleep). Given addresses
# (CIDRs, net:..., ip:...), or with the weave router running on HOST, attaches it to the weave
# network with `weave attach`. Docker options must use the --opt=value form. Prints the container ID.
start_container() {
    local host=$1 addrs=() opts=() id
    shift
    while (($#)) && [[ $1 != -* ]] && [[ $1 =~ ^(net:|ip:|[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+/) || $1 == net:default ]]; do
        addrs+=("$1"); shift
    done
    while (($#)) && [[ $1 == -* ]]; do opts+=("$1"); shift; done
    (($#)) || set -- "$SMALL_IMAGE" sleep 86400
    [[ " ${opts[*]} " == *" --name="* ]] || { echo "start_container: --name=NAME is required" >&2; return 2; }
    id=$(docker_on "$host" run -d --label weft.e2e=1 "${opts[@]}" "$@") || return 1
    if ((${#addrs[@]})) || weave_running_on "$host"; then
        weave_on "$host" attach "${addrs[@]}" "$id" >/dev/null || return 1
    fi
    echo "$id"
}

# Like start_container, with the hostname NAME.weave.local and weaveDNS as resolver.
start_container_with_dns() {
    local host=$1 name="" a
    shift
    for a in "$@"; do [[ $a == --name=* ]] && name=${a#--name=}; done
    local dns_args
    dns_args=$(weave_on "$host" dns-args) || return 1
    # shellcheck disable=SC2086
    start_container "$host" "$@" --hostname="$name.weave.local" $dns_args
}

# container_ip HOST CONTAINER: the container's first weave (ethwe) IPv4 address, without prefix.
container_ip() {
    local out
    out=$(exec_on "$1" "$2" ip -4 -o addr show dev ethwe 2>/dev/null) || {
        echo "container_ip: $2 on $1 has no ethwe interface" >&2; return 1; }
    awk '{ split($4, a, "/"); print a[1]; exit }' <<<"$out"
}

# docker_ip HOST CONTAINER: the container's address on the host's docker bridge.
docker_ip() { docker_on "$1" inspect -f '{{.NetworkSettings.IPAddress}}' "$2"; }

# assert_ping HOST CONTAINER TARGET [SECONDS]: TARGET answers a ping from CONTAINER within SECONDS (5).
assert_ping() {
    local host=$1 container=$2 target=$3 limit=${4:-5} i
    for ((i = 0; i < limit; i++)); do
        exec_on "$host" "$container" $PING "$target" >/dev/null 2>&1 && return 0
    done
    echo "assert_ping: $container on $host cannot reach $target" >&2
    return 1
}

# assert_no_ping HOST CONTAINER TARGET: two pings from CONTAINER to TARGET both go unanswered.
assert_no_ping() {
    local host=$1 container=$2 target=$3
    if exec_on "$host" "$container" ping -n -q -W 1 -c 2 "$target" >/dev/null 2>&1; then
        echo "assert_no_ping: $container on $host reached $target" >&2
        return 1
    fi
}

# Host-level reachability over the switch (the host's own network namespace, busybox ping).
host_pings() { run_on "$1" busybox ping -q -W 1 -c 1 "$2" >/dev/null 2>&1; }
assert_host_ping() {
    local i
    for ((i = 0; i < ${3:-5}; i++)); do host_pings "$1" "$2" && return 0; done
    echo "assert_host_ping: $1 cannot reach $2" >&2
    return 1
}
assert_no_host_ping() {
    ! run_on "$1" busybox ping -q -W 1 -c 2 "$2" >/dev/null 2>&1 || { echo "assert_no_host_ping: $1 reached $2" >&2; return 1; }
}

# assert_equal EXPECTED ACTUAL: fails showing both.
assert_equal() {
    [[ $1 == "$2" ]] || { printf 'expected: %s\nactual:   %s\n' "$1" "$2" >&2; return 1; }
}
