package dev.weft.router.mesh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** How the mesh makes and accepts connections: TCP in the router, in-memory links in the simulator. */
public interface Transport extends AutoCloseable {

    /**
     * Starts accepting connections on {@code host:port} (empty host: every address); each is handed to
     * {@code acceptor} on its wire's actor.
     */
    void listen(String host, int port, Consumer<Wire> acceptor) throws IOException;

    /**
     * Dials {@code remote} from {@code localHost} (empty: any). Completes with the wire, or
     * exceptionally with the cause of the failure.
     */
    CompletionStage<Wire> dial(InetSocketAddress remote, String localHost);

    /** Resolves a host name (or IP literal) to the address to dial, off the caller's thread if it must wait. */
    CompletionStage<InetAddress> resolve(String host);

    /** True when {@code address} is this host's own mesh endpoint (so {@code connect} to it would reach ourself). */
    boolean isOwnAddress(InetSocketAddress address, int meshPort);

    @Override
    void close();
}
