package dev.weft.weaveutil.model;

/** Any other link: physical devices, loopback, and kinds weaveutil does not model. */
public record Device(LinkAttrs attrs, String kind) implements Link {
}
