package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

import dev.weft.router.api.StatusSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** IPAM's part of {@code /status}, {@code /status/ipam} and {@code /report} (key {@code IPAM}). */
public final class IpamStatus implements StatusSection {
    private final Supplier<IpamSnapshot> snapshots;

    public IpamStatus(Supplier<IpamSnapshot> snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public String service() {
        return "ipam";
    }

    @Override
    public List<StatusLine> summary() {
        IpamSnapshot s = snapshots.get();
        return List.of(new StatusLine("Status", s.status()),
                new StatusLine("Range", s.config().range().toString()),
                new StatusLine("DefaultSubnet", s.config().defaultSubnet().toString()));
    }

    /**
     * One line per owning peer, ours first: {@code name(nick)  count IPs (share of total) (N active)} for
     * us, {@code - unreachable!} for peers the mesh cannot reach; each followed by the ranges it owns.
     * Then, for each unreachable peer holding space, the exact {@code rmpeer} command that reclaims it,
     * and a refused ring seeded by other peers with its fix.
     */
    @Override
    public String detail() {
        IpamSnapshot s = snapshots.get();
        StringBuilder out = new StringBuilder();
        if (s.seedConflict() != null) {
            out.append(s.seedConflict()).append('\n');
        }
        if (s.ring() == null) {
            return out.toString();
        }
        PeerName us = s.config().ourName();
        Map<PeerName, Long> sizes = s.ring().sizeByOwner();
        Long ours = sizes.get(us);
        if (ours != null) {
            out.append(line(s.config().ourLabel(), ours, s.rangeNumIps(), "(" + s.activeIps() + " active)"));
            out.append(ranges(s.ring().rangesOwnedBy(us)));
        }
        List<PeerName> dead = new ArrayList<>();
        sizes.forEach((peer, size) -> {
            if (!peer.equals(us)) {
                boolean reachable = s.isReachable(peer);
                out.append(line(peer + "(" + s.nickname(peer) + ")", size, s.rangeNumIps(),
                        reachable ? "" : "- unreachable!"));
                out.append(ranges(s.ring().rangesOwnedBy(peer)));
                if (!reachable) {
                    dead.add(peer);
                }
            }
        });
        for (PeerName peer : dead) {
            out.append(String.format(Locale.ROOT, "%s holds %d IPs and is unreachable; if it is gone for good, "
                    + "reclaim them on ONE host with: weave rmpeer %s%n", peer + "(" + s.nickname(peer) + ")",
                    sizes.get(peer), handle(s, peer)));
        }
        return out.toString();
    }

    private static final int RANGES_SHOWN = 8;

    private static String ranges(List<AddressRange> owned) {
        List<AddressRange> ranges = new ArrayList<>();
        for (AddressRange r : owned) {
            AddressRange last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last.end() == r.start()) {
                ranges.set(ranges.size() - 1, new AddressRange(last.start(), r.end()));
            } else {
                ranges.add(r);
            }
        }
        StringBuilder sb = new StringBuilder("    ranges:");
        for (int i = 0; i < Math.min(RANGES_SHOWN, ranges.size()); i++) {
            sb.append(i == 0 ? " " : ", ").append(ranges.get(i));
        }
        if (ranges.size() > RANGES_SHOWN) {
            sb.append(" and ").append(ranges.size() - RANGES_SHOWN).append(" more");
        }
        return sb.append('\n').toString();
    }

    /** The nickname when it names that peer alone among the ring's owners, else the peer name. */
    private static String handle(IpamSnapshot s, PeerName peer) {
        String nick = s.nickname(peer);
        if (nick.isEmpty()) {
            return peer.toString();
        }
        long same = s.ring().owners().stream().filter(p -> nick.equals(s.nickname(p))).count();
        return same == 1 ? nick : peer.toString();
    }

    private static String line(String label, long count, long total, String suffix) {
        return String.format(Locale.ROOT, "%-37s %8d IPs (%04.1f%% of total) %s", label, count,
                100.0 * count / total, suffix).stripTrailing() + "\n";
    }

    @Override
    public String reportKey() {
        return "IPAM";
    }

    @Override
    public Object report() {
        IpamSnapshot s = snapshots.get();
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> paxos = null;
        if (s.awaitingConsensus()) {
            paxos = new LinkedHashMap<>();
            paxos.put("Elector", true);
            paxos.put("KnownNodes", s.knownPeers());
            paxos.put("Quorum", s.quorum());
        }
        report.put("Paxos", paxos);
        report.put("Range", s.config().range().toString());
        report.put("RangeNumIPs", s.rangeNumIps());
        report.put("ActiveIPs", s.activeIps());
        report.put("DefaultSubnet", s.config().defaultSubnet().toString());
        List<Map<String, Object>> entries = new ArrayList<>();
        if (s.ring() != null) {
            s.ring().tokens().forEach((start, token) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("Token", AddressRange.ip(start).toString());
                entry.put("Size", s.ring().rangeAt(start).size());
                entry.put("Peer", token.owner().toString());
                entry.put("Nickname", s.nickname(token.owner()));
                entry.put("IsKnownPeer", s.isReachable(token.owner()));
                entry.put("Version", token.version());
                entries.add(entry);
            });
        }
        report.put("Entries", entries);
        List<Map<String, Object>> claims = new ArrayList<>();
        for (IpamSnapshot.PendingClaim c : s.pendingClaims()) {
            Map<String, Object> claim = new LinkedHashMap<>();
            claim.put("Ident", c.ident());
            claim.put("Address", c.address());
            claims.add(claim);
        }
        report.put("PendingClaims", claims);
        report.put("PendingAllocates", s.pendingAllocates());
        return report;
    }
}
