/**
 * IP address management for the router (SPEC §5), shared by the peers of the mesh.
 *
 * <p>Pure logic: {@link dev.weft.router.ipam.Ring} (tokens at range starts, merged by version under
 * the guards of {@code RingMerge}), {@code Space}/{@code Spaces} (the addresses in use in the ranges we
 * own, and what we give away), {@code Paxos} (single-decree consensus over gossip on which peers share
 * the range), {@code SpaceRequests} (whom to ask for space) and {@code Allocator} (requests, claims,
 * owners, container lifetime, and what other peers tell us). The allocator is confined to the single
 * thread that {@link dev.weft.router.ipam.Ipam} owns; HTTP, Docker-event and mesh threads submit to it
 * and wait on futures, so a blocked allocation never blocks IPAM itself.
 *
 * <p>Gossip: channel {@code IPallocation} carries {@code IpamMessage}s in weft's own binary encoding
 * ({@code IpamCodec}): a peer's state (ring, or consensus knowledge before it exists, and nicknames),
 * space requests and their replies, and an observer's request for the ring.
 *
 * <p>Persistence: every operation writes its changes to the shared
 * {@link dev.weft.router.store.Store} in ONE transaction (map {@code ipam}: {@code version},
 * {@code peername}, {@code ring}, {@code nicknames}; map {@code ownedAddresses}: id → record), and the
 * store commits and syncs it before any caller is answered or any peer told. The address-in-use sets
 * are not stored; they are rebuilt from the owners at start.
 */
package dev.weft.router.ipam;
