using System.Net;
using System.Text;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Protocol;

/// <summary>
/// A bot with <c>MicrosoftAppType=UserAssignedMSI</c> signs in through MSAL's managed-identity API. MSAL finds App
/// Service's endpoint in IDENTITY_ENDPOINT / IDENTITY_HEADER, process-wide variables, so the bot runs as its own
/// process (no other test sees them): a signed "help" goes in, and the reply reaches the fake connector with the
/// token the local managed-identity endpoint issued for the identity's client id.
/// </summary>
public sealed class ManagedIdentityToken
{
    private const string ClientId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    [Fact]
    public async Task TheReplyCarriesTheManagedIdentitysToken()
    {
        await using var identity = await LocalTokenEndpoint.StartAsync(https: false);
        await using var issuer = await TestTokenIssuer.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        var folder = Directory.CreateTempSubdirectory("workshopbot-msi-");
        try
        {
            await using var bot = BotProcess.Start(folder.FullName, new Dictionary<string, string?>
            {
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Storage__DataFolder"] = folder.FullName,
                ["MicrosoftAppType"] = "UserAssignedMSI",
                ["MicrosoftAppId"] = ClientId,
                ["MicrosoftAppTenantId"] = BotTestHost.TenantId,
                ["ToBotFromChannelOpenIdMetadataUrl"] = issuer.MetadataUrl,
                ["EntraOpenIdMetadataUrl"] = issuer.EntraMetadataUrl(BotTestHost.TenantId),
                ["Bot__AllowLoopbackServiceUrls"] = "true",
                ["IDENTITY_ENDPOINT"] = identity.ManagedIdentityEndpoint,
                ["IDENTITY_HEADER"] = LocalTokenEndpoint.IdentityHeader,
            });
            var address = await bot.WaitUntilListeningAsync();
            Assert.Contains($"signs in with user-assigned managed identity {ClientId}", bot.Output, StringComparison.Ordinal);

            using var http = new HttpClient { BaseAddress = address };
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
            {
                Content = new StringContent(BotJson.Serialize(Help(connector.BaseUrl)), Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + issuer.CreateToken(ClientId, connector.BaseUrl));
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}\n{bot.Output}");

            var sent = await WaitForAsync(() => connector.Requests.FirstOrDefault(r => r.Method == "POST"), bot);
            var token = Assert.Single(identity.Requests);
            Assert.Equal("Bearer " + token.IssuedToken, sent.Authorization);
            Assert.Equal(ClientId, token.Query["client_id"]);
            Assert.Equal("https://api.botframework.com", token.Query["resource"]);
            Assert.Equal(LocalTokenEndpoint.IdentityHeader, token.Headers["X-IDENTITY-HEADER"]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Activity Help(string serviceUrl) => new()
    {
        Type = ActivityTypes.Message,
        Id = "msi-" + Guid.NewGuid().ToString("N")[..8],
        Timestamp = DateTimeOffset.UtcNow,
        ServiceUrl = serviceUrl,
        ChannelId = "msteams",
        From = new ChannelAccount { Id = "29:msi-user", AadObjectId = "0f1e2d3c-4b5a-4697-8877-665544332211", Name = "Morgan Chair" },
        Recipient = new ChannelAccount { Id = "28:" + ClientId, Name = "WorkshopBot" },
        Conversation = new ConversationAccount
        {
            Id = "a:personal-msi", ConversationType = ConversationTypes.Personal, TenantId = BotTestHost.TenantId,
        },
        ChannelData = BotJson.ToElement(new TeamsChannelData { Tenant = new TenantInfo { Id = BotTestHost.TenantId } }),
        Text = "help",
        Locale = "en-GB",
    };

    private static async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest?> find, BotProcess bot)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (find() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The bot sent nothing to the connector within 30 s. Output:\n{bot.Output}");
    }
}
