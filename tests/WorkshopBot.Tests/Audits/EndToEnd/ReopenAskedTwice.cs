using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A representative's "Send to the chair" (ask to reopen a submitted return) pressed twice, seconds apart, asks the chair
/// once; once the chair has reopened the return (the request answered) and it is submitted again, they may ask again.
/// </summary>
public sealed class ReopenAskedTwice
{
    [Fact]
    public async Task AskingTwiceWhilePendingAsksTheChairOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(0, 0);
        var ret = await s.ReturnOfAsync(0);
        var rep = Agencies[0].Rep;

        var request = new AskReopenData(s.AuditId, ret.Id, "I chose the wrong grade.");
        AssertHasText(await s.AsRepAsync(rep, ReturnsScreen.AskReopen, request), "Your request has been sent to the chair.");
        s.Time.Advance(TimeSpan.FromSeconds(2));
        var second = await s.AsRepAsync(rep, ReturnsScreen.AskReopen, request);
        await s.Host.DrainOutboxAsync();

        AssertHasText(second, "You already asked the chair to reopen this return");
        AssertHasText(second, "Nothing was sent again.");
        Assert.Single(RequestsToChair(s));
        Assert.Single(await LoggedAsync(s, ret.Id, "return.reopen-requested"));

        // The chair answers by reopening it; submitted again, the representative may ask again.
        var reopened = await s.ExecuteAsync(Chair, TrackerScreen.Reopen, new ReopenData(s.AuditId, ret.Id.ToString("D"), "Grade."));
        AssertHasText(reopened, "Return reopened");
        Assert.Empty((await s.ReturnOfAsync(0)).ReopenRequests);
        await s.FillAndSubmitAsync(0, 0);
        AssertHasText(await s.AsRepAsync(rep, ReturnsScreen.AskReopen, request), "Your request has been sent to the chair.");
        await s.Host.DrainOutboxAsync();
        Assert.Equal(2, RequestsToChair(s).Count);
        Assert.Equal(2, (await LoggedAsync(s, ret.Id, "return.reopen-requested")).Count);
    }

    private static List<SentActivity> RequestsToChair(AuditScenario s) =>
        s.Host.Sent(BotTestHost.PersonalChat(Chair).Id).Where(x => x.AllText.Contains("Reopen request", StringComparison.Ordinal))
            .ToList();

    private static async Task<List<AuditEvent>> LoggedAsync(AuditScenario s, Guid returnId, string action) =>
        (await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, returnId.ToString("D"))).Where(e => e.Action == action).ToList();
}
