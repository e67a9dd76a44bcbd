using Microsoft.Extensions.Options;

namespace WorkshopBot.Hosting;

/// <summary>Partnership-wide roles from configuration. Per-audit roles (chair, representative) live on the audit.</summary>
public sealed class Roles(IOptionsMonitor<WorkshopBotOptions> options)
{
    public bool IsAdmin(string userKey) => Contains(options.CurrentValue.Admins, userKey);

    public bool MayCreateAudits(string userKey)
    {
        var current = options.CurrentValue;
        return current.OpenChairing || Contains(current.Admins, userKey) || Contains(current.Chairs, userKey);
    }

    private static bool Contains(List<string> ids, string userKey) =>
        !string.IsNullOrEmpty(userKey) && ids.Exists(id => string.Equals(id, userKey, StringComparison.OrdinalIgnoreCase));
}
