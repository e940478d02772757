package dev.weft.router.daemon;

import dev.weft.router.mesh.Actors;
import dev.weft.router.mesh.Mesh;
import dev.weft.router.mesh.MeshConfig;
import dev.weft.router.mesh.ThreadActors;
import dev.weft.router.mesh.tcp.TcpTransport;
import java.security.SecureRandom;

/** The mesh with the actors it runs on; closing stops both. */
record MeshRuntime(Mesh mesh, Actors actors) implements AutoCloseable {

    static MeshConfig meshConfig(DaemonConfig config) {
        return MeshConfig.defaults(config.identity().name(), config.identity().nickname())
                .withListen(config.mesh().host(), config.port())
                .withPolicy(config.minProtocolVersion(), config.mesh().connLimit(), config.peerDiscovery(),
                        config.trustedSubnets());
    }

    static MeshRuntime overTcp(DaemonConfig config) {
        MeshConfig meshConfig = meshConfig(config);
        Actors actors = new ThreadActors();
        TcpTransport transport = new TcpTransport(meshConfig.minProtocolVersion(), meshConfig.maxProtocolVersion(),
                meshConfig.connectTimeout());
        return new MeshRuntime(new Mesh(meshConfig, actors, transport, new SecureRandom()), actors);
    }

    @Override
    public void close() {
        try {
            mesh.close();
        } finally {
            actors.close();
        }
    }
}
