using WorkshopBot.ActionPlans.Teams;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// An action's reminder and overdue notices go from 09:00 England time on their day, on either side of a clock change,
/// not in the first pass after midnight; and never on the day the lead was given the action (or its new date): that card
/// has just told them, so the reminder goes at 09:00 the next day.
/// </summary>
public sealed class ActionNoticesGoAtNine
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) =>
        new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static async Task<Guid> CreateAsync(ActionScenario s, string due)
    {
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", PoliceLead.Id, due, Measure, null, null))), StringComparison.Ordinal);
        return Assert.Single(await s.ActionsAsync()).Id;
    }

    [Fact]
    public async Task TheReminderAndTheOverdueNoticeGoAtNineInBstAndInGmt()
    {
        await using var s = await StartAsync();
        await CreateAsync(s, "2026-10-30"); // Reminded 23 October (BST); overdue 31 October (GMT, the clocks went back on the 25th).
        var passes = new List<(DateTimeOffset At, (int, int) Expected)>
        {
            (Utc(10, 23, 0, 5), (0, 0)), // Just after midnight BST.
            (Utc(10, 23, 7, 59), (0, 0)), // 08:59 BST.
            (Utc(10, 23, 8), (1, 0)), // 09:00 BST.
            (Utc(10, 23, 9), (0, 0)),
            (Utc(10, 31, 0, 5), (0, 0)), // Just after midnight GMT, the first day it is overdue.
            (Utc(10, 31, 8), (0, 0)), // 08:00 GMT: 09:00 only on summer clocks.
            (Utc(10, 31, 9), (0, 1)), // 09:00 GMT.
            (Utc(10, 31, 10), (0, 0)),
        };

        foreach (var (at, expected) in passes)
        {
            s.Time.Advance(at - s.Time.GetUtcNow());
            Assert.Equal((at, expected), (at, Counts(await s.RunJobsAsync())));
        }
    }

    [Fact]
    public async Task ABotDownAtNineSendsTheOverdueNoticeAtItsNextPass()
    {
        await using var s = await StartAsync();
        await CreateAsync(s, "2026-05-30");
        s.Time.Advance(Utc(6, 2, 14) - s.Time.GetUtcNow());

        var first = await s.RunJobsAsync();
        var again = await s.RunJobsAsync();

        Assert.Equal((0, 1), (first.Reminders, first.OverdueNotices));
        Assert.Equal((0, 0), (again.Reminders, again.OverdueNotices));
    }

    [Fact]
    public async Task AnActionDueInThreeDaysIsRemindedTheNextMorningNotMinutesAfterItsCard()
    {
        await using var s = await StartAsync(); // 14 April 2026 at 10:00 BST.
        var id = await CreateAsync(s, "2026-04-17");

        Assert.Equal((0, 0), Counts(await s.RunJobsAsync()));
        s.Time.Advance(Utc(4, 15, 7, 59) - s.Time.GetUtcNow());
        Assert.Equal((0, 0), Counts(await s.RunJobsAsync()));
        s.Time.Advance(Utc(4, 15, 8) - s.Time.GetUtcNow());
        Assert.Equal((1, 0), Counts(await s.RunJobsAsync()));
        Assert.Equal((0, 0), Counts(await s.RunJobsAsync()));

        // Extended on the 16th to the 20th: the extension's card has just told the lead, so the next reminder waits for the 17th.
        s.Time.Advance(Utc(4, 16, 10) - s.Time.GetUtcNow());
        Assert.Contains("Saved", Text(await s.InChannelAsync(Chair, ManageScreen.Extend,
            new ExtendData(id, "2026-04-20", "Waiting for the board", null))), StringComparison.Ordinal);
        Assert.Equal((0, 0), Counts(await s.RunJobsAsync()));
        s.Time.Advance(Utc(4, 17, 8) - s.Time.GetUtcNow());
        Assert.Equal((1, 0), Counts(await s.RunJobsAsync()));
        await s.Host.DrainOutboxAsync();

        Assert.Single(s.ChatCards(PoliceLead), c => c.Contains("Reminder: A1 is due 17 April 2026", StringComparison.Ordinal));
        Assert.Single(s.ChatCards(PoliceLead), c => c.Contains("Reminder: A1 is due 20 April 2026", StringComparison.Ordinal));
    }

    private static (int Reminders, int Overdue) Counts(WorkshopBot.ActionPlans.Jobs.ActionJobReport report) =>
        (report.Reminders, report.OverdueNotices);
}
