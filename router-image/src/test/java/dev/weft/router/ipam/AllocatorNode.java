package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.GossipData;
import dev.weft.router.mesh.GossipException;
import dev.weft.router.mesh.Gossiper;
import dev.weft.router.store.Store;
import dev.weft.router.testing.SimulatedMesh;
import dev.weft.weaveutil.addr.Cidr;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * One peer's {@link Allocator} on a {@link SimulatedMesh}, driven on the test's thread: what the
 * {@link Ipam} wrapper does with threads, done synchronously so that multi-peer runs replay exactly.
 */
final class AllocatorNode implements Gossiper {
    final PeerName name;
    final String nickname;
    final Store store;
    final SimulatedMesh.Peer mesh;
    Allocator allocator;

    private AllocatorNode(PeerName name, String nickname, Store store, SimulatedMesh.Peer mesh) {
        this.name = name;
        this.nickname = nickname;
        this.store = store;
        this.mesh = mesh;
    }

    /** Starts a peer on {@code store} (a fresh in-memory one, or the store of an earlier run to restart with its data). */
    static AllocatorNode start(SimulatedMesh network, PeerName name, String nickname, String range, String init,
                               int targetCount, Store store, Clock clock, Random random) {
        return start(network, name, nickname, range, init, targetCount, store, clock, random, g -> g);
    }

    /** Like the other, with {@code wrap} around what the allocator sends (e.g. to log it). */
    static AllocatorNode start(SimulatedMesh network, PeerName name, String nickname, String range, String init,
                               int targetCount, Store store, Clock clock, Random random,
                               java.util.function.UnaryOperator<dev.weft.router.mesh.Gossip> wrap) {
        SimulatedMesh.Peer peer = network.start(name, nickname);
        AllocatorNode node = new AllocatorNode(name, nickname, store, peer);
        IpamConfig config = IpamConfig.fromFlags(range, null, init, name, nickname, targetCount);
        var gossip = wrap.apply(peer.channel(Ipam.CHANNEL, node));
        node.allocator = new Allocator(config, new IpamStore(store), peer, gossip, clock, random);
        peer.onReachableChange(reachable -> node.allocator.reachableChanged());
        node.allocator.reachableChanged();
        return node;
    }

    CompletableFuture<Cidr> allocate(String id, String subnet) {
        CompletableFuture<Cidr> f = new CompletableFuture<>();
        allocator.allocate(id, Cidr.parse(subnet), f);
        return f;
    }

    CompletableFuture<Void> claim(String id, String cidr) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        allocator.claim(id, Cidr.parse(cidr), false, f);
        return f;
    }

    Ring ring() {
        return allocator.snapshot().ring();
    }

    @Override
    public void onGossipUnicast(PeerName sender, byte[] message) throws GossipException {
        try {
            allocator.receiveUnicast(sender, IpamCodec.decode(message));
        } catch (RingMergeException e) {
            throw new GossipException(e.getMessage(), e);
        }
    }

    @Override
    public GossipData onGossipBroadcast(PeerName origin, byte[] update) throws GossipException {
        return onGossip(update);
    }

    @Override
    public GossipData gossip() {
        return new IpamGossipData(allocator.state());
    }

    @Override
    public GossipData onGossip(byte[] update) throws GossipException {
        try {
            return allocator.receive((IpamMessage.State) IpamCodec.decode(update))
                    ? new IpamGossipData(allocator.state()) : null;
        } catch (RingMergeException e) {
            throw new GossipException(e.getMessage(), e);
        }
    }
}
