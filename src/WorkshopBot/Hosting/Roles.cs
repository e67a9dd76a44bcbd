using Microsoft.Extensions.Options;

namespace WorkshopBot.Hosting;

/// <summary>Partnership-wide roles from configuration. Per-audit roles (chair, representative) live on the audit.</summary>
public sealed class Roles(IOptionsMonitor<WorkshopBotOptions> options)
{
    public bool IsAdmin(string userKey) => Contains(options.CurrentValue.Admins, userKey);

    /// <summary>Admins and chairs; in pilot mode (neither list set) anyone with a directory identity.</summary>
    public bool MayCreateAudits(string userKey)
    {
        var current = options.CurrentValue;
        return !string.IsNullOrWhiteSpace(userKey)
            && (current.OpenChairing || Contains(current.Admins, userKey) || Contains(current.Chairs, userKey));
    }

    private static bool Contains(List<string> ids, string userKey) =>
        !string.IsNullOrEmpty(userKey) && ids.Exists(id => string.Equals(id, userKey, StringComparison.OrdinalIgnoreCase));
}
