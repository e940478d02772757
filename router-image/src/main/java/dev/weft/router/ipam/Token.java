package dev.weft.router.ipam;

import dev.weft.router.identity.PeerName;

/** One ring entry: who owns the range starting here, the owner's version of it, and how much of it is free. */
public record Token(PeerName owner, long version, long free) {
    public Token withFree(long newFree) {
        return new Token(owner, version + 1, newFree);
    }
}
