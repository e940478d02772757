package dev.weft.weaveutil.nl;

import java.util.Map;

/** Linux errno numbers by name, so messages say {@code EEXIST} rather than 17. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int EOPNOTSUPP = 95;
    public static final int EADDRNOTAVAIL = 99;

    private static final Map<Integer, String[]> KNOWN = Map.ofEntries(
            Map.entry(1, new String[] {"EPERM", "operation not permitted"}),
            Map.entry(2, new String[] {"ENOENT", "no such file or directory"}),
            Map.entry(3, new String[] {"ESRCH", "no such process"}),
            Map.entry(4, new String[] {"EINTR", "interrupted system call"}),
            Map.entry(5, new String[] {"EIO", "input/output error"}),
            Map.entry(6, new String[] {"ENXIO", "no such device or address"}),
            Map.entry(9, new String[] {"EBADF", "bad file descriptor"}),
            Map.entry(11, new String[] {"EAGAIN", "resource temporarily unavailable"}),
            Map.entry(12, new String[] {"ENOMEM", "cannot allocate memory"}),
            Map.entry(13, new String[] {"EACCES", "permission denied"}),
            Map.entry(16, new String[] {"EBUSY", "device or resource busy"}),
            Map.entry(17, new String[] {"EEXIST", "file exists"}),
            Map.entry(18, new String[] {"EXDEV", "invalid cross-device link"}),
            Map.entry(19, new String[] {"ENODEV", "no such device"}),
            Map.entry(20, new String[] {"ENOTDIR", "not a directory"}),
            Map.entry(22, new String[] {"EINVAL", "invalid argument"}),
            Map.entry(24, new String[] {"EMFILE", "too many open files"}),
            Map.entry(28, new String[] {"ENOSPC", "no space left on device"}),
            Map.entry(34, new String[] {"ERANGE", "numerical result out of range"}),
            Map.entry(36, new String[] {"ENAMETOOLONG", "file name too long"}),
            Map.entry(90, new String[] {"EMSGSIZE", "message too long"}),
            Map.entry(92, new String[] {"ENOPROTOOPT", "protocol not available"}),
            Map.entry(93, new String[] {"EPROTONOSUPPORT", "protocol not supported"}),
            Map.entry(95, new String[] {"EOPNOTSUPP", "operation not supported"}),
            Map.entry(97, new String[] {"EAFNOSUPPORT", "address family not supported by protocol"}),
            Map.entry(98, new String[] {"EADDRINUSE", "address already in use"}),
            Map.entry(99, new String[] {"EADDRNOTAVAIL", "cannot assign requested address"}),
            Map.entry(100, new String[] {"ENETDOWN", "network is down"}),
            Map.entry(101, new String[] {"ENETUNREACH", "network is unreachable"}),
            Map.entry(105, new String[] {"ENOBUFS", "no buffer space available"}),
            Map.entry(110, new String[] {"ETIMEDOUT", "connection timed out"}),
            Map.entry(113, new String[] {"EHOSTUNREACH", "no route to host"}),
            Map.entry(114, new String[] {"EALREADY", "operation already in progress"}));

    private Errno() {
    }

    /** The symbolic name, e.g. {@code EEXIST}, or {@code errno 42} for numbers not listed. */
    public static String name(int errno) {
        String[] known = KNOWN.get(errno);
        return known != null ? known[0] : "errno " + errno;
    }

    /** Name and meaning, e.g. {@code EEXIST (file exists)}. */
    public static String describe(int errno) {
        String[] known = KNOWN.get(errno);
        return known != null ? known[0] + " (" + known[1] + ")" : "errno " + errno;
    }
}
