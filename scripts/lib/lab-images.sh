# shellcheck shell=bash
# Locally built images: Debian minbase root file systems from debootstrap (cached by a hash of
# their package list, shared by every instance), imported into the instance's own builder engine
# (LAB_BUILD_DIR), where the router images of the checkout that runs `lab images` are built too;
# test images; loading into the instance's hosts. LAB_IMAGE_IDS holds one file per image: the
# builder's image id.

LAB_ROOTFS_CACHE=$LAB_CACHE/rootfs
LAB_ROUTER_TAGS="weft/weave:0.1.0 weft/weaveexec:0.1.0 weft/weavedb:latest"
LAB_SUITE=bookworm
LAB_BASE_PACKAGES="openjdk-17-jdk-headless iptables ipset conntrack ca-certificates iproute2 procps"
LAB_DNSTOOLS_PACKAGES="dnsutils iproute2 iputils-ping"
LAB_ROOTFS_RECIPE=1   # bump when the way a rootfs is made changes

builder_docker() { engine_docker "$LAB_BUILD_DIR" "$@"; }

builder_up() {
    ensure_lab_tools
    netns_exists "$LAB_BUILD_NS" || ip netns add "$LAB_BUILD_NS"
    ip -n "$LAB_BUILD_NS" link set lo up
    engine_up "$LAB_BUILD_DIR" "$LAB_BUILD_NS" "$LAB_BUILD_NS" "/run /var/lib/docker" \
        -H unix:///var/run/docker.sock --bridge=none --iptables=false --ip-masq=false ||
        die "builder engine failed to start (log: $LAB_BUILD_DIR/engine.log)"
}

builder_down() {
    engine_stop "$LAB_BUILD_DIR"
    local pid
    for pid in $(pids_in_netns "$LAB_BUILD_NS"); do stop_pid "$pid" 5; done
    netns_exists "$LAB_BUILD_NS" && ip netns del "$LAB_BUILD_NS"
    return 0
}

# The machine's Debian mirror for the lab's suite (first match in apt's sources).
debian_mirror() {
    local url
    url=$(awk -v suite="$LAB_SUITE" '
        /^URIs:/ { uris = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) found = uris }
        /^deb / && $3 == suite && !found { found = $2 }
        END { print found }' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null)
    echo "${url:-http://deb.debian.org/debian}"
}

# Removes a debootstrap target, first unmounting whatever a failed run left mounted in it
# (proc, sys, a bind of /dev), and never crossing into another file system.
remove_rootfs_dir() {
    local dir=$1 mnt
    [[ -d $dir ]] || return 0
    for mnt in $(awk -v d="$dir/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
        umount -l "$mnt" 2>/dev/null || true
    done
    rm -rf --one-file-system "$dir"
}

# rootfs_key NAME "PACKAGES": NAME-HASH, naming the cached tarball and labelling the imported image.
rootfs_key() {
    # shellcheck disable=SC2086
    echo "$1-$(printf '%s\n' "$LAB_SUITE" minbase "$LAB_ROOTFS_RECIPE" $2 | sha256sum | cut -c1-16)"
}

# rootfs_tar NAME "PACKAGES": prints the path of a cached root file system tarball, making it if
# needed: one maker at a time per NAME (labs of other instances share the cache), working in a
# directory of its own whose name older checkouts' lab scripts never clean up.
rootfs_tar() {
    local name=$1 packages=$2 key tar
    key=$(rootfs_key "$name" "$packages")
    tar=$LAB_ROOTFS_CACHE/$key.tar
    if [[ ! -s $tar ]]; then
        ensure_packages debootstrap:/usr/sbin/debootstrap
        mkdir -p "$LAB_ROOTFS_CACHE"
        (
            exec 6>>"$LAB_ROOTFS_CACHE/$name.lock"
            flock -w 1800 6 || die "another lab has been making the $name root file system for 30 min"
            [[ -s $tar ]] || make_rootfs_tar "$name" "$packages" "$key" "$tar"
        ) || exit 1
    fi
    echo "$tar"
}

make_rootfs_tar() {   # make_rootfs_tar NAME PACKAGES KEY TAR
    local name=$1 packages=$2 key=$3 tar=$4 dir old
    for old in $(find "$LAB_ROOTFS_CACHE" -maxdepth 1 -name "tmp.$name-*" -mmin +1440); do   # crashed makers'
        if [[ -d $old ]]; then remove_rootfs_dir "$old"; else rm -f "$old"; fi
    done
    dir=$(mktemp -d "$LAB_ROOTFS_CACHE/tmp.$key.XXXXXX")
    chmod 755 "$dir"   # it becomes the image's /
    say "debootstrap $name ($packages) from $(debian_mirror); takes a few minutes once"
    if ! debootstrap --variant=minbase --include="${packages// /,}" "$LAB_SUITE" "$dir" "$(debian_mirror)" \
        >"$LAB_ROOTFS_CACHE/$name.log" 2>&1; then
        remove_rootfs_dir "$dir"
        die "debootstrap of $name failed (log: $LAB_ROOTFS_CACHE/$name.log)"
    fi
    chroot "$dir" apt-get clean
    rm -rf "$dir"/var/lib/apt/lists/* "$dir"/usr/share/doc/* "$dir"/usr/share/man/* \
        "$dir"/usr/share/info/* "$dir"/var/cache/debconf/*-old "$dir"/var/log/*.log
    find "$dir/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} + 2>/dev/null || true
    # a placeholder: engines give each container a resolv.conf of their host's (the instance's resolver)
    printf 'nameserver 198.18.0.254\n' >"$dir/etc/resolv.conf"
    tar --numeric-owner --xattrs -C "$dir" -cf "$dir.tar-part" . && mv "$dir.tar-part" "$tar" ||
        { remove_rootfs_dir "$dir"; rm -f "$dir.tar-part"; die "could not write $tar"; }
    remove_rootfs_dir "$dir"
    # superseded package lists, unless a checkout of another age (another instance) still reads them
    find "$LAB_ROOTFS_CACHE" -maxdepth 1 -name "$name-*.tar" ! -name "$key.tar" -atime +7 -delete
}

image_id() { builder_docker image inspect -f '{{.Id}}' "$1" 2>/dev/null; }
image_source() { builder_docker image inspect -f '{{index .Config.Labels "weft.source"}}' "$1" 2>/dev/null; }
record_image() {   # remembers the images `lab images` made (loaded by every `lab up`), and their ids
    local tag=$1 id try
    for try in 1 2 3 4 5; do   # a builder busy on a loaded machine may fail one inspect
        id=$(image_id "$tag") && break
        ((try < 5)) || die "no image $tag in the builder"
        sleep 2
    done
    mkdir -p "$LAB_IMAGE_IDS"
    echo "$tag $id" >"$LAB_IMAGE_IDS/$(echo "$tag" | tr '/:' '__')"
}

# import_rootfs TAG TAR SOURCE_KEY CMD_JSON: imports unless the builder has it from the same source.
import_rootfs() {
    local tag=$1 tar=$2 key=$3 cmd=$4
    if [[ $(image_source "$tag") != "$key" ]]; then
        say "importing $tag"
        builder_docker import --change "LABEL weft.source=$key" --change "CMD $cmd" \
            --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
            "$tar" "$tag" >/dev/null || die "import of $tag failed"
    fi
    record_image "$tag"
}

# build_rootfs_image TAG NAME "PACKAGES": the debootstrapped image, unless the builder has it from
# the same package list (then the cached tarball is not even needed).
build_rootfs_image() {
    local tag=$1 name=$2 packages=$3 key tar=
    key=$(rootfs_key "$name" "$packages")
    [[ $(image_source "$tag") == "$key" ]] || { tar=$(rootfs_tar "$name" "$packages") || exit 1; }
    import_rootfs "$tag" "$tar" "$key" '["/bin/bash"]'
}

# weft-test/small: FROM scratch + the static busybox with one symlink per applet.
build_small_image() {
    ensure_packages busybox-static:/bin/busybox
    /bin/busybox --list | grep -x ping >/dev/null || die "/bin/busybox is not busybox-static (no ping applet)"
    local key dir tar
    key=small-$( { sha256sum /bin/busybox; echo "$LAB_ROOTFS_RECIPE"; } | sha256sum | cut -c1-16)
    tar=$LAB_ROOTFS_CACHE/$key.tar
    if [[ $(image_source weft-test/small) != "$key" && ! -s $tar ]]; then
        mkdir -p "$LAB_ROOTFS_CACHE"
        dir=$(mktemp -d "$LAB_ROOTFS_CACHE/tmp.$key.XXXXXX")   # private; the rename below is atomic
        chmod 755 "$dir"   # it becomes the image's /
        mkdir -p "$dir"/{bin,etc,tmp,root,proc,sys,dev,var/run}
        chmod 1777 "$dir/tmp"
        cp /bin/busybox "$dir/bin/busybox"
        local applet
        for applet in $(/bin/busybox --list); do
            [[ $applet == busybox ]] || ln -s busybox "$dir/bin/$applet"
        done
        printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$dir/etc/passwd"
        printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/etc/group"
        tar --numeric-owner -C "$dir" -cf "$dir.tar" . && mv "$dir.tar" "$tar"
        rm -rf "$dir"
    fi
    import_rootfs weft-test/small "$tar" "$key" '["/bin/sh"]'
}

# Runs this checkout's image build when both it and the jars exist. Otherwise router images another
# checkout built in this instance are forgotten, so that they are never loaded as this one's.
build_router_images() {
    local script=$LAB_REPO/router-image/build-images.sh tag
    if [[ ! -f $script ]]; then
        say "no router-image/build-images.sh yet: router images skipped"
    elif ! compgen -G "$LAB_REPO/router-image/target/*.jar" >/dev/null; then
        say "router jars not built (mvn package): router images skipped"
    else
        say "building router images with $script"
        DOCKER_HOST="unix://$(engine_socket "$LAB_BUILD_DIR")" bash "$script" || die "router-image/build-images.sh failed"
        for tag in $LAB_ROUTER_TAGS; do
            image_id "$tag" >/dev/null && record_image "$tag"
        done
        return 0
    fi
    for tag in $LAB_ROUTER_TAGS; do forget_image "$tag"; done
}

forget_image() {   # the builder's copy and the record go; hosts drop theirs at the next load
    rm -f "$LAB_IMAGE_IDS/$(echo "$1" | tr '/:' '__')"
    builder_docker image rm -f "$1" >/dev/null 2>&1 || true
}

images_build_all() {
    ensure_lab_tools
    ensure_packages debootstrap:/usr/sbin/debootstrap busybox-static:/bin/busybox
    builder_up
    # root file systems the builder lacks: the debootstraps (minutes on a fresh machine) run side by side
    local pids=() pid rc=0
    [[ $(image_source weft/base:bookworm) == "$(rootfs_key base "$LAB_BASE_PACKAGES")" ]] ||
        { rootfs_tar base "$LAB_BASE_PACKAGES" >/dev/null & pids+=($!); }
    [[ $(image_source weft-test/dnstools) == "$(rootfs_key dnstools "$LAB_DNSTOOLS_PACKAGES")" ]] ||
        { rootfs_tar dnstools "$LAB_DNSTOOLS_PACKAGES" >/dev/null & pids+=($!); }
    for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
    ((rc == 0)) || die "building the root file systems failed"
    build_small_image
    build_rootfs_image weft/base:bookworm base "$LAB_BASE_PACKAGES"
    build_rootfs_image weft-test/dnstools dnstools "$LAB_DNSTOOLS_PACKAGES"
    build_router_images
}

recorded_images() { cat "$LAB_IMAGE_IDS"/* 2>/dev/null | awk '{print $1}' || true; }   # none recorded yet: nothing, not a failure
recorded_id() { cat "$LAB_IMAGE_IDS"/* 2>/dev/null | awk -v t="$1" '$1 == t {print $2}'; }

# images_load HOSTNUMS... -- TAGS...: puts images into hosts that lack the builder's id of them.
images_load() {
    local hosts=() tags=() n tag
    while (($#)) && [[ $1 != -- ]]; do hosts+=("$1"); shift; done
    shift
    tags=("$@")
    ((${#tags[@]} && ${#hosts[@]})) || return 0
    local -A want=()
    for tag in "${tags[@]}"; do
        want[$tag]=$(recorded_id "$tag")
        if [[ -z ${want[$tag]} ]]; then
            builder_up
            want[$tag]=$(image_id "$tag") || die "no image $tag in the builder (run: scripts/lab images)"
        fi
    done
    local -A missing=()
    for n in "${hosts[@]}"; do
        drop_unrecorded_router_images "$n"
        for tag in "${tags[@]}"; do
            [[ $(engine_docker "$(host_dir "$n")" image inspect -f '{{.Id}}' "$tag" 2>/dev/null) == "${want[$tag]}" ]] ||
                missing[$n]+="$tag "
        done
    done
    ((${#missing[@]})) || return 0
    builder_up
    local pids=() rc=0
    for n in "${!missing[@]}"; do
        say "loading into host$n: ${missing[$n]}"
        # shellcheck disable=SC2086
        (builder_docker save ${missing[$n]} | engine_docker "$(host_dir "$n")" load -q >/dev/null &&
            engine_docker "$(host_dir "$n")" image prune -f >/dev/null) &   # drop the versions replaced
        pids+=($!)
    done
    for n in "${pids[@]}"; do wait "$n" || rc=1; done
    ((rc == 0)) || die "loading images into hosts failed"
}

# Router images a host holds that this instance's builder did not make for the checkout now using it.
drop_unrecorded_router_images() {   # drop_unrecorded_router_images HOSTNUM
    local tag
    for tag in $LAB_ROUTER_TAGS; do
        [[ -n $(recorded_id "$tag") ]] && continue
        engine_docker "$(host_dir "$1")" image inspect "$tag" >/dev/null 2>&1 || continue
        say "host$1: removing $tag (not built by this checkout)"
        engine_docker "$(host_dir "$1")" image rm -f "$tag" >/dev/null || die "could not remove $tag from host$1"
    done
}
