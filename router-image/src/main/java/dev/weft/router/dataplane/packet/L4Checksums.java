package dev.weft.router.dataplane.packet;

import java.nio.ByteBuffer;

/**
 * Finishing and "un-finishing" TCP/UDP checksums. Frames cross the sleeve with their L4 checksum
 * possibly left partial (the pseudo-header sum only, as the sending kernel handed it over); the
 * receiving router always hands TCP/UDP frames to its TAP as partial again, so the kernel finishes
 * or skips it. Frames the receiver cannot treat that way (fragments, other protocols) must be
 * finished by the sender: {@link #finish}.
 */
public final class L4Checksums {
    private L4Checksums() {
    }

    /**
     * Finishes a partial checksum like the kernel's {@code skb_checksum_help}: sums from
     * {@code start} (relative to the frame) to the frame's end and stores the result at
     * {@code start + fieldOffset}.
     */
    public static void finish(ByteBuffer b, int frameOffset, int frameLength, int start, int fieldOffset) {
        int from = frameOffset + start;
        int field = from + fieldOffset;
        if (start < 0 || field + 2 > frameOffset + frameLength) {
            return;
        }
        int result = Checksum.finish(Checksum.add(b, from, frameOffset + frameLength - from, 0));
        b.putShort(field, (short) (result == 0 && fieldOffset == 6 ? 0xffff : result));
    }

    /** True when a receiver can hand this frame to the kernel with a partial checksum (unfragmented TCP/UDP). */
    public static boolean canBePartial(FrameInfo f) {
        return (f.isTcp() || f.isUdp()) && !f.fragment;
    }

    /** True when {@code start}/{@code fieldOffset} (relative to the frame) point at the frame's TCP/UDP checksum. */
    public static boolean isStandardPosition(FrameInfo f, int start, int fieldOffset) {
        return canBePartial(f) && start == f.l4Offset - f.offset && fieldOffset == f.l4ChecksumField();
    }

    /**
     * Makes a TCP/UDP frame's checksum partial: the field holds the pseudo-header sum, to be finished
     * by whoever gets the frame with {@link VnetHeader#NEEDS_CSUM}.
     */
    public static void makePartial(ByteBuffer b, FrameInfo f) {
        int l4Length = f.l4Length();
        b.putShort(f.l4Offset + f.l4ChecksumField(), (short) Checksum.fold(f.pseudoHeaderSum(b, l4Length)));
    }
}
