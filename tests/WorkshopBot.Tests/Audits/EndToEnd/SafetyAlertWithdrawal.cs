using System.Net;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;
using static WorkshopBot.Tests.Audits.EndToEnd.SafetyAlertAnswerChanged;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The representative changes the safety answer to no: an open alert is still re-sent until acknowledged, counting from
/// its withdrawal, and answering yes again starts its re-sends afresh; an alert already acknowledged is marked
/// withdrawn and its people (whoever acknowledged it among them) are told once, with when and never the concern,
/// however often the save is run; yes again after that is a new alert to acknowledge, with its own re-sends.
/// </summary>
public sealed class SafetyAlertWithdrawal
{
    private const string Concern = "Bruising seen at a recent contact; referral made today.";

    private const string Explained = "Checked again: the bruise was explained and seen by the GP.";

    private static TestUser Police => Agencies[1].Rep;

    [Fact]
    public async Task AnAcknowledgedAlertWithdrawnLaterTellsTheChairAndLeadOnceHoweverOftenTheSaveIsRun()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await SaveSafetyAsync(s, ("yes", Concern));
        await s.Host.DrainOutboxAsync();
        var alert = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        s.Time.Advance(TimeSpan.FromMinutes(5));
        AssertHasText(await AcknowledgeAsync(s, alert.Id), "Acknowledged by Quality Chair");

        // The same "no" as two activities at once (a double press, or Teams retrying under a new id) and a redelivery.
        s.Time.Advance(TimeSpan.FromMinutes(30));
        var save = await SafetyAnswerAsync(s, "no", Explained);
        var chat = BotTestHost.PersonalChat(Police);
        var first = s.Host.CardAction(Police, chat, ReturnsScreen.SaveSection, save);
        var retried = s.Host.CardAction(Police, chat, ReturnsScreen.SaveSection, save);
        var answers = (await Task.WhenAll(s.Host.InvokeAsync(first), s.Host.InvokeAsync(retried))).ToList();
        answers.Add(await s.Host.InvokeAsync(first));
        await s.Host.DrainOutboxAsync();

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Contains(answers, a => CardOf(a).GetRawText().Contains(
            "The immediate-safety alert you raised had already been acknowledged by the chair; they have been told you changed "
            + "your answer.", StringComparison.Ordinal));
        var marked = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        Assert.True(marked.IsAcknowledged);
        Assert.True(marked.IsWithdrawn);
        Assert.Equal(1, marked.Withdrawals);
        foreach (var person in new[] { Chair, Lead })
        {
            var told = Assert.Single(s.SentTo(person, "Immediate safety concern withdrawn"));
            Assert.Contains($"changed their answer to no at {Moments.DateAndTime(marked.WithdrawnAt)}", told.AllText,
                StringComparison.Ordinal);
            Assert.Contains($"acknowledged by Quality Chair on {Moments.DateAndTime(marked.AcknowledgedAt)}", told.AllText,
                StringComparison.Ordinal);
            Assert.Contains("GMT", told.AllText, StringComparison.Ordinal);
            Assert.Contains(Cases[0], told.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain("ruise", told.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain("\"Acknowledge\"", told.AllText, StringComparison.Ordinal);
        }

        // Nothing is re-sent, and the log has one line for the change, with no text from the return (and one for the job's
        // finding that the acknowledged alert reached the lead too).
        s.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).AlertsResent);
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(Chair, "Immediate safety concern withdrawn"));
        var log = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, alert.Id.ToString("D"));
        Assert.Equal(["safety.raised", "safety.acknowledged", "safety.withdrawn", "safety.delivery-checked"],
            log.Select(e => e.Action));
        var line = log.Single(e => e.Action == "safety.withdrawn").DetailJson ?? string.Empty;
        Assert.Contains("\"afterAcknowledgement\":true", line, StringComparison.Ordinal);
        Assert.DoesNotContain("ruise", line, StringComparison.Ordinal);
        Assert.DoesNotContain("GP", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWithdrawnAlertIsResentAnHourAfterItsWithdrawalAndYesAgainCountsItsResendsFromThen()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await SaveSafetyAsync(s, ("yes", Concern));
        await s.Host.DrainOutboxAsync();
        var alert = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));

        // Withdrawn 50 minutes after it was raised: the withdrawal is sent then, so no reminder comes 10 minutes later.
        s.Time.Advance(TimeSpan.FromMinutes(50));
        var withdrawnAt = s.Time.GetUtcNow();
        await SaveSafetyAsync(s, ("no", Explained));
        await s.Host.DrainOutboxAsync();
        Assert.Contains("stays open, with its reminders", s.SentTo(Chair, "changed their answer to no").Last().AllText,
            StringComparison.Ordinal);
        Assert.Equal(withdrawnAt + SafetyEscalation.DefaultResendAfter,
            Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default)).NextResendAt);
        s.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).AlertsResent);

        // Nobody has acknowledged what was first reported: the reminder still goes, marked withdrawn.
        s.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).AlertsResent);
        await s.Host.DrainOutboxAsync();
        var withdrawnReminder = Assert.Single(s.SentTo(Chair, "reminder: not yet acknowledged"));
        Assert.Contains("Withdrawn by the representative", withdrawnReminder.AllText, StringComparison.Ordinal);

        // Yes again: sent now, so the next reminder is an hour from now, not at the reminder's hour.
        s.Time.Advance(TimeSpan.FromMinutes(30));
        var reraisedAt = s.Time.GetUtcNow();
        await SaveSafetyAsync(s, ("yes", "Further bruising seen today; a new referral has been made."));
        await s.Host.DrainOutboxAsync();
        var reraised = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        Assert.Equal(alert.Id, reraised.Id);
        Assert.Equal(reraisedAt + SafetyEscalation.DefaultResendAfter, reraised.NextResendAt);
        Assert.Single(s.SentTo(Chair, "answered yes again"));

        s.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).AlertsResent);
        s.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).AlertsResent);
        await s.Host.DrainOutboxAsync();
        var reminder = s.SentTo(Chair, "reminder: not yet acknowledged").Last();
        Assert.DoesNotContain("Withdrawn by the representative", reminder.AllText, StringComparison.Ordinal);

        var log = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, alert.Id.ToString("D"));
        Assert.Equal(["safety.raised", "safety.withdrawn", "safety.resent", "safety.reraised", "safety.resent"],
            log.Select(e => e.Action));
    }

    [Fact]
    public async Task YesAgainAfterAnAcknowledgedAlertWasWithdrawnAlertsAgainWithItsOwnResends()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await SaveSafetyAsync(s, ("yes", Concern));
        await s.Host.DrainOutboxAsync();
        var first = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        AssertHasText(await AcknowledgeAsync(s, first.Id), "Acknowledged by Quality Chair");
        s.Time.Advance(TimeSpan.FromMinutes(20));
        await SaveSafetyAsync(s, ("no", Explained));
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(Chair, "Immediate safety concern withdrawn"));

        s.Time.Advance(TimeSpan.FromHours(2));
        var raisedAt = s.Time.GetUtcNow();
        var again = await SaveSafetyAsync(s, ("yes", "Further bruising seen today; a new referral has been made."));
        await s.Host.DrainOutboxAsync();

        Assert.Contains("sent to the chair", again, StringComparison.Ordinal);
        var alerts = await s.Store.ListEscalationsAsync(s.AuditId, default);
        Assert.Equal(2, alerts.Count);
        var second = Assert.Single(alerts, e => e.Id != first.Id);
        Assert.False(second.IsAcknowledged);
        Assert.False(second.IsWithdrawn);
        Assert.Equal(raisedAt + SafetyEscalation.DefaultResendAfter, second.NextResendAt);
        foreach (var person in new[] { Chair, Lead })
        {
            var alert = Assert.Single(s.SentTo(person, second.Id.ToString("D")));
            Assert.Contains("Further bruising seen today", alert.AllText, StringComparison.Ordinal);
            Assert.Contains(SafetyScreen.AcknowledgeAlert, alert.AllText, StringComparison.Ordinal);
        }

        s.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).AlertsResent);
        s.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).AlertsResent);
        await s.Host.DrainOutboxAsync();
        Assert.Equal(2, s.SentTo(Chair, second.Id.ToString("D")).Count);

        AssertHasText(await AcknowledgeAsync(s, second.Id), SafetyScreen.Acknowledged);
        var log = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, second.Id.ToString("D"));
        Assert.Equal(["safety.raised", "safety.resent", "safety.acknowledged"], log.Select(e => e.Action));
        var firstNow = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default), e => e.Id == first.Id);
        Assert.Equal((true, true, 0), (firstNow.IsAcknowledged, firstNow.IsWithdrawn, firstNow.ResendCount));
    }

    private static Task<InvokeResult> AcknowledgeAsync(AuditScenario s, Guid alertId) =>
        s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), SafetyScreen.AcknowledgeAlert, new AcknowledgeAlertData(alertId));

    /// <summary>The save of the return's one safety question, as its card sends it, for the return as it is now.</summary>
    private static async Task<SaveSectionData> SafetyAnswerAsync(AuditScenario s, string answer, string narrative)
    {
        var ret = await s.ReturnOfAsync(1);
        var section = ret.Sections.Single(x => x.Questions.Any(q => q.IsSafetyQuestion));
        var question = section.Questions.Single(q => q.IsSafetyQuestion);
        return new SaveSectionData(s.AuditId, ret.Id, section.Id, -1, 0, ret.Version, ReturnMoves.Stay)
        {
            Inputs = new Dictionary<string, JsonElement>
            {
                ["a:" + question.Id] = JsonSerializer.SerializeToElement(answer),
                ["n:" + question.Id] = JsonSerializer.SerializeToElement(narrative),
            },
        };
    }
}
