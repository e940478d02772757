#!/usr/bin/env bats
# Behaviour of target/weavewait{,-nomcast,-noop}, driven from the shell.
# The waiting tests run weavewait in a throwaway network namespace (needs root).

bats_require_minimum_version 1.5.0

setup() {
	TARGET="$BATS_TEST_DIRNAME/../target"
	cd "$BATS_TEST_TMPDIR"
	# The command weavewait should exec: records its arguments and one variable.
	mkdir bin
	printf '#!/bin/sh\nprintf "%%s|" "$@" "$WEFT_PROBE" >"%s/ran"\nexit 9\n' "$BATS_TEST_TMPDIR" >bin/probe
	chmod +x bin/probe
	export PATH="$BATS_TEST_TMPDIR/bin:$PATH" WEFT_PROBE=kept
	ns= waiter=
}

teardown() {
	if [ -n "$waiter" ]; then kill -KILL "$waiter" 2>/dev/null || true; fi
	if [ -n "$ns" ]; then ip netns delete "$ns"; fi
}

need_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root to create a network namespace"
}

new_netns() {
	ns="cbins-ww-$$-$BATS_TEST_NUMBER"
	ip netns add "$ns"
}

# Starts a weavewait build inside $ns running `probe a "b c"`; PID in $waiter.
start_waiting() {
	ip netns exec "$ns" "$TARGET/$1" probe a "b c" &
	waiter=$!
}

# Gives the waiter time to subscribe and read the current state: returns once
# it sleeps in a netlink receive (or after 3 s on kernels that hide wchan).
wait_until_blocked() {
	local i
	for i in $(seq 30); do
		grep -q 'skb_wait\|netlink\|recv' "/proc/$waiter/wchan" 2>/dev/null && return 0
		sleep 0.1
	done
}

assert_still_waiting() {
	sleep 0.2
	[ ! -e ran ] || { echo "the command ran too early: $(cat ran)" >&2; return 1; }
	kill -0 "$waiter"
}

# Waits for weavewait to exec the probe and checks what the probe got.
assert_command_ran() {
	local status=0 i
	for i in $(seq 50); do
		[ -e ran ] && break
		sleep 0.1
	done
	[ -e ran ] || { echo "the command did not run within 5 s" >&2; return 1; }
	wait "$waiter" || status=$?
	waiter=
	[ "$status" -eq 9 ]
	[ "$(cat ran)" = "a|b c|kept|" ]
}

add_ethwe_renamed_from_veth() {
	ip -n "$ns" link add cbins-a type veth peer name cbins-b
	ip -n "$ns" link set cbins-b name ethwe
	ip -n "$ns" link set cbins-a up
}

@test "no arguments: 'No command specified', status 1, for every build" {
	for build in weavewait weavewait-nomcast weavewait-noop; do
		run --separate-stderr "$TARGET/$build"
		[ "$status" -eq 1 ]
		[ "$stderr" = "No command specified" ]
	done
}

@test "noop build execs the command at once, found on PATH, with its arguments and environment" {
	run "$TARGET/weavewait-noop" probe a "b c"
	[ "$status" -eq 9 ]
	[ "$(cat ran)" = "a|b c|kept|" ]
}

@test "a command that cannot be executed: message, status 1" {
	PATH="$BATS_TEST_TMPDIR/bin:/usr/bin:/bin" run --separate-stderr "$TARGET/weavewait-noop" no-such-command-weft
	[ "$status" -eq 1 ]
	[ "$stderr" = "weavewait: cannot run no-such-command-weft: No such file or directory" ]
}

@test "weavewait waits for ethwe to appear and come up, then for the multicast route" {
	need_root
	new_netns
	start_waiting weavewait
	wait_until_blocked
	assert_still_waiting

	add_ethwe_renamed_from_veth
	assert_still_waiting
	ip -n "$ns" link set ethwe up
	assert_still_waiting

	ip -n "$ns" route add 224.0.0.0/4 dev ethwe
	assert_command_ran
}

@test "weavewait is not satisfied by another interface that is up with a multicast route" {
	need_root
	new_netns
	ip -n "$ns" link add cbins-a type veth peer name cbins-b
	ip -n "$ns" link set cbins-b up
	ip -n "$ns" route add 224.0.0.0/4 dev cbins-b
	start_waiting weavewait
	wait_until_blocked
	assert_still_waiting

	ip -n "$ns" link set cbins-a name ethwe
	assert_still_waiting
	ip -n "$ns" link set ethwe up
	assert_command_ran
}

@test "weavewait forgets a multicast route flushed by its interface going down" {
	need_root
	new_netns
	ip -n "$ns" link add cbins-a type veth peer name cbins-b
	ip -n "$ns" link set cbins-b up
	ip -n "$ns" route add 224.0.0.0/4 dev cbins-b
	start_waiting weavewait
	wait_until_blocked

	ip -n "$ns" link set cbins-b down
	ip -n "$ns" link set cbins-a name ethwe
	ip -n "$ns" link set ethwe up
	assert_still_waiting
	ip -n "$ns" route add 224.0.0.0/4 dev ethwe
	assert_command_ran
}

@test "weavewait runs the command at once when the network is already there" {
	need_root
	new_netns
	add_ethwe_renamed_from_veth
	ip -n "$ns" link set ethwe up
	ip -n "$ns" route add 224.0.0.0/4 dev ethwe
	start_waiting weavewait
	assert_command_ran
}

@test "weavewait-nomcast waits for ethwe up only" {
	need_root
	new_netns
	start_waiting weavewait-nomcast
	wait_until_blocked
	assert_still_waiting

	add_ethwe_renamed_from_veth
	assert_still_waiting
	ip -n "$ns" link set ethwe up
	assert_command_ran
}

@test "weavewait-noop does not wait, even in a namespace without ethwe" {
	need_root
	new_netns
	start_waiting weavewait-noop
	assert_command_ran
}
