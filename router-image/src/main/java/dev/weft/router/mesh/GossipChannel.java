package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.wire.GossipMessage;
import dev.weft.router.mesh.wire.GossipMessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named channel over the mesh (weaveworks/mesh's gossipChannel): sends a component's unicasts,
 * broadcasts and gossip, and hands what arrives to its {@link Gossiper} on the channel's own actor,
 * relaying onwards only what the gossiper says was new.
 */
final class GossipChannel implements Gossip {

    private static final Logger LOG = LoggerFactory.getLogger(GossipChannel.class);

    /** The topology's gossiper also needs to know which neighbour gossip came from. */
    interface SourceAware extends Gossiper {
        GossipData onGossip(PeerName source, byte[] update) throws GossipException;
    }

    private final String name;
    private final Mesh mesh;
    private final Gossiper gossiper;
    private final Actor actor;

    GossipChannel(String name, Mesh mesh, Gossiper gossiper, Actor actor) {
        this.name = name;
        this.mesh = mesh;
        this.gossiper = gossiper;
        this.actor = actor;
    }

    String name() {
        return name;
    }

    Gossiper gossiper() {
        return gossiper;
    }

    @Override
    public void gossipUnicast(PeerName destination, byte[] message) {
        mesh.sendUnicast(destination, GossipMessageCodec.encode(
                GossipMessage.unicast(name, mesh.localName(), destination, message)));
    }

    @Override
    public void gossipBroadcast(GossipData update) {
        mesh.relayBroadcast(name, mesh.localName(), update);
    }

    @Override
    public void gossipNeighbourSubset(GossipData update) {
        mesh.relayGossip(name, mesh.localName(), update);
    }

    /** A message for this channel that arrived over {@code from} (called on that connection's actor). */
    void receive(LocalConnection from, GossipMessage message) {
        actor.execute(() -> {
            try {
                switch (message.kind()) {
                    case UNICAST:
                        gossiper.onGossipUnicast(message.source(), message.payload());
                        break;
                    case BROADCAST:
                        GossipData fresh = gossiper.onGossipBroadcast(message.source(), message.payload());
                        if (fresh != null) {
                            mesh.relayBroadcast(name, message.source(), fresh);
                        }
                        break;
                    default:
                        GossipData news = gossiper instanceof SourceAware aware
                                ? aware.onGossip(message.source(), message.payload())
                                : gossiper.onGossip(message.payload());
                        if (news != null) {
                            mesh.relayGossip(name, message.source(), news);
                        }
                }
            } catch (GossipException e) {
                LOG.warn("[gossip {}]: from {}: {}", name, from.remoteDisplay(), e.getMessage());
                from.close(ConnectionFailure.retryable("gossip on channel " + name + ": " + e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("[gossip {}]: handling a message from {} failed", name, from.remoteDisplay(), e);
            }
        });
    }

    /** Gossips the whole state to a subset of neighbours (the periodic gossip). */
    void gossipAll() {
        actor.execute(() -> {
            GossipData all = state();
            if (all != null) {
                mesh.relayGossip(name, mesh.localName(), all);
            }
        });
    }

    /** Sends the whole state over one (new) connection. */
    void gossipDown(LocalConnection connection) {
        actor.execute(() -> {
            GossipData all = state();
            if (all != null) {
                connection.sender(name).send(all);
            }
        });
    }

    private GossipData state() {
        try {
            return gossiper.gossip();
        } catch (RuntimeException e) {
            LOG.error("[gossip {}]: cannot get the state to gossip", name, e);
            return null;
        }
    }
}
