package dev.weft.router.dataplane.wire;

/** The neighbour a batch of sleeve datagrams goes to, as it is now (address and path MTU may change). */
public interface DatagramTarget {

    /** This router's peer name, the sender of every datagram. */
    long localName();

    /** Largest UDP payload towards the neighbour (verified path MTU - 28). */
    int maxDatagram();

    DatagramSealer sealer();

    /** The next sequence number of this direction of the connection. */
    long nextSequence();

    /** The neighbour's address, big-endian in an int, and UDP port. */
    int ipv4();

    int port();
}
