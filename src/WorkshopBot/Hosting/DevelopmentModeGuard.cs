using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Hosting;

namespace WorkshopBot.Hosting;

/// <summary>
/// Local development mode (no <c>MicrosoftAppId</c>) checks no token at all: a caller is trusted for coming from a loopback
/// address with a loopback Host header, which a plain TCP forwarder on the same machine (ssh -R, stunnel, kubectl
/// port-forward) gives to anyone it forwards. So the mode is for a developer's own machine only: the bot refuses to start
/// in it unless the host environment is <c>Development</c> (as <c>dotnet run</c> sets) or <c>Bot:AllowDevelopmentMode</c>
/// is set, and (checked once the server listens, see <see cref="DevelopmentModeAddresses"/>) unless every address it
/// listens on is loopback.
/// </summary>
internal sealed class DevelopmentModeGuard(IOptions<BotAuthenticationOptions> bot, IHostEnvironment environment)
    : IValidateOptions<BotEndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, BotEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return !bot.Value.IsDevelopmentMode || environment.IsDevelopment() || options.AllowDevelopmentMode
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("MicrosoftAppId is empty, which runs WorkshopBot in local development mode with no "
                + $"authentication, but the host environment is {environment.EnvironmentName}, not Development: set "
                + "MicrosoftAppId and WorkshopBot's credential, or, on your own computer, run it with "
                + "ASPNETCORE_ENVIRONMENT=Development (dotnet run does) or Bot:AllowDevelopmentMode=true.");
    }
}

/// <summary>
/// Once the server listens: in development mode every address must be loopback (<c>localhost</c>, 127.0.0.1, ::1), or
/// the start fails naming the first that is not (<c>http://+:8080</c> is reported as <c>http://[::]:8080</c>). Until this
/// check has run, a request from another computer is still refused by the endpoint's own loopback check.
/// </summary>
internal sealed class DevelopmentModeAddresses(IOptions<BotAuthenticationOptions> bot, IServiceProvider services)
    : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!bot.Value.IsDevelopmentMode)
        {
            return Task.CompletedTask;
        }

        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var open = addresses.FirstOrDefault(a => !IsLoopbackAddress(a));
        return open is null
            ? Task.CompletedTask
            : throw new StartupError($"MicrosoftAppId is empty, which runs WorkshopBot in local development mode with no "
                + $"authentication, but it listens on {open}, which is not a loopback address: listen on localhost or 127.0.0.1 "
                + "only (ASPNETCORE_URLS, --urls or Kestrel:Endpoints), or set MicrosoftAppId and WorkshopBot's "
                + "credential.");
    }

    /// <summary>Whether a listening address (as Kestrel reports it) is loopback; a wildcard or another name is not.</summary>
    public static bool IsLoopbackAddress(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && Loopback.IsLoopbackHost(uri.Host);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
