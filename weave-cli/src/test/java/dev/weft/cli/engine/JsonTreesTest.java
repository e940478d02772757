package dev.weft.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Trees read and written without an ObjectMapper are the ones an ObjectMapper reads and writes. */
class JsonTreesTest {
    private static final String INSPECT = "{\"Id\":\"abc\",\"Created\":\"2026-12-03T10:00:00.1Z\",\"State\":{\"Status\":"
            + "\"running\",\"Running\":true,\"Pid\":4242,\"ExitCode\":0,\"Error\":\"\",\"Health\":null},\"HostConfig\":"
            + "{\"Memory\":314572800,\"NanoCpus\":1500000000000,\"Huge\":123456789012345678901234567890,"
            + "\"CpuPercent\":0.5,\"Binds\":[\"/a:/b\",\"/c:/d:ro\"],\"Ulimits\":[{\"Name\":\"nofile\",\"Soft\":1024}],"
            + "\"Empty\":{},\"None\":[]},\"Config\":{\"Labels\":{\"weft\":\"\",\"é\":\"\\u00e9\\n\"}}}";

    @Test
    void readsWhatAnObjectMapperReads() throws IOException {
        assertEquals(new ObjectMapper().readTree(INSPECT), JsonTrees.read(bytes(INSPECT)));
    }

    @Test
    void writesWhatAnObjectMapperReadsBackTheSame() throws IOException {
        assertEquals(new ObjectMapper().readTree(INSPECT),
                new ObjectMapper().readTree(JsonTrees.write(JsonTrees.read(bytes(INSPECT)))));
    }

    @Test
    void emptyAndMalformedDocuments() throws IOException {
        assertTrue(JsonTrees.read(new byte[0]).isMissingNode());
        assertThrows(IOException.class, () -> JsonTrees.read(bytes("{\"a\":")));
        assertThrows(IOException.class, () -> JsonTrees.read(bytes("{} {}")));
        assertThrows(IOException.class, () -> JsonTrees.read(bytes("page not found")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
