# weft/weavedb: an empty image. Its container is created, never started, and only holds the /weavedb
# volume with the router's state; the entrypoint is named for `docker create` and does not exist.
FROM scratch
LABEL works.weave.role=system weft.image=weavedb
VOLUME ["/weavedb"]
ENTRYPOINT ["data-only"]
