namespace WorkshopBot.Insights;

/// <summary>Settings of the partnership's view across audits, the Teams tab (section <c>WorkshopBot:Tab</c>).</summary>
public sealed class InsightsOptions
{
    public const string Section = "WorkshopBot:Tab";

    public const string DefaultMetadataUrl = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Where the Entra ID signing keys are published (the multi-tenant "common" metadata; tests serve their own).</summary>
    public string OpenIdMetadataUrl { get; set; } = DefaultMetadataUrl;

    /// <summary>
    /// The application ID URI the tab's token is issued for. Empty: <c>api://{host of WorkshopBot:PublicBaseUrl}/{MicrosoftAppId}</c>.
    /// Tokens whose audience is the app id itself are accepted too.
    /// </summary>
    public string? ApplicationIdUri { get; set; }

    /// <summary>
    /// Client apps, besides Microsoft's own Teams, Outlook and Microsoft 365 hosts (<see cref="Teams.TabClients"/>), whose
    /// tokens the tab accepts (the token's <c>azp</c>, or <c>appid</c> in v1 tokens). Empty by default.
    /// </summary>
    public List<string> AdditionalClientAppIds { get; set; } = [];

    /// <summary>Entra object ids of the QA sub-group's members who are not chairs or admins but may see the view.</summary>
    public List<string> Viewers { get; set; } = [];

    /// <summary>Development mode only (no MicrosoftAppId): the person the page is shown to, on loopback, with no token.</summary>
    public TabDevelopmentUser DevelopmentUser { get; set; } = new();
}

/// <summary>The person development mode acts as: Entra object id, tenant id and a display name.</summary>
public sealed class TabDevelopmentUser
{
    public string? ObjectId { get; set; }

    public string? TenantId { get; set; }

    public string Name { get; set; } = "Development user";
}
