using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The chair replaces an agency's representative while cards for them still wait in the outbox (the audit tools sent at
/// issue, a reminder round, a new due date): what was queued for the person replaced is withdrawn as its send starts, never
/// delivered to them, recorded in the audit log by message and kind only, and not reported to anyone as a failed delivery.
/// The new representative gets the agency's tools; the other representatives get everything as before; a representative
/// chosen again before the queue is sent gets what was queued for them.
/// </summary>
public sealed class ReplacedRepresentativeQueuedCards
{
    private static readonly TestUser Replaced = Agencies[0].Rep;

    private static Task<InvokeResult> ReplaceAsync(AuditScenario s, TestUser by) =>
        s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, new AgencyPeopleData(s.AuditId, "agency-1", by.Id, null, null));

    private static async Task IssueWithoutSendingAsync(AuditScenario s)
    {
        await s.CreateAsync();
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        AssertHasText(await s.IssueAsync(), "Audit issued");
    }

    private static async Task<List<AuditEvent>> WithdrawalsLoggedAsync(AuditScenario s) =>
        (await s.Host.Get<IAuditLog>().ListRecentAsync(10_000)).Where(e => e.Action == ReplacedRepresentatives.Withdrawn).ToList();

    [Fact]
    public async Task AuditToolsQueuedForAReplacedRepresentativeAreWithdrawnAndTheNewOneGetsTheirs()
    {
        await using var s = await StartAsync();
        await IssueWithoutSendingAsync(s);

        AssertHasText(await ReplaceAsync(s, Outsider), $"3 audit tools sent to {Outsider.Name}.");
        await s.Host.DrainOutboxAsync();

        Assert.Empty(s.SentTo(Replaced, "Audit tool:"));
        Assert.Equal(3, s.SentTo(Outsider, "Audit tool:").Count);
        Assert.Equal(3, s.SentTo(Agencies[1].Rep, "Audit tool:").Count);
        var withdrawn = (await s.Host.Get<IOutboxStore>().ListByCorrelationAsync(AuditMessenger.IssueCorrelation(s.AuditId)))
            .Where(m => m.TargetUserId == Replaced.Id).ToList();
        Assert.Equal(3, withdrawn.Count);
        Assert.All(withdrawn, m =>
        {
            Assert.Equal(OutboxStatus.Failed, m.Status);
            Assert.Equal(IOutboxStore.NoLongerForError, m.LastError);
            Assert.Equal(IOutboxStore.ForgottenPayload, m.PayloadJson);
            Assert.NotNull(m.ReportedAt);
        });

        // Logged once per card, by the bot, naming the message and its kind: no card text, no person, no case.
        var logged = await WithdrawalsLoggedAsync(s);
        Assert.Equal(withdrawn.Select(m => m.Id).Order(), logged.Select(e => Message(e)).Order());
        Assert.All(logged, e =>
        {
            Assert.Equal("workshopbot", e.ActorId);
            Assert.Contains("\"kind\":\"tool\"", e.DetailJson, StringComparison.Ordinal);
            Assert.Contains("\"agency\":\"agency-1\"", e.DetailJson, StringComparison.Ordinal);
            Assert.All(Cases, c => Assert.DoesNotContain(c, e.DetailJson, StringComparison.Ordinal));
        });
        Assert.Empty(await s.Host.FreeTextInAuditLogAsync());

        // Not a failed delivery: the chair is not told of one, the dashboard names nobody, the admins are not alerted.
        Assert.Equal(0, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).DeliveryFailuresReported);
        var dashboard = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId))).GetRawText();
        Assert.DoesNotContain(Replaced.Name, dashboard, StringComparison.Ordinal);
        Assert.Empty(await s.Host.Get<IOutboxStore>().ListUnreportedAsync(Start.AddDays(-1), Start.AddDays(30), 100));
    }

    [Fact]
    public async Task ToolsAboutToBeWithdrawnAreNotCountedOnTheirWay()
    {
        await using var s = await StartAsync();
        await IssueWithoutSendingAsync(s);
        AssertHasText(await Dashboard(s), "Audit tools: 0 delivered, 13 on the way, 0 could not be delivered");

        // Between the replacement and the withdrawal of the replaced representative's tools, the chair sees what will happen.
        await ReplaceAsync(s, Outsider);
        AssertHasText(await Dashboard(s), "Audit tools: 0 delivered, 13 on the way, 0 could not be delivered");
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Tracker, new AuditRefData(s.AuditId)), "13 on the way");
        await s.Host.DrainOutboxAsync();
        AssertHasText(await Dashboard(s), "Audit tools: 13 delivered, 0 on the way, 0 could not be delivered");

        // Chosen again before anything was sent, the first representative's tools are on their way once more.
        await using var again = await StartAsync();
        await IssueWithoutSendingAsync(again);
        await ReplaceAsync(again, Outsider);
        await ReplaceAsync(again, Replaced);
        AssertHasText(await Dashboard(again), "Audit tools: 0 delivered, 13 on the way, 0 could not be delivered");

        static Task<InvokeResult> Dashboard(AuditScenario s) =>
            s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId));
    }

    [Fact]
    public async Task ARepresentativeChosenAgainBeforeTheQueueIsSentGetsWhatWasQueuedForThem()
    {
        await using var s = await StartAsync();
        await IssueWithoutSendingAsync(s);

        await ReplaceAsync(s, Outsider);
        AssertHasText(await ReplaceAsync(s, Replaced), "people and cases saved");
        await s.Host.DrainOutboxAsync();

        Assert.Equal(3, s.SentTo(Replaced, "Audit tool:").Count);
        Assert.Empty(s.SentTo(Outsider, "Audit tool:"));
        Assert.Equal(3, (await WithdrawalsLoggedAsync(s)).Count);
    }

    [Fact]
    public async Task AReminderRoundQueuedForAReplacedRepresentativeIsWithdrawn()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();

        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId)),
            "Reminder sent for 13 outstanding returns.");
        await ReplaceAsync(s, Outsider);
        await s.Host.DrainOutboxAsync();

        Assert.Empty(s.SentTo(Replaced, "Reminder:"));
        Assert.Equal(3, s.SentTo(Agencies[1].Rep, "Reminder:").Count);
        Assert.Equal(3, s.SentTo(Outsider, "Audit tool:").Count);
        var logged = await WithdrawalsLoggedAsync(s);
        Assert.Equal(3, logged.Count);
        Assert.All(logged, e => Assert.Contains("\"kind\":\"reminder\"", e.DetailJson, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheNewRepresentativeIsSentTheRoundsReminderWithdrawnFromTheOneReplacedOnceForReturnsStillOutstanding()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId)),
            "Reminder sent for 13 outstanding returns.");
        // The agency returns one case before the chair replaces its representative: that one needs no reminder.
        await s.FillAndSubmitAsync(0, 2);

        AssertHasText(await ReplaceAsync(s, Outsider), $"3 audit tools sent to {Outsider.Name}.");
        await s.Host.DrainOutboxAsync();

        Assert.Empty(s.SentTo(Replaced, "Reminder:"));
        var reminded = s.SentTo(Outsider, "Reminder:");
        Assert.Equal([Cases[0], Cases[1]],
            reminded.Select(r => Cases.Single(c => r.AllText.Contains(c, StringComparison.Ordinal))).Order(StringComparer.Ordinal));
        Assert.Equal(3, s.SentTo(Agencies[1].Rep, "Reminder:").Count);
        // Each reminder sent in place of one withdrawn is logged by the bot, naming the withdrawn message: no person, no case.
        var withdrawn = await WithdrawalsLoggedAsync(s);
        Assert.Equal(3, withdrawn.Count);
        var instead = (await s.Host.Get<IAuditLog>().ListRecentAsync(10_000)).Where(e => e.Action == "audit.reminded"
            && e.ActorId == "workshopbot").ToList();
        Assert.Equal(2, instead.Count);
        Assert.All(instead, e =>
        {
            Assert.Equal(AuditSubjects.Return, e.SubjectType);
            Assert.Contains("\"agency\":\"agency-1\"", e.DetailJson, StringComparison.Ordinal);
            Assert.Contains("\"round\":\"manual-1\"", e.DetailJson, StringComparison.Ordinal);
            Assert.Contains(withdrawn, w => e.DetailJson!.Contains($"\"insteadOf\":{Message(w)}", StringComparison.Ordinal));
            Assert.DoesNotContain(Outsider.AadObjectId, e.DetailJson, StringComparison.Ordinal);
        });
        Assert.Empty(await s.Host.FreeTextInAuditLogAsync());

        // The same round run again (a retried job, a redelivered press) reminds nobody twice.
        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        await s.Host.WorkAsync(services => services.GetRequiredService<ReminderSender>().SendAsync(audit, "manual-1", default));
        await s.Host.DrainOutboxAsync();

        Assert.Equal(2, s.SentTo(Outsider, "Reminder:").Count);
        Assert.Equal(3, s.SentTo(Agencies[1].Rep, "Reminder:").Count);
        Assert.Empty(s.SentTo(Replaced, "Reminder:"));
        Assert.Equal(3 + 2, s.Host.Sent(BotTestHost.PersonalChat(Outsider).Id).Count); // The agency's three tools, two reminders.
    }

    [Fact]
    public async Task ANewRepresentativeTheBotCouldNotReachThenIsRemindedWhenTheRoundRunsAgain()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var chat = BotTestHost.PersonalChat(Outsider);
        await s.Host.SendAsync(s.Host.Message(Outsider, chat, "help"));
        await s.Host.SendAsync(s.Host.Installation(Outsider, chat, "remove"));
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Remind, new AuditRefData(s.AuditId)),
            "Reminder sent for 13 outstanding returns.");

        await ReplaceAsync(s, Outsider);
        await s.Host.DrainOutboxAsync();
        Assert.Empty(s.SentTo(Outsider, "Reminder:"));
        Assert.Empty(s.SentTo(Replaced, "Reminder:"));

        // They open their chat with the bot again; the round run again reminds them, once however often it runs.
        await s.Host.SendAsync(s.Host.Installation(Outsider, chat, "add"));
        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        for (var run = 0; run < 2; run++)
        {
            await s.Host.WorkAsync(services => services.GetRequiredService<ReminderSender>().SendAsync(audit, "manual-1", default));
            await s.Host.DrainOutboxAsync();
        }

        Assert.Equal(3, s.SentTo(Outsider, "Reminder:").Count);
        Assert.Equal(3, s.SentTo(Agencies[1].Rep, "Reminder:").Count);
        Assert.Empty(s.SentTo(Replaced, "Reminder:"));
    }

    [Fact]
    public async Task TheAutomaticRoundWithdrawnFromAReplacedRepresentativeRemindsTheNewOneOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var jobs = s.Host.Get<AuditJobs>();
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 18, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal(13, (await jobs.RunOnceAsync(default)).RemindersSent);

        await ReplaceAsync(s, Outsider);
        await s.Host.DrainOutboxAsync();
        s.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, (await jobs.RunOnceAsync(default)).RemindersSent);
        await s.Host.DrainOutboxAsync();

        Assert.Empty(s.SentTo(Replaced, "Reminder:"));
        Assert.Equal(3, s.SentTo(Outsider, "Reminder:").Count);
        Assert.Equal(3, s.SentTo(Agencies[2].Rep, "Reminder:").Count);
    }

    [Fact]
    public async Task ANewDueDateQueuedForAReplacedRepresentativeIsWithdrawn()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();

        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, new ExtendDueData(s.AuditId, "2026-04-03")),
            "Returns are now due 3 April 2026");
        await ReplaceAsync(s, Outsider);
        await s.Host.DrainOutboxAsync();

        Assert.Empty(s.SentTo(Replaced, "Returns due date extended"));
        Assert.Single(s.SentTo(Agencies[1].Rep, "Returns due date extended"));
        var logged = Assert.Single(await WithdrawalsLoggedAsync(s));
        Assert.Contains("\"kind\":\"due-extended\"", logged.DetailJson, StringComparison.Ordinal);
    }

    private static long Message(AuditEvent e) =>
        System.Text.Json.JsonDocument.Parse(e.DetailJson!).RootElement.GetProperty("message").GetInt64();
}
