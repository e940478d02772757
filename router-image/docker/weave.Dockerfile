# weft/weave: the router daemon. Built by ../build-images.sh from an assembled context (no network).
# The build stage is the Debian base with its JDK; the image itself starts from scratch with only what
# assemble-runtime copies out of it (a jlink'ed Java runtime, the network tools and their libraries).
ARG BASE=weft/base:bookworm
FROM ${BASE} AS runtime
COPY scripts/assemble-runtime /assemble-runtime
RUN sh /assemble-runtime /runtime

FROM scratch
ARG VERSION=0.1.0
LABEL works.weave.role=system weft.image=weave weft.version=${VERSION}
ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin JAVA_HOME=/opt/java
COPY --from=runtime /runtime/ /
COPY router/lib/ /home/weave/lib/
COPY router/router.jar /home/weave/router.jar
COPY scripts/weaver scripts/data-only /home/weave/
WORKDIR /home/weave
ENTRYPOINT ["/home/weave/weaver"]
