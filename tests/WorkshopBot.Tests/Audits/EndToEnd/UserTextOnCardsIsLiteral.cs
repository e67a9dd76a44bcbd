using System.Text.Json;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// No text a person typed, nor a name Teams gives us, changes how an audit card renders: a display name written as a
/// Markdown link and bold, and a reopen reason in bold, are shown as typed (escaped once) on the chair's and the
/// representative's cards, never as a live link or bold text. The seam, <see cref="CardKit.Literal(string?)"/>, is
/// checked on its own too.
/// </summary>
public sealed class UserTextOnCardsIsLiteral
{
    private const string Name = "[x](https://evil.example) **B**";
    private const string EscapedName = @"\[x\](https://evil.example) \*\*B\*\*";
    private const string Reason = "**now** a_b*c";
    private const string EscapedReason = @"\*\*now\*\* a\_b\*c";

    private static readonly TestUser Rep = BotTestHost.User(Name);

    [Fact]
    public void LiteralEscapesMarkupOnceAndLeavesPlainTextAsItIs()
    {
        Assert.Equal(EscapedName, CardKit.Literal(Name));
        Assert.Equal(EscapedReason, CardKit.Literal(Reason));
        Assert.Equal("Children's Social Care", CardKit.Literal("Children's Social Care"));
        Assert.Equal(string.Empty, CardKit.Literal(null));

        // Cut first, then escaped: the escape is never split, and the text is escaped once.
        Assert.Equal(@"a\_b…", CardKit.Literal("a_b*c and more", 4));
        Assert.Equal(@"a\_b\*c", CardKit.Literal("a_b*c", 40));
    }

    [Fact]
    public async Task ANameAndAReasonWithMarkupAreShownAsTypedOnTheChairsAndTheRepresentativesCards()
    {
        await using var s = await StartAsync();
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = Rep.Id, AadObjectId = Rep.AadObjectId, Name = Rep.Name, TenantId = BotTestHost.TenantId,
        });
        await s.SetUpIssuedAsync();
        var ret = await s.ReturnOfAsync(0);
        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.AuditId, ret.AgencyId, Rep.Id, null, null)), "people and cases saved");

        await s.FillAndSubmitAsync(0, 0, safetyConcern: true, representative: Rep);
        AssertHasText(await s.AsRepAsync(Rep, ReturnsScreen.AskReopen, new AskReopenData(s.AuditId, ret.Id, Reason)),
            "Your request has been sent to the chair.");
        await s.Host.DrainOutboxAsync();

        var request = Shown(Assert.Single(s.SentTo(Chair, "Reopen request: case")).Cards);
        Assert.Contains($"{EscapedName} (Children's Social Care) asks you to reopen their submitted return: {EscapedReason}", request,
            StringComparison.Ordinal);
        var alert = Shown(Assert.Single(s.SentTo(Chair, "Immediate safety concern")).Cards);
        Assert.Contains(EscapedName, alert, StringComparison.Ordinal);
        var agencies = Shown([CardOf(await s.ExecuteAsync(Chair, AgenciesScreen.Agencies, new AuditRefData(s.AuditId)))]);
        Assert.Contains(EscapedName, agencies, StringComparison.Ordinal);
        var tracker = Shown([CardOf(await s.ExecuteAsync(Chair, TrackerScreen.Tracker, new AuditRefData(s.AuditId)))]);
        Assert.Contains($"{EscapedName}: 2 outstanding", tracker, StringComparison.Ordinal);

        // The chair reopens it with a reason in bold: the representative is told in the words typed.
        var reopened = await s.ExecuteAsync(Chair, TrackerScreen.Reopen, new ReopenData(s.AuditId, ret.Id.ToString("D"), Reason));
        AssertHasText(reopened, "Return reopened");
        await s.Host.DrainOutboxAsync();
        var told = Shown(Assert.Single(s.SentTo(Rep, "was reopened")).Cards);
        Assert.Contains($"reopened it for correction: {EscapedReason}", told, StringComparison.Ordinal);

        foreach (var text in new[] { request, alert, agencies, tracker, told })
        {
            Assert.DoesNotMatch(@"(?<!\\)\]\(", text);
            Assert.DoesNotMatch(@"(?<!\\)\*\*", text);
            Assert.DoesNotContain(@"\\", text, StringComparison.Ordinal);
        }
    }

    /// <summary>What cards show, read as Markdown: texts and facts, not the plain fallback text nor the data actions post.</summary>
    private static string Shown(IEnumerable<JsonElement> cards) => string.Join("\n", cards.SelectMany(Strings));

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().Where(p => p.Name is not ("fallbackText" or "data")).SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
