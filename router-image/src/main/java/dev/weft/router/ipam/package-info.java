/**
 * IP address management for the router (SPEC §5).
 *
 * <p>Pure logic: {@link dev.weft.router.ipam.Ring} (tokens at range starts, merged by version),
 * {@code Space} (the addresses in use in one range we own) and {@code Allocator} (requests, claims,
 * owners, container lifetime). The allocator is confined to the single thread that
 * {@link dev.weft.router.ipam.Ipam} owns; HTTP and Docker-event threads submit to it and wait on
 * futures, so a blocked allocation never blocks IPAM itself.
 *
 * <p>Persistence: every operation writes its changes to the shared
 * {@link dev.weft.router.store.Store} (map {@code ipam}: {@code version}, {@code peername},
 * {@code ring}; map {@code ownedAddresses}: id → record) and the store commits and syncs them
 * before any caller is answered. The address-in-use sets are not stored; they are rebuilt from the
 * owners at start.
 *
 * <p>The mesh (peers, gossip, consensus among several peers, space requests) comes later: the
 * ring's merge and transfer operations and {@link dev.weft.router.ipam.Ipam#receiveRing} are the
 * hooks for it. Until then every other peer counts as unreachable.
 */
package dev.weft.router.ipam;
