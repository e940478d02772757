package dev.weft.router.status;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SleeveDropMetricsTest {

    @Test
    void sleeveDropsByEncryptionAreCountedByReason() throws Exception {
        String report = "{\"Router\":{\"OverlayDiagnostics\":{\"sleeve\":{\"CaptureStats\":"
                + "{\"DroppedNotAuthentic\":3,\"DroppedReplayed\":2}}}}}";
        String body = new WeaveMetrics().scrape(new ObjectMapper().readTree(report));
        assertTrue(body.contains("weft_sleeve_dropped_total{reason=\"auth\"} 3.0"), body);
        assertTrue(body.contains("weft_sleeve_dropped_total{reason=\"replay\"} 2.0"), body);
    }

    @Test
    void withoutADataPlaneThereAreNoSamples() throws Exception {
        String body = new WeaveMetrics().scrape(new ObjectMapper().readTree("{\"Router\":{}}"));
        assertFalse(body.contains("weft_sleeve_dropped_total{"), body);
    }
}
