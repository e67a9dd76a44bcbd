using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;
using static WorkshopBot.Tests.Audits.EndToEnd.ChairHandedOver;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// When the new chair's copy of an open immediate-safety alert cannot be delivered after a handover, the admins' channel and
/// the representative who raised it learn so at once (the representative at the jobs' next pass), not at the next re-send.
/// </summary>
public sealed class ChairHandedOverAlertUndelivered
{
    [Fact]
    public async Task WhenTheNewChairsCopyOfAnOpenAlertCannotBeDeliveredTheAdminsAndTheRepresentativeAreToldAtOnce()
    {
        var admins = BotTestHost.Channel("Partnership admins", "Partnership office");
        await using var s = await StartWithNewChairAsync(o => o.Settings["WorkshopBot:AdminChannelId"] = admins.ChannelId);
        await s.Host.SendAsync(s.Host.BotAdded(Chair, admins));
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();
        var jobs = s.Host.Get<AuditJobs>();
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        var raisedBy = Agencies[1].Rep;
        Assert.Empty(s.SentTo(raisedBy, "was not delivered"));

        // Teams refuses every message into the new chair's 1:1 chat (400: never retried).
        s.Host.Connector.Inject(Uri.EscapeDataString(BotTestHost.PersonalChat(NewChair).Id),
            new InjectedFailure(400, "BadArgument", Times: 50));
        AssertHasText(await s.Host.ExecuteAsync(Admin, AdminChat, ChairScreen.Save,
            new ChairHandoverData(s.AuditId, Chair.AadObjectId, NewChair.Id, nameof(ChairHandoverReason.Absent))),
            "Incoming Quality Chair is now the chair of this audit.");
        await s.Host.DrainOutboxAsync();
        await s.Host.DrainOutboxAsync();

        // The admins' channel is told as the failure is stored (the alert's kind and audit, nothing of the concern).
        var adminCard = Assert.Single(s.Host.Sent(admins.ChannelId).SelectMany(x => x.Cards).Select(c => c.GetRawText()),
            c => c.Contains("A safety alert could not be delivered", StringComparison.Ordinal));
        Assert.DoesNotContain("Bruising", adminCard, StringComparison.Ordinal);

        // And the representative at the next pass of the jobs, before any re-send: once.
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        var told = Assert.Single(s.SentTo(raisedBy, "was not delivered"));
        Assert.Contains("could not deliver your immediate-safety alert to the audit chair in Teams", told.AllText,
            StringComparison.Ordinal);
        Assert.Contains("contact them directly now", told.AllText, StringComparison.Ordinal);
        Assert.False((await s.Store.ListOpenEscalationsAsync(default)).Single().Value.IsAcknowledged);
        Assert.Empty(s.SentTo(NewChair, "Immediate safety concern"));
    }

    /// <summary>
    /// The new chair's copy is the alert sent to them: delivered, the named lead who acknowledges the alert is not told it
    /// missed the chair (nor the representative that it was not delivered).
    /// </summary>
    [Fact]
    public async Task AnAlertTheNamedLeadAcknowledgesAfterAHandoverIsNotSaidToHaveMissedTheNewChair()
    {
        await using var s = await StartWithNewChairAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();
        AssertHasText(await s.Host.ExecuteAsync(Admin, AdminChat, ChairScreen.Save,
            new ChairHandoverData(s.AuditId, Chair.AadObjectId, NewChair.Id, nameof(ChairHandoverReason.LeftRole))),
            "Incoming Quality Chair is now the chair of this audit.");
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(NewChair, "Immediate safety concern"));
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;

        AssertHasText(await s.Host.ExecuteAsync(Lead, BotTestHost.PersonalChat(Lead), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(escalation.Id)), $"Acknowledged by {Lead.Name}");
        var jobs = s.Host.Get<AuditJobs>();
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        Assert.Empty(s.SentTo(Lead, "did not reach"));
        Assert.Empty(s.SentTo(Agencies[1].Rep, "was not delivered"));
    }
}
