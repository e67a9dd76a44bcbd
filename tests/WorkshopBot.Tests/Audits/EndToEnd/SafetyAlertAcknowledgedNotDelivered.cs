using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// An acknowledgement stops an immediate-safety alert's re-sends, not the checks that it reached the others it went to: when
/// Teams refuses the chair's copy for good and the named lead acknowledges before the job notices, the representative and
/// the lead are each told once that the audit chair was not reached; when everyone got it, the acknowledgement ends it all
/// quietly.
/// </summary>
public sealed class SafetyAlertAcknowledgedNotDelivered
{
    private static TestUser Police => Agencies[1].Rep;

    /// <summary>Teams answers 403 for every message to this person's 1:1 chat (they removed or blocked the app).</summary>
    private static void Refuse(AuditScenario s, TestUser person) =>
        s.Host.Connector.Inject(Uri.EscapeDataString(BotTestHost.PersonalChat(person).Id),
            new InjectedFailure(403, "MessageWritesBlocked", Times: 100));

    /// <summary>The police representative answers "yes" on case 1; the sends are attempted; the alert is returned.</summary>
    private static async Task<SafetyEscalation> RaiseAsync(AuditScenario s)
    {
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();
        return Assert.Single(await s.Store.ListOpenEscalationsAsync(default)).Value;
    }

    private static async Task AcknowledgeAsync(AuditScenario s, TestUser person, SafetyEscalation escalation) =>
        Assert.Contains("Your acknowledgement is recorded", CardOf(await s.Host.ExecuteAsync(person, BotTestHost.PersonalChat(person),
            SafetyScreen.AcknowledgeAlert, new AcknowledgeAlertData(escalation.Id))).GetRawText(), StringComparison.Ordinal);

    /// <summary>Two passes of the job, a re-send's interval apart, each followed by the outbox.</summary>
    private static async Task RunJobsTwiceAsync(AuditScenario s)
    {
        var jobs = s.Host.Get<AuditJobs>();
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        s.Time.Advance(TimeSpan.FromMinutes(61));
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
    }

    private static int CountSent(AuditScenario s, TestUser person) => s.Host.Sent(BotTestHost.PersonalChat(person).Id).Count;

    [Fact]
    public async Task WhenTheChairNeverGotTheAlertTheRepresentativeAndTheLeadWhoAcknowledgedItAreEachToldOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        Refuse(s, Chair);
        var escalation = await RaiseAsync(s);
        var chairsCopy = await s.Host.Get<IOutboxStore>().FindByDedupeKeyAsync($"safety:{escalation.Id:D}:{Chair.AadObjectId}:0");
        Assert.Equal(OutboxStatus.Blocked, chairsCopy!.Status);
        await AcknowledgeAsync(s, Lead, escalation);
        var (toPolice, toLead, toChair) = (CountSent(s, Police), CountSent(s, Lead), CountSent(s, Chair));

        await RunJobsTwiceAsync(s);

        var police = Assert.Single(s.SentTo(Police, "was not delivered"));
        Assert.Contains("could not deliver your immediate-safety alert to the audit chair in Teams. Police Named Lead has "
            + "acknowledged it. Please contact them directly now.", police.AllText, StringComparison.Ordinal);
        var lead = Assert.Single(s.SentTo(Lead, "did not reach the audit chair"));
        Assert.Contains($"You acknowledged the immediate-safety alert from {Agencies[1].Name} for case {escalation.CaseReference}",
            lead.AllText, StringComparison.Ordinal);
        Assert.Contains("could not deliver it to the audit chair in Teams. Please contact them directly now.", lead.AllText,
            StringComparison.Ordinal);
        Assert.DoesNotContain(escalation.Details, lead.AllText, StringComparison.Ordinal);

        // Nothing else: one message each, no re-send to anyone, and the acknowledgement stands.
        Assert.Equal((toPolice + 1, toLead + 1, toChair), (CountSent(s, Police), CountSent(s, Lead), CountSent(s, Chair)));
        var after = (await s.Store.GetEscalationAsync(escalation.Id, default))!.Value;
        Assert.Equal((Lead.AadObjectId, 0), (after.AcknowledgedBy?.UserId, after.ResendCount));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, escalation.Id.ToString("D"));
        var logged = Assert.Single(events, e => e.Action == "safety.undelivered");
        Assert.Contains("\"afterAcknowledgement\":true", logged.DetailJson, StringComparison.Ordinal);
        Assert.Contains("\"representativeTold\":true", logged.DetailJson, StringComparison.Ordinal);
        Assert.Contains("\"acknowledgerTold\":true", logged.DetailJson, StringComparison.Ordinal);
        Assert.All(events, e => Assert.DoesNotContain(escalation.Details, e.DetailJson ?? "", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Action == "safety.resent");
    }

    /// <summary>Likewise the named lead's copy, refused for good, after the chair acknowledged: the chair and the representative
    /// learn.</summary>
    [Fact]
    public async Task WhenTheNamedLeadNeverGotTheAlertTheChairWhoAcknowledgedItAndTheRepresentativeAreEachToldOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        Refuse(s, Lead);
        var escalation = await RaiseAsync(s);
        await AcknowledgeAsync(s, Chair, escalation);

        await RunJobsTwiceAsync(s);

        Assert.Contains("could not deliver your immediate-safety alert to Police Named Lead in Teams. The audit chair has "
            + "acknowledged it.", Assert.Single(s.SentTo(Police, "was not delivered")).AllText, StringComparison.Ordinal);
        Assert.Contains("could not deliver it to Police Named Lead in Teams. Please contact them directly now.",
            Assert.Single(s.SentTo(Chair, "did not reach Police Named Lead")).AllText, StringComparison.Ordinal);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, escalation.Id.ToString("D"));
        Assert.Single(events, e => e.Action == "safety.undelivered");
    }

    /// <summary>
    /// The representative was told while the alert was open that the chair was not reached; the lead who acknowledges it
    /// afterwards still learns, once, and the representative is not told twice.
    /// </summary>
    [Fact]
    public async Task ALeadWhoAcknowledgesAfterTheRepresentativeWasToldIsToldTooAndTheRepresentativeNotAgain()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        Refuse(s, Chair);
        var escalation = await RaiseAsync(s);
        await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(Police, "was not delivered"));
        await AcknowledgeAsync(s, Lead, escalation);

        await RunJobsTwiceAsync(s);

        Assert.Single(s.SentTo(Police, "was not delivered"));
        Assert.Single(s.SentTo(Lead, "did not reach the audit chair"));
    }

    [Fact]
    public async Task WhenTheChairGotTheAlertTheLeadsAcknowledgementEndsItQuietly()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var escalation = await RaiseAsync(s);
        Assert.Single(s.SentTo(Chair, "Immediate safety concern"));
        await AcknowledgeAsync(s, Lead, escalation);
        var (toPolice, toLead, toChair) = (CountSent(s, Police), CountSent(s, Lead), CountSent(s, Chair));

        await RunJobsTwiceAsync(s);

        Assert.Equal((toPolice, toLead, toChair), (CountSent(s, Police), CountSent(s, Lead), CountSent(s, Chair)));
        var after = (await s.Store.GetEscalationAsync(escalation.Id, default))!.Value;
        Assert.Equal((Lead.AadObjectId, 0), (after.AcknowledgedBy?.UserId, after.ResendCount));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, escalation.Id.ToString("D"));
        Assert.DoesNotContain(events, e => e.Action is "safety.undelivered" or "safety.resent");
    }
}
