package dev.weft.cli.api;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads one HTTP/1.x response: status, headers, and a body framed by length, chunks or the end of the stream. */
final class HttpResponseReader {
    /** Far above any router answer (a full report is tens of KiB); a longer one is refused, not buffered. */
    static final int MAX_BODY_BYTES = 64 << 20;
    private static final int MAX_LINE_BYTES = 16 << 10;

    private final InputStream in;

    private HttpResponseReader(InputStream in) {
        this.in = in;
    }

    static ApiResponse read(InputStream stream) throws IOException {
        return new HttpResponseReader(new BufferedInputStream(stream, 8192)).response();
    }

    private ApiResponse response() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new IOException("malformed HTTP status line '" + statusLine + "'");
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed HTTP header '" + header + "'");
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = parseLength(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
            }
        }
        byte[] body;
        if (status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if (chunked) {
            body = chunkedBody();
        } else if (length >= 0) {
            body = exactly(length);
        } else {
            body = untilEnd();
        }
        return new ApiResponse(status, new String(body, StandardCharsets.UTF_8));
    }

    private static long parseLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value);
            if (length < 0 || length > MAX_BODY_BYTES) {
                throw new IOException("HTTP body of " + value + " bytes refused (limit " + MAX_BODY_BYTES + ")");
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("malformed Content-Length '" + value + "'");
        }
    }

    private byte[] exactly(long length) throws IOException {
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
            throw new IOException("HTTP body ended after " + body.length + " of " + length + " bytes");
        }
        return body;
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int extension = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed HTTP chunk size '" + sizeLine + "'");
            }
            if (size < 0 || body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("HTTP body over the limit of " + MAX_BODY_BYTES + " bytes refused");
            }
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers: none expected, skipped
                }
                return body.toByteArray();
            }
            body.write(exactly(size));
            if (!line().isEmpty()) {
                throw new IOException("malformed HTTP chunk: no line end after its data");
            }
        }
    }

    private byte[] untilEnd() throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new IOException("HTTP body over the limit of " + MAX_BODY_BYTES + " bytes refused");
        }
        return body;
    }

    /** One line without its CRLF (a bare LF is accepted); the stream ending first is an error. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException(line.size() == 0 ? "the connection closed without an answer"
                        : "the connection closed in the middle of the HTTP headers");
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("HTTP header line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
