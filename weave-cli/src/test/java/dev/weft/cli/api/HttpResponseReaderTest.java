package dev.weft.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Response framing as HTTP/1.1 servers send it, and what is refused. */
class HttpResponseReaderTest {

    private static ApiResponse read(String raw) throws IOException {
        return HttpResponseReader.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bodyFramedByContentLength() throws IOException {
        assertEquals(new ApiResponse(200, "10.32.0.1"),
                read("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\n10.32.0.1trailing junk"));
    }

    @Test
    void chunkedBodyIsReassembled() throws IOException {
        assertEquals(new ApiResponse(404, "container c1 not found\n"),
                read("HTTP/1.1 404 Not Found\r\nTransfer-encoding: chunked\r\n\r\n"
                        + "a\r\ncontainer \r\n0d;ext=1\r\nc1 not found\n\r\n0\r\n\r\n"));
    }

    @Test
    void bodyUntilTheConnectionCloses() throws IOException {
        assertEquals(new ApiResponse(200, "a\nb\n"), read("HTTP/1.0 200 OK\nServer: x\n\na\nb\n"));
    }

    @Test
    void noContentHasNoBody() throws IOException {
        assertEquals(new ApiResponse(204, ""), read("HTTP/1.1 204 No Content\r\n\r\n"));
    }

    @Test
    void utf8BodyDecoded() throws IOException {
        assertEquals("héllo", read("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nhéllo").body());
    }

    @Test
    void truncatedOrMalformedAnswersAreErrors() {
        assertTrue(assertThrows(IOException.class, () -> read("")).getMessage().contains("without an answer"));
        assertThrows(IOException.class, () -> read("SSH-2.0-OpenSSH\r\n\r\n"));
        assertThrows(IOException.class, () -> read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"));
        assertThrows(IOException.class, () -> read("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"));
        assertThrows(IOException.class, () -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));
        assertThrows(IOException.class, () -> read("HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n"));
        assertThrows(IOException.class, () -> read("HTTP/1.1 200 OK\r\nContent-Length: 5"));
    }

    @Test
    void oversizedBodyIsRefusedUpFront() {
        IOException e = assertThrows(IOException.class,
                () -> read("HTTP/1.1 200 OK\r\nContent-Length: " + (HttpResponseReader.MAX_BODY_BYTES + 1L) + "\r\n\r\n"));
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }
}
