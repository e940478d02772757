package dev.weft.router.dns;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.Gossip;
import dev.weft.router.mesh.GossipChannels;
import dev.weft.router.mesh.GossipData;
import dev.weft.router.mesh.GossipException;
import dev.weft.router.mesh.Gossiper;
import dev.weft.router.mesh.Membership;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * weaveDNS across peers (SPEC §6): the name table on gossip channel {@value #CHANNEL}. Our own changes
 * are broadcast; what others send is merged by version (only the origin deletes, by tombstone; a
 * newer copy of our own record makes us re-assert ours above it). Records of a peer that leaves the
 * topology are dropped at once and come back with its gossip when it rejoins. Gossip stamped more than
 * {@value #MAX_CLOCK_SKEW_SECONDS} s away from our clock is refused.
 */
public final class DnsGossip implements Gossiper {
    public static final String CHANNEL = "nameserver";
    static final long MAX_CLOCK_SKEW_SECONDS = 900;
    private static final Logger LOG = LoggerFactory.getLogger(DnsGossip.class);

    private final DnsTable table;
    private final Clock clock;
    private final Membership membership;
    private final Gossip gossip;

    private DnsGossip(DnsTable table, Clock clock, GossipChannels channels, Membership membership) {
        this.table = table;
        this.clock = clock;
        this.membership = membership;
        this.gossip = channels.channel(CHANNEL, this);
    }

    /**
     * Joins the channel, broadcasts our changes from now on, and keeps only the records of peers the
     * mesh reaches (now, and on every change of the topology, on {@code background} so that the
     * mesh's thread does not wait for the store).
     */
    public static DnsGossip join(DnsTable table, Clock clock, GossipChannels channels, Membership membership,
                                 Executor background) {
        DnsGossip dns = new DnsGossip(table, clock, channels, membership);
        table.onLocalChange(dns::broadcast);
        membership.onReachableChange(reachable -> {
            try {
                background.execute(() -> dns.keepRecordsOf(reachable));
            } catch (RejectedExecutionException stopping) {
                // weaveDNS has stopped before the mesh (the router is shutting down): nothing left to keep
            }
        });
        dns.keepRecordsOf(membership.reachablePeers());
        return dns;
    }

    private void broadcast(List<DnsRecord> changed) {
        if (!changed.isEmpty()) {
            gossip.gossipBroadcast(new DnsGossipData(now(), changed));
        }
    }

    private void keepRecordsOf(Set<PeerName> reachable) {
        Set<String> origins = new HashSet<>();
        reachable.forEach(p -> origins.add(p.toString()));
        int dropped = table.retainOrigins(origins);
        if (dropped > 0) {
            LOG.info("weaveDNS: dropped {} record(s) of peers no longer reachable", dropped);
        }
    }

    /** Drops the records of peers the mesh does not reach (the periodic purge calls this too). */
    public void keepRecordsOfReachablePeers() {
        keepRecordsOf(membership.reachablePeers());
    }

    @Override
    public void onGossipUnicast(PeerName sender, byte[] message) throws GossipException {
        onGossip(message);
    }

    @Override
    public GossipData onGossipBroadcast(PeerName origin, byte[] update) throws GossipException {
        return onGossip(update);
    }

    @Override
    public GossipData gossip() {
        List<DnsRecord> all = table.records();
        return all.isEmpty() ? null : new DnsGossipData(now(), all);
    }

    @Override
    public GossipData onGossip(byte[] update) throws GossipException {
        DnsGossipCodec.Message message;
        try {
            message = DnsGossipCodec.decode(update);
        } catch (IllegalArgumentException e) {
            throw new GossipException("malformed weaveDNS gossip: " + e.getMessage(), e);
        }
        long skew = Math.abs(now() - message.sentAt());
        if (skew > MAX_CLOCK_SKEW_SECONDS) {
            throw new GossipException("host clock skew of " + skew + "s exceeds " + MAX_CLOCK_SKEW_SECONDS + "s limit");
        }
        List<DnsRecord> news = table.merge(message.records());
        return news.isEmpty() ? null : new DnsGossipData(now(), news);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
