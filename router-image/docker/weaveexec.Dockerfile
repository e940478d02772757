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
# the class data archive of the classes the everyday commands load (ArchiveTraining), on top of the
# runtime's own, made here (the router image holds only the router's archive, whose class path is the
# router's); the CLI maps them instead of loading classes on every run
RUN [ -f /opt/java/lib/server/classes.jsa ] || java -Xshare:dump >/dev/null 2>&1 || true
RUN java -XX:TieredStopAtLevel=1 -XX:+UseG1GC -Xms8m -Xmx256m -XX:-UsePerfData -XX:ArchiveClassesAtExit=/home/weave/weave.jsa \
        -cp /home/weave/weave-cli.jar dev.weft.cli.ArchiveTraining >/dev/null 2>&1 \
    || rm -f /home/weave/weave.jsa
ENTRYPOINT ["/home/weave/sigproxy", "/home/weave/weave"]
