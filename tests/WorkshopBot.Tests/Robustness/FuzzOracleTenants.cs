using System.Net;
using System.Text.Json.Nodes;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// The fuzz oracle decides activities that carry two tenant ids as the bot reads them: two different ids are malformed
/// (400) when the channel data reads as Teams', and the channel data's id counts as absent when one of its known fields
/// has the wrong type. Each case is judged by the oracle and sent to the real bot over HTTP with a signed token, so a wrong
/// oracle and a wrong bot both fail here, not only by chance in the random half of a fuzz run.
/// </summary>
public sealed class FuzzOracleTenants
{
    private const string Foreign = "0a1b2c3d-4e5f-4a6b-8c7d-9e8f7a6b5c4d";

    public static TheoryData<string, string?, string, string, string> Cases => new()
    {
        { "same id, different case", Ours.ToUpperInvariant(), Data(Tenant(Ours)), nameof(Verdict.Open), "" },
        { "ours, then a foreign one in the channel data", Ours, Data(Tenant(Foreign)), nameof(Verdict.Malformed), "two tenants" },
        { "a foreign one, then ours in the channel data", Foreign, Data(Tenant(Ours)), nameof(Verdict.Malformed), "two tenants" },
        { "the channel data's names in capitals", Ours, Data(Tenant(Foreign).Replace("tenant", "Tenant", StringComparison.Ordinal)
            .Replace("id", "ID", StringComparison.Ordinal)), nameof(Verdict.Malformed), "two tenants" },
        { "an alert that is not true or false", Ours, Data(Tenant(Foreign), "\"notification\":{\"alert\":\"yes\"}"),
            nameof(Verdict.Open), "" },
        { "a team that is a number", Ours, Data(Tenant(Foreign), "\"team\":5"), nameof(Verdict.Open), "" },
        { "a first tenant of the wrong type", Ours, Data("\"tenant\":5", Tenant(Foreign)), nameof(Verdict.Open), "" },
        { "an empty id in the conversation", "", Data(Tenant(Foreign)), nameof(Verdict.Refused), "tenant" },
        { "only the channel data's, which cannot be read", null, Data(Tenant(Ours), "\"meeting\":[]"), nameof(Verdict.Refused),
            "tenant" },
        { "only the channel data's, ours", null, Data(Tenant(Ours)), nameof(Verdict.Open), "" },
    };

    private static string Ours => BotTestHost.TenantId;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TwoTenantIdsAreJudgedAsTheBotReadsThem(string name, string? conversationTenant, string channelData,
        string expected, string why)
    {
        var verdict = Enum.Parse<Verdict>(expected);
        await using var host = await BotTestHost.StartAsync();
        var person = BotTestHost.User("Tenant Case");
        var body = Body(host.Message(person, BotTestHost.PersonalChat(person), "help"), conversationTenant, channelData);

        Assert.Equal((verdict, why), FuzzOracle.Judge(new FuzzInput("tenants " + name, body, host.ServiceUrl)));
        using var response = await host.PostRawAsync(body);
        var status = (int)response.StatusCode;
        if (verdict == Verdict.Malformed)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        else
        {
            // Read as one tenant: ours is helped (200 and an answer), another or none is not served (no help sent).
            Assert.True(status is 200 or (>= 400 and < 500), $"{name}: {status}");
            await host.DrainOutboxAsync();
            Assert.Equal(verdict == Verdict.Open, host.Sent(BotTestHost.PersonalChat(person).Id).Any(a => a.Cards.Count > 0));
        }
    }

    private static string Tenant(string id) => "\"tenant\":{\"id\":\"" + id + "\"}";

    private static string Data(params string[] members) => "{" + string.Join(",", members) + "}";

    /// <summary>The activity as Teams sends it, with the conversation's tenant id and the channel data replaced.</summary>
    private static string Body(Activity activity, string? conversationTenant, string channelData)
    {
        var node = JsonNode.Parse(BotJson.Serialize(activity))!.AsObject();
        var conversation = node["conversation"]!.AsObject();
        conversation.Remove("tenantId");
        if (conversationTenant is not null)
        {
            conversation["tenantId"] = conversationTenant;
        }

        node.Remove("channelData");
        var text = node.ToJsonString();
        // Spliced as text: JsonNode would refuse the duplicate names a case needs.
        return text[..^1] + ",\"channelData\":" + channelData + "}";
    }
}
