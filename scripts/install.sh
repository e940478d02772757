#!/usr/bin/env bash
# Installs the weft `weave` command (and `weaveutil`) from this repository, building it first when
# its jars are missing or older than the sources. Idempotent; `--uninstall` removes exactly what an
# install recorded. Paths can be moved for tests with WEFT_PREFIX (default /usr/local) and
# WEFT_BASH_COMPLETION_DIR; WEFT_INSTALL_MAN=no leaves the man pages out (they take ~20 s to make).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
prefix=${WEFT_PREFIX:-/usr/local}
libdir=$prefix/lib/weft
bindir=$prefix/bin
mandir=$prefix/share/man/man1
zshdir=$prefix/share/zsh/site-functions
bashcompdir=${WEFT_BASH_COMPLETION_DIR:-/usr/share/bash-completion/completions}
manifest=$libdir/installed-files

say() { echo "install: $*" >&2; }
die() { echo "install: $*" >&2; exit 1; }

uninstall() {
    if [[ ! -f $manifest ]]; then
        say "nothing to uninstall (no $manifest)"
        return 0
    fi
    local path paths
    paths=$(sort -r "$manifest")   # deepest first, so directories come after what they hold
    while IFS= read -r path; do [[ -d $path && ! -L $path ]] || rm -f "$path"; done <<<"$paths"
    while IFS= read -r path; do [[ -d $path && ! -L $path ]] && rmdir "$path" 2>/dev/null || true; done <<<"$paths"
    rm -f "$manifest"
    rmdir "$libdir" 2>/dev/null || true
    say "uninstalled weft"
}

if [[ ${1:-} == --uninstall ]]; then
    uninstall
    exit 0
elif [[ $# -gt 0 ]]; then
    die "unknown argument '$1' (usage: install.sh [--uninstall])"
fi

try_packages() {   # try_packages pkg:command ... (installs the packages whose command is missing)
    local item missing=()
    for item in "$@"; do command -v "${item#*:}" >/dev/null 2>&1 || missing+=("${item%%:*}"); done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    [[ $(id -u) -eq 0 ]] || { say "missing ${missing[*]}; run as root or install them"; return 1; }
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 &&
          DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; } ||
        { say "apt-get install ${missing[*]} failed"; return 1; }
}
ensure_packages() { try_packages "$@" || die "cannot continue without: $*"; }

cli_jar=$repo/weave-cli/target/weave-cli-0.1.0.jar
util_jar=$repo/weaveutil/target/weaveutil.jar

router_jar=$repo/router-image/target/router.jar

stale() {   # stale JAR MODULE...: the jar is missing or older than the modules' sources or the parent pom
    local jar=$1 module
    shift
    [[ -f $jar ]] || return 0
    [[ $repo/pom.xml -nt $jar ]] && return 0
    for module in "$@"; do
        [[ -n $(find "$repo/$module" -path '*/target' -prune -o -type f -newer "$jar" -print -quit) ]] && return 0
    done
    return 1
}

build() {   # build MODULES: those modules (comma-separated) and what they depend on
    ensure_packages openjdk-17-jdk-headless:javac maven:mvn make:make musl-tools:musl-gcc
    say "building $1 (mvn -B -q package -DskipTests)"
    (cd "$repo" && mvn -B -q -pl "$1" -am package -DskipTests) || die "build of $1 failed"
}

ensure_packages openjdk-17-jre-headless:java unzip:unzip
modules=weave-cli
if stale "$cli_jar" weave-cli weaveutil || stale "$util_jar" weaveutil; then build_needed=1; else build_needed=; fi
if [[ -f $repo/router-image/build-images.sh ]]; then
    # what `weave setup` builds the images from: the router, sigproxy and the weavewait builds too
    modules=weave-cli,router-image,sigproxy,weavewait
    if stale "$router_jar" router-image weaveutil || [[ ! -x $repo/sigproxy/target/sigproxy ]] ||
        [[ ! -x $repo/weavewait/target/weavewait ]]; then
        build_needed=1
    fi
fi
[[ -z $build_needed ]] || build "$modules"

installed=()
record() { installed+=("$@"); }
install_dir() { [[ -d $1 ]] || { mkdir -p "$1"; record "$1"; }; }
put() {   # put MODE SOURCE DEST
    install -m "$1" "$2" "$3"
    record "$3"
}

# a previous install's files that this one no longer writes would otherwise stay behind
[[ -f $manifest ]] && uninstall >/dev/null 2>&1

install_dir "$prefix/lib"
install_dir "$libdir"
install_dir "$libdir/lib"
install_dir "$bindir"
put 644 "$cli_jar" "$libdir/weave-cli.jar"
for jar in "$repo"/weave-cli/target/lib/*.jar; do put 644 "$jar" "$libdir/lib/$(basename "$jar")"; done
put 644 "$util_jar" "$libdir/weaveutil.jar"

# a short-lived JVM: C1 only, no hsperfdata file, and the class data archive below, mapped where it was
# made (JDK 17 updates relocate it by default, writing every page of it: ~60 ms of each run; it is still
# relocated if that address is taken). G1 rather than the serial collector: only with G1 does JDK 17 map
# the archived heap of the runtime's own archive, whose module graph then need not be built (~10 ms of
# every run on the lab; the serial collector, once chosen for its lighter start, lost that). The heap:
# 8 MiB at first, at most 256 MiB (what the JVM gives itself on a 1 GiB host anyway): G1 sized for 1/4
# of a large host's memory spent ~10 ms more of every run setting it up (`weave attach` p50 219 -> 205 ms).
# C1 compiles a method after 20 times the usual calls: a command is over in ~0.2 s, and on a 2-core host
# the compiler thread took CPU from it for code that ran a few hundred times (attach p50 221.8 -> 204.2,
# status 183.7 -> 165.7, ps 192.2 -> 177.1 ms; -Xint was as quick, but leaves a long loop uncompiled)
jvm_flags="-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=20 -XX:+UseG1GC -Xms8m -Xmx256m -XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -Xshare:auto -XX:SharedArchiveFile=$libdir/weave.jsa"
cat >"$bindir/weave" <<LAUNCHER
#!/bin/sh
# weft's weave command (installed by scripts/install.sh)
exec java $jvm_flags -jar $libdir/weave-cli.jar "\$@"
LAUNCHER
chmod 755 "$bindir/weave"
record "$bindir/weave"

# AppCDS: archive the classes the everyday commands load (ArchiveTraining runs them against canned
# router answers), so later runs map them instead of loading them
rm -f "$libdir/weave.jsa"
java -XX:TieredStopAtLevel=1 -XX:+UseG1GC -Xms8m -Xmx256m -XX:-UsePerfData -XX:ArchiveClassesAtExit="$libdir/weave.jsa" \
    -cp "$libdir/weave-cli.jar" dev.weft.cli.ArchiveTraining >/dev/null 2>&1 ||
    say "warning: could not create the class data archive; weave still works, starting slower"
[[ -f $libdir/weave.jsa ]] && record "$libdir/weave.jsa"

util_main=$(unzip -p "$util_jar" META-INF/MANIFEST.MF 2>/dev/null | tr -d '\r' | sed -n 's/^Main-Class: //p')
if [[ -n $util_main ]]; then
    cat >"$bindir/weaveutil" <<LAUNCHER
#!/bin/sh
# weft's weaveutil (installed by scripts/install.sh)
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$libdir/weaveutil.jar:$libdir/lib/*" $util_main "\$@"
LAUNCHER
    chmod 755 "$bindir/weaveutil"
    record "$bindir/weaveutil"
else
    say "note: weaveutil.jar names no Main-Class yet; $bindir/weaveutil not installed"
fi

# what `weave setup` builds the images from
if [[ -f $repo/router-image/build-images.sh ]]; then
    install_dir "$libdir/context"
    tar -C "$repo" -cf - --exclude=src --exclude=classes --exclude=test-classes --exclude='generated-*' \
        --exclude=surefire-reports --exclude='maven-*' --exclude=.git --exclude=kernel-headers \
        router-image sigproxy weavewait weave-cli weaveutil | tar -C "$libdir/context" -xf -
    while IFS= read -r path; do record "$path"; done < <(find "$libdir/context" -mindepth 1 | sort)
else
    say "note: router-image/build-images.sh not found; 'weave setup' will not be able to build images"
fi

install_dir "$bashcompdir"
put 644 "$repo/completions/weave.bash" "$bashcompdir/weave"
install_dir "$prefix/share"
install_dir "$prefix/share/zsh"
install_dir "$zshdir"
put 644 "$repo/completions/weave.zsh" "$zshdir/weave.zsh"

# man pages: picocli writes asciidoc; asciidoctor turns it into troff
if [[ ${WEFT_INSTALL_MAN:-yes} == no ]]; then
    :
elif try_packages asciidoctor:asciidoctor; then
    install_dir "$prefix/share/man"
    install_dir "$mandir"
    for page in "$repo"/man/*.adoc; do
        name=$(basename "$page" .adoc)
        asciidoctor -b manpage -o "$mandir/$name.1" "$page" 2>/dev/null && record "$mandir/$name.1"
    done
else
    say "warning: asciidoctor unavailable; man pages not installed (asciidoc sources are in $repo/man)"
fi

printf '%s\n' "${installed[@]}" >"$manifest"
echo "$manifest" >>"$manifest"
say "installed weave to $bindir/weave ($("$bindir/weave" version 2>/dev/null | head -1))"
