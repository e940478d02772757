#!/usr/bin/env bats
# Encryption on the lab (issue 12): two hosts launched with the same password (one through
# --password-file) connect over the encrypted sleeve, their containers ping and move a file intact,
# and a capture on the underlay (in the lab's switch namespace) shows no plaintext of a known
# payload and no container address; datagrams replayed or tampered with from the switch namespace
# are dropped and counted in /metrics; a host with a wrong password, or none, never joins and its
# status says why; hosts that trust each other's subnet use the fast path, unencrypted.

LAB_HOSTS=3
load helpers

setup_file() {
    [[ -x /usr/local/bin/weave ]] || "$REPO/scripts/install.sh" >&2
    lab_setup_file 3
    command -v tcpdump >/dev/null || { apt-get install -y -q tcpdump >/dev/null 2>&1 || true; }
}
teardown_file() { lab_teardown_file; }

teardown() {
    local h
    [[ -n ${CAPTURE_PID:-} ]] && kill "$CAPTURE_PID" 2>/dev/null || true
    cleanup_containers >/dev/null 2>&1 || true
    for h in host1 host2 host3; do
        weave_on "$h" reset --force >/dev/null 2>&1 || true
    done
}

eventually() {
    local limit=$1 i
    shift
    for ((i = 0; i < limit * 2; i++)); do
        "$@" 2>/dev/null && return 0
        sleep 0.5
    done
    "$@"
}

metrics() { run_on "$1" sh -c "printf 'GET /metrics HTTP/1.0\r\n\r\n' | busybox nc -w 3 127.0.0.1 6782"; }
connection_line() { weave_on "$1" status connections | grep "^[-<][->] $2[: ]"; }
established_over() { connection_line "$1" "$2" | grep -q " established .*$3"; }
in_switch() { ip netns exec "$LAB_SWITCH_NS" "$@"; }

password_file() {
    local f=$BATS_FILE_TMPDIR/weave.pw
    printf '%s\n' "$1" >"$f"
    chmod 600 "$f"
    echo "$f"
}

launch_pair() {
    local f
    f=$(password_file "correct horse battery staple")
    weave_on host1 launch --password-file "$f" >/dev/null
    WEAVE_PASSWORD="correct horse battery staple" weave_on host2 launch "$HOST1" >/dev/null
    eventually 40 established_over host2 "$HOST1" "encrypted"
}

@test "two hosts with the same password connect encrypted, say so in status and metrics, and their containers ping" {
    launch_pair
    run weave_on host1 status
    [[ $output == *"Encryption: enabled"* ]] || { echo "$output" >&2; false; }
    run connection_line host2 "$HOST1"
    [[ $output == *" established encrypted   sleeve"* && $output == *"encrypted=true"* ]] || { echo "$output" >&2; false; }
    [[ $output == *"no kernel encryption"* ]] || { echo "$output" >&2; false; }
    # the password went through the environment, never on the router's command line
    run docker_on host1 inspect -f '{{join .Args " "}}' weave
    [[ $output != *"correct horse"* ]]
    start_container host1 --name=src >/dev/null
    start_container host2 --name=dst >/dev/null
    assert_ping host1 src "$(container_ip host2 dst)" 20
    metrics host2 | grep -q '^weave_connections{encryption="yes",state="established"'
}

@test "a 16 MiB transfer over the encrypted sleeve arrives with the same checksum" {
    launch_pair
    start_container host1 --name=src >/dev/null
    start_container host2 --name=dst >/dev/null
    dst=$(container_ip host2 dst)
    assert_ping host1 src "$dst" 20
    exec_on host1 src sh -c 'head -c 16777216 /dev/urandom > /tmp/blob; sha256sum /tmp/blob | cut -d" " -f1 > /tmp/sum'
    # busybox nc ends the connection when its stdin ends: the listener's stdin must stay open
    docker_on host2 exec -d dst sh -c 'sleep 3600 | nc -l -p 5000 > /tmp/blob'
    sleep 1
    exec_on host1 src sh -c "nc -w 5 $dst 5000 < /tmp/blob"
    eventually 20 exec_on host2 dst sh -c '[ "$(stat -c %s /tmp/blob)" = 16777216 ]'
    assert_equal "$(exec_on host1 src cat /tmp/sum)" "$(exec_on host2 dst sha256sum /tmp/blob | cut -d' ' -f1)"
}

@test "the underlay carries no plaintext and no container address; replayed and tampered datagrams are dropped and counted" {
    command -v tcpdump >/dev/null || skip "tcpdump is not installed and could not be"
    launch_pair
    start_container host1 --name=src >/dev/null
    start_container host2 --name=dst >/dev/null
    dst=$(container_ip host2 dst)
    src=$(container_ip host1 src)
    assert_ping host1 src "$dst" 20
    pcap=$BATS_TEST_TMPDIR/underlay.pcap
    # exec: the background job's PID is tcpdump's own, so the kill below ends it (an orphaned
    # tcpdump would hold bats' output open and the suite would never end)
    (exec ip netns exec "$LAB_SWITCH_NS" tcpdump -i any -U -s 0 -w "$pcap" >/dev/null 2>&1 3>&-) &
    CAPTURE_PID=$!
    sleep 2
    docker_on host2 exec -d dst sh -c 'sleep 3600 | nc -l -p 5001 > /tmp/known'
    sleep 1
    exec_on host1 src sh -c "yes WEFT-KNOWN-PLAINTEXT-MARKER | head -c 2000000 | nc -w 5 $dst 5001"
    exec_on host1 src $PING "$dst" >/dev/null
    eventually 20 exec_on host2 dst sh -c '[ "$(stat -c %s /tmp/known)" = 2000000 ]'
    exec_on host2 dst grep -q WEFT-KNOWN-PLAINTEXT-MARKER /tmp/known
    sleep 1
    kill "$CAPTURE_PID"
    wait "$CAPTURE_PID" 2>/dev/null || true
    CAPTURE_PID=
    # the capture saw the transfer (over 1 MB of datagrams) and none of it in clear
    run python3 "$E2E_DIR/tools/pcap_check.py" "$pcap" WEFT-KNOWN-PLAINTEXT-MARKER "$src" "$dst"
    echo "$output" >&2
    [ "$status" -eq 0 ]

    # replay one captured host1 -> host2 datagram, then a copy with one bit flipped, from the switch
    before=$(metrics host2)
    run in_switch python3 "$E2E_DIR/tools/pcap_check.py" --inject "$pcap" "$HOST1" "$HOST2"
    echo "$output" >&2
    [ "$status" -eq 0 ]
    eventually 10 sh -c "printf 'GET /metrics HTTP/1.0\r\n\r\n' | '$LAB' exec host2 busybox nc -w 3 127.0.0.1 6782 | grep -q '^weft_sleeve_dropped_total{reason=\"replay\"} [1-9]'"
    eventually 10 sh -c "printf 'GET /metrics HTTP/1.0\r\n\r\n' | '$LAB' exec host2 busybox nc -w 3 127.0.0.1 6782 | grep -q '^weft_sleeve_dropped_total{reason=\"auth\"} [1-9]'"
    # and the connection carries on
    assert_ping host1 src "$dst" 10
}

@test "a host with a wrong password, or with none, never joins and its status says why" {
    launch_pair
    weave_on host3 launch --password "wrong guess" "$HOST1" >/dev/null
    eventually 40 sh -c "'$LAB' weave host3 status connections | grep -q 'password mismatch'"
    # the accepting router says so too, on the dialling host's inbound row
    eventually 20 sh -c "'$LAB' weave host1 status connections | grep '^<- $HOST3:' | grep -q ' failed .*password mismatch'"
    run weave_on host3 status peers
    [[ $output != *"$HOST1"* ]]
    run weave_on host1 status
    [[ $output == *"Peers: 2 "* ]] || { echo "$output" >&2; false; }
    weave_on host3 reset --force >/dev/null
    weave_on host3 launch "$HOST1" >/dev/null
    eventually 40 sh -c "'$LAB' weave host3 status connections | grep -q 'peer requires encryption, but encryption is not enabled here'"
    eventually 20 sh -c "'$LAB' weave host1 status connections | grep '^<- $HOST3:' | grep -q ' failed .*encryption not enabled on the peer'"
    # and in the accepting router's JSON report, as a script reads it
    weave_on host1 report -f '{{range .Router.Connections}}{{.Address}}|{{.Outbound}}|{{.State}}|{{.Info}};{{end}}' |
        tr ';' '\n' | grep "^$HOST3:[0-9]*|false|failed|encryption not enabled on the peer"
    run weave_on host1 status
    [[ $output == *"Peers: 2 "* ]] || { echo "$output" >&2; false; }
}

@test "a router without a password refuses a dialling router that has one, and says why" {
    weave_on host1 launch >/dev/null
    weave_on host3 launch --password "only here" "$HOST1" >/dev/null
    eventually 40 sh -c "'$LAB' weave host3 status connections | grep -q 'encryption not enabled on the peer'"
    eventually 20 sh -c "'$LAB' weave host1 status connections | grep '^<- $HOST3:' | grep -q ' failed .*peer requires encryption'"
    run weave_on host1 status
    [[ $output =~ Peers:\ 1$'\n' ]] || { echo "$output" >&2; false; }
}

@test "hosts that trust each other's subnet use the fast path unencrypted; the control plane stays encrypted" {
    subnet=${LAB_NET}.0/24
    weave_on host1 launch --password pw --trusted-subnets "$subnet" >/dev/null
    weave_on host2 launch --password pw --trusted-subnets "$subnet" "$HOST1" >/dev/null
    eventually 40 established_over host2 "$HOST1" "unencrypted fastdp"
    run connection_line host2 "$HOST1"
    [[ $output == *"unencrypted=trusted subnets"* ]] || { echo "$output" >&2; false; }
    start_container host1 --name=ta >/dev/null
    start_container host2 --name=tb >/dev/null
    assert_ping host1 ta "$(container_ip host2 tb)" 20
}
