using Microsoft.Extensions.Options;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Hosting;

/// <summary>
/// <c>Strict-Transport-Security</c> on every answer in production mode (an app id set), so a browser opening the tab or a
/// download link keeps to https for a year. It is sent whatever the scheme the request reached the bot with: behind Azure App
/// Service, Container Apps or another proxy, TLS ends before the bot, which then sees plain http (ASP.NET Core's own
/// <c>UseHsts</c> would never send it there), and a browser ignores the header on an http answer anyway (RFC 6797 §8.1).
/// Not in local development mode, which is loopback http and must stay reachable so.
/// </summary>
internal static class StrictTransportSecurity
{
    /// <summary>One year, this host and the names under it; not preloaded (that is a decision for the domain's owner).</summary>
    public const string Value = "max-age=31536000; includeSubDomains";

    public static WebApplication UseStrictTransportSecurityInProduction(this WebApplication app)
    {
        // The options are read at the first answer, not here: a bad setting must still end the start with its own one line
        // (the start-up checks run when the host starts, after the pipeline is built).
        var bot = app.Services.GetRequiredService<IOptions<BotAuthenticationOptions>>();
        app.Use((context, next) =>
        {
            if (!bot.Value.IsDevelopmentMode)
            {
                // Set as the answer starts, so an answer cleared and rewritten on the way (a 503 for a busy store) keeps it.
                context.Response.OnStarting(static state =>
                {
                    ((HttpResponse)state).Headers.StrictTransportSecurity = Value;
                    return Task.CompletedTask;
                }, context.Response);
            }

            return next(context);
        });
        return app;
    }
}
