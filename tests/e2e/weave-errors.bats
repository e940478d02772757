#!/usr/bin/env bats
# Bad input for every command, against a real router on a lab host: each gives one clear line on
# stderr/stdout, `weave: ...`, and a non-zero status (1 usage/failure, 2 not running, 3 running,
# 4 disabled). The everyday parse errors of cli-weave.bats (unknown command, /33) are not repeated.

load helpers

setup_file() {
    [[ -x $WEAVE_CLI ]] || install_weave_cli
    lab_setup_file 1
    weave_on host1 launch >/dev/null
    docker_on host1 run -d --label weft.e2e=1 --name=ok "$SMALL_IMAGE" sleep 86400 >/dev/null
    docker_on host1 run -d --label weft.e2e=1 --name=hostnet --net=host "$SMALL_IMAGE" sleep 86400 >/dev/null
    docker_on host1 create --label weft.e2e=1 --name=stopped "$SMALL_IMAGE" sleep 86400 >/dev/null
}
teardown_file() { lab_teardown_file; }

# fails STATUS PATTERN ARGS...: `weave ARGS` on host1 exits STATUS with one line matching the glob
# PATTERN (after the "weave: " prefix).
fails() {
    local want=$1 pattern=$2
    shift 2
    run weave_on host1 "$@"
    if [[ $status -ne $want || ${#lines[@]} -ne 1 || ${lines[0]} != weave:\ $pattern ]]; then
        printf 'weave %s\n  expected status %s and one line "weave: %s"\n  got status %s: %s\n' \
            "$*" "$want" "$pattern" "$status" "$output" >&2
        return 1
    fi
}

@test "attach: malformed addresses and options are refused before anything happens" {
    fails 1 "invalid address 'net:10.2.0.0/33'*" attach net:10.2.0.0/33 ok
    fails 1 "invalid address 'ip:300.1.1.1/24'*" attach ip:300.1.1.1/24 ok
    fails 1 "invalid address 'net:bogus'*" attach net:bogus ok
    fails 1 "invalid --add-host 'bad': expected <name>:<ip>" attach --add-host bad ok
    fails 1 "Missing required parameter*" attach
    fails 1 "Unknown option*" attach --frobnicate ok
    run exec_on host1 ok ip link show ethwe
    [ "$status" -ne 0 ]   # none of it touched the container
}

@test "attach: unknown, host-network and stopped containers are named in the error" {
    fails 1 "container nosuch not found" attach nosuch
    fails 1 "container hostnet is using --net=host*" attach hostnet
    fails 1 "container stopped is not running*" attach stopped
}

@test "attach: a subnet outside the allocation range is refused" {
    fails 1 "range 10.2.1.0/24 out of bounds: 10.32.0.0/12" attach net:10.2.1.0/24 ok
    fails 1 "range 10.2.1.0/24 out of bounds: 10.32.0.0/12" expose net:10.2.1.0/24
}

@test "attach: an address held by another container is refused (409), the holder keeps it" {
    docker_on host1 run -d --label weft.e2e=1 --name=holder "$SMALL_IMAGE" sleep 86400 >/dev/null
    docker_on host1 run -d --label weft.e2e=1 --name=thief "$SMALL_IMAGE" sleep 86400 >/dev/null
    weave_on host1 attach 10.32.100.5/12 holder >/dev/null
    fails 1 "address 10.32.100.5 is already owned by $(docker_on host1 inspect -f '{{.Id}}' holder)" attach 10.32.100.5/12 thief
    run exec_on host1 thief ip link show ethwe
    [ "$status" -ne 0 ]
    assert_equal 10.32.100.5 "$(container_ip host1 holder)"
}

@test "detach: bad addresses and unknown containers" {
    fails 1 "invalid address '10.2.0.1/40'*" detach 10.2.0.1/40 ok
    fails 1 "container nosuch not found" detach nosuch
    fails 1 "Missing required parameter*" detach
}

@test "expose and hide: malformed addresses" {
    fails 1 "invalid address '10.2.0.1/40'*" expose 10.2.0.1/40
    fails 1 "invalid address 'net:bogus'*" expose net:bogus
    fails 1 "Missing required parameter for option '-h'*" expose -h
    fails 1 "invalid address 'ip:1.2.3'*" hide ip:1.2.3
    run run_on host1 ip -4 -o addr show dev weave
    [[ $output != *10.2.0.1* ]]
}

@test "dns-add and dns-remove: missing names, bad addresses, unknown or stopped containers" {
    fails 1 "give a container, or IP addresses and -h <fqdn>" dns-add 10.1.1.1
    fails 1 "Missing required parameter*" dns-add
    fails 1 "Missing required parameter*" dns-remove
    fails 1 "container nosuch not found" dns-add nosuch -h x.weave.local
    fails 2 "container stopped is not running" dns-add stopped -h x.weave.local
    fails 1 "container 999.1.1.1 not found" dns-add 999.1.1.1 -h x.weave.local
    fails 1 "container ok has no weave addresses" dns-add ok -h x.weave.local
    fails 1 "invalid arguments 'ok extra'*" dns-add ok extra
}

@test "dns-lookup, status, report, rmpeer, connect, forget: usage errors" {
    fails 1 "Missing required parameter: 'NAME'*" dns-lookup
    fails 1 "Unmatched argument*" dns-lookup a b
    fails 1 "Invalid 'weave status' sub-command: bogus*" status bogus
    fails 1 "Missing required parameter for option '--format'*" report -f
    fails 1 "Missing required parameter: 'PEER_ID'*" rmpeer
    fails 1 "Missing required parameter: 'PEER'*" forget
    fails 1 "Missing required parameter: 'PEER'*" connect
}

@test "report -f with a broken template gets the router's one-line error" {
    fails 1 "template: format:1: unclosed action" report -f '{{.Router.Name'
}

@test "connect to malformed peers names each on one line; good peers given with them are still added" {
    run weave_on host1 connect :6783 "$(lab_ip 99)" h:@x
    [ "$status" -eq 1 ]
    assert_equal 'weave: invalid peer name ":6783", should be host[:port]; invalid peer name "h:@x", should be host[:port]' "$output"
    run weave_on host1 status targets
    [[ $output == *"$(lab_ip 99)"* ]]
    weave_on host1 forget "$(lab_ip 99)"
}

@test "launch: already running exits 3; removed commands say so" {
    fails 3 "weave is already running*" launch
    fails 1 "the 'weave launch-router' command was removed*" launch-router
    fails 1 "the 'weave launch-proxy' command was removed*" launch-proxy
}

@test "env --restore without a previous env is refused" {
    fails 1 "Nothing to restore.*" env --restore
}

@test "with the router stopped, router commands say it is not running (exit 2)" {
    weave_on host1 stop >/dev/null
    fails 2 "weave container is not running." attach ok
    fails 2 "weave container is not running." ps
    fails 2 "weave container is not running." dns-add 10.1.1.1 -h x.weave.local
    fails 2 "weave container is not running." expose
    weave_on host1 launch >/dev/null
}

@test "launch with a bad router flag fails with the router's one-line reason and leaves no router running" {
    weave_on host1 stop >/dev/null
    run weave_on host1 launch --ipalloc-range=10.0.0.0/33
    [ "$status" -eq 1 ]
    [[ $output == *10.0.0.0/33* ]]
    ! weave_running_on host1
    run weave_on host1 launch --no-such-flag
    [ "$status" -eq 1 ]
    [[ $output == *no-such-flag* ]]
    ! weave_running_on host1
}
