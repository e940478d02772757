#!/usr/bin/env bats
# weave attach / detach on real routers: several containers per subnet, isolation between subnets,
# several addresses per container, detach of one address or all, and a router without IPAM
# (host2, launched with an empty --ipalloc-range) where only explicit addresses work.
# One router per host is launched once for the whole file; each test uses its own containers.

load helpers

setup_file() {
    [[ -x $WEAVE_CLI ]] || install_weave_cli
    lab_setup_file 2
    weave_on host1 launch >/dev/null
    weave_on host2 launch --ipalloc-range= >/dev/null
}
teardown_file() { lab_teardown_file; }

# ethwe_addrs HOST CONTAINER: the container's ethwe addresses as ip/len, sorted, space-separated.
ethwe_addrs() {
    exec_on "$1" "$2" ip -4 -o addr show dev ethwe | awk '{ print $4 }' | sort | xargs
}

short_id() { docker_on "$1" inspect -f '{{.Id}}' "$2" | cut -c1-12; }

@test "attach without addresses: one address each from 10.32.0.0/12, distinct, reachable both ways" {
    docker_on host1 run -d --label weft.e2e=1 --name=d1 "$SMALL_IMAGE" sleep 86400 >/dev/null
    docker_on host1 run -d --label weft.e2e=1 --name=d2 "$SMALL_IMAGE" sleep 86400 >/dev/null
    run weave_on host1 attach d1
    [ "$status" -eq 0 ]
    ip1=$output
    run weave_on host1 attach d2
    [ "$status" -eq 0 ]
    ip2=$output
    [[ $ip1 =~ ^10\.(3[2-9]|4[0-7])\.[0-9]+\.[0-9]+$ && $ip2 =~ ^10\.(3[2-9]|4[0-7])\.[0-9]+\.[0-9]+$ ]]
    [ "$ip1" != "$ip2" ]
    assert_equal "$ip1/12" "$(ethwe_addrs host1 d1)"
    assert_ping host1 d1 "$ip2"
    assert_ping host1 d2 "$ip1"
    # ethwe is the weave MTU and multicast goes out through it
    run exec_on host1 d1 cat /sys/class/net/ethwe/mtu
    assert_equal 1376 "$output"
    run exec_on host1 d1 ip route show 224.0.0.0/4
    [[ $output == "224.0.0.0/4 dev ethwe"* ]]
}

@test "attaching an attached container again keeps its address" {
    docker_on host1 run -d --label weft.e2e=1 --name=again "$SMALL_IMAGE" sleep 86400 >/dev/null
    first=$(weave_on host1 attach again)
    run weave_on host1 attach again
    [ "$status" -eq 0 ]
    assert_equal "$first" "$output"
    assert_equal "$first/12" "$(ethwe_addrs host1 again)"
}

@test "several containers per subnet reach each other, and nothing across subnets" {
    for c in a1 a2 a3 b1 b2; do
        docker_on host1 run -d --label weft.e2e=1 --name=$c "$SMALL_IMAGE" sleep 86400 >/dev/null
    done
    a1=$(weave_on host1 attach net:10.40.1.0/24 a1)
    a2=$(weave_on host1 attach net:10.40.1.0/24 a2)
    run weave_on host1 attach ip:10.40.1.77/24 a3
    [ "$status" -eq 0 ]
    assert_equal 10.40.1.77 "$output"
    b1=$(weave_on host1 attach net:10.40.2.0/24 b1)
    run weave_on host1 attach 10.40.2.9/24 b2
    assert_equal 10.40.2.9 "$output"
    [[ $a1 == 10.40.1.* && $a2 == 10.40.1.* && $b1 == 10.40.2.* && $a1 != "$a2" ]]
    assert_ping host1 a1 "$a2"
    assert_ping host1 a2 10.40.1.77
    assert_ping host1 a3 "$a1"
    assert_ping host1 b1 10.40.2.9
    assert_ping host1 b2 "$b1"
    assert_no_ping host1 a1 "$b1"
    assert_no_ping host1 a1 10.40.2.9
    assert_no_ping host1 b1 "$a2"
    assert_no_ping host1 b2 10.40.1.77
}

@test "a container in two subnets reaches both; detaching one subnet keeps the other" {
    for c in both left right; do
        docker_on host1 run -d --label weft.e2e=1 --name=$c "$SMALL_IMAGE" sleep 86400 >/dev/null
    done
    left=$(weave_on host1 attach net:10.40.3.0/24 left)
    right=$(weave_on host1 attach net:10.40.4.0/24 right)
    run weave_on host1 attach net:10.40.3.0/24 net:10.40.4.0/24 both
    [ "$status" -eq 0 ]
    read -r both3 both4 <<<"$output"
    [[ $both3 == 10.40.3.* && $both4 == 10.40.4.* ]]
    assert_ping host1 both "$left"
    assert_ping host1 both "$right"
    run weave_on host1 ps both
    [[ $output == "$(short_id host1 both) "*" $both3/24 $both4/24" ]]

    run weave_on host1 detach net:10.40.3.0/24 both
    [ "$status" -eq 0 ]
    assert_equal "$both3" "$output"
    assert_equal "$both4/24" "$(ethwe_addrs host1 both)"
    assert_ping host1 both "$right"
    assert_no_ping host1 left "$both3"
}

@test "detach without addresses takes every address and ethwe away; the addresses are free again" {
    docker_on host1 run -d --label weft.e2e=1 --name=gone "$SMALL_IMAGE" sleep 86400 >/dev/null
    # two subnets inside the range (a net:default address would be the one it has in 10.40.5.0/30)
    addrs=$(weave_on host1 attach net:10.40.5.0/30 net:10.40.8.0/24 gone)
    read -r small other <<<"$addrs"
    [[ $small == 10.40.5.* && $other == 10.40.8.* ]]
    run weave_on host1 detach gone
    [ "$status" -eq 0 ]
    assert_equal "$(tr ' ' '\n' <<<"$addrs" | sort | xargs)" "$(tr ' ' '\n' <<<"$output" | sort | xargs)"
    run weave_on host1 ps gone
    assert_equal "" "$output"
    # out of service at once; the kernel deletes the veth moments later, in a batch
    for _ in $(seq 1 30); do exec_on host1 gone ip link show ethwe >/dev/null 2>&1 || break; sleep 0.1; done
    run exec_on host1 gone ip link show ethwe
    [ "$status" -ne 0 ]
    # a /30 holds two usable addresses: both can be handed out again, so detach released the one
    docker_on host1 run -d --label weft.e2e=1 --name=next1 "$SMALL_IMAGE" sleep 86400 >/dev/null
    docker_on host1 run -d --label weft.e2e=1 --name=next2 "$SMALL_IMAGE" sleep 86400 >/dev/null
    run weave_on host1 attach net:10.40.5.0/30 next1
    [ "$status" -eq 0 ]
    run weave_on host1 attach net:10.40.5.0/30 next2
    [ "$status" -eq 0 ]
    [[ " $(weave_on host1 ps next1 next2 | awk '{print $3}' | cut -d/ -f1 | xargs) " == *" $small "* ]]
}

@test "ps lists every attached container with its MAC and addresses, and skips unattached ones" {
    docker_on host1 run -d --label weft.e2e=1 --name=plain "$SMALL_IMAGE" sleep 86400 >/dev/null
    docker_on host1 run -d --label weft.e2e=1 --name=listed "$SMALL_IMAGE" sleep 86400 >/dev/null
    ip=$(weave_on host1 attach listed)
    mac=$(exec_on host1 listed cat /sys/class/net/ethwe/address)
    run weave_on host1 ps
    [ "$status" -eq 0 ]
    [[ $output == *"$(short_id host1 listed) $mac $ip/12"* ]]
    [[ $output != *"$(short_id host1 plain)"* ]]
    run weave_on host1 ps plain
    assert_equal "" "$output"
}

@test "a router without IPAM plumbs explicit addresses and refuses net:" {
    docker_on host2 run -d --label weft.e2e=1 --name=n1 "$SMALL_IMAGE" sleep 86400 >/dev/null
    docker_on host2 run -d --label weft.e2e=1 --name=n2 "$SMALL_IMAGE" sleep 86400 >/dev/null
    run weave_on host2 attach 10.3.0.1/24 n1
    [ "$status" -eq 0 ]
    assert_equal 10.3.0.1 "$output"
    run weave_on host2 attach ip:10.3.0.2/24 n2
    assert_equal 10.3.0.2 "$output"
    assert_ping host2 n1 10.3.0.2
    assert_equal "10.3.0.2/24" "$(ethwe_addrs host2 n2)"
    docker_on host2 run -d --label weft.e2e=1 --name=n3 "$SMALL_IMAGE" sleep 86400 >/dev/null
    run weave_on host2 attach net:default n3
    [ "$status" -eq 1 ]
    [[ $output == *"IP address allocation must be enabled to use 'net:'"* ]]
    run weave_on host2 attach n3
    [ "$status" -eq 1 ]
    [[ $output == *"IP address allocation must be enabled"* ]]
    run weave_on host2 detach 10.3.0.1/24 n1
    [ "$status" -eq 0 ]
    assert_equal 10.3.0.1 "$output"
    assert_no_ping host2 n2 10.3.0.1
}
