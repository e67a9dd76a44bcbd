# WorkshopBot container image: the .NET SDK builds, the ASP.NET Core runtime runs, as a non-root user, with the
# data folder on a volume and a health check on /healthz.
#
#   docker build -t workshopbot .
#   docker run -p 8080:8080 -v workshopbot-data:/data -e MicrosoftAppId=... -e MicrosoftAppType=... workshopbot
#
# Where no container engine runs (CI here), .ci/container-check runs this file's publish commands and its
# entry point, environment and health check without one.

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Set by BuildKit (amd64 or arm64): only that platform's native SQLite library is published.
ARG TARGETARCH
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY src/WorkshopBot.Cards/WorkshopBot.Cards.csproj src/WorkshopBot.Cards/
COPY src/WorkshopBot.Protocol/WorkshopBot.Protocol.csproj src/WorkshopBot.Protocol/
COPY src/WorkshopBot/WorkshopBot.csproj src/WorkshopBot/
RUN dotnet restore src/WorkshopBot/WorkshopBot.csproj -a $TARGETARCH
COPY src/ src/
RUN dotnet publish src/WorkshopBot/WorkshopBot.csproj --no-restore -a $TARGETARCH --self-contained false -c Release -o out -p:UseAppHost=false
RUN mkdir -p data

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /src/out/ ./
# The image's own non-root user (APP_UID, 1654): it owns the data folder and nothing else.
COPY --from=build --chown=1654:1654 /src/data/ /data/
ENV ASPNETCORE_URLS=http://+:8080
ENV ASPNETCORE_ENVIRONMENT=Production
ENV Storage__DataFolder=/data
ENV DOTNET_gcServer=0
VOLUME /data
EXPOSE 8080
USER 1654
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["dotnet", "/app/WorkshopBot.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "/app/WorkshopBot.dll"]
