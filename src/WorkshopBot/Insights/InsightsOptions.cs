namespace WorkshopBot.Insights;

/// <summary>Settings of the partnership's view across audits, the Teams tab (section <c>WorkshopBot:Tab</c>).</summary>
public sealed class InsightsOptions
{
    public const string Section = "WorkshopBot:Tab";

    public const string DefaultMetadataUrl = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Where the Entra ID signing keys are published (the multi-tenant "common" metadata; tests serve their own).</summary>
    public string OpenIdMetadataUrl { get; set; } = DefaultMetadataUrl;

    /// <summary>
    /// The client id of the Entra app registration the tab signs in with (whose "Expose an API" names the application ID
    /// URI). Empty: <c>MicrosoftAppId</c>. A bot that is a managed identity (<c>MicrosoftAppType=UserAssignedMSI</c>) has
    /// no app registration to expose an API, so its tab needs a registration of its own named here.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The application ID URI the tab's token is issued for. Empty: <c>api://{host of WorkshopBot:PublicBaseUrl}/{client id}</c>,
    /// the client id being <see cref="ClientId"/> or else <c>MicrosoftAppId</c>. Tokens whose audience is the client id itself
    /// are accepted too.
    /// </summary>
    public string? ApplicationIdUri { get; set; }

    /// <summary>The tab's app registration: <see cref="ClientId"/>, or the bot's app id when that is empty.</summary>
    public string? TabClientId(string? microsoftAppId) =>
        !string.IsNullOrWhiteSpace(ClientId) ? ClientId.Trim() : string.IsNullOrWhiteSpace(microsoftAppId) ? null : microsoftAppId.Trim();

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
