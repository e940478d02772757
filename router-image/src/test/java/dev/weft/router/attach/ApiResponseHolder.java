package dev.weft.router.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.router.api.ApiException;
import org.junit.jupiter.api.function.Executable;

final class ApiResponseHolder {
    private ApiResponseHolder() {}

    static void assertFails(int status, String message, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(message, e.getMessage());
        assertEquals(status, e.status());
    }
}
