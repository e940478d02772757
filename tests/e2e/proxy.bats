#!/usr/bin/env bats
# The Docker API proxy on a lab host, driven by real clients: the docker CLI after
# `eval $(weave env)`, `docker run -it` in a terminal (tmux), the Python docker SDK (Debian's
# python3-docker), curl for malformed requests, and the docker CLI over TCP with TLS.

load helpers

PROXY_SOCKET=/var/run/weave/weave.sock

setup_file() {
    local want=() p
    command -v tmux >/dev/null || want+=(tmux)
    command -v openssl >/dev/null || want+=(openssl)
    command -v curl >/dev/null || want+=(curl)
    /usr/bin/python3 -c 'import docker' 2>/dev/null || want+=(python3-docker)
    if ((${#want[@]})); then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null 2>&1 ||
            { apt-get update -qq >/dev/null 2>&1 &&
              DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null 2>&1; } ||
            { echo "proxy.bats: cannot install ${want[*]}" >&2; return 1; }
    fi
    lab_setup_file 1
    weave_on host1 launch >/dev/null || return 1
}

teardown_file() {
    tmux -L weftproxy kill-server 2>/dev/null || true
    lab_teardown_file
}

# through_proxy HOST CMD...: CMD in HOST, with the docker client pointed at the proxy as users do it.
through_proxy() {
    local host=$1
    shift
    run_on "$host" bash -c 'eval "$(weave env)" && [[ $DOCKER_HOST == unix://'"$PROXY_SOCKET"' ]] && exec "$@"' \
        through_proxy "$@"
}
pdocker() { through_proxy host1 env DOCKER_BUILDKIT=0 docker "$@"; }

# wait_until SECONDS CMD...: CMD succeeds within SECONDS.
wait_until() {
    local limit=$1 i
    shift
    for ((i = 0; i < limit * 5; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
    echo "wait_until: '$*' did not succeed within $limit s" >&2
    return 1
}

# build_image TAG DOCKERFILE-TEXT [FILE...]: builds TAG through the proxy from a context holding FILEs.
build_image() {
    local tag=$1 text=$2 ctx
    shift 2
    ctx=$(mktemp -d "$BATS_FILE_TMPDIR/ctx.XXXXXX")
    printf '%s\n' "$text" >"$ctx/Dockerfile"
    (($#)) && cp "$@" "$ctx/"
    pdocker build -q -t "$tag" "$ctx" >/dev/null
}

ipam_owners() { run_on host1 curl -sf http://127.0.0.1:6784/ip; }

@test "weave env and weave config point docker at the proxy" {
    run weave_on host1 env
    [ "$status" -eq 0 ]
    [ "$output" = "export DOCKER_HOST=unix://$PROXY_SOCKET ORIG_DOCKER_HOST=" ]
    run weave_on host1 config
    [ "$output" = "-H=unix://$PROXY_SOCKET" ]
    run run_on host1 bash -c 'docker $(weave config) version --format "{{.Server.Os}}"'
    [ "$output" = linux ]
    run run_on host1 bash -c 'export DOCKER_HOST=unix:///var/run/docker.sock; eval "$(weave env)";
        eval "$(weave env --restore)"; echo "$DOCKER_HOST"'
    [ "$output" = unix:///var/run/docker.sock ]
}

@test "docker run: the container's first command already sees its weave address, with or without WEAVE_CIDR" {
    run pdocker run --rm "$SMALL_IMAGE" ip -4 -o addr show ethwe
    [ "$status" -eq 0 ]
    [[ $output =~ " inet 10."(3[2-9]|4[0-7])"."[0-9]+"."[0-9]+"/12 " ]]
    run pdocker run --rm -e WEAVE_CIDR="10.2.1.5/24 net:10.40.0.0/16" "$SMALL_IMAGE" ip -4 -o addr show ethwe
    [ "$status" -eq 0 ]
    [[ $output == *" inet 10.2.1.5/24 "* ]]
    [[ $output == *" inet 10.40."*"/16 "* ]]
    run pdocker run --rm -e WEAVE_CIDR=none "$SMALL_IMAGE" ip -4 -o addr show ethwe
    [ "$status" -ne 0 ]
}

@test "names resolve between containers started through the proxy" {
    pdocker run -d --name=pweb "$SMALL_IMAGE" sleep 86400 >/dev/null
    local ip
    ip=$(container_ip host1 pweb)
    assert_equal pweb "$(pdocker exec pweb hostname)"
    assert_equal weave.local "$(docker_on host1 inspect -f '{{.Config.Domainname}}' pweb)"
    run pdocker run --rm "$SMALL_IMAGE" sh -c 'nslookup pweb.weave.local && ping -c 1 -W 2 pweb'
    [ "$status" -eq 0 ]
    [[ $output == *"Address: $ip"* ]]
    [[ $output == *"1 packets received"* ]]
    # the hosts file names the container after its weave address
    [[ $(pdocker exec pweb cat /etc/hosts) == *"$ip"*"pweb.weave.local pweb"* ]]
}

@test "docker run -it in a terminal: type a command, read its output, exit with its status" {
    local status_file=$BATS_FILE_TMPDIR/it-status
    tmux -L weftproxy new-session -d -s it -x 160 -y 40 \
        "$LAB exec host1 env PATH=${WEAVE_CLI%/*}:\$PATH bash -c 'eval \"\$(weave env)\"; docker run -it --rm --name pit $SMALL_IMAGE sh; echo status=\$? >$status_file'"
    pane_has() { tmux -L weftproxy capture-pane -p -t it | grep -q -- "$1"; }
    wait_until 60 pane_has '/ #'
    tmux -L weftproxy send-keys -t it 'ip -4 -o addr show ethwe' Enter
    wait_until 20 pane_has 'inet 10\.' || { echo "the terminal showed:" >&2; tmux -L weftproxy capture-pane -p -t it >&2; false; }
    tmux -L weftproxy send-keys -t it 'exit 3' Enter
    wait_until 30 test -s "$status_file"
    assert_equal status=3 "$(cat "$status_file")"
}

@test "docker logs -f streams as the container writes, and ends with it" {
    pdocker run -d --name=plog "$SMALL_IMAGE" sh -c 'echo one; sleep 2; echo two; sleep 1; echo three' >/dev/null
    assert_equal "one two three" "$(pdocker logs -f plog | tr '\n' ' ' | sed 's/ $//')"
    pdocker run -d --name=pstream "$SMALL_IMAGE" sh -c 'echo early; exec sleep 86400' >/dev/null
    run through_proxy host1 timeout 5 docker logs -f pstream
    [ "$status" -eq 124 ]   # still following when timeout ended it
    [ "$output" = early ]
}

@test "docker exec through the proxy, stdin included" {
    pdocker run -d --name=pexec "$SMALL_IMAGE" sleep 86400 >/dev/null
    [[ $(pdocker exec pexec ip -4 -o addr show ethwe) == *" inet 10."* ]]
    run run_on host1 bash -c 'eval "$(weave env)"; printf "hello\nworld\n" | docker exec -i pexec cat'
    [ "$status" -eq 0 ]
    [ "$output" = $'hello\nworld' ]
    run pdocker exec pexec sh -c 'exit 7'
    [ "$status" -eq 7 ]
}

@test "docker build with a large context, docker cp both ways" {
    local blob=$BATS_FILE_TMPDIR/blob
    head -c $((96 << 20)) /dev/urandom >"$blob"
    local sum
    sum=$(sha256sum <"$blob" | cut -d' ' -f1)
    build_image weft-test/proxy-build $'FROM weft-test/small\nCOPY blob /blob\nCMD ["sha256sum", "/blob"]' "$blob"
    run pdocker run --rm weft-test/proxy-build
    [ "$status" -eq 0 ]
    [ "${output%% *}" = "$sum" ]

    pdocker run -d --name=pcp "$SMALL_IMAGE" sleep 86400 >/dev/null
    run_on host1 bash -c 'eval "$(weave env)"; docker cp '"$blob"' pcp:/tmp/blob'
    assert_equal "$sum" "$(pdocker exec pcp sha256sum /tmp/blob | cut -d' ' -f1)"
    assert_equal "$sum" "$(pdocker cp pcp:/tmp/blob - | tar -xO blob | sha256sum | cut -d' ' -f1)"
}

@test "images with only an entrypoint, a shell-form command, or nothing to run" {
    build_image weft-test/proxy-entry $'FROM weft-test/small\nENTRYPOINT ["ip", "-4", "-o", "addr", "show"]'
    [[ $(pdocker run --rm weft-test/proxy-entry ethwe) == *" inet 10."* ]]
    build_image weft-test/proxy-shell $'FROM weft-test/small\nCMD ip -4 -o addr show ethwe && echo "shell form"'
    run pdocker run --rm weft-test/proxy-shell
    [ "$status" -eq 0 ]
    [[ $output == *" inet 10."*"shell form" ]]
    local created
    created=$(pdocker create weft-test/proxy-shell)
    assert_equal "[/w/w] [/bin/sh -c ip -4 -o addr show ethwe && echo \"shell form\"]" \
        "$(docker_on host1 inspect -f '{{.Config.Entrypoint}} {{.Config.Cmd}}' "$created")"
    build_image weft-test/proxy-none $'FROM weft-test/small\nCMD []'
    run pdocker run --rm weft-test/proxy-none
    [ "$status" -eq 125 ]
    [[ $output == *"No command specified"* ]]
}

@test "docker restart: the container comes back on weave under its name" {
    pdocker run -d --name=prestart "$SMALL_IMAGE" sleep 86400 >/dev/null
    local pid1
    pid1=$(docker_on host1 inspect -f '{{.State.Pid}}' prestart)
    pdocker restart -t 1 prestart >/dev/null
    [ "$(docker_on host1 inspect -f '{{.State.Pid}}' prestart)" != "$pid1" ]
    local ip
    ip=$(container_ip host1 prestart)
    run pdocker run --rm "$SMALL_IMAGE" nslookup prestart.weave.local
    [[ $output == *"Address: $ip"* ]]
}

@test "the Python docker SDK creates and starts containers through the proxy" {
    run through_proxy host1 /usr/bin/python3 -c '
import docker
client = docker.from_env(version="1.41")
print(client.containers.run("weft-test/small", ["ip", "-4", "-o", "addr", "show", "ethwe"], remove=True).decode().strip())
c = client.containers.create("weft-test/small", ["sleep", "86400"], name="ppython", environment={"WEAVE_CIDR": "10.2.3.4/24"})
c.start()
c.reload()
print(c.attrs["Config"]["Entrypoint"][0], c.attrs["State"]["Running"])
'
    [ "$status" -eq 0 ]
    [[ ${lines[0]} == *" inet 10."* ]]
    [ "${lines[1]}" = "/w/w True" ]
    assert_equal 10.2.3.4 "$(container_ip host1 ppython)"
}

@test "bad input gets the engine's kind of error, leaves nothing attached, and the proxy keeps serving" {
    run pdocker run --rm -e WEAVE_CIDR=10.2.1.300/24 "$SMALL_IMAGE" true
    [ "$status" -eq 125 ]
    [[ $output == *'WEAVE_CIDR="10.2.1.300/24": invalid address 10.2.1.300/24'* ]]

    run pdocker run --name=pbad -e WEAVE_CIDR=net:192.168.0.0/24 "$SMALL_IMAGE" echo never
    echo "docker run answered ($status): $output" >&2
    [ "$status" -ne 0 ]
    [[ $output == *"weave could not attach container"*"(pbad)"*"192.168.0.0/24"* ]]
    [[ $output != *never* ]]
    assert_equal false "$(docker_on host1 inspect -f '{{.State.Running}}' pbad)"
    local id
    id=$(docker_on host1 inspect -f '{{.Id}}' pbad)
    wait_until 10 bash -c "! $LAB exec host1 curl -sf http://127.0.0.1:6784/ip | grep -q $id"
    [ -z "$(weave_on host1 ps pbad)" ]

    run run_on host1 curl -s -w ' %{http_code}' --unix-socket "$PROXY_SOCKET" -H 'Content-Type: application/json' \
        -d '{"Image": "weft-test/small", "Cmd": [' http://docker/v1.41/containers/create
    [[ $output == '{"message":"invalid JSON in container config: '* ]]
    [[ $output == *" 400" ]]
    run pdocker ps --format '{{.Names}}'
    [ "$status" -eq 0 ]
}

@test "after a router restart, containers of the proxy restarted meanwhile are attached again" {
    pdocker run -d --name=preattach "$SMALL_IMAGE" sleep 86400 >/dev/null
    container_ip host1 preattach >/dev/null
    docker_on host1 stop weave >/dev/null
    docker_on host1 restart -t 1 preattach >/dev/null   # straight at the engine: nobody attaches it now
    sleep 1
    assert_equal w "$(exec_on host1 preattach cat /proc/1/comm)"   # weavewait still waiting for ethwe
    docker_on host1 start weave >/dev/null
    wait_until 60 container_ip host1 preattach
    wait_until 10 bash -c "[[ \$($LAB docker host1 exec preattach cat /proc/1/comm) == sleep ]]"
}

@test "the proxy on TCP with TLS, client certificates required" {
    local tls=$BATS_FILE_TMPDIR/tls
    mkdir -p "$tls"
    (
        cd "$tls"
        openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=weft-test-ca -keyout ca-key.pem -out ca.pem
        openssl req -newkey rsa:2048 -nodes -subj /CN=host1 -keyout server-key.pem -out server.csr
        printf 'subjectAltName=IP:%s,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' "$HOST1" >server.ext
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile server.ext \
            -out server-cert.pem
        openssl req -newkey rsa:2048 -nodes -subj /CN=client -keyout key.pem -out client.csr
        printf 'extendedKeyUsage=clientAuth\n' >client.ext
        openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile client.ext \
            -out cert.pem
    ) >/dev/null 2>&1
    weave_on host1 stop
    weave_on host1 launch -H tcp://0.0.0.0:12375 --tlsverify --tlscacert "$tls/ca.pem" \
        --tlscert "$tls/server-cert.pem" --tlskey "$tls/server-key.pem" >/dev/null
    assert_equal "export DOCKER_HOST=tcp://$HOST1:12375 ORIG_DOCKER_HOST=" \
        "$(run_on host1 env PROXY_HOST="$HOST1" weave env)"

    run run_on host1 env DOCKER_HOST="tcp://$HOST1:12375" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$tls" \
        docker run --rm "$SMALL_IMAGE" ip -4 -o addr show ethwe
    [ "$status" -eq 0 ]
    [[ $output == *" inet 10."* ]]
    # without a client certificate the proxy refuses the connection
    run run_on host1 docker -H "tcp://$HOST1:12375" --tls --tlscacert "$tls/ca.pem" ps
    [ "$status" -ne 0 ]
}
