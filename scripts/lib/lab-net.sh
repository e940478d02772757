# shellcheck shell=bash
# The lab's wiring: a "switch" namespace holding a bridge, one veth per host. Nothing is created
# in the root network namespace: links are made inside the switch namespace and their peers are
# moved straight into the host namespace.

net_switch_up() {
    netns_exists "$LAB_SWITCH_NS" || ip netns add "$LAB_SWITCH_NS"
    local sw=(ip -n "$LAB_SWITCH_NS")
    "${sw[@]}" link set lo up
    "${sw[@]}" link show "$LAB_BRIDGE" >/dev/null 2>&1 || "${sw[@]}" link add "$LAB_BRIDGE" type bridge
    [[ $("${sw[@]}" addr show dev "$LAB_BRIDGE") == *"inet $LAB_SWITCH_IP/"* ]] ||
        "${sw[@]}" addr add "$LAB_SWITCH_IP/24" dev "$LAB_BRIDGE"
    "${sw[@]}" link set "$LAB_BRIDGE" up
}

net_host_up() {   # net_host_up N
    local n=$1 ns port
    ns=$(host_ns "$n")
    port=host$n
    netns_exists "$ns" || ip netns add "$ns"
    if ! ip -n "$ns" link show eth0 >/dev/null 2>&1; then
        ip -n "$LAB_SWITCH_NS" link del "$port" >/dev/null 2>&1 || true
        ip -n "$LAB_SWITCH_NS" link add "$port" type veth peer name eth0 netns "$ns"
    fi
    ip -n "$LAB_SWITCH_NS" link set "$port" master "$LAB_BRIDGE" up
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
    [[ $(ip -n "$ns" addr show dev eth0) == *"inet $(host_ip "$n")/"* ]] ||
        ip -n "$ns" addr add "$(host_ip "$n")/24" dev eth0
    ip -n "$ns" route replace default via "$LAB_SWITCH_IP" dev eth0
}

net_host_down() {   # net_host_down N
    local n=$1
    ip -n "$LAB_SWITCH_NS" link del "host$n" >/dev/null 2>&1 || true
    netns_exists "$(host_ns "$n")" && ip netns del "$(host_ns "$n")"
    return 0
}

net_switch_down() {
    netns_exists "$LAB_SWITCH_NS" && ip netns del "$LAB_SWITCH_NS"
    return 0
}

# Host numbers whose namespace exists, ascending.
net_hosts() {
    local f
    for f in /run/netns/"${LAB_NS_PREFIX}"host*; do
        [[ -e $f ]] && echo "${f##*host}"
    done | sort -n
}

# Partitions: pairs kept in a file (LAB_CUTS_FILE), turned into one nftables bridge table in the switch.

net_apply_cuts() {
    local rules="" a b
    ip netns exec "$LAB_SWITCH_NS" nft delete table bridge weftlab 2>/dev/null || true
    [[ -s $LAB_CUTS_FILE ]] || return 0
    while read -r a b; do
        rules+="        ip saddr $(host_ip "$a") ip daddr $(host_ip "$b") drop comment \"cut host$a host$b\""$'\n'
        rules+="        ip saddr $(host_ip "$b") ip daddr $(host_ip "$a") drop comment \"cut host$a host$b\""$'\n'
    done <"$LAB_CUTS_FILE"
    nsenter --net="$(netns_path "$LAB_SWITCH_NS")" nft -f - <<NFT
table bridge weftlab {
    chain forward {
        type filter hook forward priority 0; policy accept;
$rules    }
}
NFT
}

net_cut() {   # net_cut A B (host numbers)
    local a=$1 b=$2
    ((a != b)) || die "cannot cut a host from itself"
    ((a < b)) || { local t=$a; a=$b; b=$t; }
    touch "$LAB_CUTS_FILE"
    grep -qx "$a $b" "$LAB_CUTS_FILE" || echo "$a $b" >>"$LAB_CUTS_FILE"
    net_apply_cuts
}

net_heal() {   # net_heal [A B]: one pair, or all
    if (($# == 2)); then
        local a=$1 b=$2
        ((a < b)) || { local t=$a; a=$b; b=$t; }
        [[ -f $LAB_CUTS_FILE ]] && sed -i "/^$a $b\$/d" "$LAB_CUTS_FILE"
    else
        rm -f "$LAB_CUTS_FILE"
    fi
    net_apply_cuts
}
