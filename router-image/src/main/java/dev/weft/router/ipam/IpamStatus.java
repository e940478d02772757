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

    /** One line per owning peer, ours first: {@code name(nick)  count IPs (share of total) (N active)|- unreachable!}. */
    @Override
    public String detail() {
        IpamSnapshot s = snapshots.get();
        if (s.ring() == null) {
            return "";
        }
        PeerName us = s.config().ourName();
        Map<PeerName, Long> sizes = s.ring().sizeByOwner();
        StringBuilder out = new StringBuilder();
        Long ours = sizes.get(us);
        if (ours != null) {
            out.append(line(s.config().ourLabel(), ours, s.rangeNumIps(), "(" + s.activeIps() + " active)"));
        }
        sizes.forEach((peer, size) -> {
            if (!peer.equals(us)) {
                out.append(line(peer + "()", size, s.rangeNumIps(), "- unreachable!"));
            }
        });
        return out.toString();
    }

    private static String line(String label, long count, long total, String suffix) {
        return String.format(Locale.ROOT, "%-37s %8d IPs (%04.1f%% of total) %s%n", label, count,
                100.0 * count / total, suffix);
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
            paxos.put("KnownNodes", 1);
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
                boolean ours = token.owner().equals(s.config().ourName());
                entry.put("Token", AddressRange.ip(start).toString());
                entry.put("Size", s.ring().rangeAt(start).size());
                entry.put("Peer", token.owner().toString());
                entry.put("Nickname", ours ? s.config().nickname() : "");
                entry.put("IsKnownPeer", ours);
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
