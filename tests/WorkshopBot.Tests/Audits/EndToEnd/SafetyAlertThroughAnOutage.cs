using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// An outage of Teams no longer gives up an alert's sending, so the hourly re-sends wait beside it; when Teams is back the
/// chair is handed the alert once (the latest sending, which carries all the earlier did), not one card an hour.
/// </summary>
public sealed class SafetyAlertThroughAnOutage
{
    [Fact]
    public async Task TheChairIsHandedOneCardWhenTeamsIsBack()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        s.Host.Connector.Inject(Uri.EscapeDataString(BotTestHost.PersonalChat(Chair).Id), new InjectedFailure(503, Times: 100_000));
        var police = Agencies[1].Rep;
        await s.AsRepAsync(police, ReturnsScreen.SaveSection,
            s.SafetyYes(await s.ReturnOfAsync(1), "Bruising seen at a recent contact; referral made today."));
        await s.Host.DrainOutboxAsync();
        var jobs = s.Host.Get<AuditJobs>();
        var resent = 0;
        for (var hour = 0; hour < 3; hour++)
        {
            s.Time.Advance(TimeSpan.FromMinutes(61));
            resent += (await jobs.RunOnceAsync(default)).AlertsResent;
            await s.Host.DrainOutboxAsync();
        }

        Assert.Equal(3, resent);
        Assert.Empty(s.SentTo(Chair, "Immediate safety concern"));

        s.Host.Connector.ClearInjected();
        s.Time.Advance(TimeSpan.FromMinutes(15));
        await s.Host.DrainOutboxAsync();
        s.Time.Advance(TimeSpan.FromMinutes(15));
        await s.Host.DrainOutboxAsync();

        var card = Assert.Single(s.SentTo(Chair, "Immediate safety concern"));
        Assert.Contains("reminder: not yet acknowledged", card.AllText, StringComparison.Ordinal);
        Assert.Empty(s.SentTo(police, "was not delivered"));
    }
}
