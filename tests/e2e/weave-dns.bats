#!/usr/bin/env bats
# weaveDNS through the CLI: names registered by attach, dns-add/dns-remove for containers and for
# outside addresses (weave:extern), reverse lookups, several owners of one name, records gone with
# their container, and forwarding of other names to the lab resolver. Lookups are made the way a
# user makes them: `dig` in a weft-test/dnstools container against the weaveDNS address.
# One router on host1 for the whole file.

load helpers

setup_file() {
    [[ -x $WEAVE_CLI ]] || install_weave_cli
    lab_setup_file 1
    weave_on host1 launch >/dev/null
    weave_on host1 dns-args >"$BATS_FILE_TMPDIR/dns-args"
}
teardown_file() { lab_teardown_file; }

dns_ip() { sed -E 's/.*--dns=([0-9.]+).*/\1/' "$BATS_FILE_TMPDIR/dns-args"; }

# ask [DIG ARGS...]: dig against weaveDNS from a fresh dnstools container on host1, answers only.
ask() { docker_on host1 run --rm "$DNS_IMAGE" dig @"$(dns_ip)" +short +tries=1 +time=3 "$@"; }

# rcode NAME: the response code weaveDNS gives for NAME.
rcode() {
    docker_on host1 run --rm "$DNS_IMAGE" dig @"$(dns_ip)" +tries=1 +time=3 +noall +comments "$1" |
        sed -nE 's/.*status: ([A-Z]+).*/\1/p'
}

# eventually EXPECTED CMD...: CMD's sorted output becomes EXPECTED within ~10 s (records replicate
# and container deaths are processed asynchronously).
eventually() {
    local want=$1 got i
    shift
    for ((i = 0; i < 10; i++)); do
        got=$("$@" 2>/dev/null | sort | xargs)
        [[ $got == "$want" ]] && return 0
        sleep 1
    done
    printf 'expected: %s\nactual:   %s\n' "$want" "$got" >&2
    return 1
}

@test "dns-args names the weaveDNS address on the docker bridge and the weave.local domain" {
    run cat "$BATS_FILE_TMPDIR/dns-args"
    [[ $output =~ ^--dns=([0-9.]+)\ --dns-search=weave\.local\.?$ ]]
    bridge_ip=$(run_on host1 ip -4 -o addr show dev docker0 | awk '{ split($4, a, "/"); print a[1] }')
    assert_equal "$bridge_ip" "$(dns_ip)"
}

@test "attach registers hostname.domainname; forward and reverse lookups answer it" {
    start_container_with_dns host1 --name=alice >/dev/null
    ip=$(container_ip host1 alice)
    run ask alice.weave.local
    assert_equal "$ip" "$output"
    run ask -x "$ip"
    assert_equal "alice.weave.local." "$output"
    run weave_on host1 dns-lookup alice
    assert_equal "$ip" "$output"
    # the container's own resolver is weaveDNS, with weave.local as search domain
    start_container_with_dns host1 --name=bobby >/dev/null
    assert_ping host1 bobby alice
}

@test "attach --without-dns registers nothing" {
    id=$(docker_on host1 run -d --label weft.e2e=1 --name=quiet --hostname=quiet.weave.local "$SMALL_IMAGE" sleep 86400)
    weave_on host1 attach --without-dns "$id" >/dev/null
    assert_equal NXDOMAIN "$(rcode quiet.weave.local)"
}

@test "dns-add gives a container another address under its name, dns-remove takes it back" {
    start_container_with_dns host1 --name=carol >/dev/null
    ip=$(container_ip host1 carol)
    weave_on host1 dns-add 10.40.9.9 carol
    eventually "$(printf '%s\n' "$ip" 10.40.9.9 | sort | xargs)" ask carol.weave.local
    run ask -x 10.40.9.9
    assert_equal "carol.weave.local." "$output"
    weave_on host1 dns-remove 10.40.9.9 carol
    eventually "$ip" ask carol.weave.local
}

@test "dns-add -h registers another name for a container's own addresses" {
    start_container_with_dns host1 --name=dave >/dev/null
    ip=$(container_ip host1 dave)
    weave_on host1 dns-add dave -h db.weave.local
    eventually "$ip" ask db.weave.local
    weave_on host1 dns-remove dave -h db.weave.local
    eventually "" ask db.weave.local
    assert_equal "$ip" "$(ask dave.weave.local)"
}

@test "extern names: dns-add IP... -h FQDN without a container, then dns-remove" {
    local a b
    a=$(lab_ip 200) b=$(lab_ip 201)
    weave_on host1 dns-add "$a" "$b" -h outside.weave.local
    eventually "$a $b" ask outside.weave.local
    run ask -x "$b"
    assert_equal "outside.weave.local." "$output"
    weave_on host1 dns-remove "$b" -h outside.weave.local
    eventually "$a" ask outside.weave.local
    weave_on host1 dns-remove "$a" -h outside.weave.local
    eventually NXDOMAIN rcode outside.weave.local
}

@test "two containers with one name share it; each answer lists both" {
    for c in web1 web2; do
        docker_on host1 run -d --label weft.e2e=1 --name=$c --hostname=web.weave.local "$SMALL_IMAGE" sleep 86400 >/dev/null
        weave_on host1 attach $c >/dev/null
    done
    want=$(printf '%s\n' "$(container_ip host1 web1)" "$(container_ip host1 web2)" | sort | xargs)
    eventually "$want" ask web.weave.local
}

@test "a container's records go when it dies" {
    start_container_with_dns host1 --name=erin >/dev/null
    ip=$(container_ip host1 erin)
    eventually "$ip" ask erin.weave.local
    docker_on host1 rm -f erin >/dev/null
    eventually NXDOMAIN rcode erin.weave.local
}

@test "unknown names in the weave domain are NXDOMAIN and not forwarded" {
    assert_equal NXDOMAIN "$(rcode nobody.weave.local)"
}

@test "names outside the weave domain are answered by the lab resolver" {
    run ask upstream.example.test
    assert_equal "$(lab_ip 200)" "$output"
    assert_equal NXDOMAIN "$(rcode nosuch.example.test)"
    # the lab resolver refuses the real internet; weaveDNS passes that on instead of inventing an answer
    run rcode deb.debian.org
    [[ $output == REFUSED || $output == SERVFAIL ]]
    # and a container using weaveDNS resolves outside names too
    start_container_with_dns host1 --name=frank >/dev/null
    run exec_on host1 frank nslookup upstream.example.test
    [[ $output == *"$(lab_ip 200)"* ]]
}
