/**
 * The peer mesh (SPEC §7): peers, connections over TCP 6783, topology gossip, routes and gossip
 * channels, modelled on weaveworks/mesh (one concept per file).
 *
 * <p>The seams other packages use are the small interfaces here:
 * <ul>
 *   <li>{@link dev.weft.router.mesh.GossipChannels} makes a named {@link dev.weft.router.mesh.Gossip}
 *       channel for a {@link dev.weft.router.mesh.Gossiper} (IPAM uses {@code IPallocation}, weaveDNS
 *       {@code nameserver});</li>
 *   <li>{@link dev.weft.router.mesh.Membership} tells which peers are reachable, their nicknames,
 *       and when that changes;</li>
 *   <li>{@link dev.weft.router.mesh.Overlay} is the data plane's hook into every connection, and
 *       {@link dev.weft.router.mesh.MeshRoutes} gives it unicast next hops and broadcast trees.</li>
 * </ul>
 * Tests of those packages use fakes of these interfaces; the mesh's own tests join several real
 * routers over in-memory connections.
 */
package dev.weft.router.mesh;
