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
# the class data archive (AppCDS) of the classes a router loads until its first mesh connection, JDK
# ones included: the router maps them instead of loading, verifying and linking ~5,000 classes from
# jars at every start. Made from a committed class list (router-image/train-class-list makes it);
# names the jars no longer have are skipped. It replaces the runtime's own archive (assemble-runtime makes
# none); if it cannot be made, the runtime's is made instead, so that no JVM here starts without one.
COPY router/router.classlist /home/weave/router.classlist
RUN java -Xshare:dump -XX:+UseSerialGC -XX:SharedClassListFile=/home/weave/router.classlist \
        -XX:SharedArchiveFile=/home/weave/router.jsa -cp /home/weave/router.jar >/dev/null 2>&1 \
    || { rm -f /home/weave/router.jsa; java -Xshare:dump >/dev/null 2>&1; }
WORKDIR /home/weave
ENTRYPOINT ["/home/weave/weaver"]
