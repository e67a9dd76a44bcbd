using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>The tracker's Remind pressed twice (two activities, so not a redelivery) reminds each representative once.</summary>
public sealed class ReminderPressedTwice
{
    [Fact]
    public async Task RemindPressedTwiceRemindsOnceAndAgainOnlyAfterTheGap()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();

        var first = await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId));
        await s.Host.DrainOutboxAsync();
        var reminded = s.SentTo(Agencies[0].Rep, "Reminder:").Count;
        var second = await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId));
        await s.Host.DrainOutboxAsync();

        AssertHasText(first, "Reminder sent for");
        AssertHasText(second, "Nothing was sent.");
        Assert.True(reminded > 0);
        Assert.Equal(reminded, s.SentTo(Agencies[0].Rep, "Reminder:").Count);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.Single(events, e => e.Action == "audit.reminded");

        // Later, the chair's next reminder goes out.
        s.Time.Advance(TrackerScreen.ManualReminderGap);
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId)), "Reminder sent for");
        await s.Host.DrainOutboxAsync();
        Assert.Equal(2 * reminded, s.SentTo(Agencies[0].Rep, "Reminder:").Count);
    }
}
