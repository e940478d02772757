/**
 * The peer's embedded database: one MVStore file ({@code <db-prefix>data.db}) shared by IPAM and
 * weaveDNS through {@link dev.weft.router.store.Store}. Commits are explicit and synced to disk;
 * {@code dev.weft.router.crash.IpamCrashTest} kills a writer with SIGKILL to show nothing answered is lost.
 */
package dev.weft.router.store;
