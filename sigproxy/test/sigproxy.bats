#!/usr/bin/env bats
# Behaviour of target/sigproxy, driven from the shell.

bats_require_minimum_version 1.5.0

setup() {
	SIGPROXY="$BATS_TEST_DIRNAME/../target/sigproxy"
	cd "$BATS_TEST_TMPDIR"
}

teardown() {
	# Whatever a failed test left running in the group it started.
	if [ -n "${group:-}" ]; then kill -KILL -- "-$group" 2>/dev/null || true; fi
}

# Waits up to 5 s for a file to hold the given content.
wait_for_content() {
	local file=$1 want=$2 i
	for i in $(seq 50); do
		[ "$(cat "$file" 2>/dev/null)" = "$want" ] && return 0
		sleep 0.1
	done
	echo "$file holds '$(cat "$file" 2>/dev/null)', expected '$want'" >&2
	return 1
}

# Starts sigproxy in a process group of its own (so the signals it passes on
# reach only what the test started) and records its PID in $group.
start_in_own_group() {
	setsid "$SIGPROXY" "$@" &
	group=$!
}

# Waits for the background sigproxy and puts its exit status in $status.
wait_for_exit() {
	status=0
	wait "$group" || status=$?
	group=
}

@test "no arguments: usage on stderr, status 1" {
	run --separate-stderr "$SIGPROXY"
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "USAGE: sigproxy <command> [arguments ...]" ]
}

@test "exits with the child's exit status" {
	run "$SIGPROXY" sh -c 'exit 7'
	[ "$status" -eq 7 ]
	run "$SIGPROXY" true
	[ "$status" -eq 0 ]
}

@test "child killed by a signal: status 255" {
	run "$SIGPROXY" sh -c 'kill -KILL $$'
	[ "$status" -eq 255 ]
}

@test "command that cannot start: status 1 and a message" {
	PATH=/usr/bin:/bin run --separate-stderr "$SIGPROXY" no-such-command-weft
	[ "$status" -eq 1 ]
	[ "$stderr" = "sigproxy: cannot start no-such-command-weft: No such file or directory" ]
}

@test "child finds its command on PATH, gets its arguments, environment and stdio" {
	mkdir bin
	printf '#!/bin/sh\necho "args=$*"\necho "env=$WEFT_PROBE"\ncat\necho oops >&2\n' >bin/probe
	chmod +x bin/probe
	run --separate-stderr env PATH="$PWD/bin:$PATH" WEFT_PROBE=kept "$SIGPROXY" probe one "two words" <<<"from stdin"
	[ "$status" -eq 0 ]
	[ "$output" = $'args=one two words\nenv=kept\nfrom stdin' ]
	[ "$stderr" = "oops" ]
}

@test "SIGTERM is passed to the child once per signal, and sigproxy returns the child's status" {
	# The child counts the SIGTERMs it gets and exits with the count once told to stop.
	start_in_own_group sh -c '
		n=0
		trap "n=\$((n+1)); echo \$n >count" TERM
		echo ready >count
		while [ ! -e stop ]; do sleep 0.05; done
		exit $((40+n))'
	wait_for_content count ready
	kill -TERM "$group"
	wait_for_content count 1
	kill -TERM "$group"
	wait_for_content count 2
	touch stop
	wait_for_exit
	[ "$status" -eq 42 ]
}

@test "SIGINT is passed to the child, even when sigproxy was started with it ignored" {
	# A background job of a non-interactive shell starts with SIGINT ignored, as this one does.
	start_in_own_group sh -c '
		trap "echo interrupted >state; exit 3" INT
		echo ready >state
		while :; do sleep 0.05; done'
	wait_for_content state ready
	kill -INT "$group"
	wait_for_content state interrupted
	wait_for_exit
	[ "$status" -eq 3 ]
}

@test "SIGTERM reaches every process of the group, grandchildren included" {
	start_in_own_group sh -c '
		sh -c "trap \"echo stopped >grandchild; exit 0\" TERM; echo ready >grandchild; while :; do sleep 0.05; done" &
		trap "" TERM
		wait
		exit 4'
	wait_for_content grandchild ready
	kill -TERM "$group"
	wait_for_content grandchild stopped
	wait_for_exit
	[ "$status" -eq 4 ]
}

@test "a child that ignores SIGTERM keeps running and sigproxy with it" {
	start_in_own_group sh -c 'trap "" TERM; echo ready >ready; while [ ! -e stop ]; do sleep 0.05; done; exit 5'
	wait_for_content ready ready
	kill -TERM "$group"
	sleep 0.3
	kill -0 "$group"
	touch stop
	wait_for_exit
	[ "$status" -eq 5 ]
}

@test "every catchable signal is passed on, each once" {
	start_in_own_group sh -c '
		for s in HUP QUIT USR1 USR2 ALRM WINCH PIPE CONT; do trap "echo $s >>got" $s; done
		echo ready >ready
		while [ ! -e stop ]; do sleep 0.05; done
		exit 6'
	wait_for_content ready ready
	expected=
	for s in HUP QUIT USR1 USR2 ALRM WINCH PIPE CONT; do
		kill -"$s" "$group"
		expected="${expected:+$expected$'\n'}$s"
		wait_for_content got "$expected"
	done
	touch stop
	wait_for_exit
	[ "$status" -eq 6 ]
}

@test "sigproxy ends with its child even while the child's own children still run" {
	start_in_own_group sh -c 'sleep 3 & exit 9'
	wait_for_exit
	[ "$status" -eq 9 ]
}
