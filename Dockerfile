# Herald: a two-stage image. Build with the Swift 6.3 toolchain, run on slim Debian with only the
# shared libraries Herald links (libmicrohttpd12, libsqlite3-0, zlib1g, libsodium23, libvips42; libcurl4 and libxml2
# for Foundation's URLSession and XMLParser, which fetch and read the header's sources). Mirrors the Makefile's steps.
FROM swift:6.3-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libmicrohttpd-dev libsqlite3-dev zlib1g-dev libsodium-dev libvips-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Templates ./Templates
COPY Tests ./Tests
RUN swift build -c release --product herald --static-swift-stdlib \
 && install -D .build/release/herald /out/bin/herald

FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libmicrohttpd12 libsqlite3-0 zlib1g libsodium23 libvips42 libcurl4 libxml2 tzdata ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin herald \
 && mkdir -p /data && chown herald:herald /data
WORKDIR /app
COPY --from=build /out/bin/herald /usr/local/bin/herald
COPY migrations ./migrations
COPY Public ./Public
COPY demo ./demo
ENV HERALD_HOST=0.0.0.0 \
    HERALD_PORT=8080 \
    HERALD_NEWSROOM_HOST=0.0.0.0 \
    HERALD_NEWSROOM_PORT=8081 \
    HERALD_DB=/data/herald.sqlite \
    HERALD_MIGRATIONS=/app/migrations \
    HERALD_PUBLIC=/app/Public \
    HERALD_DEMO=/app/demo
USER herald
VOLUME ["/data"]
# 8081 is the newsroom: publish it only on a private address (docker run -p 127.0.0.1:8081:8081).
EXPOSE 8080 8081
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${HERALD_PORT}/healthz" || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["herald"]
CMD ["serve"]
