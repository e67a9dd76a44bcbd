using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// When the automatic reminder round goes out: "N days before the due date" reminds N calendar days before, at the due time
/// of day on England's clocks, also across a clock change; "0 days before the due date" reminds on the morning of the due
/// day (09:00 England time); a reminder time that had already passed when the audit was issued, or when the due date was extended,
/// sends no round (the tools, or the extension's notice, have just told the representatives the date). The scenario's
/// returns are due 20 March 2026 at 17:00 GMT, reminded 2 days before unless the form says otherwise; 13 returns are owed.
/// </summary>
public sealed class AutomaticReminderTimes
{
    [Fact]
    public async Task ZeroDaysBeforeRemindsOnTheMorningOfTheDueDay()
    {
        await using var s = await StartAsync();
        await s.CreateAsync(NewAuditForm with { ReminderDays = "0" });
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        AssertHasText(await s.IssueAsync(), "Audit issued");
        await s.Host.DrainOutboxAsync();
        var jobs = s.Host.Get<AuditJobs>();

        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 20, 8, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(13, (await jobs.RunOnceAsync(default)).RemindersSent);
        s.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        await s.Host.DrainOutboxAsync();

        Assert.Equal(3, s.SentTo(Agencies[0].Rep, "Reminder:").Count);
    }

    [Fact]
    public async Task ExtendingInsideTheReminderWindowSendsNoRoundRightAfterTheNotice()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var jobs = s.Host.Get<AuditJobs>();
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 19, 18, 0, 0, TimeSpan.Zero));
        Assert.Equal(13, (await jobs.RunOnceAsync(default)).RemindersSent);

        // Due on 21 March: its reminder time, two days before, was 19 March at 17:00, an hour ago.
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, new ExtendDueData(s.AuditId, "2026-03-21")),
            "have been told");
        s.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 21, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        await s.Host.DrainOutboxAsync();

        Assert.Equal(3, s.SentTo(Agencies[0].Rep, "Reminder:").Count);
        Assert.Single(s.SentTo(Agencies[0].Rep, "Returns due date extended"));
    }

    [Fact]
    public async Task IssuedInsideTheReminderWindowSendsNoRoundMomentsAfterTheTools()
    {
        await using var s = await StartAsync();
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 19, 10, 0, 0, TimeSpan.Zero));
        await s.SetUpIssuedAsync();
        var jobs = s.Host.Get<AuditJobs>();

        s.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 20, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        await s.Host.DrainOutboxAsync();
        Assert.Empty(s.SentTo(Agencies[0].Rep, "Reminder:"));

        // The chair can still remind them by hand.
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId)),
            "Reminder sent for 13 outstanding returns.");
    }

    [Theory]
    [InlineData("2026-03-30", "2026-04-24", "2", "2026-03-28T17:00:00Z")] // Due 17:00 BST; reminded 17:00 GMT, before the change.
    [InlineData("2026-10-27", "2026-11-20", "3", "2026-10-24T16:00:00Z")] // Due 17:00 GMT; reminded 17:00 BST, before the change.
    public async Task DaysBeforeRemindAtTheDueTimeOfDayInEnglandAcrossAClockChange(string due, string workshop, string days,
        string remindAt)
    {
        await using var s = await StartAsync();
        await s.CreateAsync(NewAuditForm with { ReturnsDue = due, WorkshopDate = workshop, ReminderDays = days });
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        AssertHasText(await s.IssueAsync(), "Audit issued");
        await s.Host.DrainOutboxAsync();
        var jobs = s.Host.Get<AuditJobs>();
        var at = DateTimeOffset.Parse(remindAt, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("17:00", EnglandTime.LocalOf(at).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));

        // An hour early is where 24-hour days would put it on one side of the change; a minute early is still too early.
        foreach (var early in new[] { at - TimeSpan.FromHours(1), at - TimeSpan.FromMinutes(1) })
        {
            s.Time.SetUtcNow(early);
            Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        }

        s.Time.SetUtcNow(at);
        Assert.Equal(13, (await jobs.RunOnceAsync(default)).RemindersSent);
        s.Time.SetUtcNow(at + TimeSpan.FromHours(1));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        await s.Host.DrainOutboxAsync();

        Assert.Equal(3, s.SentTo(Agencies[0].Rep, "Reminder:").Count);
    }
    [Theory]
    [InlineData("30")] // Its time, 18 February, had passed before the audit was issued.
    [InlineData("19")] // 1 March at 17:00: the evening before the issue.
    [InlineData("18")] // 2 March at 17:00: after the issue, so it always went.
    public async Task RaisingTheDaysAfterIssueRemindsAtTheNextPassWhenTheirTimeHasPassed(string days)
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var jobs = s.Host.Get<AuditJobs>();
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 11, 0, 0, TimeSpan.Zero));

        var saved = CardOf(await s.ExecuteAsync(Chair, DetailsScreen.Save, new AuditDetailsData(s.AuditId, ReminderDays: days)));

        Assert.Contains("Details saved: reminders.", saved.GetRawText(), StringComparison.Ordinal);
        Assert.Contains($"{days} days before the due date: 10 March 2026 at 11:00 GMT", saved.GetRawText(), StringComparison.Ordinal);
        var sent = new List<int>();
        for (var at = s.Time.GetUtcNow(); at <= new DateTimeOffset(2026, 3, 20, 17, 0, 0, TimeSpan.Zero); at += TimeSpan.FromHours(1))
        {
            s.Time.SetUtcNow(at);
            sent.Add((await jobs.RunOnceAsync(default)).RemindersSent);
        }

        Assert.Equal(13, sent[0]);
        Assert.Equal(13, sent.Sum());
        await s.Host.DrainOutboxAsync();
        Assert.Equal(3, s.SentTo(Agencies[0].Rep, "Reminder:").Count);
    }

    [Fact]
    public async Task DaysThatPassedBeforeTheIssueSendNoRoundAndTheDashboardSaysSo()
    {
        await using var s = await StartAsync();
        await s.CreateAsync(NewAuditForm with { ReminderDays = "30" });
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        var draft = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId))).GetRawText();
        AssertHasText(await s.IssueAsync(), "Audit issued");
        var jobs = s.Host.Get<AuditJobs>();

        var sent = 0;
        for (var at = s.Time.GetUtcNow(); at <= new DateTimeOffset(2026, 3, 20, 17, 0, 0, TimeSpan.Zero); at += TimeSpan.FromHours(1))
        {
            s.Time.SetUtcNow(at);
            sent += (await jobs.RunOnceAsync(default)).RemindersSent;
        }

        var issued = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId))).GetRawText();
        Assert.Equal(0, sent);
        Assert.Contains("30 days before the due date: none, as that time has passed", draft, StringComparison.Ordinal);
        Assert.Contains("30 days before the due date: none for this due date, as that time had passed when the audit was issued",
            issued, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnceTheRoundHasGoneTheDashboardSaysRemindersHaveFinishedEvenAfterTheSettingChanges()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var jobs = s.Host.Get<AuditJobs>();
        async Task<string> DashboardAsync() =>
            CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId))).GetRawText();
        Assert.Contains("2 days before the due date: 18 March 2026 at 17:00 GMT", await DashboardAsync(), StringComparison.Ordinal);

        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 18, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal(13, (await jobs.RunOnceAsync(default)).RemindersSent);
        s.Time.Advance(TimeSpan.FromHours(1));
        const string Finished = "finished, as the reminder for this due date has been sent";
        Assert.Contains($"2 days before the due date: {Finished}", await DashboardAsync(), StringComparison.Ordinal);

        // A day before, changed after the round went: the job sends no second round, and the dashboard names no time.
        var saved = CardOf(await s.ExecuteAsync(Chair, DetailsScreen.Save, new AuditDetailsData(s.AuditId, ReminderDays: "1")))
            .GetRawText();
        Assert.Contains("Details saved: reminders.", saved, StringComparison.Ordinal);
        Assert.Contains($"1 day before the due date: {Finished}", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("19 March 2026 at 17:00", saved, StringComparison.Ordinal);
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 19, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        Assert.Contains($"1 day before the due date: {Finished}", await DashboardAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnceTheDueDateHasPassedTheDashboardSaysRemindersHaveFinished()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 21, 10, 0, 0, TimeSpan.Zero));

        var dashboard = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId))).GetRawText();

        Assert.Contains("2 days before the due date: finished, as the returns were due on 20 March 2026 at 17:00 GMT", dashboard,
            StringComparison.Ordinal);
        Assert.DoesNotContain("18 March 2026 at 17:00", dashboard, StringComparison.Ordinal);
    }
}
