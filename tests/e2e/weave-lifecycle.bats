#!/usr/bin/env bats
# The router's lifecycle on a lab host: stop + launch keeps every allocation, kill -9 in the middle
# of a burst of attaches loses nothing and never gives an address twice, and reset leaves no
# bridge, veth, iptables rule, container, volume or data file behind.

load helpers

setup_file() {
    [[ -x $WEAVE_CLI ]] || install_weave_cli
    lab_setup_file 1
}
teardown_file() { lab_teardown_file; }

ensure_router() { weave_running_on host1 || weave_on host1 launch >/dev/null; }

# wait_ready: the router answers `weave status` (it restarts by itself after a kill).
wait_ready() {
    local i
    for ((i = 0; i < 60; i++)); do
        weave_on host1 status >/dev/null 2>&1 && return 0
        sleep 1
    done
    echo "router on host1 not ready after 60 s" >&2
    return 1
}

# ps_ips: every address of `weave ps`, one per line, sorted.
ps_ips() { weave_on host1 ps | awk '{ for (i = 3; i <= NF; i++) print $i }' | sort; }

@test "stop + launch keeps every allocation; containers keep talking while the router is down" {
    ensure_router
    for c in k1 k2 k3; do
        docker_on host1 run -d --label weft.e2e=1 --name=$c "$SMALL_IMAGE" sleep 86400 >/dev/null
    done
    ip1=$(weave_on host1 attach k1)
    ip2=$(weave_on host1 attach net:10.40.9.0/24 k2)
    ip3=$(weave_on host1 attach 10.32.200.7/12 k3)
    exposed=$(weave_on host1 expose)
    before=$(weave_on host1 ps | sort)

    run weave_on host1 stop
    [ "$status" -eq 0 ]
    ! weave_running_on host1
    assert_ping host1 k1 "$ip3"   # the data path between local containers does not need the router

    weave_on host1 launch >/dev/null
    assert_equal "$before" "$(weave_on host1 ps | sort)"
    # IPAM remembers: attaching again returns the same addresses, new ones are different
    assert_equal "$ip1" "$(weave_on host1 attach k1)"
    assert_equal "$ip2" "$(weave_on host1 attach net:10.40.9.0/24 k2)"
    assert_equal "$exposed" "$(weave_on host1 expose)"
    docker_on host1 run -d --label weft.e2e=1 --name=k4 "$SMALL_IMAGE" sleep 86400 >/dev/null
    ip4=$(weave_on host1 attach k4)
    [[ $ip4 != "$ip1" && $ip4 != "$ip3" && $ip4 != "$exposed" ]]
    ip5=$(weave_on host1 attach net:10.40.9.0/24 k4 | tr ' ' '\n' | grep '^10\.40\.9\.')
    [[ -n $ip5 && $ip5 != "$ip2" ]]
}

@test "kill -9 during a burst of attaches loses nothing and gives no address twice" {
    ensure_router
    wait_ready
    names=()
    for i in $(seq 1 16); do
        docker_on host1 run -d --label weft.e2e=1 --name=burst$i "$SMALL_IMAGE" sleep 86400 >/dev/null
        names+=(burst$i)
    done
    out=$BATS_TEST_TMPDIR/burst
    mkdir -p "$out"
    # four streams of four attaches each; the router dies once the first few are acknowledged
    jobs=()
    for s in 0 1 2 3; do
        (for k in 1 2 3 4; do
            c=burst$((s * 4 + k))
            if weave_on host1 attach "$c" >"$out/$c.ip" 2>"$out/$c.err"; then echo 0; else echo $?; fi >"$out/$c.rc"
        done) &
        jobs+=($!)
    done
    for ((i = 0; i < 300; i++)); do
        (($(cat "$out"/*.rc 2>/dev/null | grep -c '^0$') >= 3)) && break
        sleep 0.1
    done
    pid=$(docker_on host1 inspect -f '{{.State.Pid}}' weave)
    [ "$pid" -gt 0 ]
    kill -9 "$pid"
    wait "${jobs[@]}" || true   # not a bare `wait`: bats' own timeout watcher is a background job too
    acked=()
    for c in "${names[@]}"; do [[ $(<"$out/$c.rc") == 0 ]] && acked+=("$c"); done
    echo "# attaches acknowledged before/around the kill: ${#acked[@]} of ${#names[@]}" >&3
    ((${#acked[@]} >= 3 && ${#acked[@]} < ${#names[@]}))   # the kill did land in the middle of the burst

    wait_ready   # the restart policy brings the router back by itself
    # every acknowledged attach is still there, with the same address
    for c in "${acked[@]}"; do
        assert_equal "$(<"$out/$c.ip")" "$(container_ip host1 "$c")"
        assert_equal "$(<"$out/$c.ip")" "$(weave_on host1 attach "$c")"
    done
    # the others can be attached now
    for c in "${names[@]}"; do weave_on host1 attach "$c" >/dev/null; done
    # no address twice, neither in IPAM's view (ps) nor on the interfaces
    known=$(ps_ips)   # one `weave ps` for every check below: each is a CLI start, slow on a busy 2-core machine
    assert_equal "" "$(uniq -d <<<"$known")"
    on_ifaces=$(for c in "${names[@]}"; do exec_on host1 "$c" ip -4 -o addr show dev ethwe | awk '{ print $4 }'; done | sort)
    assert_equal "" "$(uniq -d <<<"$on_ifaces")"
    [ "$(wc -l <<<"$on_ifaces")" -eq ${#names[@]} ]   # one address each
    for ip in $on_ifaces; do grep -qxF "$ip" <<<"$known"; done
}

@test "reset leaves no bridge, veth, iptables rule, container, volume or data file behind" {
    ensure_router
    docker_on host1 run -d --label weft.e2e=1 --name=r1 "$SMALL_IMAGE" sleep 86400 >/dev/null
    weave_on host1 attach r1 >/dev/null
    weave_on host1 expose >/dev/null
    run_on host1 ip link show weave >/dev/null   # there was something to reset

    run weave_on host1 reset
    [ "$status" -eq 0 ]
    run run_on host1 ip -o link show
    [[ ! $output =~ :\ (weave|datapath|vethwe[^:]*)[@:] ]]
    [[ $output != *vethwe* ]]
    for table in filter nat mangle; do
        run run_on host1 iptables -t $table -S
        [[ $output != *WEAVE* && $output != *" -o weave "* && $output != *" -i weave "* ]]
        [[ $output != *"--dport 53 -j ACCEPT"* && $output != *"--dport 678"* ]]   # weaveDNS's and the ports' INPUT rules
    done
    run docker_on host1 ps -a --format '{{.Names}}'
    [[ $output != *weave* ]]
    run docker_on host1 volume ls -q
    assert_equal "" "$output"
    run run_on host1 sh -c 'ls /var/lib/weave 2>/dev/null'
    [[ $output != *.db* ]]
    run exec_on host1 r1 ip link show ethwe
    [ "$status" -ne 0 ]
    # and a fresh launch works on the clean host
    weave_on host1 launch >/dev/null
    run weave_on host1 attach r1
    [ "$status" -eq 0 ]
    [[ $output =~ ^10\.(3[2-9]|4[0-7])\. ]]
}
