using System.Text.Json;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// An idea is shown on the channel's shared card as it was typed: a Markdown link someone wrote into it is escaped, so
/// it never becomes a live link on everyone else's screen.
/// </summary>
public sealed class WorkshopMarkupInIdeas
{
    [Fact]
    public async Task ALinkTypedIntoAnIdeaIsShownAsTextOnTheSharedCard()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await WorkshopScenario.CreateAsync(o => o.Time = clock);
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));

        var added = await s.AddIdeaAsync(rep, board, "Read [the new guidance](https://evil.example/login) first.");
        await s.LetCardUpdatesOutAsync(clock);

        Assert.Contains("Idea added", WorkshopScenario.CardText(added), StringComparison.Ordinal);
        var shared = string.Join("\n", s.UpdatesOf(board)[^1].Cards.SelectMany(Strings));
        Assert.Contains(@"\[the new guidance\](https://evil.example/login)", shared, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\\)\]\(", shared);
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
