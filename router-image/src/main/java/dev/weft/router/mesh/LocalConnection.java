package dev.weft.router.mesh;

import dev.weft.router.identity.PeerName;
import dev.weft.router.mesh.wire.ProtocolMessage;
import dev.weft.router.mesh.wire.ProtocolTag;
import dev.weft.router.mesh.wire.WireFormatException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This peer's end of one connection (weaveworks/mesh's LocalConnection): the handshake under a 10 s
 * deadline, registration with the local peer, the overlay's part, heartbeats and the read deadline,
 * and the dispatch of received messages. Its state lives on the wire's actor; sends may come from
 * any thread and are sealed and written in order.
 */
final class LocalConnection implements WireListener {

    private static final Logger LOG = LoggerFactory.getLogger(LocalConnection.class);
    private static final int MAX_HELD_FRAMES = 4096;

    enum State { HANDSHAKING, REGISTERING, PENDING, ESTABLISHED, CLOSED }

    private final Mesh mesh;
    private final Wire wire;
    final boolean outbound;
    /** The address dialled ({@code ip:port} or {@code host:port}) for outbound connections, else null. */
    final String targetAddress;
    private final long localConnId;
    private final String remoteAddressText;
    private Handshake handshake;
    private FrameSealer sealer = FrameSealer.PLAIN;
    private volatile RemoteIdentity remote;
    private volatile long uid;
    private volatile State state = State.HANDSHAKING;
    private volatile int version;
    private volatile OverlayConnection overlayConnection;
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private long lastReceivedNanos;
    private long lastHeartbeatNanos;
    private Actor.Cancellable handshakeTimer = Actor.Cancellable.NONE;
    private Actor.Cancellable heartbeatTimer = Actor.Cancellable.NONE;
    private final Map<String, GossipSender> senders = new ConcurrentHashMap<>();
    private volatile ConnectionFailure endedWith;

    LocalConnection(Mesh mesh, Wire wire, boolean outbound, String targetAddress, long localConnId) {
        this.mesh = mesh;
        this.wire = wire;
        this.outbound = outbound;
        this.targetAddress = targetAddress;
        this.localConnId = localConnId;
        this.remoteAddressText = Mesh.addressText(wire.remoteAddress());
    }

    /** Starts the handshake (from any thread). */
    void start() {
        wire.actor().execute(() -> {
            lastReceivedNanos = mesh.nanoTime();
            handshake = new Handshake(mesh.config().minProtocolVersion(), mesh.config().maxProtocolVersion(),
                    mesh.features(localConnId, wire.remoteAddress()));
            Duration deadline = mesh.config().handshakeTimeout();
            handshakeTimer = wire.actor().schedule(deadline, () -> {
                if (state == State.HANDSHAKING) {
                    fail(ConnectionFailure.handshakeTimedOut(deadline));
                }
            });
            for (Handshake.Outgoing out : handshake.start()) {
                write(out);
            }
            wire.start(this);
        });
    }

    Actor actor() {
        return wire.actor();
    }

    PeerName remoteName() {
        RemoteIdentity r = remote;
        return r == null ? null : r.name();
    }

    String remoteDisplay() {
        RemoteIdentity r = remote;
        return r == null ? remoteAddressText : r.display();
    }

    RemoteIdentity remote() {
        return remote;
    }

    String remoteAddressText() {
        return remoteAddressText;
    }

    InetSocketAddress remoteAddress() {
        return wire.remoteAddress();
    }

    long uid() {
        return uid;
    }

    boolean isEstablished() {
        return state == State.ESTABLISHED;
    }

    State state() {
        return state;
    }

    boolean isOpen() {
        return state != State.CLOSED;
    }

    int protocolVersion() {
        return version;
    }

    Optional<OverlayConnection> overlay() {
        return Optional.ofNullable(overlayConnection);
    }

    ConnectionFailure endedWith() {
        return endedWith;
    }

    boolean writable() {
        return wire.isWritable();
    }

    void whenWritable(Runnable task) {
        wire.whenWritable(task);
    }

    PeerName localName() {
        return mesh.localName();
    }

    GossipSender sender(String channel) {
        return senders.computeIfAbsent(channel, c -> new GossipSender(this, c));
    }

    /** Sends one protocol message (sealed, length-prefixed); from any thread. */
    void send(byte[] message) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            wire.send(sealer.seal(message));
        }
    }

    /** Ends the connection with {@code failure} (from any thread), telling the remote why. */
    void close(ConnectionFailure failure) {
        wire.actor().execute(() -> {
            if (state == State.PENDING || state == State.ESTABLISHED) {
                send(ProtocolMessage.goodbye(failure.message()).encode());
            }
            fail(failure);
        });
    }

    @Override
    public void onFrame(byte[] frame) {
        lastReceivedNanos = mesh.nanoTime();
        switch (state) {
            case HANDSHAKING:
                handshakeFrame(frame);
                break;
            case REGISTERING:
                if (held.size() >= MAX_HELD_FRAMES) {
                    fail(ConnectionFailure.retryable("the peer sent " + MAX_HELD_FRAMES
                            + " messages before its connection was registered"));
                } else {
                    held.add(frame);
                }
                break;
            case PENDING:
            case ESTABLISHED:
                dispatch(frame);
                break;
            default:
                break;
        }
    }

    @Override
    public void onClosed(String reason) {
        fail(reason == null ? ConnectionFailure.closedByRemote() : ConnectionFailure.retryable(reason));
    }

    private void handshakeFrame(byte[] frame) {
        Handshake.Step step;
        try {
            step = handshake.onFrame(frame);
        } catch (MeshException e) {
            fail(e.failure());
            return;
        }
        step.send().forEach(this::write);
        if (step.result() != null) {
            handshakeDone(step.result());
        }
    }

    private void write(Handshake.Outgoing out) {
        if (out.raw()) {
            wire.sendRaw(out.bytes());
        } else {
            wire.send(out.bytes());
        }
    }

    private void handshakeDone(Handshake.Result result) {
        handshakeTimer.cancel();
        sealer = result.sealer();
        version = result.version();
        RemoteIdentity identity;
        try {
            identity = RemoteIdentity.parse(result.features());
        } catch (MeshException e) {
            fail(e.failure());
            return;
        }
        uid = localConnId ^ identity.connId();
        if (identity.name().equals(mesh.localName())) {
            if (identity.uid() == mesh.localUid()) {
                remote = identity;
                fail(ConnectionFailure.selfConnection());
            } else {
                fail(ConnectionFailure.nameCollision(mesh.localDisplay(), identity.display()));
            }
            return;
        }
        remote = identity;
        Overlay overlay = mesh.overlay();
        if (overlay != null) {
            try {
                overlayConnection = overlay.prepareConnection(new OverlayConnectionParams(identity.name(),
                        identity.shortId(), wire.localAddress(), wire.remoteAddress(), outbound, uid, Optional.empty(),
                        identity.features(), this::sendOverlayControl));
            } catch (OverlayException | RuntimeException e) {
                fail(ConnectionFailure.retryable("data plane: " + e.getMessage()));
                return;
            }
        }
        state = State.REGISTERING;
        mesh.register(this);
    }

    /** The mesh's answer to {@link Mesh#register}: accepted, or refused with a reason (on the wire's actor). */
    void registered(Optional<ConnectionFailure> refusal) {
        if (state != State.REGISTERING) {
            return;
        }
        if (refusal.isPresent()) {
            send(ProtocolMessage.goodbye(refusal.get().message()).encode());
            fail(refusal.get());
            return;
        }
        state = State.PENDING;
        lastHeartbeatNanos = mesh.nanoTime();
        log("connection ready; using protocol version " + version);
        heartbeatTimer = wire.actor().schedule(checkInterval(), this::heartbeat);
        OverlayConnection oc = overlayConnection;
        if (oc == null) {
            becomeEstablished();
        } else {
            oc.confirm();
            oc.established().whenComplete((v, e) -> {
                if (e == null) {
                    wire.actor().execute(this::becomeEstablished);
                }
            });
            oc.failed().whenComplete((v, e) -> {
                if (e != null) {
                    String why = e.getCause() != null && e instanceof java.util.concurrent.CompletionException
                            ? e.getCause().getMessage() : e.getMessage();
                    close(ConnectionFailure.retryable("data plane: " + why));
                }
            });
        }
        while (!held.isEmpty() && state != State.CLOSED) {
            dispatch(held.poll());
        }
    }

    private void becomeEstablished() {
        if (state != State.PENDING) {
            return;
        }
        state = State.ESTABLISHED;
        log("connection fully established");
        mesh.connectionEstablished(this);
    }

    /** The read deadline is checked three times per heartbeat interval, so a dead peer is noticed soon after it. */
    private Duration checkInterval() {
        return mesh.config().heartbeat().dividedBy(3);
    }

    private void heartbeat() {
        if (state == State.CLOSED) {
            return;
        }
        long now = mesh.nanoTime();
        Duration deadline = mesh.config().readDeadline();
        if (now - lastReceivedNanos > deadline.toNanos()) {
            fail(ConnectionFailure.heartbeatsMissed(deadline));
            return;
        }
        if (now - lastHeartbeatNanos >= mesh.config().heartbeat().toNanos() - checkInterval().toNanos() / 2) {
            lastHeartbeatNanos = now;
            send(ProtocolMessage.heartbeat().encode());
        }
        heartbeatTimer = wire.actor().schedule(checkInterval(), this::heartbeat);
    }

    private void dispatch(byte[] frame) {
        byte[] message;
        try {
            message = sealer.open(frame);
        } catch (WireFormatException e) {
            fail(ConnectionFailure.retryable("cannot read a message from the peer: " + e.getMessage()));
            return;
        }
        if (message.length == 0) {
            return;
        }
        int tag = message[0] & 0xff;
        switch (tag) {
            case ProtocolTag.HEARTBEAT:
                break;
            case ProtocolTag.GOSSIP:
            case ProtocolTag.GOSSIP_UNICAST:
            case ProtocolTag.GOSSIP_BROADCAST:
                mesh.deliverGossip(this, message);
                break;
            case ProtocolTag.OVERLAY_CONTROL:
                OverlayConnection oc = overlayConnection;
                if (oc != null) {
                    oc.controlMessage(java.util.Arrays.copyOfRange(message, 1, message.length));
                }
                break;
            case ProtocolTag.GOODBYE:
                try {
                    fail(ConnectionFailure.remoteSaid(remoteDisplay(), ProtocolMessage.decode(message).goodbyeReason()));
                } catch (WireFormatException e) {
                    fail(ConnectionFailure.closedByRemote());
                }
                break;
            default:
                LOG.debug("->[{}|{}]: ignoring message with tag {}", remoteAddressText, remoteDisplay(), tag);
        }
    }

    private void sendOverlayControl(byte[] body) throws java.io.IOException {
        if (state == State.CLOSED) {
            throw new java.io.IOException("connection to " + remoteDisplay() + " is closed");
        }
        send(new ProtocolMessage(ProtocolTag.OVERLAY_CONTROL, body).encode());
    }

    /** Ends the connection (on the wire's actor); the first reason given is the one kept. */
    private void fail(ConnectionFailure failure) {
        State was = state;
        if (was == State.CLOSED) {
            return;
        }
        synchronized (this) {
            state = State.CLOSED;
        }
        endedWith = failure;
        handshakeTimer.cancel();
        heartbeatTimer.cancel();
        held.clear();
        OverlayConnection oc = overlayConnection;
        if (oc != null) {
            try {
                oc.stop();
            } catch (RuntimeException e) {
                LOG.warn("->[{}|{}]: stopping the data plane failed: {}", remoteAddressText, remoteDisplay(), e.toString());
            }
        }
        wire.close();
        if (was == State.HANDSHAKING || was == State.REGISTERING && remote == null) {
            LOG.info("->[{}] connection shutting down due to error during handshake: {}", remoteAddressText,
                    failure.message());
        } else {
            log("connection shutting down due to error: " + failure.message());
        }
        mesh.connectionEnded(this, failure, was == State.PENDING || was == State.ESTABLISHED);
    }

    private void log(String what) {
        LOG.info("->[{}|{}]: {}", remoteAddressText, remoteDisplay(), what);
    }
}
