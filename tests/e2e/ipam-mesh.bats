#!/usr/bin/env bats
# IPAM and weaveDNS across peers (issue 10) on 3 lab hosts: one range shared by every peer, names
# registered on one host resolving on every host, no address given twice across a cut and its heal,
# addresses and names kept over stop + launch, rmpeer of a dead peer, reset handing ranges over, and
# bad input. A mesh that does not form within 30 s fails every test.

load helpers

setup_file() {
    [[ -x /usr/local/bin/weave ]] || "$REPO/scripts/install.sh" >&2
    lab_setup_file 3
    for h in host1 host2 host3; do
        weave_on "$h" launch --ipalloc-init consensus=3 "$HOST1" "$HOST2" "$HOST3" >/dev/null
    done
    for _ in $(seq 60); do
        peers=$(weave_on host1 status peers 2>/dev/null)
        [[ $peers == *"(host2)"* && $peers == *"(host3)"* ]] && return 0
        sleep 0.5
    done
    echo "the mesh did not form in 30 s: 'weave status peers' on host1 does not list host2 and host3:" >&2
    echo "$peers" >&2
    return 1
}
teardown_file() { lab_teardown_file; }

# every weave address of every container on HOST..., one per line
weave_addresses() {
    for h in "$@"; do
        weave_on "$h" ps | awk '$1 != "weave:expose" { for (i = 3; i <= NF; i++) print $i }' | cut -d/ -f1
    done
}

# waits until CMD... succeeds (up to 30 s)
eventually() {
    for _ in $(seq 60); do "$@" && return 0; sleep 0.5; done
    "$@"
}

same_rings() {
    local r1 r2 r3
    r1=$(weave_on host1 report -f '{{range .IPAM.Entries}}{{.Token}} {{.Peer}} {{.Version}};{{end}}')
    r2=$(weave_on host2 report -f '{{range .IPAM.Entries}}{{.Token}} {{.Peer}} {{.Version}};{{end}}')
    r3=$(weave_on host3 report -f '{{range .IPAM.Entries}}{{.Token}} {{.Peer}} {{.Version}};{{end}}')
    [[ -n $r1 && $r1 == "$r2" && $r2 == "$r3" ]]
}

@test "containers on 3 hosts get distinct addresses from one range" {
    for h in host1 host2 host3; do
        for i in 1 2 3; do
            docker_on "$h" run -d --label weft.e2e=1 --name="d$i" "$SMALL_IMAGE" sleep 86400 >/dev/null
            weave_on "$h" attach "d$i" >/dev/null
        done
    done
    addrs=$(weave_addresses host1 host2 host3)
    assert_equal 9 "$(echo "$addrs" | wc -l)"
    assert_equal 9 "$(echo "$addrs" | sort -u | wc -l)"
    while read -r a; do [[ $a =~ ^10\.(3[2-9]|4[0-7])\. ]]; done <<<"$addrs"
    run weave_on host1 status ipam
    [ "$status" -eq 0 ]
    [[ $output == *"(host1)"* && $output == *"(host2)"* && $output == *"(host3)"* ]]
    [[ $output != *"unreachable"* ]]
    eventually same_rings
}

@test "dns-lookup on host1 finds a container registered on host3" {
    docker_on host3 run -d --label weft.e2e=1 --name=far -h far.weave.local "$SMALL_IMAGE" sleep 86400 >/dev/null
    ip=$(weave_on host3 attach far)
    eventually bash -c "[[ \$('$LAB' weave host1 dns-lookup far) == '$ip' ]]"
    assert_equal "$ip" "$(weave_on host2 dns-lookup far)"
}

@test "cut host1/host3 with allocations on both sides, heal: no address twice, one ring" {
    "$LAB" cut host1 host3
    for i in 1 2 3 4; do
        docker_on host1 run -d --label weft.e2e=1 --name="cut1-$i" "$SMALL_IMAGE" sleep 86400 >/dev/null
        docker_on host3 run -d --label weft.e2e=1 --name="cut3-$i" "$SMALL_IMAGE" sleep 86400 >/dev/null
        weave_on host1 attach "cut1-$i" >/dev/null
        weave_on host3 attach "cut3-$i" >/dev/null
    done
    "$LAB" heal
    addrs=$(weave_addresses host1 host2 host3)
    assert_equal "$(echo "$addrs" | wc -l)" "$(echo "$addrs" | sort -u | wc -l)"
    eventually same_rings
}

@test "stop + launch keeps addresses and names" {
    docker_on host2 run -d --label weft.e2e=1 --name=keep -h keep.weave.local "$SMALL_IMAGE" sleep 86400 >/dev/null
    ip=$(weave_on host2 attach keep)
    eventually bash -c "[[ \$('$LAB' weave host1 dns-lookup keep) == '$ip' ]]"
    before=$(weave_on host2 ps | sort)
    weave_on host2 stop
    weave_on host2 launch --ipalloc-init consensus=3 "$HOST1" "$HOST2" "$HOST3" >/dev/null
    assert_equal "$before" "$(weave_on host2 ps | sort)"
    eventually bash -c "[[ \$('$LAB' weave host1 dns-lookup keep) == '$ip' ]]"
    assert_equal "$ip" "$(weave_on host2 dns-lookup keep)"
}

@test "bad input: rmpeer of an unknown peer is refused with one line (runs without the mesh too)" {
    run weave_on host1 rmpeer nosuchpeer
    [ "$status" -eq 1 ]
    assert_equal "weave: rmpeer nosuchpeer: unknown peer nosuchpeer: no peer of that name or nickname is known here" "$output"
}

@test "bad input: rmpeer of a live peer is refused with one line" {
    run weave_on host1 rmpeer host2
    [ "$status" -eq 1 ]
    [[ $output == "weave: rmpeer host2: peer "*"(host2) is reachable: rmpeer is only for peers that are gone for good" ]]
}

@test "rmpeer: the space of a dead peer is taken over and every peer sees it" {
    weave_on host3 stop
    eventually bash -c "'$LAB' weave host1 status ipam | grep -q 'weave rmpeer host3'"
    run weave_on host1 status ipam
    [[ $output == *"(host3)"*"- unreachable!"* ]]
    run weave_on host1 rmpeer host3
    [ "$status" -eq 0 ]
    [[ $output =~ ^[1-9][0-9]*\ IPs\ taken\ over\ from\ host3$ ]]
    eventually bash -c "! '$LAB' weave host2 status ipam | grep -q '(host3)'"
    run weave_on host1 status ipam
    [[ $output != *"(host3)"* ]]
}

@test "reset hands host2's ranges to another peer" {
    run weave_on host1 status ipam
    [[ $output == *"(host2)"* ]]
    weave_on host2 reset
    eventually bash -c "! '$LAB' weave host1 status ipam | grep -q '(host2)'"
    run weave_on host1 status ipam
    [[ $output != *"unreachable"* ]]
    # the addresses of host1's containers are untouched and still distinct
    addrs=$(weave_addresses host1)
    assert_equal "$(echo "$addrs" | wc -l)" "$(echo "$addrs" | sort -u | wc -l)"
}
