/*
 * weavewait <command> [arguments ...]
 *
 * Container entrypoint prefix: waits until the container's weave network is
 * usable, then finds <command> on PATH and execs it with the remaining
 * arguments and the same environment (same PID, so signals reach it directly).
 *
 * What it waits for is fixed when it is built (WAIT_FOR, see the Makefile):
 *   weavewait          (volume /w)          "ethwe" present and up, then an
 *                                           IPv4 route with destination 224.0.0.0
 *   weavewait-nomcast  (volume /w-nomcast)  "ethwe" present and up
 *   weavewait-noop     (volume /w-noop)     nothing
 *
 * Exit status (only when the exec does not happen; otherwise it is the command's):
 *   1  no command given ("No command specified"), the command cannot be
 *      executed, or a system call failed; a one-line message goes to stderr.
 *
 * Waiting uses no polling: it subscribes to rtnetlink link (and route)
 * notifications first, then reads the current state with dumps on the same
 * socket, then blocks for notifications until the condition holds. A change
 * made while the dump runs therefore arrives as a notification and is never
 * missed. If the kernel reports lost notifications (ENOBUFS) or an
 * inconsistent dump, the whole subscribe-then-dump is redone.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define EXIT_FAILURE_OURS 1

#define WAIT_NOTHING 0
#define WAIT_LINK_UP 1
#define WAIT_LINK_UP_AND_MCAST_ROUTE 2
#ifndef WAIT_FOR
#define WAIT_FOR WAIT_LINK_UP_AND_MCAST_ROUTE
#endif

#define WEAVE_INTERFACE "ethwe"
#define MCAST_DESTINATION 0xe0000000u /* 224.0.0.0, host order */

/* What is known about the container's network, as rtnetlink reported it. */
struct net_state {
	int ethwe_index; /* 0 while there is no interface of that name */
	bool ethwe_up;
	bool mcast_route;
	int mcast_route_oif; /* output interface of that route, 0 if none given */
};

/* Outcome of reading from the socket. */
enum read_result { READ_MORE, READ_DUMP_DONE, READ_RESYNC };

static void die(const char *what)
{
	fprintf(stderr, "weavewait: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE_OURS);
}

static bool is_ready(const struct net_state *s)
{
	switch (WAIT_FOR) {
	case WAIT_LINK_UP:
		return s->ethwe_up;
	case WAIT_LINK_UP_AND_MCAST_ROUTE:
		return s->ethwe_up && s->mcast_route;
	default:
		return true;
	}
}

/* Updates the state from an RTM_NEWLINK or RTM_DELLINK message. */
static void apply_link(struct net_state *s, const struct nlmsghdr *h)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(h);
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return;
	const char *name = NULL;
	int len = IFLA_PAYLOAD(h);
	for (const struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == IFLA_IFNAME && RTA_PAYLOAD(a) > 0 &&
		    memchr(RTA_DATA(a), '\0', RTA_PAYLOAD(a)) != NULL)
			name = RTA_DATA(a);
	}
	bool gone = h->nlmsg_type == RTM_DELLINK;
	bool up = !gone && (ifi->ifi_flags & IFF_UP);

	if (name != NULL && strcmp(name, WEAVE_INTERFACE) == 0 && !gone) {
		s->ethwe_index = ifi->ifi_index;
		s->ethwe_up = up;
	} else if (ifi->ifi_index == s->ethwe_index) {
		/* deleted, or renamed to something else */
		s->ethwe_index = 0;
		s->ethwe_up = false;
	}
	/* Taking a link down flushes its IPv4 routes without RTM_DELROUTE messages. */
	if (!up && s->mcast_route && ifi->ifi_index == s->mcast_route_oif) {
		s->mcast_route = false;
		s->mcast_route_oif = 0;
	}
}

/* Updates the state from an RTM_NEWROUTE or RTM_DELROUTE message. */
static void apply_route(struct net_state *s, const struct nlmsghdr *h)
{
	const struct rtmsg *rt = NLMSG_DATA(h);
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*rt)) || rt->rtm_family != AF_INET || rt->rtm_dst_len == 0)
		return;
	bool mcast = false;
	int oif = 0;
	int len = RTM_PAYLOAD(h);
	for (const struct rtattr *a = RTM_RTA(rt); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == RTA_DST && RTA_PAYLOAD(a) == sizeof(uint32_t)) {
			uint32_t dst;
			memcpy(&dst, RTA_DATA(a), sizeof(dst));
			mcast = ntohl(dst) == MCAST_DESTINATION;
		} else if (a->rta_type == RTA_OIF && RTA_PAYLOAD(a) == sizeof(int)) {
			memcpy(&oif, RTA_DATA(a), sizeof(oif));
		}
	}
	if (!mcast)
		return;
	s->mcast_route = h->nlmsg_type == RTM_NEWROUTE;
	s->mcast_route_oif = s->mcast_route ? oif : 0;
}

static int open_subscribed_socket(void)
{
	unsigned groups = RTMGRP_LINK;
	if (WAIT_FOR == WAIT_LINK_UP_AND_MCAST_ROUTE)
		groups |= RTMGRP_IPV4_ROUTE;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		die("netlink socket");
	struct sockaddr_nl local = { .nl_family = AF_NETLINK, .nl_groups = groups };
	if (bind(fd, (struct sockaddr *)&local, sizeof(local)) < 0)
		die("subscribe to rtnetlink");
	return fd;
}

/* Asks for every link (RTM_GETLINK) or every IPv4 route (RTM_GETROUTE). */
static void request_dump(int fd, uint16_t type, uint32_t seq)
{
	struct {
		struct nlmsghdr h;
		union {
			struct ifinfomsg link;
			struct rtmsg route;
		} body;
	} req;
	memset(&req, 0, sizeof(req));
	if (type == RTM_GETLINK) {
		req.h.nlmsg_len = NLMSG_LENGTH(sizeof(req.body.link));
		req.body.link.ifi_family = AF_UNSPEC;
	} else {
		req.h.nlmsg_len = NLMSG_LENGTH(sizeof(req.body.route));
		req.body.route.rtm_family = AF_INET;
	}
	req.h.nlmsg_type = type;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = seq;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	if (sendto(fd, &req, req.h.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		die("netlink dump request");
}

/*
 * Reads one datagram and applies every message in it. dump_seq is the
 * sequence number of the dump in progress, or 0 while only waiting.
 */
static enum read_result read_messages(int fd, struct net_state *s, uint32_t dump_seq)
{
	static char buf[64 * 1024] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct sockaddr_nl from;
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr msg = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &iov, .msg_iovlen = 1 };

	ssize_t n = recvmsg(fd, &msg, 0);
	if (n < 0) {
		if (errno == EINTR)
			return READ_MORE;
		if (errno == ENOBUFS)
			return READ_RESYNC;
		die("netlink receive");
	}
	if (msg.msg_flags & MSG_TRUNC) {
		errno = EMSGSIZE;
		die("netlink receive");
	}
	if (from.nl_pid != 0)
		return READ_MORE; /* not from the kernel */

	enum read_result result = READ_MORE;
	int len = (int)n;
	for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
		bool ours = dump_seq != 0 && h->nlmsg_seq == dump_seq;
		if (ours && (h->nlmsg_flags & NLM_F_DUMP_INTR))
			return READ_RESYNC;
		switch (h->nlmsg_type) {
		case NLMSG_DONE:
			if (ours)
				result = READ_DUMP_DONE;
			break;
		case NLMSG_ERROR:
			if (ours) {
				const struct nlmsgerr *e = NLMSG_DATA(h);
				errno = -e->error;
				die("netlink dump");
			}
			break;
		case RTM_NEWLINK:
		case RTM_DELLINK:
			apply_link(s, h);
			break;
		case RTM_NEWROUTE:
		case RTM_DELROUTE:
			apply_route(s, h);
			break;
		}
	}
	return result;
}

/* Runs one dump to completion, applying notifications that arrive meanwhile. */
static bool dump(int fd, struct net_state *s, uint16_t type, uint32_t seq)
{
	request_dump(fd, type, seq);
	for (;;) {
		switch (read_messages(fd, s, seq)) {
		case READ_DUMP_DONE:
			return true;
		case READ_RESYNC:
			return false;
		case READ_MORE:
			break;
		}
	}
}

/*
 * Subscribes, reads the current state, then waits for notifications.
 * Returns false when notifications were lost and it must start over.
 */
static bool wait_once(uint32_t *seq)
{
	struct net_state state = { 0 };
	int fd = open_subscribed_socket();
	bool synced = dump(fd, &state, RTM_GETLINK, ++*seq);
	if (synced && WAIT_FOR == WAIT_LINK_UP_AND_MCAST_ROUTE)
		synced = dump(fd, &state, RTM_GETROUTE, ++*seq);
	while (synced && !is_ready(&state))
		synced = read_messages(fd, &state, 0) != READ_RESYNC;
	if (close(fd) < 0)
		die("close netlink socket");
	return synced;
}

static void wait_for_network(void)
{
	uint32_t seq = 0;
	if (WAIT_FOR == WAIT_NOTHING)
		return;
	while (!wait_once(&seq))
		;
}

int main(int argc, char *argv[])
{
	if (argc < 2) {
		fputs("No command specified\n", stderr);
		return EXIT_FAILURE_OURS;
	}
	wait_for_network();
	execvp(argv[1], &argv[1]);
	fprintf(stderr, "weavewait: cannot run %s: %s\n", argv[1], strerror(errno));
	return EXIT_FAILURE_OURS;
}
