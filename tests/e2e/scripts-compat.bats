#!/usr/bin/env bats
# Scripts written for Weave Net, run unchanged against weft on a lab host: `weave` in command
# substitutions, its output piped into wc, grep and cut, its exit status tested with `if`. Each test
# is one such script, run by bash on host1 where `weave` and `docker` are on PATH as for a user.

load helpers

setup_file() {
    [[ -x /usr/local/bin/weave ]] || "$REPO/scripts/install.sh" >&2
    lab_setup_file 1
}
teardown_file() { lab_teardown_file; }

# host1_script BODY: runs BODY with `bash -euo pipefail` on host1.
host1_script() { run_on host1 env -u DOCKER_HOST bash -euo pipefail -c "$1"; }

docker_bridge_ip() { run_on host1 ip -4 -o addr show dev docker0 | awk '{ split($4, a, "/"); print a[1] }'; }

@test "docker run \$(weave dns-args \"\$@\") \"\$@\" image: a wrapper's docker arguments pass through dns-args" {
    weave_running_on host1 || weave_on host1 launch >/dev/null
    run host1_script '
        run_on_weave() { docker run -d --label weft.e2e=1 $(weave dns-args "$@") "$@" weft-test/small sleep 600; }
        run_on_weave --name=dnsuser -h dnsuser.weave.local -e GREETING=hi >/dev/null
        echo "newlines: $(weave dns-args --name=x -e A=b | wc -l)"
        docker exec dnsuser cat /etc/resolv.conf
        docker exec dnsuser sh -c "echo \$GREETING"'
    [ "$status" -eq 0 ]
    assert_equal "newlines: 0" "${lines[0]}"
    [[ $output == *"nameserver $(docker_bridge_ip)"* ]]
    [[ $output == *"search weave.local"* ]]
    assert_equal hi "${lines[-1]}"
}

@test "weave ps | wc -l counts weave:expose and each attached container; ip=\$(weave expose) is what ps shows" {
    weave_running_on host1 || weave_on host1 launch >/dev/null
    run host1_script '
        echo "first: $(weave ps | head -1 | cut -d" " -f1)"
        before=$(weave ps | wc -l)
        docker run -d --label weft.e2e=1 --name=listed weft-test/small sleep 600 >/dev/null
        ip=$(weave attach listed)
        echo "one more: $(( $(weave ps | wc -l) - before ))"
        echo "listed: $(weave ps | grep "^$(docker inspect -f "{{.Id}}" listed | cut -c1-12) " | cut -d" " -f3)"
        echo "attached: $ip"
        exposed=$(weave expose)
        echo "expose: $(weave ps weave:expose | cut -d" " -f3) $exposed"
        weave hide >/dev/null
        echo "hidden: $(weave ps weave:expose | wc -w)"'
    [ "$status" -eq 0 ]
    assert_equal "first: weave:expose" "${lines[0]}"
    assert_equal "one more: 1" "${lines[1]}"
    [[ ${lines[2]} =~ ^listed:\ (10\.[0-9.]+)/12$ ]]
    assert_equal "attached: ${BASH_REMATCH[1]}" "${lines[3]}"
    [[ ${lines[4]} =~ ^expose:\ (10\.[0-9.]+)/12\ (10\.[0-9.]+)$ ]]
    assert_equal "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
    assert_equal "hidden: 2" "${lines[5]}"   # weave:expose and the bridge MAC, no address
}

@test "weave version: 'weave script X' then 'weave X'; with the router stopped only the script line on stdout" {
    weave_running_on host1 || weave_on host1 launch >/dev/null
    run host1_script '
        echo "running: $(weave version | tr "\n" "|")"
        echo "router version: $(weave version | sed -n 2p | cut -d" " -f2)"
        weave stop
        echo "stopped: $(weave version 2>/dev/null | tr "\n" "|")"
        echo "stderr: $(weave version 2>&1 >/dev/null)"'
    [ "$status" -eq 0 ]
    assert_equal "running: weave script 0.1.0|weave 0.1.0|" "${lines[0]}"
    assert_equal "router version: 0.1.0" "${lines[1]}"
    assert_equal "stopped: weave script 0.1.0|" "${lines[2]}"
    [[ ${lines[3]} == "stderr: weave router is not running"* ]]
}

@test "if weave stop; then: stopping a router that is not running succeeds and says so on stderr only" {
    run host1_script '
        weave stop 2>/dev/null || true
        if out=$(weave stop 2>/dev/null); then echo "stop: ok [$out]"; fi
        echo "stderr: $(weave stop 2>&1 >/dev/null)"'
    [ "$status" -eq 0 ]
    assert_equal "stop: ok []" "${lines[0]}"
    assert_equal "stderr: Weave is not running (ignore on Kubernetes)." "${lines[1]}"
}

@test "weave connect with no peer is a usage error; --replace alone empties the targets" {
    weave_running_on host1 || weave_on host1 launch >/dev/null
    run host1_script '
        weave connect 198.18.0.99
        if weave connect 2>/dev/null; then echo "connect: accepted"; else echo "connect: status $?"; fi
        weave connect --replace && echo "targets: $(weave status targets | wc -l)"'
    [ "$status" -eq 0 ]
    assert_equal "connect: status 1" "${lines[0]}"
    assert_equal "targets: 0" "${lines[1]}"
}

@test "weave reset goes on when the router has IPAM disabled; a stopped router needs --force" {
    weave_on host1 reset --force >/dev/null
    run host1_script '
        weave launch --ipalloc-range= >/dev/null
        if weave reset; then echo "reset: ok"; fi
        docker inspect weave >/dev/null 2>&1 || echo "router: gone"
        ip link show weave >/dev/null 2>&1 || echo "bridge: gone"
        weave launch >/dev/null
        weave stop
        weave reset 2>/dev/null || echo "stopped router: refused with $?"
        docker inspect weave >/dev/null 2>&1 && echo "router: kept"
        weave reset --force && echo "forced: ok"
        weave reset && echo "nothing launched: ok"'
    [ "$status" -eq 0 ]
    assert_equal "reset: ok|router: gone|bridge: gone|stopped router: refused with 1|router: kept|forced: ok|nothing launched: ok" \
        "$(printf '%s|' "${lines[@]}" | sed 's/|$//')"
}

@test "weave launch takes every flag of the original; those weft does not act on are named on stderr, one line each" {
    weave_on host1 reset --force >/dev/null 2>&1
    run host1_script '
        err=$(mktemp)
        id=$(WEAVE_DOCKER_ARGS="--memory=300m --cpus 1 --label team=net" weave launch -password pw -port 6783 \
            -iprange 10.32.0.0/12 --no-restart --no-detect-tls --profile /tmp/weave.prof --nickname alpha \
            --trusted-subnets 10.0.0.0/8 --no-discovery --conn-limit 30 --min-protocol-version 2 \
            --ipalloc-init consensus=1 --ipalloc-default-subnet 10.32.0.0/12 --dns-domain weave.local. --dns-ttl 5 \
            --dns-fallback-timeout 2s --log-level info --pkt-debug --no-fastdp --no-bridged-fastdp \
            --metrics-addr 127.0.0.1:6785 --bufsz 16 -H unix:///var/run/weave/weave.sock --no-rewrite-hosts \
            --hostname-match "(.*)" --plugin=false --proxy=false 198.18.0.12 2>"$err")
        echo "id: $id"
        sed "s/^/stderr: /" "$err"
        echo "limits: $(docker inspect -f "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{index .Config.Labels \"team\"}} restart=[{{.HostConfig.RestartPolicy.Name}}]" weave)"
        echo "router: $(weave status | grep -c "Service: router")"'
    [ "$status" -eq 0 ]
    [[ ${lines[0]} =~ ^id:\ [0-9a-f]{64}$ ]]
    [[ $output == *"stderr: weave: warning: --profile: the router is a JVM"* ]]
    [[ $output == *"stderr: weave: warning: --password/WEAVE_PASSWORD: encryption is not supported yet"* ]]
    [[ $output == *"stderr: weave: warning: --trusted-subnets: "* ]]
    [[ $output == *"stderr: weave: warning: --pkt-debug: "* ]]
    [[ $output != *"no-detect-tls"* ]]
    [[ ${lines[-2]} =~ ^limits:\ 314572800\ 1000000000\ net\ restart=\[(no)?\]$ ]]   # --no-restart: no policy
    assert_equal "router: 1" "${lines[-1]}"
    weave_on host1 reset --force >/dev/null
}

@test "WEAVE_DOCKER_ARGS weft cannot apply stops launch with one line before anything is created" {
    weave_on host1 reset --force >/dev/null 2>&1
    run host1_script '
        WEAVE_DOCKER_ARGS="--network bridge" weave launch || echo "status $?"
        docker inspect weave >/dev/null 2>&1 || echo "no router container"'
    [[ ${lines[0]} == "weave: WEAVE_DOCKER_ARGS: weft does not support the docker run option --network here"* ]]
    assert_equal "status 1" "${lines[1]}"
    assert_equal "no router container" "${lines[2]}"
}

@test "WEAVE_HTTP_ADDR naming a unix socket: launch listens there and every command talks to it" {
    weave_on host1 reset --force >/dev/null 2>&1
    run host1_script '
        export WEAVE_HTTP_ADDR=/run/weft-e2e/api.sock
        weave launch 2>&1 >/dev/null | head -3
        [ -S /run/weft-e2e/api.sock ] && echo "socket on the host"
        docker run -d --label weft.e2e=1 --name=viasocket weft-test/small sleep 600 >/dev/null
        echo "attach: $(weave attach viasocket)"
        echo "ps: $(weave ps viasocket | cut -d" " -f3)"
        echo "dns-args: $(weave dns-args)"'
    if [[ $output == *"unix sockets are not supported yet"* ]]; then
        skip "this router does not listen on unix sockets yet (the router side of issue 8)"
    fi
    [ "$status" -eq 0 ]
    assert_equal "socket on the host" "${lines[0]}"
    [[ ${lines[1]} =~ ^attach:\ (10\.[0-9.]+)$ ]]
    assert_equal "ps: ${BASH_REMATCH[1]}/12" "${lines[2]}"
    [[ ${lines[3]} == "dns-args: --dns="* ]]
    weave_on host1 reset --force >/dev/null
}

@test "weave launch --http-addr elsewhere: the router listens there and launch says how to reach it" {
    weave_on host1 reset --force >/dev/null 2>&1
    run host1_script '
        weave launch --http-addr 127.0.0.1:16784 >/dev/null
        echo "default address: $(weave ps 2>&1 >/dev/null | head -1)"
        echo "given address: $(WEAVE_HTTP_ADDR=127.0.0.1:16784 weave ps | head -1 | cut -d" " -f1)"'
    [ "$status" -eq 0 ]
    assert_equal "weave: the router listens where --http-addr/--status-addr said; other weave commands find it with WEAVE_HTTP_ADDR=127.0.0.1:16784" "${lines[0]}"
    [[ ${lines[1]} == "default address: weave: "* ]]
    assert_equal "given address: weave:expose" "${lines[2]}"
    weave_on host1 reset --force >/dev/null
}

@test "WEAVEEXEC_DOCKER_ARGS reach the exec container that runs weave against a remote engine" {
    run "$LAB" driver env DOCKER_HOST="tcp://$HOST1:2375" WEAVEEXEC_DOCKER_ARGS="-e WEAVE_CONTAINER_NAME=elsewhere" \
        "$WEAVE_CLI" status
    [ "$status" -eq 2 ]
    assert_equal "weave: elsewhere container is not present. Have you launched it?" "$output"
}

@test "the README's commands run as written in a root shell without sudo" {
    run awk '/^```sh$/ { block = 1; next } /^```$/ { block = 0 } block' "$REPO/README.md"
    [ "${#lines[@]}" -gt 0 ]
    local line word
    for line in "${lines[@]}"; do
        for word in $(sed 's/#.*//; s/&&/\n/g' <<<"$line" | awk '{ print $1 }'); do
            (cd "$REPO" && command -v "$word" >/dev/null) || {
                echo "README: '$word' is not a command in a root shell here (in: $line)" >&2
                return 1
            }
        done
    done
}
