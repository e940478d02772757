/**
 * Network namespaces, and how to do work inside one from a JVM.
 *
 * <p>{@code setns(2)} moves only the calling <em>thread</em> into a namespace. In a JVM that is a
 * hazard: a thread from a pool (or a virtual thread, which hops between carrier threads) that is
 * left in a container's namespace would silently run unrelated later work there, binding sockets
 * or reading {@code /proc/sys/net} in the wrong place. So {@link dev.weft.weaveutil.ns.NetNs#call}
 * starts a new platform thread for each piece of work, enters the namespace there, and switches
 * back in a {@code finally} block, checking {@code /proc/thread-self/ns/net} afterwards. The thread
 * ends with the work, so even a failed switch-back cannot leak into other work.
 *
 * <p>Entering a namespace costs a thread start; for repeated work open a netlink socket inside the
 * namespace once ({@code Netlink.open(ns)}) and use it from any thread: a socket stays bound to the
 * namespace it was created in. Likewise a process started from inside {@code call} inherits the
 * namespace of the thread that spawned it, which is how container iptables rules are written.
 *
 * <p>Only the network namespace is entered. {@code setns(CLONE_NEWNS)} (mount namespace) is refused
 * with EINVAL in a multi-threaded process such as the JVM; container files are reached through
 * {@code /proc/PID/root/...} instead.
 */
package dev.weft.weaveutil.ns;
