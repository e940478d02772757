/*
 * sigproxy <command> [arguments ...]
 *
 * Runs <command> (looked up on PATH) as a child with the same stdin, stdout,
 * stderr and environment, and passes every catchable signal it receives
 * (SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH, ...) on to its
 * whole process group, so that a container whose PID 1 is sigproxy stops its
 * real workload on `docker stop` and sees `docker kill -s <sig>`. As PID 1 it
 * also reaps the orphans the container leaves to it. Not passed on: SIGKILL
 * and SIGSTOP (nobody can catch them), SIGCHLD (its own, for reaping), and the
 * fault signals (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS), which are
 * left to act on sigproxy itself.
 *
 * Exit status:
 *   0..254  the child exited normally with this status
 *   255     the child was killed by a signal
 *   1       usage error (no command), the child could not be started,
 *           or a system call failed (a one-line message is printed to stderr)
 *
 * Signals are never handled asynchronously: all of them are blocked before
 * the child starts and taken one at a time with sigwaitinfo(),
 * so none is lost between start-up and the wait loop. Sending a signal to our
 * own group delivers it to us too; that echo is recognised by its sender and
 * dropped, so one incoming signal is forwarded exactly once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define EXIT_FAILURE_OURS 1
#define EXIT_KILLED_BY_SIGNAL 255

extern char **environ;

static void die(const char *what)
{
	fprintf(stderr, "sigproxy: %s: %s\n", what, strerror(errno));
	exit(EXIT_FAILURE_OURS);
}

/*
 * Whether a received signal should be passed on to the process group.
 * Not when we sent it ourselves (the echo of a forward), and not when the
 * kernel raised it for a terminal (Ctrl-C): the tty already signalled the
 * whole foreground group, the child included.
 */
static bool should_forward(const siginfo_t *info, pid_t self)
{
	if (info->si_code == SI_USER && info->si_pid == self)
		return false;
	return info->si_code != SI_KERNEL;
}

/* The status sigproxy exits with for a child's wait status. */
static int exit_status_for(int wait_status)
{
	if (WIFEXITED(wait_status))
		return WEXITSTATUS(wait_status);
	return EXIT_KILLED_BY_SIGNAL;
}

/* Signals the kernel raises for a fault of this very process: blocking them would be fatal. */
static bool is_fault(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL || sig == SIGTRAP || sig == SIGSYS;
}

/* Every signal sigproxy takes with sigwaitinfo(): all that can be caught, less the fault signals. */
static void handled_signals(sigset_t *set)
{
	if (sigfillset(set) < 0 || sigdelset(set, SIGKILL) < 0 || sigdelset(set, SIGSTOP) < 0)
		die("sigset");
	for (int sig = 1; sig < NSIG; sig++)
		if (is_fault(sig) && sigdelset(set, sig) < 0)
			die("sigset");
}

static pid_t start_child(char *const argv[], const sigset_t *parent_mask)
{
	posix_spawnattr_t attr;
	sigset_t defaults;
	pid_t pid;
	int err;

	if ((err = posix_spawnattr_init(&attr)) != 0)
		goto fail;
	/* Even if we were started with them ignored (a background job): the child is meant to act on them. */
	if (sigemptyset(&defaults) < 0 || sigaddset(&defaults, SIGINT) < 0 ||
	    sigaddset(&defaults, SIGQUIT) < 0 || sigaddset(&defaults, SIGTERM) < 0)
		die("sigset");
	if ((err = posix_spawnattr_setsigdefault(&attr, &defaults)) != 0 ||
	    (err = posix_spawnattr_setsigmask(&attr, parent_mask)) != 0 ||
	    (err = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)) != 0)
		goto fail;
	err = posix_spawnp(&pid, argv[0], NULL, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	if (err != 0) {
		fprintf(stderr, "sigproxy: cannot start %s: %s\n", argv[0], strerror(err));
		exit(EXIT_FAILURE_OURS);
	}
	return pid;
fail:
	errno = err;
	die("posix_spawnattr");
	return -1;
}

static void forward(int sig, pid_t child)
{
	if (kill(0, sig) < 0)
		die("kill process group");
	/* A child that moved to a group of its own would not get the group signal. */
	pid_t child_group = getpgid(child);
	if (child_group >= 0 && child_group != getpgrp() && kill(child, sig) < 0 && errno != ESRCH)
		die("kill child");
}

/*
 * Reaps every exited child (as PID 1 we inherit orphans) and returns true
 * with *status set once our own child is among them.
 */
static bool reap(pid_t child, int *status)
{
	bool child_done = false;
	for (;;) {
		int ws;
		pid_t pid = waitpid(-1, &ws, WNOHANG);
		if (pid == 0 || (pid < 0 && errno == ECHILD))
			return child_done;
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			die("waitpid");
		}
		if (pid == child) {
			*status = ws;
			child_done = true;
		}
	}
}

int main(int argc, char *argv[])
{
	sigset_t handled, original;
	pid_t self = getpid();

	if (argc < 2) {
		fputs("USAGE: sigproxy <command> [arguments ...]\n", stderr);
		return EXIT_FAILURE_OURS;
	}

	handled_signals(&handled);
	if (sigprocmask(SIG_BLOCK, &handled, &original) < 0)
		die("sigprocmask");

	pid_t child = start_child(&argv[1], &original);

	for (;;) {
		siginfo_t info;
		int status;
		if (sigwaitinfo(&handled, &info) < 0) {
			if (errno == EINTR)
				continue;
			die("sigwaitinfo");
		}
		if (info.si_signo == SIGCHLD) {
			if (reap(child, &status))
				return exit_status_for(status);
		} else if (should_forward(&info, self)) {
			forward(info.si_signo, child);
		}
	}
}
