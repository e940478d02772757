package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.wire.GossipMessage;
import dev.weft.router.mesh.wire.GossipMessageCodec;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one channel has queued for one connection (weaveworks/mesh's gossipSender). Gossip and
 * broadcasts (per origin) queued while the connection is busy are merged, so a slow peer costs
 * memory bounded by the state, not by the number of changes; they are encoded only when sent.
 */
final class GossipSender {

    private static final Logger LOG = LoggerFactory.getLogger(GossipSender.class);

    private final LocalConnection connection;
    private final String channel;
    private GossipData gossip;
    private final Map<PeerName, GossipData> broadcasts = new LinkedHashMap<>();
    private boolean flushQueued;

    GossipSender(LocalConnection connection, String channel) {
        this.connection = connection;
        this.channel = channel;
    }

    void send(GossipData data) {
        synchronized (this) {
            gossip = gossip == null ? data : gossip.merge(data);
        }
        queueFlush();
    }

    void broadcast(PeerName origin, GossipData data) {
        synchronized (this) {
            broadcasts.merge(origin, data, GossipData::merge);
        }
        queueFlush();
    }

    private void queueFlush() {
        synchronized (this) {
            if (flushQueued) {
                return;
            }
            flushQueued = true;
        }
        connection.actor().execute(this::flush);
    }

    private record Picked(GossipMessage.Kind kind, PeerName source, GossipData data) {}

    /** Sends queued data while the connection takes it; on the connection's actor. */
    private void flush() {
        while (true) {
            if (!connection.isOpen()) {
                synchronized (this) {
                    gossip = null;
                    broadcasts.clear();
                    flushQueued = false;
                }
                return;
            }
            if (!connection.writable()) {
                connection.whenWritable(this::flush);
                return;
            }
            Picked picked = pick();
            if (picked == null) {
                return;
            }
            try {
                for (byte[] payload : picked.data.encode()) {
                    GossipMessage message = picked.kind == GossipMessage.Kind.GOSSIP
                            ? GossipMessage.gossip(channel, picked.source, payload)
                            : GossipMessage.broadcast(channel, picked.source, payload);
                    connection.send(GossipMessageCodec.encode(message));
                }
            } catch (RuntimeException e) {
                LOG.error("[gossip {}]: cannot encode data for {}; dropped", channel, connection.remoteDisplay(), e);
            }
        }
    }

    private synchronized Picked pick() {
        if (gossip != null) {
            GossipData data = gossip;
            gossip = null;
            return new Picked(GossipMessage.Kind.GOSSIP, connection.localName(), data);
        }
        Iterator<Map.Entry<PeerName, GossipData>> it = broadcasts.entrySet().iterator();
        if (it.hasNext()) {
            Map.Entry<PeerName, GossipData> first = it.next();
            it.remove();
            return new Picked(GossipMessage.Kind.BROADCAST, first.getKey(), first.getValue());
        }
        flushQueued = false;
        return null;
    }
}
