package dev.weft.cli.service;

import dev.weft.cli.WeftVersion;

/** The images weft builds locally ({@code weave setup}); there is no registry to pull from. */
public final class Images {
    public static final String ROUTER = "weft/weave:" + WeftVersion.VERSION;
    public static final String EXEC = "weft/weaveexec:" + WeftVersion.VERSION;
    public static final String DB = "weft/weavedb:latest";
    /** Label on containers holding weft's persisted state; {@code reset} removes them with their volumes. */
    public static final String VOLUMES_LABEL = "weavevolumes";
    /** Holds the weavewait builds the Docker API proxy binds into containers (never started). */
    public static final String VOLUMES_CONTAINER = "weavevolumes-" + WeftVersion.VERSION;

    private Images() {
    }
}
