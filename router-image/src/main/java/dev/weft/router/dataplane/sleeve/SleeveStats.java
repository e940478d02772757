package dev.weft.router.dataplane.sleeve;

import java.util.concurrent.atomic.LongAdder;

/** The sleeve's counters (frames, drops and why), shown in metrics; incremented by the packet loops. */
public final class SleeveStats {
    final LongAdder framesCaptured = new LongAdder();
    final LongAdder framesDelivered = new LongAdder();
    final LongAdder framesRelayed = new LongAdder();
    final LongAdder tooBigAnswered = new LongAdder();
    final LongAdder fragmented = new LongAdder();
    final LongAdder droppedTooBig = new LongAdder();
    final LongAdder droppedUnreachable = new LongAdder();
    final LongAdder droppedUnknownSender = new LongAdder();
    final LongAdder droppedMalformed = new LongAdder();
    final LongAdder droppedUnopened = new LongAdder();
    final LongAdder tapWriteErrors = new LongAdder();

    public long framesCaptured() {
        return framesCaptured.sum();
    }

    public long framesDelivered() {
        return framesDelivered.sum();
    }

    public long framesRelayed() {
        return framesRelayed.sum();
    }

    public long tooBigAnswered() {
        return tooBigAnswered.sum();
    }

    public long fragmented() {
        return fragmented.sum();
    }

    public long dropped() {
        return droppedTooBig.sum() + droppedUnreachable.sum() + droppedUnknownSender.sum() + droppedMalformed.sum()
                + droppedUnopened.sum();
    }

    @Override
    public String toString() {
        return "captured=" + framesCaptured() + " delivered=" + framesDelivered() + " relayed=" + framesRelayed()
                + " tooBigAnswered=" + tooBigAnswered() + " fragmented=" + fragmented() + " droppedTooBig="
                + droppedTooBig.sum() + " droppedUnreachable=" + droppedUnreachable.sum() + " droppedUnknownSender="
                + droppedUnknownSender.sum() + " droppedMalformed=" + droppedMalformed.sum() + " droppedUnopened="
                + droppedUnopened.sum() + " tapWriteErrors=" + tapWriteErrors.sum();
    }
}
