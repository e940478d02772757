#!/usr/bin/env bats
# The weave CLI against real routers on the lab: launch, status, attach/detach, ps, weaveDNS,
# expose/hide, stop and reset, plus its error paths.

load helpers

setup_file() {
    install_weave_cli   # the CLI under test: rebuilt and reinstalled when the sources changed
    lab_setup_file 2
}
teardown_file() { lab_teardown_file; }

have_router_images() { docker_on host1 image inspect weft/weave:0.1.0 weft/weavedb:latest >/dev/null 2>&1; }
need_router() { have_router_images || skip "router images not built (router-image/build-images.sh)"; }

@test "version without a router names the CLI and says the router is not running" {
    run weave_on host1 version
    [ "$status" -eq 0 ]
    assert_equal "weave script 0.1.0" "${lines[0]}"
    [[ ${lines[1]} == "weave router is not running"* ]]
}

@test "status before launch: not present, exit 2" {
    run weave_on host1 status
    [ "$status" -eq 2 ]
    assert_equal "weave: weave container is not present. Have you launched it?" "$output"
}

@test "usage errors exit 1 with one line" {
    run weave_on host1 frobnicate
    [ "$status" -eq 1 ]
    assert_equal "weave: Unknown weave command 'frobnicate'. See 'weave --help'." "$output"
    run weave_on host1 attach 10.0.0.1/33 c1
    [ "$status" -eq 1 ]
    [[ $output == "weave: invalid address '10.0.0.1/33'"* ]]
}

@test "stop without a router is not an error" {
    run weave_on host1 stop
    [ "$status" -eq 0 ]
    assert_equal "Weave is not running (ignore on Kubernetes)." "$output"
}

@test "with DOCKER_HOST=tcp://host2 the commands run in the exec image on host2" {
    need_router
    remote() { "$LAB" driver env DOCKER_HOST="tcp://$HOST2:2375" "$WEAVE_CLI" "$@"; }
    run remote status
    [ "$status" -eq 2 ]
    assert_equal "weave: weave container is not present. Have you launched it?" "$output"
    run remote launch
    [ "$status" -eq 0 ]
    [[ ${lines[-1]} =~ ^[0-9a-f]{64}$ ]]
    weave_running_on host2
    ! weave_running_on host1
    run remote status
    [ "$status" -eq 0 ]
    [[ $output == *"Service: router"* ]]
    run remote stop
    [ "$status" -eq 0 ]
    ! weave_running_on host2
    run remote reset --force
    [ "$status" -eq 0 ]
}

@test "launch prints the router id, a second launch exits 3" {
    need_router
    run weave_on host1 launch
    [ "$status" -eq 0 ]
    [[ $output =~ ^[0-9a-f]{64}$ ]]
    weave_running_on host1
    run weave_on host1 launch
    [ "$status" -eq 3 ]
    assert_equal "weave: weave is already running; you can stop it with 'weave stop'." "$output"
    run weave_on host1 status
    [ "$status" -eq 0 ]
    [[ $output == *"Service: router"* ]]
}

@test "attach gives an address in the default range, ps lists it, detach takes it back" {
    need_router
    weave_running_on host1 || weave_on host1 launch >/dev/null
    docker_on host1 run -d --label weft.e2e=1 --name=c1 "$SMALL_IMAGE" sleep 600 >/dev/null
    run weave_on host1 attach c1
    [ "$status" -eq 0 ]
    [[ $output =~ ^10\.(3[2-9]|4[0-7])\.[0-9]+\.[0-9]+$ ]]
    ip=$output
    assert_equal "$ip" "$(container_ip host1 c1)"
    id=$(docker_on host1 inspect -f '{{.Id}}' c1)
    run weave_on host1 ps c1
    [[ $output == "${id:0:12} "*" $ip/12" ]]
    run weave_on host1 attach 10.32.0.0/33 c1
    [ "$status" -eq 1 ]
    run weave_on host1 attach nosuchcontainer
    [ "$status" -eq 1 ]
    [[ $output == *nosuchcontainer* ]]
    run weave_on host1 detach c1
    [ "$status" -eq 0 ]
    assert_equal "$ip" "$output"
    run weave_on host1 ps c1
    assert_equal "" "$output"
}

@test "containers reach each other by weaveDNS name; dns-lookup finds them" {
    need_router
    weave_running_on host1 || weave_on host1 launch >/dev/null
    start_container_with_dns host1 --name=alice >/dev/null
    docker_on host1 run -d --label weft.e2e=1 --name=bob --hostname=bob.weave.local \
        $(weave_on host1 dns-args) "$SMALL_IMAGE" sleep 600 >/dev/null
    run timeout 90 "$LAB" weave host1 attach bob
    [ "$status" -eq 0 ]
    bob_ip=$(container_ip host1 bob)
    assert_equal "$bob_ip" "$output"
    run weave_on host1 dns-lookup bob
    assert_equal "$bob_ip" "$output"
    assert_ping host1 alice bob.weave.local 20
}

@test "expose gives the host an address, hide takes it back" {
    need_router
    weave_running_on host1 || weave_on host1 launch >/dev/null
    run weave_on host1 expose
    [ "$status" -eq 0 ]
    [[ $output =~ ^10\.[0-9]+\.[0-9]+\.[0-9]+$ ]]
    exposed=$output
    run weave_on host1 ps weave:expose
    [[ $output == "weave:expose "*" $exposed/12" ]]
    run weave_on host1 hide
    [ "$status" -eq 0 ]
    assert_equal "$exposed" "$output"
}

@test "stop stops the router, reset removes it and its data container" {
    need_router
    weave_running_on host1 || weave_on host1 launch >/dev/null
    run weave_on host1 stop
    [ "$status" -eq 0 ]
    ! weave_running_on host1
    run weave_on host1 reset
    [ "$status" -eq 1 ]
    [[ $output == *"Use 'weave reset --force'"* ]]
    run weave_on host1 reset --force
    [ "$status" -eq 0 ]
    run docker_on host1 ps -a --filter name=weave --format '{{.Names}}'
    assert_equal "" "$output"
}
