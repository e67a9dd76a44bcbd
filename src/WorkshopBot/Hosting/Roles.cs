using Microsoft.Extensions.Options;
using WorkshopBot.Common;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Hosting;

/// <summary>
/// Partnership-wide roles from configuration. Per-audit roles (chair, representative) live on the audit. A person is a
/// tenant and an Entra object id: an entry <c>tenantId/objectId</c> names someone in that tenant; a plain object id names
/// someone in the bot's home tenant (<c>MicrosoftAppTenantId</c> of a single-tenant bot, else the first of
/// <c>WorkshopBot:AllowedTenants</c>), and in any tenant only when no tenant is configured (development mode). So the same
/// object id arriving from another tenant the bot serves holds no role.
/// </summary>
public sealed class Roles(IOptionsMonitor<WorkshopBotOptions> options, IOptions<BotAuthenticationOptions> bot)
{
    public bool IsAdmin(PersonRef person) => Lists(options.CurrentValue.Admins, person);

    /// <summary>Admins and chairs; in pilot mode (neither list set) anyone with a directory identity.</summary>
    public bool MayCreateAudits(PersonRef person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var current = options.CurrentValue;
        return !string.IsNullOrWhiteSpace(person.UserId)
            && (current.OpenChairing || Lists(current.Admins, person) || Lists(current.Chairs, person));
    }

    /// <summary>Listed as an admin or a chair, whether or not pilot mode lets anyone chair.</summary>
    public bool IsChairOrAdmin(PersonRef person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var current = options.CurrentValue;
        return Lists(current.Admins, person) || Lists(current.Chairs, person);
    }

    /// <summary>True when one of <paramref name="entries"/> names this person (tenant and object id, as above).</summary>
    public bool Lists(IEnumerable<string> entries, PersonRef person)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(person);
        if (string.IsNullOrWhiteSpace(person.UserId))
        {
            return false;
        }

        var home = HomeTenant();
        foreach (var entry in entries.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()))
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            var tenant = slash > 0 ? entry[..slash] : home;
            var objectId = slash > 0 ? entry[(slash + 1)..] : entry;
            if (string.Equals(objectId, person.UserId, StringComparison.OrdinalIgnoreCase)
                && (tenant is null || string.Equals(tenant, person.TenantId, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private string? HomeTenant()
    {
        var auth = bot.Value;
        if (auth.IsSingleTenant && !string.IsNullOrWhiteSpace(auth.MicrosoftAppTenantId))
        {
            return auth.MicrosoftAppTenantId.Trim();
        }

        return options.CurrentValue.AllowedTenants.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t))?.Trim();
    }
}
