package dev.weft.router.dataplane.sleeve;

import com.sun.jna.Pointer;
import dev.weft.weaveutil.jna.IoBuffer;
import dev.weft.weaveutil.jna.ReceiveList;
import dev.weft.weaveutil.jna.SendList;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory underlay for sleeves: sockets by IPv4 address, datagrams cut from GSO runs as the
 * kernel would, a path MTU above which datagrams silently vanish (a blackhole the kernel does not
 * know about), and TAP ports whose frames tests write and read.
 */
public final class FakeNet {
    private final Map<Integer, Socket> sockets = new ConcurrentHashMap<>();
    public volatile int pathMtu = 1500;
    volatile int kernelMtu = 1500;
    public volatile boolean dropEverything;

    static boolean waitFor(java.util.Queue<?> queue, int timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (queue.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !queue.isEmpty();
    }

    record Datagram(byte[] bytes, int fromIp, int fromPort) {
    }

    public Socket socket(int ipv4) {
        Socket s = new Socket(ipv4);
        sockets.put(ipv4, s);
        return s;
    }

    void deliver(int toIp, byte[] bytes, int fromIp) {
        Socket to = sockets.get(toIp);
        if (to != null && !dropEverything && bytes.length + 28 <= pathMtu) {
            to.queue.add(new Datagram(bytes, fromIp, 6783));
        }
    }

    public final class Socket implements SleeveSocket {
        final int ip;
        final BlockingQueue<Datagram> queue = new LinkedBlockingQueue<>();
        final List<Integer> sentSizes = java.util.Collections.synchronizedList(new ArrayList<>());

        Socket(int ip) {
            this.ip = ip;
        }

        @Override
        public int send(SendList list) {
            for (int i = 0; i < list.size(); i++) {
                int length = list.length(i);
                int segment = list.segmentSize(i);
                byte[] all = new Pointer(list.address(i)).getByteArray(0, length);
                for (int off = 0; off < length; off += segment) {
                    int n = Math.min(segment, length - off);
                    if (n + 28 > kernelMtu) {
                        continue;
                    }
                    byte[] d = java.util.Arrays.copyOfRange(all, off, off + n);
                    sentSizes.add(n);
                    deliver(list.ipv4(i), d, ip);
                }
            }
            return list.size();
        }

        @Override
        public int sendTo(IoBuffer buffer, int offset, int length, int ipv4, int port) {
            if (length + 28 > kernelMtu) {
                return 90;
            }
            byte[] d = new byte[length];
            buffer.buffer().get(offset, d);
            deliver(ipv4, d, ip);
            return 0;
        }

        @Override
        public int receive(ReceiveList list) {
            int n = 0;
            Datagram d;
            while (n < list.capacity() && (d = queue.poll()) != null) {
                // like UDP GRO: equal-size datagrams from one sender join (the last may be shorter)
                int size = d.bytes().length;
                java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
                joined.writeBytes(d.bytes());
                int count = 1;
                Datagram next;
                while (count < 64 && (next = queue.peek()) != null && next.fromIp() == d.fromIp()
                        && next.bytes().length <= size && joined.size() + next.bytes().length <= 65535) {
                    queue.poll();
                    joined.writeBytes(next.bytes());
                    count++;
                    if (next.bytes().length < size) {
                        break;
                    }
                }
                byte[] all = joined.toByteArray();
                list.fill(n++, ByteBuffer.wrap(all), 0, all.length, count > 1 ? size : 0, d.fromIp(), d.fromPort());
            }
            list.finishFill(n);
            return n;
        }

        @Override
        public boolean awaitReadable(int timeoutMillis) {
            return waitFor(queue, timeoutMillis);
        }

        @Override
        public int kernelPathMtu(int ipv4) {
            return kernelMtu;
        }

        @Override
        public void close() {
            sockets.remove(ip, this);
        }
    }

    /** A TAP port: tests put frames "from the bridge" and take the frames the sleeve wrote. */
    public static final class Tap implements TapPort {
        final BlockingQueue<byte[]> fromBridge = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> toBridge = new LinkedBlockingQueue<>();

        /** A frame captured on the bridge, with a vnet header (zeros unless given). */
        void capture(byte[] vnet, ByteBuffer frame) {
            byte[] all = new byte[10 + frame.limit()];
            System.arraycopy(vnet, 0, all, 0, 10);
            frame.get(0, all, 10, frame.limit());
            fromBridge.add(all);
        }

        void capture(ByteBuffer frame) {
            capture(new byte[10], frame);
        }

        /** The next frame written to the bridge (vnet header and frame), or null after {@code millis}. */
        byte[] written(long millis) throws InterruptedException {
            return toBridge.poll(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public int read(IoBuffer buffer, int offset, int capacity) {
            byte[] f = fromBridge.poll();
            if (f == null) {
                return -1;
            }
            buffer.buffer().put(offset, f, 0, f.length);
            return f.length;
        }

        @Override
        public int write(IoBuffer buffer, int offset, int length) {
            byte[] f = new byte[length];
            buffer.buffer().get(offset, f);
            toBridge.add(f);
            return 0;
        }

        @Override
        public boolean awaitReadable(int timeoutMillis) {
            return waitFor(fromBridge, timeoutMillis);
        }

        @Override
        public void close() {
        }
    }
}
