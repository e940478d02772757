package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import java.util.List;
import java.util.Optional;

/** {@link MeshRoutes} over the mesh's current route table (established, symmetric connections only). */
final class MeshRouteView implements MeshRoutes {

    private final Mesh mesh;

    MeshRouteView(Mesh mesh) {
        this.mesh = mesh;
    }

    @Override
    public Optional<PeerName> unicastNextHop(PeerName destination) {
        return mesh.currentRoutes().unicast(destination);
    }

    @Override
    public List<PeerName> broadcastNextHops(PeerName source) {
        return mesh.currentRoutes().broadcast(source);
    }

    @Override
    public void onChange(Runnable listener) {
        mesh.addRouteListener(listener);
    }
}
