# weft/weavedb: a near-empty image. Its container is created, never started, and only holds the
# /weavedb volume with the router's state. The one file it carries (the entrypoint `docker create`
# names, never run: there is no shell) gives the image a layer: `docker save` of an image without any
# layer fails ("empty export - not implemented"), and the lab and users move images with save/load.
FROM scratch
LABEL works.weave.role=system weft.image=weavedb
COPY scripts/data-only /usr/local/bin/data-only
VOLUME ["/weavedb"]
ENTRYPOINT ["data-only"]
