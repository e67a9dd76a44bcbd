using Microsoft.Extensions.Options;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Hosting;

/// <summary>
/// Which Microsoft 365 tenants this bot serves: <c>MicrosoftAppTenantId</c> for a single-tenant bot, plus
/// <c>WorkshopBot:AllowedTenants</c>. In development mode with no list, any tenant (the Agents Playground's mock one).
/// </summary>
public sealed class TenantGate(IOptions<WorkshopBotOptions> options, IOptions<BotAuthenticationOptions> bot)
{
    public const string NotSetUpTitle = "WorkshopBot is not set up for your organisation";

    public const string NotSetUpText =
        "WorkshopBot serves one safeguarding children partnership, and your organisation is not part of it. Nothing was stored. "
        + "If you think this is wrong, ask the partnership's administrator.";

    // Read at first use, not when the gate is made: background services that hold the gate are made before the start-up
    // checks run, and a bad setting must end the start with the checks' own messages, not with this gate's read of it.
    private readonly Lazy<(HashSet<string> Allowed, bool Open)> _list = new(() =>
    {
        var allowed = Allowed(options.Value, bot.Value);
        return (allowed, bot.Value.IsDevelopmentMode && allowed.Count == 0);
    });

    /// <summary>
    /// True when the bot serves exactly one organisation: then a channel whose tenant the bot never learned can only be
    /// that organisation's.
    /// </summary>
    public bool ServesOneTenant => !_list.Value.Open && _list.Value.Allowed.Count == 1;

    public bool Serves(string? tenantId) =>
        _list.Value.Open || (!string.IsNullOrWhiteSpace(tenantId) && _list.Value.Allowed.Contains(tenantId.Trim()));

    /// <summary>
    /// True for a tenant named and not served: an organisation taken off the list (or never on it). Nothing more is sent to
    /// it: the outbox holds its messages, stored and unsent, and the background jobs send it nothing directly. A message
    /// that names no tenant (stored by an earlier version) is not one of these.
    /// </summary>
    public bool NoLongerServes(string? tenantId) => !string.IsNullOrWhiteSpace(tenantId) && !Serves(tenantId);

    /// <summary>
    /// How often what is held for an organisation taken off the list is looked at again and logged: each of its queued
    /// outbox messages, and each of its audits whose briefing uploads wait.
    /// </summary>
    public static readonly TimeSpan HeldRecheck = TimeSpan.FromMinutes(15);

    /// <summary>Why the configuration cannot work, or null: a multi-tenant production bot must name its tenants.</summary>
    public static string? Problem(WorkshopBotOptions options, BotAuthenticationOptions bot) =>
        !bot.IsDevelopmentMode && Allowed(options, bot).Count == 0
            ? "WorkshopBot:AllowedTenants must list your partnership's Microsoft 365 tenant id(s) for a multi-tenant bot "
                + "(or set MicrosoftAppType=SingleTenant with MicrosoftAppTenantId)."
            : null;

    private static HashSet<string> Allowed(WorkshopBotOptions options, BotAuthenticationOptions bot)
    {
        var allowed = new HashSet<string>(options.AllowedTenants.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()),
            StringComparer.OrdinalIgnoreCase);
        if (bot.IsSingleTenant && !string.IsNullOrWhiteSpace(bot.MicrosoftAppTenantId))
        {
            allowed.Add(bot.MicrosoftAppTenantId.Trim());
        }

        return allowed;
    }
}
