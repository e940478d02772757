#!/usr/bin/env bats
# IPAM on one host where allocations used to wait silently or fail by accident (issues 8 and 10):
# an allocation waiting for consensus says so on stderr and Ctrl-C cancels it in the router; an
# address whose container has just stopped goes to the next container at once; a subnet with no
# allocatable address, or one full on a peer that alone holds it, fails at once with one line.

load helpers

setup_file() {
    [[ -x /usr/local/bin/weave ]] || "$REPO/scripts/install.sh" >&2
    lab_setup_file 1
}
teardown_file() { lab_teardown_file; }

pending_allocates() { weave_on host1 report -f '{{len .IPAM.PendingAllocates}}'; }

# a router of its own for each test: reset whatever the last one left, then launch with ARGS
fresh_router() {
    weave_on host1 reset >/dev/null 2>&1 || true
    weave_on host1 launch "$@" >/dev/null
}

@test "attach waiting for consensus says why on stderr after ~2 s and keeps waiting" {
    fresh_router --ipalloc-init consensus=2
    docker_on host1 run -d --label weft.e2e=1 --name=w1 "$SMALL_IMAGE" sleep 86400 >/dev/null
    err=$BATS_TEST_TMPDIR/err
    start=$(date +%s)
    # the CLI is still waiting after 10 s (its start may take a few on a busy machine): timeout sends it
    # SIGINT, as Ctrl-C would
    code=0
    timeout -s INT 10 "$LAB" weave host1 attach w1 >/dev/null 2>"$err" || code=$?
    [ "$code" -ne 0 ]
    (($(date +%s) - start >= 10))
    cat "$err" >&2
    grep -qx 'waiting for IP allocation consensus: 1 of quorum 2 peers heard; run `weave status ipam`' "$err"
    [ "$(grep -c 'waiting for' "$err")" -eq 1 ]
    run weave_on host1 status
    [[ $output == *"Status: awaiting consensus (quorum: 2, known: 1)"* ]]
}

@test "Ctrl-C on an attach waiting for consensus cancels its allocation in the router" {
    fresh_router --ipalloc-init consensus=2
    # the HTTP layer's part first: a request of the original's API whose client went away is dropped
    run_on host1 timeout -s INT 3 curl -s -X POST http://127.0.0.1:6784/ip/probe || true
    for _ in $(seq 10); do [[ $(pending_allocates) == 0 ]] && break; sleep 0.5; done
    assert_equal 0 "$(pending_allocates)"
    docker_on host1 run -d --label weft.e2e=1 --name=w2 "$SMALL_IMAGE" sleep 86400 >/dev/null
    # Ctrl-C as a terminal sends it: SIGINT to the attach's process group (timeout's, in which the CLI
    # runs), once the router holds the attach's allocation, so the test cannot pass by interrupting a
    # CLI that had not reached the router yet
    timeout -s INT 120 "$LAB" weave host1 attach w2 >/dev/null 2>&1 &
    local attach=$!
    for _ in $(seq 120); do [[ $(pending_allocates) == 1 ]] && break; sleep 0.5; done
    assert_equal 1 "$(pending_allocates)"
    kill -INT "$attach"
    local code=0
    wait "$attach" || code=$?
    [ "$code" -ne 0 ]
    [ "$code" -ne 124 ]
    for _ in $(seq 20); do [[ $(pending_allocates) == 0 ]] && break; sleep 0.5; done
    assert_equal 0 "$(pending_allocates)"
}

@test "an explicit address of a container that just stopped goes to the next container at once" {
    fresh_router
    docker_on host1 run -d --label weft.e2e=1 --name=web "$SMALL_IMAGE" sleep 86400 >/dev/null
    assert_equal 10.40.1.9 "$(weave_on host1 attach 10.40.1.9/24 web)"
    weave_on host1 attach 192.168.77.9/24 web >/dev/null
    docker_on host1 stop -t 1 web >/dev/null
    docker_on host1 run -d --label weft.e2e=1 --name=web2 "$SMALL_IMAGE" sleep 86400 >/dev/null
    run weave_on host1 attach 10.40.1.9/24 web2
    [ "$status" -eq 0 ]
    assert_equal 10.40.1.9 "$output"
    run weave_on host1 attach 192.168.77.9/24 web2
    [ "$status" -eq 0 ]
    # a running holder keeps its address
    docker_on host1 run -d --label weft.e2e=1 --name=web3 "$SMALL_IMAGE" sleep 86400 >/dev/null
    run weave_on host1 attach 10.40.1.9/24 web3
    [ "$status" -eq 1 ]
    [[ $output == "weave: "*"10.40.1.9"*"already"* ]]
}

@test "a subnet without an allocatable address fails at once with one line" {
    fresh_router
    docker_on host1 run -d --label weft.e2e=1 --name=tiny "$SMALL_IMAGE" sleep 86400 >/dev/null
    run timeout 20 "$LAB" weave host1 attach net:10.40.2.8/31 tiny
    [ "$status" -eq 1 ]
    assert_equal "weave: no allocatable IP address in 10.40.2.8/31: a /31 or /32 subnet has no host addresses" "$output"
    run timeout 20 "$LAB" weave host1 attach net:10.40.2.9/32 tiny
    [ "$status" -eq 1 ]
    [ "$(echo "$output" | wc -l)" -eq 1 ]
}

@test "a subnet full on the one peer that holds it fails at once; a freed address is given again" {
    fresh_router
    for c in f1 f2 f3; do
        docker_on host1 run -d --label weft.e2e=1 --name=$c "$SMALL_IMAGE" sleep 86400 >/dev/null
    done
    # 10.40.3.0/30 has two host addresses
    weave_on host1 attach net:10.40.3.0/30 f1 >/dev/null
    weave_on host1 attach net:10.40.3.0/30 f2 >/dev/null
    run timeout 20 "$LAB" weave host1 attach net:10.40.3.0/30 f3
    [ "$status" -eq 1 ]
    assert_equal "weave: no free IP address in 10.40.3.0/30: all 2 addresses are in use, and no other peer holds any of them" "$output"
    weave_on host1 detach net:10.40.3.0/30 f1 >/dev/null
    run weave_on host1 attach net:10.40.3.0/30 f3
    [ "$status" -eq 0 ]
    assert_equal 10.40.3.1 "$output"
}
