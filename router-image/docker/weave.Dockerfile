# weft/weave: the router daemon. Built by ../build-images.sh from an assembled context (no network).
ARG BASE=weft/base:bookworm
FROM ${BASE}
ARG VERSION=0.1.0
LABEL works.weave.role=system weft.image=weave weft.version=${VERSION}
COPY router/lib/ /home/weave/lib/
COPY router/router.jar /home/weave/router.jar
COPY scripts/weaver scripts/data-only /home/weave/
RUN ln -s /home/weave/data-only /usr/local/bin/data-only
WORKDIR /home/weave
ENTRYPOINT ["/home/weave/weaver"]
