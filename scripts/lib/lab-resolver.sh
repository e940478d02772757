# shellcheck shell=bash
# The lab resolver: dnsmasq in the switch namespace answering only the fake zone in
# tests/e2e/lab/resolver.conf (its 198.18.0.x addresses moved into the instance's subnet).
# Every host's /etc/resolv.conf points at it.

LAB_RESOLVER_CONF=${LAB_RESOLVER_CONF:-$LAB_REPO/tests/e2e/lab/resolver.conf}

resolver_up() {
    live_pid "$LAB_RESOLVER_PID" dnsmasq >/dev/null && return 0
    [[ -r $LAB_RESOLVER_CONF ]] || die "resolver zone missing: $LAB_RESOLVER_CONF"
    local conf=$LAB_STATE/resolver.conf
    sed "s/198\.18\.0\./$LAB_NET_PREFIX./g" "$LAB_RESOLVER_CONF" >"$conf"
    nsenter --net="$(netns_path "$LAB_SWITCH_NS")" dnsmasq \
        --conf-file="$conf" --pid-file="$LAB_RESOLVER_PID" \
        --listen-address="$LAB_SWITCH_IP" --bind-interfaces \
        --user=root --group=root --cache-size=0 3>&- 8>&- 9>&- ||
        die "dnsmasq failed to start in $LAB_SWITCH_NS"
}

resolver_down() {
    local pid
    if pid=$(live_pid "$LAB_RESOLVER_PID" dnsmasq); then stop_pid "$pid" 5; fi
    rm -f "$LAB_RESOLVER_PID"
}

resolv_conf_for_hosts() {
    printf 'nameserver %s\noptions timeout:1 attempts:2\n' "$LAB_SWITCH_IP"
}
