package dev.weft.router.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** {@link Forwarder} over plain blocking sockets, with a per-server timeout. */
public final class UpstreamForwarder implements Forwarder {
    private static final int MAX_UDP_REPLY = 65535;

    private final Upstreams upstreams;
    private final int timeoutMillis;

    public UpstreamForwarder(Upstreams upstreams, Duration timeout) {
        this.upstreams = upstreams;
        this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
    }

    @Override
    public byte[] forward(byte[] query, boolean tcp) {
        if (query.length < 2) {
            return null;
        }
        for (InetSocketAddress server : upstreams.current()) {
            try {
                byte[] reply = tcp ? overTcp(server, query) : overUdp(server, query);
                if (reply != null) {
                    return reply;
                }
            } catch (IOException e) {
                // try the next server
            }
        }
        return null;
    }

    private byte[] overUdp(InetSocketAddress server, byte[] query) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            socket.send(new DatagramPacket(query, query.length));
            byte[] buffer = new byte[MAX_UDP_REPLY];
            while (true) {
                int left = (int) ((deadline - System.nanoTime()) / 1_000_000L);
                if (left <= 0) {
                    return null;
                }
                socket.setSoTimeout(left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return null;
                }
                if (packet.getLength() >= 12 && sameId(query, buffer)) {
                    byte[] reply = new byte[packet.getLength()];
                    System.arraycopy(buffer, 0, reply, 0, reply.length);
                    return reply;
                }
            }
        }
    }

    private byte[] overTcp(InetSocketAddress server, byte[] query) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            return reply.length >= 12 && sameId(query, reply) ? reply : null;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private static boolean sameId(byte[] a, byte[] b) {
        return a[0] == b[0] && a[1] == b[1];
    }
}
