# Nexus in one container: the .NET SDK image publishes a self-contained ReadyToRun host for linux-x64, a runtime-deps
# image (no .NET inside: the publish carries its runtime) runs it as the non-root `app` user with its data on /data.
#
#   docker build -t nexus .
#   docker run -d -p 8080:8080 -v nexus-data:/data \
#       -e Nexus__PublicUrl=http://localhost:8080/ -e DataProtection__KeyEncryption__Key="$(openssl rand -base64 32)" \
#       nexus
#
# Both base images are build arguments (a mirror, a pinned digest, or the Debian base deploy/container/make-base-image.sh
# makes where no registry is reachable). deploy/container/Dockerfile.prebuilt is this file's runtime stage for a host
# that publishes itself (tests, air-gapped machines); the two runtime stages are kept identical by a test.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0
# The extracted Licensing service is the same image with HOST_PROJECT=src/Host/Nexus.Licensing.Host/Nexus.Licensing.Host.csproj
# and HOST_NAME=Nexus.Licensing.Host (compose.yaml).
ARG HOST_PROJECT=src/Host/Nexus.Host/Nexus.Host.csproj

FROM ${SDK_IMAGE} AS build
ARG HOST_PROJECT
WORKDIR /src
# The sources and the build settings (.dockerignore keeps out outputs, tests and tools).
COPY global.json Directory.Build.props Directory.Packages.props nuget.config* ./
COPY src/ src/
RUN dotnet restore "$HOST_PROJECT" -r linux-x64
RUN dotnet publish "$HOST_PROJECT" -c Release -r linux-x64 --self-contained \
        -p:PublishReadyToRun=true --no-restore -o /app
COPY deploy/container/healthcheck.sh /app/healthcheck.sh

# --- runtime (identical in deploy/container/Dockerfile.prebuilt from here on) ---
FROM ${RUNTIME_IMAGE} AS runtime
# Which program in /app runs: the shop (Nexus.Host) or the extracted Licensing service (Nexus.Licensing.Host).
ARG HOST_NAME=Nexus.Host
# Configuration comes from the environment only (ASP.NET Core's `Section__Key` names); appsettings.json in /app holds
# the defaults. Production unless told otherwise: Nexus__PublicUrl and DataProtection__KeyEncryption__Key are then
# required and start-up names whichever is missing (exit code 2).
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_SHUTDOWNTIMEOUTSECONDS=25 \
    Nexus__DataPath=/data
WORKDIR /app
COPY --from=build --chown=0:0 /app /app
# /data belongs to `app` (uid 1654, as in the official images) so a fresh named volume is writable.
# /app/nexus is the chosen program (the apphost follows the link to find its assemblies beside the real file).
RUN mkdir -p /data && chown 1654:1654 /data && chmod 0750 /data && ln -s "/app/$HOST_NAME" /app/nexus
VOLUME /data
USER 1654:1654
EXPOSE 8080
# SIGTERM stops Kestrel taking connections, lets in-flight requests finish and stops background work within
# DOTNET_SHUTDOWNTIMEOUTSECONDS (25 s); give the container longer than that (docker stop -t 30, compose
# stop_grace_period: 30s) so it is never killed mid-shutdown.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["/app/healthcheck.sh"]
ENTRYPOINT ["/app/nexus"]
