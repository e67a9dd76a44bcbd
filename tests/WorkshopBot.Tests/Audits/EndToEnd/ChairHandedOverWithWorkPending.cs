using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;
using static WorkshopBot.Tests.Audits.EndToEnd.ChairHandedOver;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// After a handover no request waiting for the chair stays with the chair who left: a representative's pending request to
/// reopen a return reaches the new chair, with the reason the representative gave (kept with the request, never logged), able
/// to answer it, and the old chair's card of it is replaced by one that shows nothing of it.
/// </summary>
public sealed class ChairHandedOverWithWorkPending
{
    private const string RequestReason = "I chose the wrong grade for the second practice question.";

    [Fact]
    public async Task APendingReopenRequestGoesToTheNewChairOnceAndTheOldChairsCardShowsNothingOfIt()
    {
        await using var s = await StartWithNewChairAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(0, 0);
        var rep = Agencies[0].Rep;
        var ret = await s.ReturnOfAsync(0);
        AssertHasText(await s.AsRepAsync(rep, ReturnsScreen.AskReopen, new AskReopenData(s.AuditId, ret.Id, RequestReason)),
            "Your request has been sent to the chair.");
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(Chair, "Reopen request: case"));
        Assert.Equal(RequestReason, Assert.Single((await s.ReturnOfAsync(0)).ReopenRequests).Reason);

        var press = s.Host.CardAction(Admin, AdminChat, ChairScreen.Save,
            new ChairHandoverData(s.AuditId, Chair.AadObjectId, NewChair.Id, nameof(ChairHandoverReason.LeftRole)));
        AssertHasText(await s.Host.InvokeAsync(press), "Incoming Quality Chair is now the chair of this audit.");
        await s.Host.DrainOutboxAsync();
        // Redelivered: nothing more is sent.
        await s.Host.InvokeAsync(press);
        await s.Host.DrainOutboxAsync();

        var notice = Assert.Single(s.SentTo(NewChair, "You are now the chair of an audit"));
        Assert.Contains("1 request to reopen a submitted return, not yet answered: it has been sent to you here.", notice.AllText,
            StringComparison.Ordinal);
        var copy = Assert.Single(s.SentTo(NewChair, "Reopen request: case"));
        Assert.Contains(ret.CaseReference.Value, copy.AllText, StringComparison.Ordinal);
        Assert.Contains(rep.Name, copy.AllText, StringComparison.Ordinal);
        // The reason is kept with the request, so the new chair reads it as the old chair did.
        Assert.Contains($"Their reason: {RequestReason}", copy.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("please ask", copy.AllText, StringComparison.Ordinal);

        var replaced = Assert.Single(s.Host.Sent(BotTestHost.PersonalChat(Chair).Id), x => x.Method == "PUT");
        Assert.Contains("Reopen request handed over", replaced.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(ret.CaseReference.Value, replaced.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(rep.Name, replaced.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(ReopenRequestsScreen.Decline, replaced.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(TrackerScreen.ReopenForm, replaced.AllText, StringComparison.Ordinal);

        var logged = Assert.Single(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")),
            e => e.Action == ChairHandovers.HandedOver);
        Assert.Contains("\"reopenRequestsSent\":1", logged.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain(RequestReason, logged.DetailJson, StringComparison.Ordinal);

        // The new chair answers it from the card they were sent.
        var decline = Read<DeclineReopenData>(FindAction(copy.Cards.Single(), ReopenRequestsScreen.Decline)!.Value);
        var answer = await s.Host.ExecuteAsync(NewChair, BotTestHost.PersonalChat(NewChair), ReopenRequestsScreen.Decline, decline);
        await s.Host.DrainOutboxAsync();
        AssertHasText(answer, "Reopen request declined");
        Assert.Empty((await s.ReturnOfAsync(0)).ReopenRequests);
        Assert.Contains("Incoming Quality Chair has declined your request",
            Assert.Single(s.SentTo(rep, "has declined your request")).AllText, StringComparison.Ordinal);
    }
}
