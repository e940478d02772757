package dev.weft.cli.testing;

import dev.weft.cli.api.WeaveApi;
import dev.weft.cli.api.ApiResponse;
import dev.weft.cli.api.ApiUnreachableException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A router API that answers from a table of {@code "METHOD /path"} entries and records every request. */
public final class FakeWeaveApi implements WeaveApi {

    /** One request as the fake received it. */
    public record Request(Listener listener, String method, String path, Map<String, List<String>> params,
                          String accept) {
        public String line() {
            return method + " " + path + (params.isEmpty() ? "" : " " + params);
        }
    }

    private final Map<String, ApiResponse> answers = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private boolean down;

    public FakeWeaveApi answer(String methodAndPath, int status, String body) {
        answers.put(methodAndPath, new ApiResponse(status, body));
        return this;
    }

    /** Nothing listens: every call fails as a refused connection. */
    public FakeWeaveApi down() {
        down = true;
        return this;
    }

    /** Something listens again (e.g. the router container was started). */
    public FakeWeaveApi up() {
        down = false;
        return this;
    }

    public List<Request> requests() {
        return requests;
    }

    public List<String> lines() {
        return requests.stream().map(Request::line).toList();
    }

    @Override
    public ApiResponse call(Listener listener, String method, String path, Map<String, List<String>> params,
                               String accept) throws ApiUnreachableException {
        requests.add(new Request(listener, method, path, params, accept));
        if (down) {
            throw new ApiUnreachableException("127.0.0.1:6784", new ConnectException("Connection refused"));
        }
        ApiResponse answer = answers.get(method + " " + path);
        if (answer == null) {
            return new ApiResponse(404, "404 page not found\n");
        }
        return answer;
    }

}
