package dev.weft.router.ipam;

import dev.weft.weaveutil.addr.Cidr;
import java.util.concurrent.CompletableFuture;

/** An allocation or claim that could not be answered yet. */
sealed interface PendingRequest {
    String id();

    boolean isContainer();

    CompletableFuture<?> result();

    /** Waits for an address in {@code subnet}; {@code wanted} is the space asked of other peers, once asked. */
    final class Allocate implements PendingRequest {
        private final String id;
        private final Cidr subnet;
        private final boolean isContainer;
        private final CompletableFuture<Cidr> result;
        AddressRange wanted;

        Allocate(String id, Cidr subnet, boolean isContainer, CompletableFuture<Cidr> result) {
            this.id = id;
            this.subnet = subnet;
            this.isContainer = isContainer;
            this.result = result;
        }

        @Override
        public String id() {
            return id;
        }

        Cidr subnet() {
            return subnet;
        }

        @Override
        public boolean isContainer() {
            return isContainer;
        }

        @Override
        public CompletableFuture<Cidr> result() {
            return result;
        }
    }

    /**
     * Waits to record {@code cidr}. {@code answered} is true for {@code noErrorOnUnknown} claims, whose
     * caller already got its reply. While another peer owns the address, {@code attempts} counts the
     * requests for it (one every 5 s); {@code deniedBy} is set when its owner refused.
     */
    final class Claim implements PendingRequest {
        private final String id;
        private final Cidr cidr;
        private final boolean isContainer;
        private final boolean answered;
        private final CompletableFuture<Void> result;
        int attempts;
        long nextAttemptAt;
        dev.weft.router.identity.PeerName deniedBy;

        Claim(String id, Cidr cidr, boolean isContainer, boolean answered, CompletableFuture<Void> result) {
            this.id = id;
            this.cidr = cidr;
            this.isContainer = isContainer;
            this.answered = answered;
            this.result = result;
        }

        @Override
        public String id() {
            return id;
        }

        Cidr cidr() {
            return cidr;
        }

        @Override
        public boolean isContainer() {
            return isContainer;
        }

        boolean answered() {
            return answered;
        }

        @Override
        public CompletableFuture<Void> result() {
            return result;
        }
    }
}
