#!/usr/bin/env bats
# weave expose / hide on a real router: the host gets (and loses) an address on the bridge, the
# NAT and WEAVE-EXPOSE rules follow it, both are idempotent, --without-masquerade skips NAT, -h
# registers a name. Host-side state is read in the lab host itself (`lab exec`).
# One router on host1 for the whole file.

load helpers

setup_file() {
    [[ -x $WEAVE_CLI ]] || install_weave_cli
    lab_setup_file 1
    weave_on host1 launch >/dev/null
    docker_on host1 run -d --label weft.e2e=1 --name=peer "$SMALL_IMAGE" sleep 86400 >/dev/null
    weave_on host1 attach peer >/dev/null
    docker_on host1 run -d --label weft.e2e=1 --name=peer6 "$SMALL_IMAGE" sleep 86400 >/dev/null
    weave_on host1 attach 10.40.6.20/24 peer6 >/dev/null
}
teardown_file() { lab_teardown_file; }

bridge_addrs() { run_on host1 ip -4 -o addr show dev weave | awk '{ print $4 }' | sort | xargs; }

# rule_count TABLE PATTERN: how many rules of TABLE (iptables -S) contain PATTERN.
rule_count() { run_on host1 iptables -t "$1" -S | grep -cF -- "$2" || true; }

@test "expose: the host gets an address from the default subnet and reaches containers both ways" {
    run weave_on host1 expose
    [ "$status" -eq 0 ]
    [[ $output =~ ^10\.(3[2-9]|4[0-7])\.[0-9]+\.[0-9]+$ ]]
    exposed=$output
    [[ " $(bridge_addrs) " == *" $exposed/12 "* ]]
    peer=$(container_ip host1 peer)
    assert_host_ping host1 "$peer"
    assert_ping host1 peer "$exposed"
    run weave_on host1 ps weave:expose
    [[ $output =~ ^weave:expose\ ([0-9a-f]{2}:){5}[0-9a-f]{2}\ $exposed/12$ ]]
    net=$(run_on host1 ip -4 -o route show dev weave | awk '/10\.32\.0\.0\/12/ { print $1 }')
    assert_equal 10.32.0.0/12 "$net"
    [ "$(rule_count nat "! -s 10.32.0.0/12 -d 10.32.0.0/12 -j MASQUERADE")" -eq 1 ]
    [ "$(rule_count nat "-s 10.32.0.0/12 ! -d 10.32.0.0/12 -j MASQUERADE")" -eq 1 ]
    [ "$(rule_count filter "-A WEAVE-EXPOSE -d 10.32.0.0/12 -j ACCEPT")" -eq 1 ]
}

@test "expose again is idempotent: same address, once on the bridge, rules not duplicated" {
    first=$(weave_on host1 expose)
    run weave_on host1 expose
    [ "$status" -eq 0 ]
    assert_equal "$first" "$output"
    [ "$(bridge_addrs | tr ' ' '\n' | grep -c "^$first/")" -eq 1 ]
    [ "$(rule_count nat "! -s 10.32.0.0/12 -d 10.32.0.0/12 -j MASQUERADE")" -eq 1 ]
    [ "$(rule_count filter "-A WEAVE-EXPOSE -d 10.32.0.0/12 -j ACCEPT")" -eq 1 ]
}

@test "hide takes the address and its rules away; hide again does nothing" {
    exposed=$(weave_on host1 expose)
    peer=$(container_ip host1 peer)
    run weave_on host1 hide
    [ "$status" -eq 0 ]
    assert_equal "$exposed" "$output"
    [[ " $(bridge_addrs) " != *" $exposed/"* ]]
    [ "$(rule_count nat "! -s 10.32.0.0/12 -d 10.32.0.0/12 -j MASQUERADE")" -eq 0 ]
    [ "$(rule_count nat "-s 10.32.0.0/12 ! -d 10.32.0.0/12 -j MASQUERADE")" -eq 0 ]
    [ "$(rule_count filter "-A WEAVE-EXPOSE -d 10.32.0.0/12 -j ACCEPT")" -eq 0 ]
    assert_no_host_ping host1 "$peer"
    run weave_on host1 ps weave:expose
    [[ $output =~ ^weave:expose\ ([0-9a-f]{2}:){5}[0-9a-f]{2}$ ]]   # still listed, with no address
    run weave_on host1 hide
    [ "$status" -eq 0 ]
    assert_equal "" "$output"
}

@test "expose and hide an explicit CIDR, twice each" {
    run weave_on host1 expose 10.40.6.1/24
    [ "$status" -eq 0 ]
    assert_equal 10.40.6.1 "$output"
    run weave_on host1 expose ip:10.40.6.1/24
    assert_equal 10.40.6.1 "$output"
    [ "$(bridge_addrs | tr ' ' '\n' | grep -c '^10.40.6.1/24$')" -eq 1 ]
    [ "$(rule_count nat "-s 10.40.6.0/24 ! -d 10.40.6.0/24 -j MASQUERADE")" -eq 1 ]
    assert_host_ping host1 10.40.6.20
    assert_ping host1 peer6 10.40.6.1
    run weave_on host1 hide 10.40.6.1/24
    [ "$status" -eq 0 ]
    assert_equal 10.40.6.1 "$output"
    [[ " $(bridge_addrs) " != *" 10.40.6.1/24 "* ]]
    [ "$(rule_count nat "-s 10.40.6.0/24 ! -d 10.40.6.0/24 -j MASQUERADE")" -eq 0 ]
    assert_no_host_ping host1 10.40.6.20
    run weave_on host1 hide 10.40.6.1/24
    [ "$status" -eq 0 ]
    assert_equal "" "$output"
}

@test "expose --without-masquerade adds the address and WEAVE-EXPOSE rule but no NAT" {
    run weave_on host1 expose --without-masquerade 10.40.7.1/24
    [ "$status" -eq 0 ]
    [[ " $(bridge_addrs) " == *" 10.40.7.1/24 "* ]]
    [ "$(rule_count nat "10.40.7.0/24 -j MASQUERADE")" -eq 0 ]
    [ "$(rule_count filter "-A WEAVE-EXPOSE -d 10.40.7.0/24 -j ACCEPT")" -eq 1 ]
    weave_on host1 hide 10.40.7.1/24 >/dev/null
    [ "$(rule_count filter "-A WEAVE-EXPOSE -d 10.40.7.0/24 -j ACCEPT")" -eq 0 ]
}

@test "expose -h registers the host's name in weaveDNS; hide removes it" {
    run weave_on host1 expose 10.40.10.1/24 -h gateway.weave.local
    assert_equal 10.40.10.1 "$output"
    dns=$(weave_on host1 dns-args | sed -E 's/.*--dns=([0-9.]+).*/\1/')
    run docker_on host1 run --rm "$DNS_IMAGE" dig @"$dns" +short gateway.weave.local
    assert_equal 10.40.10.1 "$output"
    weave_on host1 hide 10.40.10.1/24 >/dev/null
    run docker_on host1 run --rm "$DNS_IMAGE" dig @"$dns" +short gateway.weave.local
    assert_equal "" "$output"
}
