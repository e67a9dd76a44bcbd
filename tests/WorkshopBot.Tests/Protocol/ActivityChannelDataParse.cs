using System.Text.Json;
using WorkshopBot.Protocol;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Tests.Protocol;

/// <summary>
/// An activity's Teams channel data is parsed once, however often a turn asks for it, and the parse never outlives the
/// channel data it was made from: a copy with other channel data parses its own, and equality ignores what was parsed.
/// </summary>
public sealed class ActivityChannelDataParse
{
    private static Activity Parse(string tenant) => JsonSerializer.Deserialize<Activity>("""
        {"type":"invoke","id":"a1","channelData":{"tenant":{"id":"TENANT"},"channel":{"id":"19:c@thread.tacv2"}}}
        """.Replace("TENANT", tenant, StringComparison.Ordinal), BotJson.Options)!;

    [Fact]
    public void AskedTwiceItIsParsedOnce()
    {
        var activity = Parse("t-1");

        var first = activity.GetTeamsChannelData();

        Assert.Equal("t-1", first?.Tenant?.Id);
        Assert.Same(first, activity.GetTeamsChannelData());
        Assert.Equal("t-1", activity.GetTenantId());
    }

    [Fact]
    public void ACopyWithOtherChannelDataParsesItsOwn()
    {
        var activity = Parse("t-1");
        Assert.Equal("t-1", activity.GetTeamsChannelData()?.Tenant?.Id);

        var other = activity with { ChannelData = BotJson.ToElement(new TeamsChannelData { Tenant = new TenantInfo { Id = "t-2" } }) };
        var unchanged = activity with { Text = "hello" };

        Assert.Equal("t-2", other.GetTeamsChannelData()?.Tenant?.Id);
        Assert.Null(other.GetTeamsChannelData()?.Channel);
        Assert.Equal("t-1", activity.GetTeamsChannelData()?.Tenant?.Id);
        Assert.Equal("t-1", unchanged.GetTeamsChannelData()?.Tenant?.Id);
        Assert.Null((activity with { ChannelData = null }).GetTeamsChannelData());
    }

    [Fact]
    public void EqualityIgnoresWhetherTheChannelDataWasParsed()
    {
        var parsed = Parse("t-1");
        var notParsed = parsed with { ChannelData = parsed.ChannelData };
        _ = parsed.GetTeamsChannelData();

        Assert.Equal(parsed, notParsed);
        Assert.Equal(parsed.GetHashCode(), notParsed.GetHashCode());
        Assert.NotEqual(parsed, parsed with { Id = "a2" });
    }

    [Fact]
    public void ChannelDataThatIsNotAnObjectIsNoneEveryTime()
    {
        var activity = JsonSerializer.Deserialize<Activity>("""{"type":"message","channelData":[1,2]}""", BotJson.Options)!;

        Assert.Null(activity.GetTeamsChannelData());
        Assert.Null(activity.GetTeamsChannelData());
        Assert.Null(activity.GetTenantId());
    }
}
