using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// "Yes, a child is unsafe now" pressed on a card of the immediate-safety page drawn before the return was submitted: the
/// submitted return is not changed (submitted is final unless the chair reopens it), but the chair and named lead are alerted
/// at once, with the details typed, once however often the card is pressed or Teams sends the press again; the representative
/// is told the alert went and that their submitted return was not changed. A "no", or any other change, is refused as
/// read-only, as before.
/// </summary>
public sealed class SafetyYesOnASubmittedReturn : IAsyncLifetime
{
    private const string Details = "Bruising seen at a recent contact; agency referral made today.";
    private const string Sent = "Your immediate concern has been sent to the chair and Police Named Lead.";

    private AuditScenario _s = null!;

    private static TestUser Police => Agencies[1].Rep;

    public async Task InitializeAsync()
    {
        _s = await StartAsync();
        await _s.SetUpIssuedAsync();
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    /// <summary>The return as it was before it was submitted (its cards drawn then), and the return submitted since.</summary>
    private async Task<(AuditReturn Before, AuditReturn Submitted, string Safety)> SubmittedAsync()
    {
        var before = await _s.ReturnOfAsync(1);
        await _s.FillAndSubmitAsync(1, 0);
        var submitted = await _s.ReturnOfAsync(1);
        Assert.True(submitted.IsReadOnly);
        var safety = submitted.AllQuestions.Single(q => q.IsSafetyQuestion).Id;
        Assert.Equal(AnswerValue.No, submitted.AnswerTo(safety)!.Value);
        return (before, submitted, safety);
    }

    /// <summary>The immediate-safety page's card drawn from <paramref name="ret"/>, saved with these inputs.</summary>
    private Task<string> SaveSafetyPageAsync(AuditReturn ret, Dictionary<string, string> inputs) =>
        SaveSafetyPageAsync(_s, Police, ret, inputs);

    /// <summary>The immediate-safety page's card drawn from <paramref name="ret"/>, saved by <paramref name="rep"/>.</summary>
    internal static async Task<string> SaveSafetyPageAsync(AuditScenario s, TestUser rep, AuditReturn ret,
        Dictionary<string, string> inputs)
    {
        var section = ret.Sections.Single(x => x.Questions.Any(q => q.IsSafetyQuestion));
        var step = ReturnSteps.Build(ret).Single(x => x.Section?.Id == section.Id).Index;
        var save = new SaveSectionData(s.AuditId, ret.Id, section.Id, step, 0, ret.Version, ReturnMoves.Next)
        {
            Inputs = inputs.ToDictionary(i => i.Key, i => JsonSerializer.SerializeToElement(i.Value)),
        };
        var card = CardOf(await s.AsRepAsync(rep, ReturnsScreen.SaveSection, save)).GetRawText();
        await s.Host.DrainOutboxAsync();
        return card;
    }

    [Fact]
    public async Task AYesOnAnOldCardAlertsOnceAndLeavesTheSubmittedReturnAsItWas()
    {
        var (before, submitted, safety) = await SubmittedAsync();
        var typed = new Dictionary<string, string> { ["a:" + safety] = "yes", ["n:" + safety] = Details };

        var card = await SaveSafetyPageAsync(before, typed);

        Assert.Contains(Sent, card, StringComparison.Ordinal);
        Assert.Contains(ReturnsScreen.SubmittedReturnUnchanged, card, StringComparison.Ordinal);
        Assert.DoesNotContain("read-only. Nothing was changed", card, StringComparison.Ordinal);
        var now = await _s.ReturnOfAsync(1);
        Assert.True(now.IsReadOnly);
        Assert.Equal(submitted.Version, now.Version);
        Assert.Equal(submitted.AnswerTo(safety), now.AnswerTo(safety));
        Assert.False(now.HasImmediateConcern);
        var alert = Assert.Single(await _s.Store.ListEscalationsAsync(_s.AuditId, default));
        Assert.Equal(Details, alert.Details);
        Assert.Equal(now.Id, alert.ReturnId);
        Assert.True(alert.RaisedAfterSubmission);
        var chair = Assert.Single(_s.SentTo(Chair, "Immediate safety concern"));
        Assert.Contains(Details, chair.AllText, StringComparison.Ordinal);
        Assert.Contains("Raised after the return was submitted", chair.AllText, StringComparison.Ordinal);
        Assert.Single(_s.SentTo(Lead, "Immediate safety concern"));

        // Pressed again, and sent again by Teams: the same answer, and nothing more raised, changed or sent.
        var again = await SaveSafetyPageAsync(before, typed);
        Assert.Equal(card, again);
        Assert.Single(await _s.Store.ListEscalationsAsync(_s.AuditId, default));
        Assert.Single(_s.SentTo(Chair, "Immediate safety concern"));
        Assert.Single(_s.SentTo(Lead, "Immediate safety concern"));
        Assert.Equal(submitted.Version, (await _s.ReturnOfAsync(1)).Version);

        // Logged once, with ids and counts only.
        var logged = Assert.Single(await _s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, alert.Id.ToString("D")));
        Assert.Equal("safety.raised", logged.Action);
        Assert.Contains("\"afterSubmission\":true", logged.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Bruising", logged.DetailJson, StringComparison.Ordinal);
        Assert.Empty(await _s.Host.FreeTextInAuditLogAsync());
    }

    /// <summary>
    /// Yes on the draft raised the alert; the representative changed to no and submitted before anyone acknowledged it, so it
    /// is still open, marked withdrawn. Yes on a card from before the submission then goes to that alert as an update (with
    /// the new details), never as a second open alert for the return: the chair and named lead are told once, however often
    /// it is pressed or sent again, and the representative is told the chair already has the alert open.
    /// </summary>
    [Fact]
    public async Task AYesOnAnOldCardWhileTheReturnsAlertIsOpenUpdatesThatAlertOnce()
    {
        const string Further = "Further bruising seen at today's visit; a strategy discussion is requested.";
        var before = await _s.ReturnOfAsync(1);
        var safety = before.AllQuestions.Single(q => q.IsSafetyQuestion).Id;
        await SaveSafetyPageAsync(before, new Dictionary<string, string> { ["a:" + safety] = "yes", ["n:" + safety] = Details });
        var alert = Assert.Single(await _s.Store.ListEscalationsAsync(_s.AuditId, default));
        _s.Time.Advance(TimeSpan.FromMinutes(10));
        await _s.FillAndSubmitAsync(1, 0);
        await _s.Host.DrainOutboxAsync();
        var submitted = await _s.ReturnOfAsync(1);
        Assert.True(submitted.IsReadOnly);
        Assert.True(Assert.Single(await _s.Store.ListEscalationsAsync(_s.AuditId, default)).IsWithdrawn);

        _s.Time.Advance(TimeSpan.FromMinutes(10));
        var carriedAt = _s.Time.GetUtcNow();
        var typed = new Dictionary<string, string> { ["a:" + safety] = "yes", ["n:" + safety] = Further };
        var card = await SaveSafetyPageAsync(before, typed);

        var one = Assert.Single(await _s.Store.ListEscalationsAsync(_s.AuditId, default));
        Assert.Equal(alert.Id, one.Id);
        Assert.False(one.IsWithdrawn);
        Assert.False(one.IsAcknowledged);
        Assert.Equal(Further, one.Details);
        Assert.Equal(carriedAt + SafetyEscalation.DefaultResendAfter, one.NextResendAt);
        Assert.Contains("The chair and Police Named Lead already have your immediate-safety alert for this return open, and have "
            + "been told of this update.", card, StringComparison.Ordinal);
        Assert.Contains(ReturnsScreen.SubmittedReturnUnchanged, card, StringComparison.Ordinal);
        Assert.DoesNotContain(Sent, card, StringComparison.Ordinal);
        foreach (var person in new[] { Chair, Lead })
        {
            var update = Assert.Single(_s.SentTo(person, "answered yes again"));
            Assert.Contains(Further, update.AllText, StringComparison.Ordinal);
            Assert.Contains(SafetyCard.CarriedAfterSubmissionNote, update.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain("Withdrawn by the representative", update.AllText, StringComparison.Ordinal);
        }

        var now = await _s.ReturnOfAsync(1);
        Assert.Equal(submitted.Version, now.Version);
        Assert.Equal(submitted.AnswerTo(safety), now.AnswerTo(safety));

        // Pressed again, and sent again by Teams: the same answer, and nothing more raised, changed or sent.
        var again = await SaveSafetyPageAsync(before, typed);
        Assert.Equal(card, again);
        Assert.Equal(one.Version, Assert.Single(await _s.Store.ListEscalationsAsync(_s.AuditId, default)).Version);
        Assert.Single(_s.SentTo(Chair, "answered yes again"));
        Assert.Single(_s.SentTo(Lead, "answered yes again"));

        // Logged with ids and counts only; the chair has one alert to acknowledge.
        var log = await _s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, alert.Id.ToString("D"));
        Assert.Equal(["safety.raised", "safety.withdrawn", "safety.reraised"], log.Select(e => e.Action));
        Assert.Contains("\"afterSubmission\":true", log[^1].DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain("bruising", log[^1].DetailJson, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await _s.Host.FreeTextInAuditLogAsync());
        Assert.Single(await _s.Store.ListOpenEscalationsAsync(default));
    }

    /// <summary>
    /// The alert raised from the draft was acknowledged before the representative changed to no and submitted: a yes on a card
    /// from before the submission raises a new alert beside the return, as when there was none (nothing is open to carry it).
    /// </summary>
    [Fact]
    public async Task AYesOnAnOldCardAfterTheReturnsAlertWasAcknowledgedRaisesANewOne()
    {
        const string Further = "Further bruising seen at today's visit; a strategy discussion is requested.";
        var before = await _s.ReturnOfAsync(1);
        var safety = before.AllQuestions.Single(q => q.IsSafetyQuestion).Id;
        await SaveSafetyPageAsync(before, new Dictionary<string, string> { ["a:" + safety] = "yes", ["n:" + safety] = Details });
        var first = Assert.Single(await _s.Store.ListEscalationsAsync(_s.AuditId, default));
        AssertHasText(await _s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(first.Id)), "Acknowledged by Quality Chair");
        await _s.FillAndSubmitAsync(1, 0);
        await _s.Host.DrainOutboxAsync();

        var card = await SaveSafetyPageAsync(before, new Dictionary<string, string>
        {
            ["a:" + safety] = "yes", ["n:" + safety] = Further,
        });

        Assert.Contains(Sent, card, StringComparison.Ordinal);
        Assert.Contains(ReturnsScreen.SubmittedReturnUnchanged, card, StringComparison.Ordinal);
        var alerts = await _s.Store.ListEscalationsAsync(_s.AuditId, default);
        Assert.Equal(2, alerts.Count);
        var second = Assert.Single(alerts, e => e.Id != first.Id);
        Assert.True(second.RaisedAfterSubmission);
        Assert.False(second.IsAcknowledged);
        Assert.Equal(Further, second.Details);
        Assert.Single(_s.SentTo(Chair, second.Id.ToString("D")));
        Assert.Empty(_s.SentTo(Chair, "answered yes again"));
        var firstNow = Assert.Single(alerts, e => e.Id == first.Id);
        Assert.Equal((true, null), (firstNow.IsAcknowledged, firstNow.CarriedAfterSubmission));
    }

    [Fact]
    public async Task ANoOrAnyOtherChangeOnAnOldCardIsStillReadOnlyAndAlertsNobody()
    {
        var (before, submitted, safety) = await SubmittedAsync();

        var no = await SaveSafetyPageAsync(before, new Dictionary<string, string>
        {
            ["a:" + safety] = "no", ["n:" + safety] = "A late thought typed on the old card.",
        });
        var first = before.Sections[0].Questions[0].Id;
        var other = await SaveSafetyPageAsync(before, new Dictionary<string, string> { ["a:" + first] = "partly" });

        Assert.Contains("read-only. Nothing was changed", no, StringComparison.Ordinal);
        Assert.Contains("read-only. Nothing was changed", other, StringComparison.Ordinal);
        Assert.DoesNotContain(ReturnsScreen.SubmittedReturnUnchanged, no, StringComparison.Ordinal);
        Assert.Equal(submitted.Version, (await _s.ReturnOfAsync(1)).Version);
        Assert.Empty(await _s.Store.ListEscalationsAsync(_s.AuditId, default));
        Assert.Empty(_s.SentTo(Chair, "Immediate safety concern"));
    }
}
