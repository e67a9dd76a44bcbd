using System.Text.Json;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// What people type into an action (what will be done, the measure, a progress note, the evidence, the chair's reason) is
/// shown on the cards others read as words, not markup: a link, an image or an &lt;at&gt; mention typed is escaped, so it
/// never becomes a live link or a mention on the channel's tracker, the lead's cards or the chair's. A bare https address
/// in the evidence has nothing to escape and is shown as typed.
/// </summary>
public sealed class ActionPlanMarkupInFreeText
{
    private const string Link = "[the new guidance](https://evil.example/login)";
    private const string EscapedLink = @"\[the new guidance\](https://evil.example/login)";
    private const string Picture = "![logo](https://evil.example/pixel.png)";
    private const string Mention = "<at>Everyone</at>";
    private const string BareUrl = "https://intranet.example.org/protocols/police-health-v2";

    [Fact]
    public async Task ALinkTypedIntoAnActionIsShownAsTextOnEveryCard()
    {
        await using var s = await StartAsync();
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        var created = await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            $"Agree a protocol: read {Link} first", "County Police", PoliceLead.Id, "2026-05-30",
            $"Every note is shared {Picture} in time", null, "true"));
        Assert.Contains("A1 created", Text(created), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());

        var updated = await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            new ProgressData(a1.Id, "Amber", $"Asked {Mention} to read it", "true"));
        Assert.Contains("Status saved", Text(updated), StringComparison.Ordinal);
        Assert.Contains("for sign-off", Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, $"Signed: {Link} and {BareUrl}", "true"))), StringComparison.Ordinal);
        var review = await s.ReviewAsync(a1.Id);
        var returned = await s.InChatAsync(Chair, SignOffScreen.ReturnEvidence,
            Press(review, SignOffScreen.ReturnEvidence, ("reason", $"Add {Link} too"), ("confirm", "true")));
        Assert.Contains("open again", Text(returned), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();

        var tracker = Shown(s.ChannelPosts()[^1].Cards);
        Assert.Contains($"Agree a protocol: read {EscapedLink} first", tracker, StringComparison.Ordinal);
        var leadCards = Shown(s.Host.CardsIn(BotTestHost.PersonalChat(PoliceLead).Id));
        Assert.Contains("A new action for you", leadCards, StringComparison.Ordinal);
        Assert.Contains(@"Every note is shared !\[logo\](https://evil.example/pixel.png) in time", leadCards, StringComparison.Ordinal);
        Assert.Contains($"Add {EscapedLink} too", leadCards, StringComparison.Ordinal);
        Assert.Contains(@"Asked \<at\>Everyone\</at\> to read it", Shown([updated.Card!.Value]), StringComparison.Ordinal);
        var chairCards = Shown(s.Host.CardsIn(BotTestHost.PersonalChat(Chair).Id));
        Assert.Contains("A1 is ready for sign-off", chairCards, StringComparison.Ordinal);
        Assert.Contains($"Signed: {EscapedLink} and {BareUrl}", chairCards, StringComparison.Ordinal);
        Assert.Contains($"Signed: {EscapedLink} and {BareUrl}", Shown([review]), StringComparison.Ordinal);

        foreach (var text in new[] { tracker, leadCards, chairCards, Shown([review, updated.Card!.Value, returned.Card!.Value]) })
        {
            Assert.DoesNotMatch(@"(?<!\\)\]\(", text);
            Assert.DoesNotMatch(@"(?<!\\)<at>", text);
        }
    }

    /// <summary>What a card shows, read as Markdown: its texts and facts (the fallback text is plain and is left out).</summary>
    private static string Shown(IEnumerable<JsonElement> cards) => string.Join("\n", cards.SelectMany(Strings));

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().Where(p => p.Name != "fallbackText").SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
