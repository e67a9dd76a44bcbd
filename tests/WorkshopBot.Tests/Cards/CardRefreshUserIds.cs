using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.Cards;

public sealed class CardRefreshUserIds
{
    private static readonly ExecuteAction Refresh = ExecuteAction.Create("refresh", new SampleCards.GradeData("A-1", 0), "Refresh");

    [Fact]
    public void RejectsMoreThanSixtyUserIds()
    {
        var ids = Enumerable.Range(0, 61).Select(i => $"29:user-{i}").ToList();

        var error = Assert.Throws<ArgumentException>(() => new CardRefresh(Refresh, ids));
        Assert.Contains("60", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new CardRefresh { Action = Refresh, UserIds = ids });
    }

    [Fact]
    public void AcceptsSixtyUserIdsAndWritesTheActionType()
    {
        var ids = Enumerable.Range(0, 60).Select(i => $"29:user-{i}").ToList();

        var card = new AdaptiveCard { Refresh = new CardRefresh(Refresh, ids) };
        var json = AdaptiveCardJson.ToJsonElement(card).GetProperty("refresh");

        Assert.Equal(60, json.GetProperty("userIds").GetArrayLength());
        Assert.Equal("Action.Execute", json.GetProperty("action").GetProperty("type").GetString());
    }
}

public sealed class CardSizeLimitFits
{
    [Fact]
    public void RejectsACardOverTwentyEightKilobytes()
    {
        var card = new AdaptiveCard { Body = [new TextBlock(new string('x', CardSizeLimit.MaxBytes))] };

        Assert.False(CardSizeLimit.Fits(card));
        Assert.True(CardSizeLimit.Fits(SampleCards.Briefing()));
        Assert.Equal(28 * 1024, CardSizeLimit.MaxBytes);
    }

    [Fact]
    public void CountsUtf8BytesNotCharacters()
    {
        var ascii = CardSizeLimit.Measure(new AdaptiveCard { Body = [new TextBlock("aa")] });
        var pounds = CardSizeLimit.Measure(new AdaptiveCard { Body = [new TextBlock("££")] });

        Assert.Equal(ascii + 2, pounds);
    }
}
