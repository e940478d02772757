#!/usr/bin/env bats
# build-images.sh without an engine: context assembly from a fake output tree, and its errors.

setup() {
    script=$BATS_TEST_DIRNAME/../../build-images.sh
    src=$BATS_TEST_TMPDIR/src
    mkdir -p "$src"/router-image/target/lib "$src"/weave-cli/target/lib "$src"/sigproxy/target "$src"/weavewait/target
    echo router >"$src/router-image/target/router.jar"
    echo shared >"$src/router-image/target/lib/jackson-databind-2.22.4.jar"
    echo cli >"$src/weave-cli/target/weave-cli-0.1.0.jar"
    echo shared >"$src/weave-cli/target/lib/jackson-databind-2.22.4.jar"
    echo picocli >"$src/weave-cli/target/lib/picocli-4.7.7.jar"
    printf '#!/bin/sh\n' >"$src/sigproxy/target/sigproxy"
    printf '#!/bin/sh\n' >"$src/weavewait/target/weavewait"
    printf '#!/bin/sh\n' >"$src/weavewait/target/weavewait-noop"
    chmod +x "$src"/sigproxy/target/sigproxy "$src"/weavewait/target/*
}

@test "context holds the jars, the binaries per volume and the Dockerfiles" {
    run bash "$script" --from "$src" --context-only "$BATS_TEST_TMPDIR/ctx"
    [ "$status" -eq 0 ]
    ctx=$BATS_TEST_TMPDIR/ctx
    [ -f "$ctx/router/router.jar" ]
    [ -f "$ctx/router/router.classlist" ]
    [ -f "$ctx/cli/weave-cli.jar" ]
    [ -f "$ctx/cli/lib/picocli-4.7.7.jar" ]
    [ ! -e "$ctx/cli/lib/jackson-databind-2.22.4.jar" ]   # already in the router layer
    [ -x "$ctx/bin/sigproxy" ]
    [ -x "$ctx/w/w/w" ]
    [ -x "$ctx/w/w-noop/w" ]
    [ ! -e "$ctx/w/w-nomcast/w" ]
    [[ $output == *"weavewait-nomcast missing"* ]]
    for f in weave weaveexec weavedb; do [ -f "$ctx/$f.Dockerfile" ]; done
    [ -x "$ctx/scripts/weaver" ]
    [ -x "$ctx/scripts/assemble-runtime" ]
}

@test "a missing router jar is one clear line and status 1" {
    rm "$src/router-image/target/router.jar"
    run bash "$script" --from "$src" --context-only "$BATS_TEST_TMPDIR/ctx"
    [ "$status" -eq 1 ]
    [ "${#lines[@]}" -eq 1 ]
    [[ ${lines[0]} == "build-images: router jar missing: $src/router-image/target/router.jar"* ]]
}

@test "a missing sigproxy is refused" {
    rm "$src/sigproxy/target/sigproxy"
    run bash "$script" --from "$src" --context-only "$BATS_TEST_TMPDIR/ctx"
    [ "$status" -eq 1 ]
    [[ $output == "build-images: sigproxy missing:"* ]]
}

@test "no engine is one clear line" {
    command -v docker >/dev/null || skip "no docker CLI on this machine"
    DOCKER_HOST=unix://$BATS_TEST_TMPDIR/none.sock run bash "$script" --from "$src"
    [ "$status" -eq 1 ]
    [[ ${lines[-1]} == "build-images: no Docker engine answers at unix://$BATS_TEST_TMPDIR/none.sock" ]]
}

@test "unknown arguments are refused" {
    run bash "$script" --frobnicate
    [ "$status" -eq 1 ]
    [[ $output == "build-images: unknown argument '--frobnicate'"* ]]
}
