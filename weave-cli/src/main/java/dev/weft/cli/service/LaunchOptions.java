package dev.weft.cli.service;

import dev.weft.cli.Env;
import java.util.List;

/**
 * What {@code weave launch} was asked for.
 *
 * @param ipallocRange null when not given; empty to disable IP allocation
 * @param password     null when not given (the WEAVE_PASSWORD variable may still give one)
 * @param httpAddr     {@code --http-addr} when given, else null (WEAVE_HTTP_ADDR)
 * @param statusAddr   {@code --status-addr} when given, else null (WEAVE_STATUS_ADDR)
 * @param routerArgs   everything launch does not handle itself, peers included, in the user's order
 * @param proxy        the Docker API proxy's listen addresses and TLS flags
 */
public record LaunchOptions(String port, String ipallocRange, String password, boolean noRestart,
                            String httpAddr, String statusAddr, List<String> routerArgs, ProxyLaunch.Options proxy) {

    /** Where the router's API will listen: {@code --http-addr}, else WEAVE_HTTP_ADDR or its default. */
    public String effectiveHttpAddr(Env env) {
        return httpAddr != null ? httpAddr : env.httpAddr();
    }

    /** Where the router's status API will listen (empty: disabled). */
    public String effectiveStatusAddr(Env env) {
        return statusAddr != null ? statusAddr : env.statusAddr();
    }

    /** Only the router's own flags and peers (the rest at their defaults). */
    public static LaunchOptions of(List<String> routerArgs) {
        return new LaunchOptions(null, null, null, false, null, null, routerArgs, ProxyLaunch.Options.none());
    }
}
