using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;
using static WorkshopBot.Tests.Audits.EndToEnd.ChairHandedOver;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A chair who set the audit up in their 1:1 chat with the bot has the returns tracker there: its cases, agencies,
/// representatives and how far each return is, updated as returns come in. Once they hand the chair over that is no longer
/// theirs to follow: the handover takes the tracker down in their chat (replaced, as the retention purge replaces a card,
/// by one that says why and shows nothing of the audit), and no later return draws it there again.
/// </summary>
public sealed class TrackerInTheOldChairsChat
{
    private const string TakenDown = "when the chair of the audit was handed over";
    private const string NotPostedForYou = "The returns tracker is not posted in a chat of yours";

    [Fact]
    public async Task TheHandoverTakesTheTrackerDownAndNothingDrawsItThereAgain()
    {
        await using var s = await StartWithNewChairAsync();
        var chat = BotTestHost.PersonalChat(Chair);
        await s.CreateAsync(NewAuditForm, chat);
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        AssertHasText(await s.IssueAsync(), "Audit issued");
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.Host.Sent(chat.Id), x => x.Method == "POST" && x.AllText.Contains("Returns tracker", StringComparison.Ordinal));

        await ChairHandoverStep.HandOverAsync(s.Host, s.AuditId, Chair, NewChair);
        await s.Host.DrainOutboxAsync();

        var sent = s.Host.Sent(chat.Id);
        var takenDown = sent.Select((x, i) => (x, i)).Single(p => p.x.AllText.Contains(TakenDown, StringComparison.Ordinal));
        Assert.Equal("PUT", takenDown.x.Method);
        Assert.DoesNotContain("Returns tracker", takenDown.x.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Cases[0], takenDown.x.AllText, StringComparison.Ordinal);
        Assert.All(Agencies, a => Assert.DoesNotContain(a.Name, takenDown.x.AllText, StringComparison.Ordinal));
        var logged = Assert.Single(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")),
            e => e.Action == ChairHandovers.HandedOver);
        Assert.Contains("\"trackerTakenDown\":true", logged.DetailJson, StringComparison.Ordinal);

        // The new chair is told the tracker is not posted where they can see it, and given a button to it; the chair before is not.
        var notice = Assert.Single(s.SentTo(NewChair, "You are now the chair of an audit"));
        Assert.Contains(NotPostedForYou, notice.AllText, StringComparison.Ordinal);
        var open = Read<AuditRefData>(FindAction(Assert.Single(notice.Cards), TrackerScreen.Tracker)!.Value);
        var shown = CardOf(await s.Host.ExecuteAsync(NewChair, BotTestHost.PersonalChat(NewChair), TrackerScreen.Tracker, open));
        Assert.Contains("Returns tracker", shown.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(Agencies[1].Name, shown.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(sent, x => x.AllText.Contains(NotPostedForYou, StringComparison.Ordinal));

        // A return submitted later, past the tracker's quiet interval, and the audit's job: nothing reaches the old chair's chat.
        s.Time.Advance(TimeSpan.FromMinutes(5));
        await s.FillAndSubmitAsync(0, 0);
        await s.Host.DrainOutboxAsync();
        s.Time.Advance(TimeSpan.FromMinutes(5));
        await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        Assert.DoesNotContain(s.Host.Sent(chat.Id).Skip(takenDown.i + 1),
            x => x.AllText.Contains("Returns tracker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATrackerInATeamChannelStaysWhoeverChairs()
    {
        await using var s = await StartWithNewChairAsync();
        await s.SetUpIssuedAsync();

        await ChairHandoverStep.HandOverAsync(s.Host, s.AuditId, Chair, NewChair);
        await s.Host.DrainOutboxAsync();
        var before = s.Host.Sent().Count;
        s.Time.Advance(TimeSpan.FromMinutes(5));
        await s.FillAndSubmitAsync(0, 0);
        await s.Host.DrainOutboxAsync();
        s.Time.Advance(TimeSpan.FromMinutes(5));
        await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        Assert.DoesNotContain(s.Host.Sent(), x => x.AllText.Contains(TakenDown, StringComparison.Ordinal));
        // The tracker stays in the channel, so the new chair's notice has nothing to say about it.
        var notice = Assert.Single(s.SentTo(NewChair, "You are now the chair of an audit"));
        Assert.DoesNotContain(NotPostedForYou, notice.AllText, StringComparison.Ordinal);
        Assert.Null(FindAction(Assert.Single(notice.Cards), TrackerScreen.Tracker));
        Assert.Contains(s.Host.Sent().Skip(before), x => x.Method == "PUT" && x.ConversationId != BotTestHost.PersonalChat(Chair).Id
            && x.AllText.Contains("Returns tracker", StringComparison.Ordinal));
    }
}
