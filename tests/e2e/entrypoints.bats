#!/usr/bin/env bats
# sigproxy and weavewait as entrypoints of real containers on a lab host (image weft-test/small:
# static busybox only, so the binaries must run with no libc in the image).

load helpers

setup_file() {
    make -s -C "$REPO/sigproxy" >&2 && make -s -C "$REPO/weavewait" >&2 || return 1
    lab_setup_file 1
}
# Only this file's containers go (their netns takes the veths along): the hosts stay as they were.
teardown_file() {
    local ids
    ids=$(docker_on host1 ps -aq --filter name=^cbins-) || return 1
    [[ -z $ids ]] || docker_on host1 rm -f $ids >/dev/null
}

SIGPROXY=$REPO/sigproxy/target/sigproxy
WEAVEWAIT=$REPO/weavewait/target

# wait_for_log CONTAINER TEXT: the container's output contains TEXT within 10 s.
wait_for_log() {
    local i
    for ((i = 0; i < 50; i++)); do
        [[ $(docker_on host1 logs "$1" 2>&1) == *"$2"* ]] && return 0
        sleep 0.2
    done
    echo "wait_for_log: '$2' not in the output of $1: $(docker_on host1 logs "$1" 2>&1)" >&2
    return 1
}

# assert_not_started CONTAINER: still running, and the wrapped command has printed nothing.
assert_not_started() {
    sleep 0.5
    assert_equal true "$(docker_on host1 inspect -f '{{.State.Running}}' "$1")"
    assert_equal "" "$(docker_on host1 logs "$1" 2>&1)"
}

# Runs on host1 a container whose entrypoint is a weavewait build mounted at VOLUME/w, wrapping a
# command that reports its arguments and environment. Prints nothing; the name is $1.
start_waiting_container() {
    local name=$1 build=$2 volume=$3
    shift 3
    start_container host1 --name="$name" "--volume=$WEAVEWAIT/$build:$volume/w:ro" "--entrypoint=$volume/w" \
        --env=WEFT_PROBE=kept "$@" "$SMALL_IMAGE" \
        sh -c 'echo "ran with [$*] and $WEFT_PROBE"; exec sleep 86400' probe a "b c" >/dev/null
}

# in_container_netns CONTAINER CMD...: runs CMD (from this machine) in the container's network namespace.
in_container_netns() {
    local pid
    pid=$(docker_on host1 inspect -f '{{.State.Pid}}' "$1") || return 1
    shift
    nsenter -t "$pid" -n "$@"
}

# plumb_ethwe CONTAINER: a veth from host1 into the container, left down, its end renamed ethwe there.
plumb_ethwe() {
    local pid
    pid=$(docker_on host1 inspect -f '{{.State.Pid}}' "$1") || return 1
    run_on host1 ip link add "vcbins$pid" type veth peer name cbins-tmp netns "$pid"
    in_container_netns "$1" ip link set cbins-tmp name ethwe
}

@test "docker stop: sigproxy as PID 1 passes SIGTERM to the workload and exits with its status" {
    start_container host1 --name=cbins-stop "--volume=$SIGPROXY:/sigproxy:ro" --entrypoint=/sigproxy \
        "$SMALL_IMAGE" sh -c 'trap "echo got TERM; exit 42" TERM; echo ready; while :; do sleep 1 & wait; done' \
        >/dev/null
    wait_for_log cbins-stop ready
    assert_equal /sigproxy "$(exec_on host1 cbins-stop cat /proc/1/cmdline | tr '\0' ' ' | cut -d' ' -f1)"

    docker_on host1 stop --time=60 cbins-stop >/dev/null
    # without forwarding the engine would wait out the 60 s and SIGKILL (exit code 137)
    assert_equal 42 "$(docker_on host1 inspect -f '{{.State.ExitCode}}' cbins-stop)"
    [[ $(docker_on host1 logs cbins-stop 2>&1) == *"got TERM"* ]]
}

@test "sigproxy in a container: the child's exit status, 255 when it is killed, usage error" {
    run docker_on host1 run --rm "--volume=$SIGPROXY:/sigproxy:ro" "$SMALL_IMAGE" /sigproxy sh -c 'exit 3'
    [ "$status" -eq 3 ]
    run docker_on host1 run --rm "--volume=$SIGPROXY:/sigproxy:ro" "$SMALL_IMAGE" /sigproxy sh -c 'kill -KILL $$'
    [ "$status" -eq 255 ]
    run docker_on host1 run --rm "--volume=$SIGPROXY:/sigproxy:ro" "$SMALL_IMAGE" /sigproxy
    [ "$status" -eq 1 ]
    assert_equal "USAGE: sigproxy <command> [arguments ...]" "$output"
}

@test "/w/w waits for ethwe up and the multicast route, then execs the command with its arguments" {
    start_waiting_container cbins-w weavewait /w
    assert_not_started cbins-w

    plumb_ethwe cbins-w
    in_container_netns cbins-w ip link set ethwe up
    assert_not_started cbins-w

    in_container_netns cbins-w ip route add 224.0.0.0/4 dev ethwe
    wait_for_log cbins-w "ran with [a b c] and kept"
    # exec'd, not forked: the command is PID 1 now
    assert_equal sleep "$(exec_on host1 cbins-w cat /proc/1/comm)"
}

@test "/w-nomcast/w waits for ethwe up only" {
    start_waiting_container cbins-nomcast weavewait-nomcast /w-nomcast
    assert_not_started cbins-nomcast

    plumb_ethwe cbins-nomcast
    assert_not_started cbins-nomcast
    in_container_netns cbins-nomcast ip link set ethwe up
    wait_for_log cbins-nomcast "ran with [a b c] and kept"
}

@test "/w-noop/w runs the command at once, even with no network at all" {
    start_waiting_container cbins-noop weavewait-noop /w-noop --network=none
    wait_for_log cbins-noop "ran with [a b c] and kept"
}

@test "weavewait with no command: 'No command specified', status 1" {
    run docker_on host1 run --rm "--volume=$WEAVEWAIT/weavewait:/w/w:ro" "$SMALL_IMAGE" /w/w
    [ "$status" -eq 1 ]
    assert_equal "No command specified" "$output"
}

@test "docker kill -s: sigproxy as PID 1 passes every catchable signal on" {
    start_container host1 --name=cbins-sig "--volume=$SIGPROXY:/sigproxy:ro" --entrypoint=/sigproxy "$SMALL_IMAGE" \
        sh -c 'for s in HUP USR1 USR2 WINCH QUIT; do trap "echo got $s" $s; done; echo ready; while :; do sleep 1 & wait; done' \
        >/dev/null
    wait_for_log cbins-sig ready
    local s
    for s in HUP USR1 USR2 WINCH QUIT; do
        docker_on host1 kill -s "$s" cbins-sig >/dev/null
        wait_for_log cbins-sig "got $s"
    done
    assert_equal true "$(docker_on host1 inspect -f '{{.State.Running}}' cbins-sig)"
}

@test "sigproxy as PID 1 reaps the orphans the container leaves to it" {
    run docker_on host1 run --rm "--volume=$SIGPROXY:/sigproxy:ro" --entrypoint=/sigproxy "$SMALL_IMAGE" \
        sh -c 'for i in 1 2 3 4 5; do sh -c "sleep 0.2 &"; done; sleep 2; echo "zombies=$(cat /proc/[0-9]*/stat | grep -c ") Z ")"'
    [ "$status" -eq 0 ]
    [ "$output" = "zombies=0" ]   # five orphaned sleeps ended while sigproxy was their parent
}

@test "weavewait with a command that is not there: a clear message, status 1" {
    run docker_on host1 run --rm "--volume=$WEAVEWAIT/weavewait-noop:/w/w:ro" "$SMALL_IMAGE" /w/w no-such-command
    [ "$status" -eq 1 ]
    assert_equal "weavewait: cannot run no-such-command: No such file or directory" "$output"
}
