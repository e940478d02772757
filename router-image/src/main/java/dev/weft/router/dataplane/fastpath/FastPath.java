package dev.weft.router.dataplane.fastpath;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast path's heartbeats: a request to every fast-path neighbour each second (each half
 * second while it is not active), answers to theirs, and each link's state from them. The kernel
 * carries the frames; this only decides, per neighbour, whether it can.
 */
public final class FastPath implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FastPath.class);
    private static final int IDLE_WAIT_MILLIS = 200;

    private final long self;
    private final HeartbeatPort port;
    private final int frameLength;
    private final Map<Long, FastPathLink> links = new ConcurrentHashMap<>();
    private final byte[] sendBuffer;
    private final byte[] answerBuffer;
    private final byte[] receiveBuffer = new byte[65536];
    private final Thread receiver;
    private volatile boolean running = true;

    /** @param frameLength heartbeat size: the bridge MTU plus the Ethernet header */
    public FastPath(long self, HeartbeatPort port, int frameLength) {
        this.self = self;
        this.port = port;
        this.frameLength = frameLength;
        this.sendBuffer = new byte[Math.max(frameLength, HeartbeatFrame.MIN_LENGTH)];
        this.answerBuffer = new byte[sendBuffer.length];
        this.receiver = new Thread(this::receive, "fastpath-heartbeats");
        receiver.setDaemon(true);
    }

    public void start() {
        receiver.start();
    }

    public void add(FastPathLink link) {
        links.put(link.remoteName(), link);
    }

    public void remove(FastPathLink link) {
        links.remove(link.remoteName(), link);
    }

    /** Sends the requests that are due (the caller's timer, about every 100 ms). */
    public void tick(long now) {
        for (FastPathLink link : links.values()) {
            long seq = link.due(now);
            if (seq >= 0) {
                synchronized (sendBuffer) {
                    int n = HeartbeatFrame.write(ByteBuffer.wrap(sendBuffer), link.remoteName(), self,
                            HeartbeatFrame.REQUEST, link.uid(), seq, frameLength);
                    port.send(sendBuffer, n);
                }
            }
        }
    }

    public List<FastPathLink> links() {
        return List.copyOf(links.values());
    }

    private void receive() {
        ByteBuffer in = ByteBuffer.wrap(receiveBuffer);
        while (running) {
            int n;
            try {
                n = port.receive(receiveBuffer);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("fast-path heartbeats: {}", e.getMessage());
                }
                return;
            }
            if (n < 0) {
                port.awaitReadable(IDLE_WAIT_MILLIS);
                continue;
            }
            int type = HeartbeatFrame.type(in, n);
            long from = HeartbeatFrame.from(in);
            FastPathLink link = links.get(from);
            if (type == 0 || link == null) {
                continue;
            }
            if (type == HeartbeatFrame.REQUEST) {
                int length = HeartbeatFrame.write(ByteBuffer.wrap(answerBuffer), from, self, HeartbeatFrame.ANSWER,
                        HeartbeatFrame.uid(in), HeartbeatFrame.sequence(in), frameLength);
                port.send(answerBuffer, length);
            } else {
                link.answered(HeartbeatFrame.uid(in), HeartbeatFrame.sequence(in), System.nanoTime());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        port.close();
    }
}
