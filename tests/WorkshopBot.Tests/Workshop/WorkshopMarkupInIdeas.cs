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

    /// <summary>The chair's export preview shows the CSV's text, ideas included, the same way.</summary>
    [Fact]
    public async Task ALinkTypedIntoAnIdeaIsShownAsTextOnTheChairsExportPreview()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));
        await s.AddIdeaAsync(rep, board, "Read [the new guidance](https://evil.example/login) first, *now*.");

        var preview = string.Join("\n", (await s.ExportAsync()).Card is { } card ? Strings(card) : []);

        Assert.Contains(@"\[the new guidance\](https://evil.example/login) first, \*now\*.", preview, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\\)\]\(", preview);
    }

    /// <summary>
    /// A preview shortened to fit never ends in half an escape, whatever the text at the cut, and fits Teams' limit with
    /// every character escaped.
    /// </summary>
    [Fact]
    public async Task AShortenedPreviewKeepsItsEscapesWhole()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var session = await s.SessionAsync();
        for (var shift = 0; shift < 4; shift++)
        {
            var csv = new string('a', shift) + string.Concat(Enumerable.Repeat("*_[", 20_000));
            var card = ExportCard.Preview(session, [("workshop.csv", csv)]);
            var shown = Strings(WorkshopBot.Cards.AdaptiveCardJson.ToJsonElement(card))
                .Single(t => t.StartsWith(new string('a', shift) + "\\*", StringComparison.Ordinal));
            var kept = shown[..shown.IndexOf("\n... (shortened)", StringComparison.Ordinal)];
            Assert.Equal(0, (kept.Length - kept.TrimEnd('\\').Length) % 2);
            Assert.InRange(kept.Length, 15_000, ExportCard.PreviewBudget);
            Assert.True(WorkshopBot.Common.Teams.CardKit.Fits(card));
        }
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
