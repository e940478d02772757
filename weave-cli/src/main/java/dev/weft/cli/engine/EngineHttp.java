package dev.weft.cli.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.cli.http.UnixSocketHttp;
import dev.weft.cli.http.UnixSocketHttp.Answer;
import dev.weft.cli.http.UnixSocketHttp.Request;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Requests to the Docker engine's HTTP API on its unix socket for {@link UnixSocketDockerEngine}; every
 * failure (unreachable engine, no answer in time, an error status) becomes an
 * {@link DockerEngine.EngineException} reading {@code <operation>: <why>}, with the engine's own message
 * when it gave one.
 */
final class EngineHttp {
    private static final int MAX_ERROR_TEXT = 300;

    private final Path socket;

    EngineHttp(Path socket) {
        this.socket = socket;
    }

    /**
     * The answer if its status is one of {@code accepted}; otherwise the engine's complaint as an exception.
     *
     * @param body a JSON body, or null for none
     */
    Answer call(String operation, String method, String target, JsonNode body, Duration deadline, int... accepted) {
        Request request = new Request(method, target);
        if (body != null) {
            request = request.withBody("application/json", JsonTrees.write(body));
        }
        Answer answer;
        try {
            answer = UnixSocketHttp.exchange(socket, request, deadline);
        } catch (SocketTimeoutException e) {
            throw new DockerEngine.EngineException(operation + ": the Docker engine at unix://" + socket
                    + " did not answer in time (" + e.getMessage() + ")", e);
        } catch (SocketException e) {
            throw new DockerEngine.EngineException(operation + ": cannot reach the Docker engine at unix://" + socket
                    + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DockerEngine.EngineException(operation + ": bad answer from the Docker engine at unix://" + socket
                    + ": " + e.getMessage(), e);
        }
        if (Arrays.stream(accepted).noneMatch(status -> status == answer.status())) {
            throw new DockerEngine.EngineException(operation + ": " + complaint(answer), null);
        }
        return answer;
    }

    /** The answer's body as JSON. */
    JsonNode tree(String operation, Answer answer) {
        try {
            return JsonTrees.read(answer.content());
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new DockerEngine.EngineException(operation + ": the Docker engine answered something other than JSON: "
                    + why, e);
        }
    }

    /** The engine's {@code {"message": ...}}, or the status and the start of the body. */
    private static String complaint(Answer answer) {
        String text = answer.body().strip();
        try {
            JsonNode message = JsonTrees.read(answer.content()).path("message");
            if (message.isTextual() && !message.asText().isBlank()) {
                return message.asText().strip();
            }
        } catch (IOException e) {
            // not JSON: shown as it is below
        }
        if (text.length() > MAX_ERROR_TEXT) {
            text = text.substring(0, MAX_ERROR_TEXT) + "...";
        }
        return "the Docker engine answered " + answer.status() + (text.isEmpty() ? "" : ": " + text);
    }

    /** A path segment: everything but RFC 3986's unreserved characters, sub-delimiters, ':' and '@' escaped. */
    static String segment(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    /** A query parameter's value. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
