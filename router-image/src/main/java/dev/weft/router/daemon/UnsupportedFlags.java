package dev.weft.router.daemon;

import java.util.ArrayList;
import java.util.List;

/**
 * Flags weft parses but does not act on yet (encryption, cloud discovery, AWS VPC, Kubernetes, v2 plugin),
 * named only when set to something other than their default. {@code --plugin}, {@code --proxy} and the
 * proxy's own flags are always passed by {@code launch}, so they are accepted quietly. The router logs the
 * notices and serves them at {@code /weft/notices}, which {@code weave launch} prints on stderr.
 */
final class UnsupportedFlags {

    private UnsupportedFlags() {}

    static List<String> notices(WeaverOptions o, String environmentPassword) {
        List<String> notices = new ArrayList<>();
        if (o.effectivePassword(environmentPassword) != null) {
            notices.add("--password/WEAVE_PASSWORD: encryption is not supported yet; this router will not connect"
                    + " to peers rather than send unencrypted");
        }
        if (!o.trustedSubnets.isEmpty()) {
            notices.add("--trusted-subnets: announced to peers, but without encryption (not supported yet) all traffic"
                    + " is unencrypted anyway");
        }
        addIf(notices, o.token != null, "--token", "peer discovery through Weave Cloud is not supported");
        addIf(notices, o.advertiseAddress != null, "--advertise-address", "peer discovery is not supported");
        addIf(notices, o.pktDebug, "--pkt-debug", "there is no packet path in the router to debug yet");
        addIf(notices, o.awsvpc, "--awsvpc", "AWS VPC mode is not supported yet");
        addIf(notices, o.noMasqLocal, "--no-masq-local", "not supported yet");
        addIf(notices, o.expectNpc, "--expect-npc", "Kubernetes network policy is not supported yet");
        addIf(notices, o.pluginV2, "--plugin-v2", "the Docker v2 plugin is not supported yet");
        addIf(notices, o.pluginV2Multicast, "--plugin-v2-multicast", "the Docker v2 plugin is not supported yet");
        addIf(notices, o.profile != null, "--profile", "the router is a JVM, not Go: profile it with Java Flight "
                + "Recorder through WEAVER_JAVA_OPTS instead");
        return notices;
    }

    private static void addIf(List<String> notices, boolean set, String flag, String why) {
        if (set) {
            notices.add(flag + ": " + why + "; ignored");
        }
    }
}
