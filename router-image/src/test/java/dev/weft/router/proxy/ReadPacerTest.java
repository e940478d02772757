package dev.weft.router.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadPacerTest {
    private final ReadPacer pacer = new ReadPacer();

    @Test
    void theFirstMegabyteOfABodyIsNeverDelayed() {
        for (long read = 0; read + (32 << 10) < ReadPacer.BULK_AFTER; read += 32 << 10) {
            pacer.read(32 << 10);
            assertFalse(pacer.endBatch());
        }
    }

    @Test
    void aShortBatchOfABulkBodyPausesOnceUntilResumed() {
        pacer.read((int) ReadPacer.BULK_AFTER);
        pacer.endBatch();
        pacer.resumed();
        pacer.read(32 << 10);
        assertTrue(pacer.endBatch());
        assertTrue(pacer.paused());
        pacer.read(32 << 10);
        assertFalse(pacer.endBatch(), "already paused");
        pacer.resumed();
        assertFalse(pacer.paused());
    }

    @Test
    void aFullBatchOrAnEmptyOneDoesNotPause() {
        pacer.read((int) ReadPacer.BULK_AFTER);
        pacer.read(ReadPacer.FULL_BATCH);
        assertFalse(pacer.endBatch());
        assertFalse(pacer.endBatch(), "nothing read since the last batch");
    }

    @Test
    void aNewBodyStartsUnpaced() {
        pacer.read((int) ReadPacer.BULK_AFTER);
        pacer.endBatch();
        pacer.reset();
        pacer.read(32 << 10);
        assertFalse(pacer.endBatch());
    }
}
