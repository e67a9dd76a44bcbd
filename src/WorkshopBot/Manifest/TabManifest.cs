using System.Text.Json.Nodes;

namespace WorkshopBot.Manifest;

/// <summary>
/// The partnership's view across audits in the Teams app manifest: a personal tab, a configurable channel tab (its
/// configuration page adds one fixed tab), <c>webApplicationInfo</c> for single sign-on (the tab's client id, by default
/// the bot's app id, and the application ID URI <c>api://{host}/{client id}</c>) and the bot's host as a valid domain.
/// Added only when the bot's public https address is known, since Teams loads the tab from it.
/// </summary>
public static class TabManifest
{
    public const string EntityId = "workshopbot-across-audits";

    /// <summary>Null when the address can host the tab, else a sentence saying why not.</summary>
    public static string? Problem(Uri? publicBaseUrl) =>
        publicBaseUrl is { IsAbsoluteUri: true, Scheme: "https" } && string.IsNullOrEmpty(publicBaseUrl.Query)
            ? null
            : "The tab needs WorkshopBot's public https address (WorkshopBot:PublicBaseUrl or --public-url), for example "
                + "https://workshopbot.example.org.";

    /// <summary>Adds the tabs; <paramref name="tabClientId"/> is the tab's own app registration (default: the bot's app id).</summary>
    public static void AddTo(JsonObject manifest, Guid appId, Uri publicBaseUrl, Guid? tabClientId = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        var root = publicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var host = publicBaseUrl.Authority;
        var id = (tabClientId ?? appId).ToString("D");
        manifest["staticTabs"] = new JsonArray(new JsonObject
        {
            ["entityId"] = EntityId,
            ["name"] = "Across audits",
            ["contentUrl"] = root + "/tab/",
            ["websiteUrl"] = root + "/tab/",
            ["scopes"] = new JsonArray("personal"),
        });
        manifest["configurableTabs"] = new JsonArray(new JsonObject
        {
            ["configurationUrl"] = root + "/tab/config",
            ["canUpdateConfiguration"] = false,
            ["scopes"] = new JsonArray("team"),
            ["context"] = new JsonArray("channelTab"),
        });
        manifest["webApplicationInfo"] = new JsonObject
        {
            ["id"] = id,
            ["resource"] = $"api://{host}/{id}",
        };
        var domains = manifest["validDomains"] as JsonArray ?? [];
        if (!domains.Any(d => d?.GetValue<string>() == host))
        {
            domains.Add(host);
        }

        manifest["validDomains"] = domains;
    }
}
