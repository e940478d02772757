package dev.weft.cli.service;

import java.util.List;

/**
 * What {@code weave launch} was asked for.
 *
 * @param ipallocRange null when not given; empty to disable IP allocation
 * @param password     null when not given (the WEAVE_PASSWORD variable may still give one)
 * @param routerArgs   everything launch does not handle itself, peers included, in the user's order
 * @param proxy        the Docker API proxy's listen addresses and TLS flags
 */
public record LaunchOptions(String port, String ipallocRange, String password, boolean noRestart,
                            List<String> routerArgs, ProxyLaunch.Options proxy) {
}
