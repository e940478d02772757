#!/bin/bash
# Runs inside a fresh, private mount (and UTS) namespace, already in the engine's network namespace:
# gives the engine its own /sys, cgroup mounts, /run, /var/lib/docker, ... then becomes dockerd.
# Usage: lab-engine-init.sh HOSTNAME STATE_DIR [BIND_TARGET ...] -- DOCKERD_ARGS...
# Each BIND_TARGET (an absolute path) gets STATE_DIR/<basename> bind-mounted over it.
set -euo pipefail
hostname "$1"
state=$2
shift 2

mount --make-rprivate /
mount -t sysfs sysfs /sys   # a sysfs that shows this network namespace's devices
if grep -qv '^0::' /proc/self/cgroup; then
    mount -t tmpfs -o mode=755 cgroup /sys/fs/cgroup
    while IFS=: read -r _ controllers _; do
        if [[ -z $controllers ]]; then
            mkdir -p /sys/fs/cgroup/unified
            mount -t cgroup2 cgroup2 /sys/fs/cgroup/unified
        else
            dir=/sys/fs/cgroup/${controllers#name=}
            mkdir -p "$dir"
            mount -t cgroup -o "$controllers" cgroup "$dir"
        fi
    done </proc/self/cgroup
else
    mount -t cgroup2 cgroup2 /sys/fs/cgroup
fi

while (($#)) && [[ $1 != -- ]]; do
    target=$1
    source=$state/$(basename "$target")
    if [[ -d $source ]]; then
        mkdir -p "$target"
    else
        [[ -e $target ]] || : >"$target"
    fi
    mount --bind "$source" "$target"
    shift
done
shift
exec dockerd "$@"
