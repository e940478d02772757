package dev.weft.cli.service;

import java.util.List;

/** The TLS flags on a {@code dockerd} command line, as the proxy should copy them. */
final class DockerdTlsFlags {
    private DockerdTlsFlags() {}

    static ProxyLaunch.Options parse(List<String> commandLine, List<String> hosts) {
        boolean tls = false;
        boolean verify = false;
        String ca = null;
        String cert = null;
        String key = null;
        for (int i = 0; i < commandLine.size(); i++) {
            String arg = commandLine.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--tls", "-tls" -> tls = inline == null || Boolean.parseBoolean(inline);
                case "--tlsverify", "-tlsverify" -> verify = inline == null || Boolean.parseBoolean(inline);
                case "--tlscacert", "-tlscacert", "--tlscert", "-tlscert", "--tlskey", "-tlskey" -> {
                    String value = inline != null ? inline : i + 1 < commandLine.size() ? commandLine.get(++i) : null;
                    switch (name.replaceFirst("^-+", "")) {
                        case "tlscacert" -> ca = value;
                        case "tlscert" -> cert = value;
                        default -> key = value;
                    }
                }
                default -> { }
            }
        }
        if (!tls && !verify) {
            return new ProxyLaunch.Options(hosts, false, false, null, null, null, true);
        }
        // dockerd's own defaults when it names no files ($DOCKER_CERT_PATH of dockerd cannot be known)
        return new ProxyLaunch.Options(hosts, tls, verify, verify ? orDefault(ca, "ca.pem") : null,
                orDefault(cert, "cert.pem"), orDefault(key, "key.pem"), true);
    }

    private static String orDefault(String file, String name) {
        return file != null ? file : "/root/.docker/" + name;
    }
}
