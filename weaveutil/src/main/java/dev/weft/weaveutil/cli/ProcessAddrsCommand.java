package dev.weft.weaveutil.cli;

import dev.weft.weaveutil.ns.NetNs;
import dev.weft.weaveutil.ns.NoSuchNamespaceException;
import dev.weft.weaveutil.plumbing.InterfaceInfo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code process-addrs <bridge>}: like {@code container-addrs} for every network namespace that a
 * running process is in, each named by its lowest PID; the caller's own namespace is skipped.
 */
final class ProcessAddrsCommand implements Command {
    @Override
    public String name() {
        return "process-addrs";
    }

    @Override
    public String usage() {
        return "<bridge>";
    }

    @Override
    public void run(List<String> args, CliContext context) throws IOException {
        if (args.size() != 1) {
            throw UsageException.of(this);
        }
        String bridge = args.get(0);
        Object own = Files.getAttribute(Path.of("/proc/thread-self/ns/net"), "unix:ino");
        Set<Object> seen = new HashSet<>();
        seen.add(own);
        for (int pid : pids()) {
            Path nsPath = Path.of("/proc", Integer.toString(pid), "ns", "net");
            Object inode;
            try {
                inode = Files.getAttribute(nsPath, "unix:ino");
            } catch (IOException e) {
                continue; // exited meanwhile, or a kernel thread
            }
            if (!seen.add(inode)) {
                continue;
            }
            try (NetNs ns = NetNs.ofPath(nsPath)) {
                for (InterfaceInfo info : context.plumbing().interfacesOnBridge(ns, bridge)) {
                    ContainerAddrsCommand.print(context, Integer.toString(pid), info);
                }
            } catch (NoSuchNamespaceException e) {
                // exited meanwhile
            }
        }
    }

    private static Set<Integer> pids() throws IOException {
        Set<Integer> pids = new TreeSet<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : proc) {
                pids.add(Integer.parseInt(p.getFileName().toString()));
            }
        }
        return pids;
    }
}
