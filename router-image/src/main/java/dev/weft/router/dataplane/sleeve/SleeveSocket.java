package dev.weft.router.dataplane.sleeve;

import dev.weft.weaveutil.jna.IoBuffer;
import dev.weft.weaveutil.jna.ReceiveList;
import dev.weft.weaveutil.jna.SendList;

/** The sleeve's UDP socket on the mesh port: batched sends and receives ({@link KernelSleeveSocket} for real). */
public interface SleeveSocket extends AutoCloseable {

    /** Sends every entry (GSO runs); returns how many went, errors recorded in the list. */
    int send(SendList list);

    /** Sends one datagram; 0 or the errno (e.g. EMSGSIZE for a probe bigger than the device allows). */
    int sendTo(IoBuffer buffer, int offset, int length, int ipv4, int port);

    /** Receives what is queued without waiting; the number of messages. */
    int receive(ReceiveList list);

    boolean awaitReadable(int timeoutMillis);

    /** The kernel's estimate of the path MTU to {@code ipv4} (its route's MTU), or 0 if unknown. */
    int kernelPathMtu(int ipv4);

    @Override
    void close();
}
