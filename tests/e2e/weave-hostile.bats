#!/usr/bin/env bats
# Hostile input against a real router: for a bounded time tests/e2e/tools/HostileClient.java throws
# malformed, oversized and slow (slowloris) requests at every route of the control and status APIs
# and malformed DNS packets (UDP and TCP) at weaveDNS. Afterwards the router must be the same
# process, answer `weave status`, resolve names, and hold exactly the allocations it held before.
# One router on host1.

load helpers

HOSTILE_SECONDS=${HOSTILE_SECONDS:-30}

setup_file() {
    [[ -x /usr/local/bin/weave ]] || "$REPO/scripts/install.sh" >&2
    lab_setup_file 1
    weave_on host1 launch >/dev/null
}
teardown_file() { lab_teardown_file; }

router_identity() { docker_on host1 inspect -f '{{.State.StartedAt}} restarts={{.RestartCount}}' weave; }
allocations() { run_on host1 curl -sf 127.0.0.1:6784/ip; }

@test "after a storm of hostile HTTP and DNS input the router answers, resolves and kept every allocation" {
    start_container_with_dns host1 --name=web >/dev/null
    start_container host1 10.32.9.9/12 --name=fixed >/dev/null
    weave_on host1 expose >/dev/null
    weave_on host1 dns-add 10.40.0.9 -h outside.weave.local
    web_ip=$(container_ip host1 web)
    before=$(allocations)
    [[ $before == *'"addrs"'* ]]
    identity=$(router_identity)
    dns=$(run_on host1 curl -sf 127.0.0.1:6784/dns-address-port)

    run_on host1 java "$E2E_DIR/tools/HostileClient.java" --api 127.0.0.1:6784 --dns "$dns" \
        --seconds "$HOSTILE_SECONDS" --seed "$RANDOM" >"$BATS_TEST_TMPDIR/control.out" 2>&1 &
    control=$!
    run_on host1 java "$E2E_DIR/tools/HostileClient.java" --api 127.0.0.1:6782 --dns "$dns" \
        --seconds "$HOSTILE_SECONDS" --seed "$RANDOM" >"$BATS_TEST_TMPDIR/status.out" 2>&1 &
    status=$!
    wait "$control" || { cat "$BATS_TEST_TMPDIR/control.out" >&2; false; }
    wait "$status" || { cat "$BATS_TEST_TMPDIR/status.out" >&2; false; }
    cat "$BATS_TEST_TMPDIR/control.out"
    # the attacks were answered by the router's limits, not by a crash or a hang
    grep -q '^hostile: http-huge-body {413=' "$BATS_TEST_TMPDIR/control.out"
    grep -q '^hostile: http-huge-header {431=' "$BATS_TEST_TMPDIR/control.out"
    grep -Eq '^hostile: slowloris \{.*answered-408=' "$BATS_TEST_TMPDIR/control.out"
    grep -Eq '^hostile: dns-udp \{answered=[1-9]' "$BATS_TEST_TMPDIR/control.out"

    assert_equal "$identity" "$(router_identity)"
    run weave_on host1 status
    [[ $status -eq 0 ]]
    [[ $output == *"Service: ipam"* && $output == *"Status: ready"* ]]
    assert_equal "$before" "$(allocations)"
    run weave_on host1 dns-lookup web
    assert_equal "$web_ip" "$output"
    run weave_on host1 dns-lookup outside
    assert_equal "10.40.0.9" "$output"
    # a new allocation still works
    start_container host1 --name=after >/dev/null
    container_ip host1 after >/dev/null
}
