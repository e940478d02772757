package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.topology.PeerEntry;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** {@link Membership} read from the mesh's current routes and topology. */
final class MeshMembership implements Membership {

    private final Mesh mesh;

    MeshMembership(Mesh mesh) {
        this.mesh = mesh;
    }

    @Override
    public PeerName localPeer() {
        return mesh.localName();
    }

    @Override
    public Set<PeerName> reachablePeers() {
        return Set.copyOf(mesh.currentRoutes().reachable());
    }

    @Override
    public Optional<String> nickname(PeerName peer) {
        PeerEntry entry = mesh.topology().get(peer);
        return entry == null || entry.isPlaceholder() ? Optional.empty() : Optional.of(entry.nickname());
    }

    @Override
    public void onReachableChange(Consumer<Set<PeerName>> listener) {
        mesh.addReachableListener(listener);
    }
}
