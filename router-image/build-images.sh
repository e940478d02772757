#!/usr/bin/env bash
# Builds weft's images from already-built outputs, with no network access during the build:
#   weft/weave:<v>      the router (router.jar + lib/, entrypoint /home/weave/weaver) on a runtime that
#                       docker/assemble-runtime copies out of weft/base:bookworm (the build stage):
#                       a jlink'ed Java runtime, iptables, ipset, conntrack, ip, sh and their libraries
#   weft/weaveexec:<v>  the router image + the weave CLI, sigproxy and the weavewait builds
#   weft/weavedb:latest the empty data-only image holding the /weavedb volume
# against the engine DOCKER_HOST names.
#
# Usage: build-images.sh [--from DIR] [--context-only DIR]
#   --from DIR          where the outputs are: a repository checkout or the tree install.sh puts
#                       in /usr/local/lib/weft/context (default: the tree this script is in)
#   --context-only DIR  only assemble the build context in DIR; needs no Docker engine
# Environment: WEFT_VERSION (0.1.0), WEFT_BASE_IMAGE (weft/base:bookworm), DOCKER_HOST.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_root=$(dirname "$here")
context_only=
version=${WEFT_VERSION:-0.1.0}
base_image=${WEFT_BASE_IMAGE:-weft/base:bookworm}

die() { echo "build-images: $*" >&2; exit 1; }
say() { echo "build-images: $*" >&2; }

while (($#)); do
    case $1 in
        --from) (($# >= 2)) || die "--from needs a directory"; source_root=$2; shift 2 ;;
        --context-only) (($# >= 2)) || die "--context-only needs a directory"; context_only=$2; shift 2 ;;
        -h | --help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$1' (usage: build-images.sh [--from DIR] [--context-only DIR])" ;;
    esac
done
[[ -d $source_root ]] || die "no such directory: $source_root"
source_root=$(cd "$source_root" && pwd)
dockerfiles=$source_root/router-image/docker
[[ -f $dockerfiles/weave.Dockerfile ]] || dockerfiles=$here/docker

# first_file CANDIDATE...: prints the first existing regular file
first_file() {
    local f
    for f in "$@"; do [[ -f $f ]] && { echo "$f"; return 0; }; done
    return 1
}

router_jar=$source_root/router-image/target/router.jar
router_lib=$source_root/router-image/target/lib
[[ -f $router_jar ]] || die "router jar missing: $router_jar (build it: mvn -B -pl router-image -am package -DskipTests)"
[[ -d $router_lib ]] || die "router libraries missing: $router_lib (build it: mvn -B -pl router-image -am package -DskipTests)"

installed=/usr/local/lib/weft
cli_jar=$(first_file "$source_root/weave-cli/target/weave-cli.jar" "$source_root"/weave-cli/target/weave-cli-[0-9]*.jar \
    "$source_root/../weave-cli.jar" "$installed/weave-cli.jar") ||
    die "weave CLI jar missing under $source_root/weave-cli/target (build it: mvn -B -pl weave-cli -am package -DskipTests)"
cli_lib=$(dirname "$cli_jar")/lib
[[ -d $cli_lib ]] || die "weave CLI libraries missing: $cli_lib"
sigproxy=$source_root/sigproxy/target/sigproxy
[[ -x $sigproxy ]] || die "sigproxy missing: $sigproxy (build it: make -C sigproxy)"

context=${context_only:-$(mktemp -d /tmp/weft-images.XXXXXX)}
[[ -n $context_only ]] || trap 'rm -rf "$context"' EXIT
mkdir -p "$context"
rm -rf "${context:?}"/{router,cli,bin,w,scripts}
mkdir -p "$context"/{router/lib,cli/lib,bin,w,scripts}

cp "$router_jar" "$context/router/router.jar"
cp "$router_lib"/*.jar "$context/router/lib/"
cp "$dockerfiles/router.classlist" "$context/router/router.classlist"
cp "$cli_jar" "$context/cli/weave-cli.jar"
# the exec image sits on the router image: only the CLI's libraries the router lacks make a new layer
for jar in "$cli_lib"/*.jar; do
    [[ -f $context/router/lib/$(basename "$jar") ]] || cp "$jar" "$context/cli/lib/"
done
cp "$sigproxy" "$context/bin/sigproxy"
declare -A volume_of=([weavewait]=w [weavewait-nomcast]=w-nomcast [weavewait-noop]=w-noop)
for build in weavewait weavewait-nomcast weavewait-noop; do
    if [[ -x $source_root/weavewait/target/$build ]]; then
        mkdir -p "$context/w/${volume_of[$build]}"
        cp "$source_root/weavewait/target/$build" "$context/w/${volume_of[$build]}/w"
    else
        say "warning: $source_root/weavewait/target/$build missing; /${volume_of[$build]}/w left out of the exec image"
    fi
done
cp "$dockerfiles"/weave.Dockerfile "$dockerfiles"/weaveexec.Dockerfile "$dockerfiles"/weavedb.Dockerfile "$context/"
cp "$dockerfiles"/weaver "$dockerfiles"/weave "$dockerfiles"/data-only "$dockerfiles"/assemble-runtime \
    "$context/scripts/"
chmod 755 "$context"/scripts/* "$context"/bin/*

if [[ -n $context_only ]]; then
    say "build context assembled in $context"
    exit 0
fi

command -v docker >/dev/null 2>&1 || die "the docker command is missing (apt-get install docker.io)"
# the docker CLI may be newer than the engine; the classic builder needs no buildx plugin
export DOCKER_API_VERSION=${DOCKER_API_VERSION:-1.41} DOCKER_BUILDKIT=0
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 ||
    die "no Docker engine answers at ${DOCKER_HOST:-unix:///var/run/docker.sock}"
docker image inspect "$base_image" >/dev/null 2>&1 ||
    die "base image $base_image is missing from the engine (build it with: scripts/lab images)"

build() {   # build TAG DOCKERFILE BUILD_ARGS...
    local tag=$1 file=$2 log
    shift 2
    say "building $tag"
    log=$(docker build -q --network none "$@" -t "$tag" -f "$context/$file" "$context" 2>&1) ||
        { echo "$log" | tail -n 20 >&2; die "docker build of $tag failed"; }
}
build "weft/weave:$version" weave.Dockerfile --build-arg BASE="$base_image" --build-arg VERSION="$version"
build "weft/weaveexec:$version" weaveexec.Dockerfile --build-arg ROUTER_IMAGE="weft/weave:$version" --build-arg VERSION="$version"
build weft/weavedb:latest weavedb.Dockerfile
say "built weft/weave:$version weft/weaveexec:$version weft/weavedb:latest"
