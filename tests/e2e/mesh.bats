#!/usr/bin/env bats
# The peer mesh on three lab hosts: routers launched with peers, or knowing only one other host
# (discovery), list every peer with established connections; a cut between two hosts ends their
# connection and healing brings it back; targets survive stop + launch --resume and a restart by
# Docker; connect/forget change them; bad input gives one clear line.

load helpers

setup_file() {
    [[ -x /usr/local/bin/weave ]] || "$REPO/scripts/install.sh" >&2
    lab_setup_file 3
}
teardown_file() { lab_teardown_file; }

# every test starts with no router and no persisted mesh state on any host
teardown() {
    local h
    for h in host1 host2 host3; do weave_on "$h" reset --force >/dev/null 2>&1 || true; done
    "$LAB" heal >/dev/null 2>&1 || true
}

# eventually SECONDS CMD...: CMD succeeds within SECONDS (checked every half second).
eventually() {
    local limit=$1 i
    shift
    for ((i = 0; i < limit * 2; i++)); do
        "$@" 2>/dev/null && return 0
        sleep 0.5
    done
    "$@"
}

# peers_listed HOST: the nicknames `weave status peers` lists, sorted, space-separated.
peers_listed() { weave_on "$1" status peers | grep -o '^[0-9a-f:]*(host[0-9]*)$' | grep -o 'host[0-9]*' | sort | xargs; }
lists_all_three() { [[ $(peers_listed "$1") == "host1 host2 host3" ]]; }

# established_to HOST ADDRESS-PREFIX: HOST has an established connection whose address starts so.
established_to() { weave_on "$1" status connections | grep -q "^[-<][->] $2[: ].*established "; }
established_count() { weave_on "$1" status connections | grep -c ' established ' || true; }
all_established() { [[ $(established_count "$1") -eq $2 ]] && ! weave_on "$1" status connections | grep -qv ' established '; }
not_established_to() { ! established_to "$@"; }
# metrics HOST: the router's /metrics, fetched inside the host (busybox nc: its wget is unreliable here)
metrics() { run_on "$1" sh -c "printf 'GET /metrics HTTP/1.0\r\n\r\n' | busybox nc -w 3 127.0.0.1 6782"; }

@test "routers launched with peers list all three peers over established connections" {
    weave_on host1 launch >/dev/null
    weave_on host2 launch "$HOST1" >/dev/null
    weave_on host3 launch "$HOST1" "$HOST2" >/dev/null
    for h in host1 host2 host3; do
        eventually 20 lists_all_three "$h"
        eventually 20 all_established "$h" 2
    done
    run weave_on host2 status
    [ "$status" -eq 0 ]
    [[ $output == *"    Connections: 2 (2 established)"* ]]
    [[ $output == *"          Peers: 3 (with 6 established connections)"* ]]
    [[ $output == *"        Targets: 1"* ]]
    # the JSON report and /metrics say the same
    [[ $(weave_on host3 report -f '{{len .Router.Peers}} {{len .Router.Connections}}') == "3 2" ]]
    metrics host3 | grep -q '^weave_connections{encryption="",state="established",type=""} 2'
}

@test "discovery: host3 knowing only host1 also connects to host2; with --no-discovery it dials only host1" {
    weave_on host1 launch >/dev/null
    weave_on host2 launch "$HOST1" >/dev/null
    weave_on host3 launch "$HOST1" >/dev/null
    eventually 20 established_to host3 "$HOST2"
    for h in host1 host2 host3; do eventually 20 lists_all_three "$h"; done
    [[ $(weave_on host3 status targets) == "$HOST1" ]]

    # with --no-discovery host3 dials only its target; host2 (discovering) may still dial host3
    weave_on host3 stop >/dev/null
    weave_on host3 launch --no-discovery "$HOST1" >/dev/null
    eventually 20 lists_all_three host3   # host2 is known, through host1
    sleep 3
    ! weave_on host3 status connections | grep -q "^-> $HOST2"
    [[ $(weave_on host3 status connections | grep -c '^-> ') -eq 1 ]]
}

@test "a cut between host1 and host3 ends their connection, traffic goes through host2; healing brings it back" {
    weave_on host1 launch >/dev/null
    weave_on host2 launch "$HOST1" >/dev/null
    weave_on host3 launch "$HOST1" "$HOST2" >/dev/null
    for h in host1 host2 host3; do eventually 20 all_established "$h" 2; done

    "$LAB" cut host1 host3
    # nothing crosses the cut: the connection dies when heartbeats stop (60 s), the retries say why
    eventually 120 not_established_to host3 "$HOST1"
    lists_all_three host3   # host1 is still reachable through host2
    run weave_on host3 status connections
    [[ $output =~ $HOST1:6783\ +(failed|retrying|connecting) ]]
    [[ $output == *"retry: "* || $output == *"retrying"* || $output == *"connecting"* ]]

    "$LAB" heal host1 host3
    eventually 90 all_established host3 2
    eventually 20 all_established host1 2
}

@test "targets survive a restart by Docker and stop + launch --resume; forget and connect change them" {
    weave_on host1 launch "$HOST2" "$HOST3" >/dev/null
    weave_on host2 launch >/dev/null
    weave_on host3 launch >/dev/null
    weave_on host1 forget "$HOST2"
    weave_on host1 connect "$HOST3:6783"
    expected=$(weave_on host1 status targets | sort)
    [[ $expected != *"$HOST2"* ]]
    [[ $(wc -l <<<"$expected") -eq 2 ]]

    docker_on host1 restart weave >/dev/null
    eventually 60 weave_on host1 status
    assert_equal "$expected" "$(weave_on host1 status targets | sort)"

    weave_on host1 stop >/dev/null
    weave_on host1 launch --resume >/dev/null
    assert_equal "$expected" "$(weave_on host1 status targets | sort)"
    eventually 20 established_to host1 "$HOST3"

    weave_on host1 stop >/dev/null
    weave_on host1 launch "$HOST2" >/dev/null
    assert_equal "$HOST2" "$(weave_on host1 status targets)"
    weave_on host1 connect --replace "$HOST3"
    assert_equal "$HOST3" "$(weave_on host1 status targets)"
}

@test "bad peers get one clear line each; connecting to this host itself is refused" {
    weave_on host1 launch >/dev/null
    run weave_on host1 connect 'a b'
    [ "$status" -ne 0 ]
    [[ $(wc -l <<<"$output") -eq 1 ]]
    [[ $output == *'invalid peer name "a b", should be host[:port]'* ]]

    run weave_on host1 connect "$HOST1"
    [ "$status" -ne 0 ]
    [[ $(wc -l <<<"$output") -eq 1 ]]
    [[ $output == *"cannot connect to ourself: $HOST1 is this router's own address"* ]]

    run weave_on host1 connect no-such-host.example.test
    [ "$status" -ne 0 ]
    [[ $output == *"lookup no-such-host.example.test: no such host"* ]]
    [[ -z $(weave_on host1 status targets) ]]

    # a host where nothing listens: the status says refused and when it retries
    weave_on host1 connect "$HOST2"
    eventually 10 refused_shown host1 "$HOST2"
}

refused_shown() {
    weave_on "$1" status connections |
        grep -q "^-> $2:6783 *failed      connection refused: nothing listens on $2:6783 (is weave running there?), retry: "
}
