package dev.weft.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where an answer ends and what it says, from bytes alone. */
class HttpAnswerParserTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int end(String text) throws IOException {
        byte[] data = bytes(text);
        return HttpAnswerParser.end(data, data.length);
    }

    private static UnixSocketHttp.Answer parse(String text) throws IOException {
        byte[] data = bytes(text);
        return HttpAnswerParser.parse(data, data.length);
    }

    @Test
    void contentLengthEndsTheAnswer() throws IOException {
        String answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
        assertEquals(answer.length(), end(answer + "HTTP/1.1 next"));
        assertEquals(-1, end(answer.substring(0, answer.length() - 1)));
        assertEquals(-1, end("HTTP/1.1 200 OK\r\nContent-Len"));
    }

    @Test
    void chunkedEndsAfterTheLastChunkAndTrailers() throws IOException {
        String answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        assertEquals(answer.length(), end(answer));
        assertEquals(-1, end(answer.substring(0, answer.length() - 2)));
        assertEquals(-1, end("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nab"));
        String withTrailer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: 1\r\n\r\n";
        assertEquals(withTrailer.length(), end(withTrailer));
        assertEquals(new UnixSocketHttp.Answer(200, "abc"), parse(answer));
    }

    @Test
    void answersWithoutBodyEndWithTheirHead() throws IOException {
        assertEquals(19, end("HTTP/1.1 204 OK\r\n\r\n"));
        assertEquals(new UnixSocketHttp.Answer(304, ""), parse("HTTP/1.1 304 Not Modified\r\n\r\n"));
    }

    @Test
    void withoutLengthTheAnswerEndsWithTheConnection() throws IOException {
        assertEquals(-1, end("HTTP/1.0 200 OK\r\n\r\nso far"));
        assertEquals(new UnixSocketHttp.Answer(200, "so far"), parse("HTTP/1.0 200 OK\r\n\r\nso far"));
    }

    @Test
    void truncatedAndMalformedAnswersAreErrors() {
        assertThrows(IOException.class, () -> parse("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort"));
        assertThrows(IOException.class, () -> parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n9\r\nab"));
        assertThrows(IOException.class, () -> parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));
        assertThrows(IOException.class, () -> parse("HTTP/1.1 OK\r\n\r\n"));
        assertThrows(IOException.class, () -> parse("HTTP/1.1 200 OK\r\n"));
    }
}
