# weft/weaveexec: the weave CLI in a container (for remote engines), on top of the router image so
# that both share their layers; plus sigproxy and the weavewait builds for the /w volumes.
ARG ROUTER_IMAGE=weft/weave:0.1.0
FROM ${ROUTER_IMAGE}
ARG VERSION=0.1.0
LABEL works.weave.role=system weft.image=weaveexec weft.version=${VERSION}
COPY cli/lib/ /home/weave/lib/
COPY cli/weave-cli.jar /home/weave/weave-cli.jar
COPY bin/ /home/weave/
COPY w/ /
COPY scripts/weave /home/weave/weave
# a class data archive of what one CLI run loads: later runs map it instead of loading classes
RUN WEAVE_HTTP_ADDR=127.0.0.1:1 WEAVE_STATUS_ADDR=127.0.0.1:1 java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
        -XX:ArchiveClassesAtExit=/home/weave/weave.jsa -jar /home/weave/weave-cli.jar version >/dev/null 2>&1 \
    || rm -f /home/weave/weave.jsa
ENTRYPOINT ["/home/weave/sigproxy", "/home/weave/weave"]
