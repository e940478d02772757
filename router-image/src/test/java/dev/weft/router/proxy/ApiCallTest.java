package dev.weft.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.proxy.ApiCall.Kind;
import org.junit.jupiter.api.Test;

class ApiCallTest {

    @Test
    void recognisesTheCallsTheProxyRewritesWithOrWithoutVersion() {
        assertEquals(new ApiCall(Kind.CREATE_CONTAINER, ""), ApiCall.classify("POST", "/v1.41/containers/create"));
        assertEquals(new ApiCall(Kind.CREATE_CONTAINER, ""), ApiCall.classify("POST", "/containers/create"));
        assertEquals(new ApiCall(Kind.START_CONTAINER, "c1"), ApiCall.classify("POST", "/v1.24/containers/c1/start"));
        assertEquals(new ApiCall(Kind.RESTART_CONTAINER, "abc"), ApiCall.classify("POST", "/containers/abc/restart"));
        assertEquals(new ApiCall(Kind.INSPECT_CONTAINER, "abc"), ApiCall.classify("GET", "/v1.41/containers/abc/json"));
        assertEquals(new ApiCall(Kind.CREATE_EXEC, "abc"), ApiCall.classify("POST", "/v1.41/containers/abc/exec"));
        assertEquals(new ApiCall(Kind.INSPECT_EXEC, "e1"), ApiCall.classify("GET", "/v1.41/exec/e1/json"));
    }

    @Test
    void connectionTakeovers() {
        assertTrue(ApiCall.classify("POST", "/v1.41/containers/abc/attach").mayHijack());
        assertTrue(ApiCall.classify("POST", "/v1.41/exec/e1/start").mayHijack());
        assertFalse(ApiCall.classify("POST", "/v1.41/containers/abc/start").mayHijack());
    }

    @Test
    void everythingElseIsPassedThrough() {
        assertEquals(ApiCall.OTHER, ApiCall.classify("GET", "/v1.41/containers/json"));
        assertEquals(ApiCall.OTHER, ApiCall.classify("GET", "/containers/create"));
        assertEquals(ApiCall.OTHER, ApiCall.classify("POST", "/v1.41/containers/abc/kill"));
        assertEquals(ApiCall.OTHER, ApiCall.classify("GET", "/v1.41/containers/abc/logs"));
        assertEquals(ApiCall.OTHER, ApiCall.classify("POST", "/build"));
        assertEquals(ApiCall.OTHER, ApiCall.classify("POST", "/vx/containers/create"));
        assertEquals(ApiCall.OTHER, ApiCall.classify("POST", "/v1.41/containers/a/b/start"));
    }

    @Test
    void pathWithoutQuery() {
        assertEquals("/containers/create", ApiCall.pathOf("/containers/create?name=c1"));
        assertEquals("/_ping", ApiCall.pathOf("/_ping"));
    }
}
