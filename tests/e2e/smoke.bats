#!/usr/bin/env bats
# Smoke suite of the lab itself: engines, containers, the switch, partitions, the resolver, and
# the root network namespace left untouched.

load helpers

setup_file() { lab_setup_file 3; }
teardown_file() { lab_teardown_file; }

@test "every host's engine answers on tcp://HOSTIP:2375 from the driver namespace" {
    for n in 1 2 3; do
        run "$LAB" driver docker -H "tcp://$(host_ip host$n):2375" info --format '{{.Name}}'
        [ "$status" -eq 0 ]
        assert_equal "host$n" "$output"
    done
}

@test "a container runs on every host" {
    for n in 1 2 3; do
        start_container host$n --name=smoke$n >/dev/null
        run docker_on host$n inspect -f '{{.State.Running}}' smoke$n
        assert_equal true "$output"
        run exec_on host$n smoke$n echo alive
        assert_equal alive "$output"
    done
}

@test "privileged host-network containers start, as the router needs" {
    run docker_on host1 run --rm --privileged --net=host --pid=host "$SMALL_IMAGE" sh -c 'hostname; ip link show eth0'
    [ "$status" -eq 0 ]
    [ "${lines[0]}" = host1 ]
    [[ ${lines[1]} == *eth0* ]]
}

@test "host1 reaches host2 over the switch: ping and TCP into a published port" {
    assert_host_ping host1 "$HOST2"
    docker_on host2 run -d --label weft.e2e=1 --name=web -p 8080:80 "$SMALL_IMAGE" \
        sh -c 'mkdir -p /www && echo served-by-host2 >/www/index.html && exec httpd -f -p 80 -h /www'
    start_container host1 --name=client >/dev/null
    assert_ping host1 client "$HOST2"
    # busybox 1.35's wget crashes after connecting (Debian busybox-static), so speak HTTP with nc
    for _ in 1 2 3 4 5; do
        run exec_on host1 client sh -c "printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 3 $HOST2 8080"
        [[ $output == *served-by-host2* ]] && break
        sleep 1
    done
    [[ $output == *"200 OK"* && $output == *served-by-host2* ]]
}

@test "lab cut blocks host1<->host2 only, lab heal restores it" {
    "$LAB" cut host1 host2
    assert_no_host_ping host1 "$HOST2"
    assert_no_host_ping host2 "$HOST1"
    assert_host_ping host1 "$HOST3"
    assert_host_ping host2 "$HOST3"
    run "$LAB" status
    [[ $output == *"cut       host1 <-/-> host2"* ]]
    "$LAB" heal
    assert_host_ping host1 "$HOST2"
    assert_host_ping host2 "$HOST1"
}

@test "the lab resolver answers the fake zone, refuses everything else, and is every host's upstream" {
    run run_on host1 cat /etc/resolv.conf
    [[ $output == *"nameserver $LAB_RESOLVER"* ]]
    run docker_on host2 run --rm "$DNS_IMAGE" dig +short upstream.example.test
    assert_equal "$(lab_ip 200)" "$output"
    run docker_on host2 run --rm "$DNS_IMAGE" dig +noall +comments nosuch.example.test
    [[ $output == *"status: NXDOMAIN"* ]]
    run docker_on host3 run --rm "$DNS_IMAGE" dig +noall +comments +tries=1 +time=2 deb.debian.org
    [[ $output == *"status: REFUSED"* ]]
}

@test "lab load skips hosts that already hold the same image id" {
    run "$LAB" load "$SMALL_IMAGE"
    [ "$status" -eq 0 ]
    [[ $output != *"loading into"* ]]
    docker_on host3 rmi -f "$SMALL_IMAGE" >/dev/null
    run "$LAB" load "$SMALL_IMAGE"
    [ "$status" -eq 0 ]
    [[ $output == *"loading into host3"* ]]
    [[ $output != *"loading into host1"* ]]
    docker_on host3 image inspect "$SMALL_IMAGE" >/dev/null
}

@test "lab rejects bad input with a one-line error and a non-zero status" {
    for args in "up 0" "up many" "exec host0 true" "exec nosuchhost true" "docker host9 ps" "cut host1 host1" \
        "cut host1" "heal host1" "frobnicate"; do
        # shellcheck disable=SC2086
        run "$LAB" $args
        [ "$status" -ne 0 ]
        [ "${#lines[@]}" -eq 1 ]
        [[ ${lines[0]} == "lab: "* ]]
    done
}

@test "nothing of any lab instance is in the root network namespace" {
    # every instance's subnet is in 198.18.0.0/15
    run ip -o addr show
    [[ ! $output =~ \ 198\.1[89]\. && $output != *docker0* ]]
    run ip -o link show
    [[ ! $output =~ :\ (host[0-9]+|labbr0|docker0)[@:] ]]
    run iptables -S
    [[ $output != *DOCKER* ]]
    run iptables -t nat -S
    [[ $output != *DOCKER* && ! $output =~ 198\.1[89]\. ]]
    [ ! -S /var/run/docker.sock ] || ! DOCKER_HOST=unix:///var/run/docker.sock timeout 5 docker info >/dev/null 2>&1
}

@test "lab down leaves no namespace, mount, process or veth of its instance behind; lab up brings it back" {
    run "$LAB" down
    [ "$status" -eq 0 ]
    [[ $output == *"nothing left"* ]]
    run bash -c "ip netns list | grep -E '^($LAB_NS_PREFIX|$LAB_BUILD_NS( |\$))'"
    assert_equal "" "$output"
    run awk -v ns="/run/netns/$LAB_NS_PREFIX" -v build="/run/netns/$LAB_BUILD_NS" -v state="$LAB_STATE/" '
        index($5, ns) == 1 || $5 == build || index($5, state "host") == 1 || index($5, state "build") == 1' /proc/self/mountinfo
    assert_equal "" "$output"
    run pgrep -f "^dockerd .*--label weft.lab=$LAB_INSTANCE "
    [ "$status" -eq 1 ]
    "$LAB" up 3 >/dev/null 2>&1
    run "$LAB" driver docker -H "tcp://$HOST3:2375" info --format '{{.Name}}'
    assert_equal host3 "$output"
}

# lab_runc_on CONFIG ARGS...: runs the lab's runc shim on a copy of CONFIG as a bundle's config.json, with a
# bounding set lacking CAP_SYS_RESOURCE and a fake runc; prints the edited config
lab_runc_on() {
    local config=$1
    shift
    local dir
    dir=$(mktemp -d)
    mkdir "$dir/bundle"
    cp "$config" "$dir/bundle/config.json"
    printf '#!/bin/sh\necho "$@" >%s/runc-args\n' "$dir" >"$dir/runc"
    chmod +x "$dir/runc"
    printf 'Name:\tbash\nCapBnd:\t000001fffeffffff\n' >"$dir/status"   # bit 24: CAP_SYS_RESOURCE
    WEFT_LAB_RUNC="$dir/runc" WEFT_LAB_RUNC_STATUS="$dir/status" "$REPO/scripts/lib/lab-runc" "$@" --bundle "$dir/bundle" \
        || return 1
    grep -q -- "--bundle $dir/bundle" "$dir/runc-args" || { echo "runc was not called with the bundle" >&2; return 1; }
    cat "$dir/bundle/config.json"
    rm -rf "$dir"
}

@test "the lab's runc shim takes the machine's missing capabilities out of compact and indented specs alike" {
    local dir caps
    dir=$(mktemp -d)
    caps='{"bounding":["CAP_CHOWN","CAP_SYS_RESOURCE","CAP_NET_ADMIN"],"effective":["CAP_SYS_RESOURCE","CAP_CHOWN"],"permitted":["CAP_CHOWN","CAP_SYS_RESOURCE"],"inheritable":["CAP_SYS_RESOURCE"]}'
    echo '{"ociVersion":"1.0.2","process":{"args":["sh","CAP_SYS_RESOURCES"],"capabilities":'"$caps"',"cwd":"/"},"root":{"path":"rootfs"}}' >"$dir/compact.json"
    jq . "$dir/compact.json" >"$dir/indented.json"
    for form in compact indented; do
        run lab_runc_on "$dir/$form.json" create
        [ "$status" -eq 0 ]
        run jq -c '.process.capabilities' <<<"$output"
        assert_equal '{"bounding":["CAP_CHOWN","CAP_NET_ADMIN"],"effective":["CAP_CHOWN"],"permitted":["CAP_CHOWN"],"inheritable":[]}' "$output"
        run jq -c '.process.args' < <(lab_runc_on "$dir/$form.json" create)
        assert_equal '["sh","CAP_SYS_RESOURCES"]' "$output"
    done
    rm -rf "$dir"
}
