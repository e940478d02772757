# shellcheck shell=bash
# Shared by bench/sleeve-throughput, bench/fastpath-throughput and bench/relay-throughput: a small
# network of namespaces made for the run (a switch bridge; per host a namespace on it at
# 198.19.7.1N with a `weave` bridge at the MTU and one "container" namespace at 10.40.0.N on that
# bridge), weft's data plane driven through its harness (DataPlaneLab: the real data plane with a
# static peer list, until the mesh runs it), and the baselines on the same namespaces. Everything
# made is removed at exit; nothing touches the machine's root network namespace.
# These benchmarks run on their own namespaces, not on the lab, so they do not take the lab's run
# lock; rounds interleave weft and its baseline so the shared machine's load hits both alike.

DP_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DP_TAG="wdpb$$"
DP_MTU=${MTU:-1376}
DP_SECONDS=${SECONDS_PER_RUN:-8}
DP_ROUNDS=${ROUNDS:-5}
DP_WORK=$(mktemp -d "/tmp/$DP_TAG.XXXXXX")
DP_HOSTS=0
DP_LAB_PID=
DP_TINC_PIDS=()

dp_die() { echo "$BENCH_NAME: $*" >&2; exit 1; }
dp_say() { echo "$BENCH_NAME: $*" >&2; }

dp_ns() { echo "$DP_TAG-$1"; }         # dp_ns sw | h1 | c1 ...
dp_host_ip() { echo "198.19.7.$((10 + $1))"; }
dp_container_ip() { echo "10.40.0.$1"; }
dp_peer() { echo "8a:00:00:00:00:0$1"; }

# dp_setup NAME: root, tools (Debian packages installed if missing), the router jar.
dp_setup() {
    BENCH_NAME=$1
    [[ $(id -u) == 0 ]] || dp_die "must run as root (it makes network namespaces)"
    local missing=()
    command -v iperf3 >/dev/null || missing+=(iperf3)
    command -v tincd >/dev/null || missing+=(tinc)
    command -v ping >/dev/null || missing+=(iputils-ping)
    command -v iptables >/dev/null || missing+=(iptables)
    if ((${#missing[@]})); then
        dp_say "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; } \
            || dp_die "cannot install ${missing[*]}"
    fi
    trap dp_cleanup EXIT
    trap 'exit 130' INT TERM
    DP_JAR=$DP_REPO/router-image/target/router.jar
    if [[ ! -f $DP_JAR || -n $(find "$DP_REPO/router-image/src/main" "$DP_REPO/weaveutil/src/main" -newer "$DP_JAR" -name '*.java' -print -quit) ]]; then
        dp_say "building router-image"
        (cd "$DP_REPO" && mvn -B -q -o -pl router-image -am package -DskipTests >&2) || dp_die "build failed"
    fi
    # the router's own JVM flags (router-image/docker/weaver), so the figures are the router's
    DP_JAVA_OPTS=$(sed -n 's/^WEAVER_DEFAULT_JAVA_OPTS="\(.*\)"$/\1/p' "$DP_REPO/router-image/docker/weaver")
    [[ -n $DP_JAVA_OPTS ]] || dp_die "cannot read the router's JVM flags from router-image/docker/weaver"
}

dp_cleanup() {
    dp_stop_weft
    dp_stop_tinc
    local ns
    for ns in $(ip netns list | awk '{ print $1 }' | grep "^$DP_TAG-" || true); do
        ip netns pids "$ns" 2>/dev/null | while read -r pid; do kill "$pid" 2>/dev/null || true; done
        ip netns delete "$ns" 2>/dev/null || true
    done
    rm -rf "$DP_WORK"
}

# dp_network N: the switch and N hosts with a weave bridge and one container each.
dp_network() {
    DP_HOSTS=$1
    local sw i h c
    sw=$(dp_ns sw)
    ip netns add "$sw"
    ip -n "$sw" link set lo up
    ip -n "$sw" link add sw type bridge
    ip -n "$sw" link set sw up
    for ((i = 1; i <= DP_HOSTS; i++)); do
        h=$(dp_ns "h$i") c=$(dp_ns "c$i")
        ip netns add "$h"
        ip netns add "$c"
        ip -n "$h" link set lo up
        ip -n "$c" link set lo up
        ip -n "$h" link add eth0 type veth peer name "p$i" netns "$sw"
        ip -n "$sw" link set "p$i" master sw up
        ip -n "$h" addr add "$(dp_host_ip "$i")/24" dev eth0
        ip -n "$h" link set eth0 up
        ip -n "$h" link add weave mtu "$DP_MTU" type bridge
        ip -n "$h" link set weave up
        ip -n "$h" link add "v$i" mtu "$DP_MTU" type veth peer name ethwe mtu "$DP_MTU" netns "$c"
        ip -n "$h" link set "v$i" master weave up
        ip -n "$c" addr add "$(dp_container_ip "$i")/16" dev ethwe
        ip -n "$c" link set ethwe up
    done
}

# dp_cut A B: no traffic between hosts A and B (their routers cannot reach each other).
dp_cut() {
    ip netns exec "$(dp_ns "h$1")" iptables -I INPUT -s "$(dp_host_ip "$2")" -j DROP
    ip netns exec "$(dp_ns "h$2")" iptables -I INPUT -s "$(dp_host_ip "$1")" -j DROP
}

# dp_start_weft [--no-fastdp] [--cut A,B]... : the data plane on every host; waits until every
# connection is established (and, with the fast path, every connection carries it, unless cut).
# DP_WEFT_PROPS adds JVM system properties (e.g. the sleeve's tuning switches).
dp_start_weft() {
    local args=() hosts=() want_fastdp=1 i
    while (($#)); do
        case $1 in
            --no-fastdp) args+=(--no-fastdp); want_fastdp=0 ;;
            --cut) args+=(--cut "$(dp_peer "${2%,*}"),$(dp_peer "${2#*,}")"); shift ;;
            *) dp_die "dp_start_weft: unknown option $1" ;;
        esac
        shift
    done
    for ((i = 1; i <= DP_HOSTS; i++)); do hosts+=("$(dp_peer "$i")@$(dp_ns "h$i")@$(dp_host_ip "$i")"); done
    # shellcheck disable=SC2086
    java $DP_JAVA_OPTS ${DP_WEFT_PROPS:-} -Dlab.stdin=false -cp "$DP_JAR" dev.weft.router.dataplane.lab.DataPlaneLab \
        --mtu "$DP_MTU" "${args[@]}" "${hosts[@]}" >"$DP_WORK/weft.log" 2>&1 &
    DP_LAB_PID=$!
    local deadline=$((SECONDS + 60))
    while ! grep -q '^READY' "$DP_WORK/weft.log"; do
        kill -0 "$DP_LAB_PID" 2>/dev/null || { cat "$DP_WORK/weft.log" >&2; dp_die "the data plane did not start"; }
        ((SECONDS < deadline)) || dp_die "connections not established within 60 s"
        sleep 0.2
    done
    if ((want_fastdp)); then
        while (($(grep -c '^MODE .* sleeve ' "$DP_WORK/weft.log") > $(grep -c '^MODE .* fastdp ' "$DP_WORK/weft.log"))); do
            ((SECONDS < deadline)) || { grep '^MODE' "$DP_WORK/weft.log" >&2; dp_die "fast path not up within 60 s"; }
            sleep 0.2
        done
    fi
    dp_ping 1 2 >/dev/null || dp_die "no ping through weft"
}

dp_stop_weft() {
    if [[ -n $DP_LAB_PID ]]; then
        kill "$DP_LAB_PID" 2>/dev/null || true
        wait "$DP_LAB_PID" 2>/dev/null || true
        DP_LAB_PID=
    fi
}

# dp_start_tinc: tinc 1.0 in switch mode, no encryption, no compression, its TAP on each weave bridge.
dp_start_tinc() {
    local i j d
    for ((i = 1; i <= DP_HOSTS; i++)); do
        d=$DP_WORK/tinc/h$i
        mkdir -p "$d/hosts"
        {
            echo "Name = h$i"
            echo "Mode = switch"
            echo "Interface = tinc$i"
            echo "DeviceType = tap"
            echo "AddressFamily = ipv4"
            echo "BindToAddress = $(dp_host_ip "$i")"
            for ((j = 1; j < i; j++)); do echo "ConnectTo = h$j"; done
        } >"$d/tinc.conf"
        printf 'Address = %s\nPort = 655\nCipher = none\nDigest = none\nMACLength = 0\nCompression = 0\n' \
            "$(dp_host_ip "$i")" >"$d/hosts/h$i"
        printf '\n\n' | tincd -c "$d" -K2048 >/dev/null 2>&1 || dp_die "tinc key generation failed"
    done
    for ((i = 1; i <= DP_HOSTS; i++)); do
        for ((j = 1; j <= DP_HOSTS; j++)); do ((i == j)) || cp "$DP_WORK/tinc/h$j/hosts/h$j" "$DP_WORK/tinc/h$i/hosts/"; done
    done
    DP_TINC_PIDS=()
    for ((i = 1; i <= DP_HOSTS; i++)); do
        d=$DP_WORK/tinc/h$i
        ip netns exec "$(dp_ns "h$i")" tincd -c "$d" --pidfile="$d/pid" --logfile="$d/log" || dp_die "tincd failed"
        local k
        for ((k = 0; k < 50; k++)); do [[ -s $d/pid ]] && break; sleep 0.1; done
        DP_TINC_PIDS+=("$(head -1 "$d/pid" | awk '{ print $1 }')")
        for ((k = 0; k < 50; k++)); do ip -n "$(dp_ns "h$i")" link show "tinc$i" >/dev/null 2>&1 && break; sleep 0.1; done
        ip -n "$(dp_ns "h$i")" link set "tinc$i" mtu "$DP_MTU" master weave up
    done
    local deadline=$((SECONDS + 30))
    until dp_ping 1 2 >/dev/null; do ((SECONDS < deadline)) || dp_die "no ping through tinc"; done
}

dp_stop_tinc() {
    local pid
    for pid in "${DP_TINC_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${DP_TINC_PIDS[@]}"; do
        while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    done
    DP_TINC_PIDS=()
}

# dp_start_vxlan: the hand-made limit: a kernel VXLAN on each bridge, flooding to every other host.
dp_start_vxlan() {
    local i j h
    for ((i = 1; i <= DP_HOSTS; i++)); do
        h=$(dp_ns "h$i")
        ip -n "$h" link add vxbase mtu "$DP_MTU" type vxlan id 42 dstport 4789
        for ((j = 1; j <= DP_HOSTS; j++)); do
            ((i == j)) || bridge -n "$h" fdb append 00:00:00:00:00:00 dev vxbase dst "$(dp_host_ip "$j")"
        done
        ip -n "$h" link set vxbase master weave up
    done
    dp_ping 1 2 >/dev/null || dp_die "no ping through the hand-made VXLAN"
}

dp_stop_vxlan() {
    local i
    for ((i = 1; i <= DP_HOSTS; i++)); do ip -n "$(dp_ns "h$i")" link delete vxbase 2>/dev/null || true; done
}

# dp_ping FROM TO: one answered ping between containers, within a few tries.
dp_ping() {
    local k
    for ((k = 0; k < 20; k++)); do
        ip netns exec "$(dp_ns "c$1")" ping -c 1 -W 1 "$(dp_container_ip "$2")" >/dev/null 2>&1 && return 0
    done
    return 1
}

# dp_iperf FROM TO [NS_PREFIX]: Gbit/s of one iperf3 TCP run (receiver side), container to container
# (or host to host with NS_PREFIX=h, over the bare underlay).
dp_iperf() {
    local from=$1 to=$2 kind=${3:-c} addr out
    if [[ $kind == h ]]; then addr=$(dp_host_ip "$to"); else addr=$(dp_container_ip "$to"); fi
    ip netns exec "$(dp_ns "$kind$to")" iperf3 -s -1 -p 5201 >/dev/null 2>&1 &
    local server=$!
    sleep 0.3
    out=$(ip netns exec "$(dp_ns "$kind$from")" iperf3 -c "$addr" -p 5201 -t "$DP_SECONDS" -O 1 -J 2>/dev/null) || {
        kill "$server" 2>/dev/null || true
        wait "$server" 2>/dev/null || true
        echo 0
        return 0
    }
    wait "$server" 2>/dev/null || true
    python3 -c 'import json,sys; print("%.3f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e9))' <<<"$out"
}

# dp_latency FROM TO: median round trip in ms of 200 pings 10 ms apart, container to container.
dp_latency() {
    ip netns exec "$(dp_ns "c$1")" ping -q -c 200 -i 0.01 -W 1 "$(dp_container_ip "$2")" 2>/dev/null >/dev/null
    ip netns exec "$(dp_ns "c$1")" ping -c 200 -i 0.01 -W 1 "$(dp_container_ip "$2")" 2>/dev/null \
        | sed -n 's/.*time=\([0-9.]*\) ms/\1/p' | median
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
spread() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else printf "%s..%s", v[1], v[NR] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.2f", a / b }'; }
meets() { awk -v r="$1" -v op="$2" -v t="$3" 'BEGIN { exit !((op == ">=") ? (r >= t) : (r <= t)) }'; }

# dp_machine: the line that says where the figures came from.
dp_machine() {
    echo "$(nproc) cores $(sed -n 's/^model name\s*:\s*//p' /proc/cpuinfo | head -1), kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
}
