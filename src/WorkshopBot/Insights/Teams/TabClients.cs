using Microsoft.IdentityModel.JsonWebTokens;

namespace WorkshopBot.Insights.Teams;

/// <summary>
/// The client apps whose tab tokens are accepted. Any app a person has consented to can ask Entra ID for a token for the
/// tab's scope; only the hosts that show the tab (Teams, and Outlook and Microsoft 365 where Teams apps run) get the view.
/// </summary>
public sealed class TabClients
{
    /// <summary>Microsoft's client ids of the Teams, Microsoft 365 and Outlook hosts, as their SSO guidance lists them.</summary>
    public static readonly IReadOnlyList<string> MicrosoftHosts =
    [
        "1fec8e78-bce4-4aaf-ab1b-5451cc387264", // Teams desktop and mobile
        "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", // Teams on the web
        "4765445b-32c6-49b0-83e6-1d93765276ca", // Microsoft 365 on the web
        "4345a7b9-9a63-4910-a426-35363201d503", // Microsoft 365 on the web
        "0ec893e0-5785-4de6-99da-4ed124e5296c", // Microsoft 365 desktop
        "d3590ed6-52b3-4102-aeff-aad2292ab01c", // Outlook desktop, Microsoft 365 mobile
        "bc59ab01-8403-45c6-8796-ac3ef710b3e3", // Outlook on the web
        "00000002-0000-0ff1-ce00-000000000000", // Outlook on the web
        "27922004-5251-4030-b22d-91ecd9a37ea4", // Outlook mobile
    ];

    private readonly HashSet<string> _allowed;

    public TabClients(IEnumerable<string> additional)
    {
        _allowed = new HashSet<string>(MicrosoftHosts, StringComparer.OrdinalIgnoreCase);
        foreach (var id in additional)
        {
            if (!string.IsNullOrWhiteSpace(id))
            {
                _allowed.Add(id.Trim());
            }
        }
    }

    /// <summary>Whether the token was issued to an accepted client: <c>azp</c> (v2 tokens) or <c>appid</c> (v1).</summary>
    public bool Issued(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var client = token.TryGetPayloadValue<string>("azp", out var azp) && !string.IsNullOrWhiteSpace(azp) ? azp
            : token.TryGetPayloadValue<string>("appid", out var appId) ? appId : null;
        return client is not null && _allowed.Contains(client);
    }
}
