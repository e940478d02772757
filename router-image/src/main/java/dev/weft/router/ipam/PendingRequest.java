package dev.weft.router.ipam;

import dev.weft.weaveutil.addr.Cidr;
import java.util.concurrent.CompletableFuture;

/** An allocation or claim that could not be answered yet. */
sealed interface PendingRequest {
    String id();

    CompletableFuture<?> result();

    record Allocate(String id, Cidr subnet, boolean isContainer, CompletableFuture<Cidr> result)
            implements PendingRequest {}

    /** {@code answered} is true for {@code noErrorOnUnknown} claims, whose caller already got its reply. */
    record Claim(String id, Cidr cidr, boolean isContainer, boolean answered, CompletableFuture<Void> result)
            implements PendingRequest {}
}
