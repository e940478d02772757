package dev.weft.router.proxy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the proxy does to the calls it intercepts. The transport holds a request's whole body when
 * {@link #rewritesRequest} says so and forwards what {@link #rewriteRequest} makes of it; it holds
 * a response when {@link #holdsResponse} says so and sends what {@link #rewriteResponse} makes of
 * it. A failed stage with a {@link ProxyException} is answered with its status and message; other
 * failures with 500. Stages may complete on any thread.
 */
public interface Interceptor {

    boolean rewritesRequest(ApiCall call);

    /** @param uri the request's URI with its query; @return the body to forward */
    CompletionStage<byte[]> rewriteRequest(ApiCall call, String uri, byte[] body);

    boolean holdsResponse(ApiCall call, int status);

    /** @return the body to send to the client (the same status and headers, the length adjusted) */
    CompletionStage<byte[]> rewriteResponse(ApiCall call, int status, byte[] body);

    /** Forwards everything unchanged. */
    Interceptor NONE = new Interceptor() {
        @Override
        public boolean rewritesRequest(ApiCall call) {
            return false;
        }

        @Override
        public CompletionStage<byte[]> rewriteRequest(ApiCall call, String uri, byte[] body) {
            return CompletableFuture.completedFuture(body);
        }

        @Override
        public boolean holdsResponse(ApiCall call, int status) {
            return false;
        }

        @Override
        public CompletionStage<byte[]> rewriteResponse(ApiCall call, int status, byte[] body) {
            return CompletableFuture.completedFuture(body);
        }
    };
}
