package dev.weft.cli.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads one HTTP/1.x answer from bytes, without I/O: where it ends ({@link #end}) so that the reader can
 * stop without waiting for the server to close a kept-alive connection, and its status and body
 * ({@link #parse}; Content-Length, chunked, or whatever came before the connection closed).
 */
final class HttpAnswerParser {
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private record Head(int status, boolean chunked, long length, int bodyStart) {
        boolean bodiless() {
            return status / 100 == 1 || status == 204 || status == 304;
        }
    }

    private HttpAnswerParser() {
    }

    /**
     * Where the answer in {@code data[0..size)} ends; -1 while it is incomplete, and always for an answer
     * that has neither a length nor chunks (it ends with the connection).
     */
    static int end(byte[] data, int size) throws IOException {
        Head head = head(data, size);
        if (head == null) {
            return -1;
        }
        if (head.bodiless()) {
            return head.bodyStart;
        }
        if (head.chunked) {
            return chunkedEnd(data, size, head.bodyStart);
        }
        if (head.length >= 0) {
            long end = head.bodyStart + head.length;
            return end <= size ? (int) end : -1;
        }
        return -1;
    }

    /** The answer in {@code data[0..size)}, which must be complete or end where the connection ended. */
    static UnixSocketHttp.Answer parse(byte[] data, int size) throws IOException {
        Head head = head(data, size);
        if (head == null) {
            throw new IOException("malformed HTTP answer: no end of headers");
        }
        byte[] body;
        if (head.bodiless()) {
            body = new byte[0];
        } else if (head.chunked) {
            body = dechunk(data, size, head.bodyStart);
        } else if (head.length >= 0) {
            if (head.bodyStart + head.length > size) {
                throw new IOException("HTTP answer ends early: " + (size - head.bodyStart) + " of " + head.length
                        + " bytes");
            }
            body = Arrays.copyOfRange(data, head.bodyStart, head.bodyStart + (int) head.length);
        } else {
            body = Arrays.copyOfRange(data, head.bodyStart, size);
        }
        return new UnixSocketHttp.Answer(head.status, body);
    }

    private static Head head(byte[] data, int size) throws IOException {
        int headerEnd = indexOf(data, size, HEAD_END, 0);
        if (headerEnd < 0) {
            return null;
        }
        String[] lines = new String(data, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
            throw new IOException("malformed HTTP status line: " + lines[0]);
        }
        boolean chunked = false;
        long length = -1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equals("content-length")) {
                try {
                    length = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed Content-Length: " + value, e);
                }
            }
        }
        return new Head(Integer.parseInt(statusLine[1]), chunked, length, headerEnd + HEAD_END.length);
    }

    private static int chunkedEnd(byte[] data, int size, int from) throws IOException {
        long at = from;
        while (true) {
            int lineEnd = indexOf(data, size, CRLF, (int) at);
            if (lineEnd < 0) {
                return -1;
            }
            long chunk = chunkSize(data, (int) at, lineEnd);
            if (chunk == 0) {
                int trailersEnd = indexOf(data, size, CRLF, lineEnd + CRLF.length);
                while (trailersEnd >= 0 && trailersEnd != lineEnd + CRLF.length) {
                    lineEnd = trailersEnd;
                    trailersEnd = indexOf(data, size, CRLF, lineEnd + CRLF.length);
                }
                return trailersEnd < 0 ? -1 : trailersEnd + CRLF.length;
            }
            at = lineEnd + CRLF.length + chunk + CRLF.length;
            if (at > size) {
                return -1;
            }
        }
    }

    private static byte[] dechunk(byte[] data, int size, int from) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = from;
        while (true) {
            int lineEnd = indexOf(data, size, CRLF, at);
            if (lineEnd < 0) {
                throw new IOException("malformed chunked HTTP answer");
            }
            long chunk = chunkSize(data, at, lineEnd);
            if (chunk == 0) {
                return body.toByteArray();
            }
            int chunkStart = lineEnd + CRLF.length;
            if (chunkStart + chunk > size) {
                throw new IOException("chunked HTTP answer ends early");
            }
            body.write(data, chunkStart, (int) chunk);
            at = chunkStart + (int) chunk + CRLF.length;
        }
    }

    private static long chunkSize(byte[] data, int from, int lineEnd) throws IOException {
        String text = new String(data, from, lineEnd - from, StandardCharsets.US_ASCII).split(";", 2)[0].strip();
        try {
            long size = Long.parseLong(text, 16);
            if (size < 0 || size > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IOException("malformed chunk size: " + text, e);
        }
    }

    private static int indexOf(byte[] data, int size, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= size - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
