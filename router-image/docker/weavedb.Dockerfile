# weft/weavedb: never started; its container only holds the /weavedb volume with the router's state.
ARG BASE=weft/base:bookworm
FROM ${BASE}
LABEL works.weave.role=system weft.image=weavedb
COPY scripts/data-only /usr/local/bin/data-only
VOLUME ["/weavedb"]
ENTRYPOINT ["data-only"]
