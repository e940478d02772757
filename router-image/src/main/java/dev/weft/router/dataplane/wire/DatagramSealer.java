package dev.weft.router.dataplane.wire;

import java.nio.ByteBuffer;

/**
 * Protects the body of a connection's sleeve datagrams; the seam for encryption (an AEAD per
 * datagram: the 16-byte header as associated data, its sequence as the nonce, a tag appended; a
 * replay window on opening). Called by several threads at once (the frame loops and the timers),
 * so implementations keep per-thread cipher state. {@link #PLAIN} leaves datagrams as they are.
 */
public interface DatagramSealer {

    /** Bytes a sealed datagram grows by (the tag); the batcher leaves this much room. */
    int overhead();

    /** Flags for the header of datagrams this sealer makes ({@link SleeveFormat#FLAG_SEALED} when encrypting). */
    int headerFlags();

    /**
     * Seals the datagram of {@code length} bytes at {@code offset} (header written, sequence in it)
     * in place; returns its new length (at most {@code length + overhead()}).
     */
    int seal(ByteBuffer b, int offset, int length);

    /**
     * Opens a received datagram in place; returns its length with the body in clear, or -1 when it
     * must be dropped (not authentic, replayed, or sealed differently than this connection expects).
     */
    int open(ByteBuffer b, int offset, int length);

    DatagramSealer PLAIN = new DatagramSealer() {
        @Override
        public int overhead() {
            return 0;
        }

        @Override
        public int headerFlags() {
            return 0;
        }

        @Override
        public int seal(ByteBuffer b, int offset, int length) {
            return length;
        }

        @Override
        public int open(ByteBuffer b, int offset, int length) {
            return (SleeveFormat.flags(b, offset) & SleeveFormat.FLAG_SEALED) == 0 ? length : -1;
        }
    };
}
