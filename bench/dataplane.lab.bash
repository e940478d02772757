# shellcheck shell=bash
# The data-plane benchmarks on the lab (scripts/lab) with real routers: `weave launch` on lab hosts
# joined as a mesh, containers attached with `weave attach`, iperf3 run in the containers' network
# namespaces (nsenter from the lab host: the small test image has no iperf3). Baselines run on the
# same hosts and the same weave bridge with the router stopped (`weave stop` leaves the bridge and
# the containers' veths). Takes the lab's run lock; puts the lab back as it found it.
# Sourced after dataplane.common.bash, whose median/spread/ratio/meets/dp_machine it uses.

LAB=$DP_REPO/scripts/lab
# shellcheck source=../scripts/lib/lab-instance.sh
source "$DP_REPO/scripts/lib/lab-instance.sh"
instance_from_env || exit 1
export WEFT_LAB=$LAB_INSTANCE
DL_LAB_WAS_UP=0
DL_PREFIX="dpbench-$$-"
DL_HOSTS=0
DL_LAUNCH_ENV=()

dl_setup() {
    BENCH_NAME=$1
    [[ $(id -u) == 0 ]] || dp_die "must run as root (lab hosts are namespaces with their own engines)"
    command -v iperf3 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq iperf3 >/dev/null 2>&1 || dp_die "cannot install iperf3"
    command -v tincd >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tinc >/dev/null 2>&1 || dp_die "cannot install tinc"
    # the run lock of instance WEFT_LAB (default 0), unless a caller (`lab session`) holds it for us
    if [[ -z ${WEFT_LAB_LOCK_HELD:-} ]] && ! ancestor_has_open "$LAB_RUN_LOCK" 2>/dev/null; then
        instance_claim "$LAB_INSTANCE" || dp_die "cannot take lab instance $LAB_INSTANCE ($LAB_RUN_LOCK)"
    fi
    # this tree's weave command, in the instance (as tests/e2e/run installs it)
    export WEFT_PREFIX=$LAB_CLI_PREFIX WEFT_BASH_COMPLETION_DIR=$LAB_CLI_PREFIX/share/bash-completion/completions
    export WEFT_INSTALL_MAN=no WEFT_HOME=$LAB_CLI_PREFIX/lib/weft WEFT_WEAVE_CLI=$LAB_CLI_PREFIX/bin/weave
    flock -w 3600 "$DP_REPO/scripts/install.sh" "$DP_REPO/scripts/install.sh" >/dev/null 2>&1 || dp_die "install.sh failed"
    trap dl_cleanup EXIT
    trap 'exit 130' INT TERM
    if "$LAB" status 2>/dev/null | grep "^host3 .* engine pid" >/dev/null; then
        DL_LAB_WAS_UP=1
    else
        "$LAB" up 3 >/dev/null 2>&1 || dp_die "lab up 3 failed"
    fi
    if [[ ${DL_IMAGES:-} == always ]] || ! "$LAB" docker host1 image inspect weft/weave:0.1.0 weft-test/small >/dev/null 2>&1; then
        dp_say "building and loading the images (lab images)"
        "$LAB" images >/dev/null 2>&1 || dp_die "lab images failed"
    fi
}

dl_cleanup() {
    local i
    dl_stop_tinc
    for ((i = 1; i <= 3; i++)); do
        "$LAB" exec "host$i" ip link delete vxbase >/dev/null 2>&1 || true
        "$LAB" exec "host$i" iptables -D INPUT -s "$LAB_NET_PREFIX.0/24" -j DROP >/dev/null 2>&1 || true
    done
    if ((DL_LAB_WAS_UP)); then
        "$LAB" reset >/dev/null 2>&1 || dp_say "lab reset reported problems"
    else
        "$LAB" down >/dev/null 2>&1 || dp_say "lab down reported leftovers"
    fi
    rm -rf "$DP_WORK"
}

dl_host_ip() { echo "$LAB_NET_PREFIX.$((10 + $1))"; }

# dl_launch N [--no-fastdp]: routers on host1..hostN, each knowing the ones before it; waits until
# every router has N-1 established connections (and, with the fast path, all of them on it).
# DL_LAUNCH_ENV (an array of VAR=value, e.g. WEAVE_PASSWORD=...) goes into each launch's environment.
dl_launch() {
    local n=$1 env=("${DL_LAUNCH_ENV[@]}") i j peers want=fastdp
    DL_HOSTS=$n
    [[ ${2:-} == --no-fastdp ]] && { env+=(WEAVE_NO_FASTDP=1); want=sleeve; }
    for ((i = 1; i <= n; i++)); do
        peers=()
        for ((j = 1; j < i; j++)); do peers+=("$(dl_host_ip "$j")"); done
        "$LAB" exec "host$i" env "${env[@]}" "$WEFT_WEAVE_CLI" launch "${peers[@]}" >/dev/null || dp_die "weave launch failed on host$i"
    done
    local deadline=$((SECONDS + 90))
    for ((i = 1; i <= n; i++)); do
        until [[ $("$LAB" weave "host$i" status connections | grep -cE " established ((un)?encrypted +)?$want ") -ge $((n - 1)) ]]; do
            ((SECONDS < deadline)) || { "$LAB" weave "host$i" status connections >&2; dp_die "host$i: connections not on $want within 90 s"; }
            sleep 0.5
        done
    done
}

dl_stop_weave() {
    local i
    for ((i = 1; i <= DL_HOSTS; i++)); do "$LAB" weave "host$i" stop >/dev/null 2>&1 || true; done
}

# dl_containers N: container DL_PREFIXcI on hostI, attached; their addresses in DL_IP[I].
dl_containers() {
    local i c
    for ((i = 1; i <= $1; i++)); do
        c="${DL_PREFIX}c$i"
        "$LAB" docker "host$i" run -d --name "$c" weft-test/small sleep 86400 >/dev/null || dp_die "cannot start $c"
        DL_IP[$i]=$("$LAB" weave "host$i" attach "$c") || dp_die "weave attach $c failed"
        DL_PID[$i]=$("$LAB" docker "host$i" inspect -f '{{.State.Pid}}' "$c")
    done
}

# dl_in I CMD...: CMD in container I's network namespace (from its lab host).
dl_in() { local i=$1; shift; "$LAB" exec "host$i" nsenter -t "${DL_PID[$i]}" -n "$@"; }

# dl_iperf FROM TO: Gbit/s container FROM → container TO (receiver side); "host" as a third argument
# measures host to host over the underlay instead.
dl_iperf() {
    local from=$1 to=$2 addr out server
    if [[ ${3:-} == host ]]; then
        addr=$(dl_host_ip "$to")
        "$LAB" exec "host$to" iperf3 -s -1 -p 5301 >/dev/null 2>&1 &
    else
        addr=${DL_IP[$to]}
        dl_in "$to" iperf3 -s -1 -p 5301 >/dev/null 2>&1 &
    fi
    server=$!
    sleep 0.5
    if [[ ${3:-} == host ]]; then
        out=$("$LAB" exec "host$from" iperf3 -c "$addr" -p 5301 -t "$DP_SECONDS" -O 1 -J 2>/dev/null) || out=
    else
        out=$(dl_in "$from" iperf3 -c "$addr" -p 5301 -t "$DP_SECONDS" -O 1 -J 2>/dev/null) || out=
    fi
    wait "$server" 2>/dev/null || true
    [[ -n $out ]] || { echo 0; return 0; }
    python3 -c 'import json,sys; print("%.3f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e9))' <<<"$out"
}

# dl_latency FROM TO: median round trip (ms) of 200 pings 10 ms apart between containers.
dl_latency() {
    dl_in "$1" ping -q -c 100 -i 0.01 -W 1 "${DL_IP[$2]}" >/dev/null 2>&1
    dl_in "$1" ping -c 200 -i 0.01 -W 1 "${DL_IP[$2]}" 2>/dev/null | sed -n 's/.*time=\([0-9.]*\) ms/\1/p' | median
}

# dl_wait_ping FROM TO: the containers reach each other (within 30 s).
dl_wait_ping() {
    local k
    for ((k = 0; k < 30; k++)); do dl_in "$1" ping -c 1 -W 1 "${DL_IP[$2]}" >/dev/null 2>&1 && return 0; done
    dp_die "container $1 cannot reach container $2"
}

DL_TINC_PIDS=()
# dl_start_tinc [--encrypted]: tinc 1.0 switch mode on host1 and host2 (router stopped), its TAP on
# each weave bridge at the weave MTU; without encryption, or with --encrypted tinc's defaults.
dl_start_tinc() {
    local i j d crypto='Cipher = none\nDigest = none\nMACLength = 0\n'
    [[ ${1:-} == --encrypted ]] && crypto=
    for i in 1 2; do
        d=$DP_WORK/tinc/h$i
        mkdir -p "$d/hosts"
        printf 'Name = h%s\nMode = switch\nInterface = tinc%s\nDeviceType = tap\nAddressFamily = ipv4\nBindToAddress = %s\n' \
            "$i" "$i" "$(dl_host_ip "$i")" >"$d/tinc.conf"
        ((i == 2)) && echo "ConnectTo = h1" >>"$d/tinc.conf"
        printf "Address = %s\nPort = 655\n${crypto}Compression = 0\n" "$(dl_host_ip "$i")" >"$d/hosts/h$i"
        printf '\n\n' | tincd -c "$d" -K2048 >/dev/null 2>&1 || dp_die "tinc key generation failed"
    done
    cp "$DP_WORK/tinc/h1/hosts/h1" "$DP_WORK/tinc/h2/hosts/"
    cp "$DP_WORK/tinc/h2/hosts/h2" "$DP_WORK/tinc/h1/hosts/"
    DL_TINC_PIDS=()
    for i in 1 2; do
        d=$DP_WORK/tinc/h$i
        "$LAB" exec "host$i" tincd -c "$d" --pidfile="$d/pid" --logfile="$d/log" || dp_die "tincd failed on host$i"
        for ((j = 0; j < 50; j++)); do [[ -s $d/pid ]] && break; sleep 0.1; done
        DL_TINC_PIDS+=("$(head -1 "$d/pid" | awk '{ print $1 }')")
        for ((j = 0; j < 50; j++)); do "$LAB" exec "host$i" ip link show "tinc$i" >/dev/null 2>&1 && break; sleep 0.1; done
        "$LAB" exec "host$i" ip link set "tinc$i" mtu 1376 master weave up
    done
    dl_wait_ping 1 2
}

dl_stop_tinc() {
    local pid
    for pid in "${DL_TINC_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${DL_TINC_PIDS[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done; done
    DL_TINC_PIDS=()
}

# dl_start_vxlan: a hand-made kernel VXLAN on host1's and host2's weave bridges (router stopped).
dl_start_vxlan() {
    local i other
    for i in 1 2; do
        other=$((3 - i))
        "$LAB" exec "host$i" ip link add vxbase mtu 1376 type vxlan id 42 dstport 4789
        "$LAB" exec "host$i" bridge fdb append 00:00:00:00:00:00 dev vxbase dst "$(dl_host_ip "$other")"
        "$LAB" exec "host$i" ip link set vxbase master weave up
    done
    dl_wait_ping 1 2
}

dl_stop_vxlan() {
    local i
    for i in 1 2; do "$LAB" exec "host$i" ip link delete vxbase >/dev/null 2>&1 || true; done
}
