using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// An immediate-safety alert's acknowledgement is recorded even when another write to the alert races it, only from the
/// people it was sent to, and only while they still hold the role it was sent to them for.
/// </summary>
public sealed class SafetyAlertAcknowledgement
{
    [Fact]
    public async Task AcknowledgingWhileTheResendJobWritesStillRecordsTheAcknowledgement()
    {
        var race = new ContestedCommits(AuditStore.Escalations);
        await using var s = await StartAsync(o => o.Services = race.Register);
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;

        race.Times = 1;
        var acknowledge = new AcknowledgeAlertData(escalation.Id);
        var ack = CardOf(await s.Host.ExecuteAsync(Lead, BotTestHost.PersonalChat(Lead), SafetyScreen.AcknowledgeAlert, acknowledge));

        Assert.Equal(1, race.Contested);
        Assert.Contains("Acknowledged by Police Named Lead", ack.GetRawText());
        Assert.True((await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.IsAcknowledged);
    }

    [Fact]
    public async Task SomeoneTheAlertWasNotSentToIsRefusedAndShownNothingOfIt()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;

        var refused = CardOf(await s.Host.ExecuteAsync(Outsider, BotTestHost.PersonalChat(Outsider), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(escalation.Id))).GetRawText();

        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, refused, StringComparison.Ordinal);
        // A calm refusal: amber, never the red kept for what must not be missed.
        Assert.DoesNotContain("attention", refused, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("warning", refused, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Bruising seen", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(escalation.CaseReference.Value, refused, StringComparison.Ordinal);
        Assert.DoesNotContain(escalation.RaisedBy.DisplayName, refused, StringComparison.Ordinal);
        Assert.DoesNotContain(Agencies[1].Name, refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Acknowledge\"", refused, StringComparison.Ordinal);
        Assert.False((await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.IsAcknowledged);
    }

    /// <summary>
    /// The police's named lead is replaced after the alert was raised: their old card acknowledges nothing, so the alert is
    /// not silenced by someone who no longer answers for the agency, and the chair can still acknowledge it.
    /// </summary>
    [Fact]
    public async Task ANamedLeadReplacedAfterTheAlertCannotAcknowledgeItWithTheOldCard()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;
        Assert.Contains(escalation.RoutedTo, p => p.UserId == Lead.AadObjectId);
        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.AuditId, "agency-2", Agencies[1].Rep.Id, Outsider.Id, null)), "people and cases saved");

        var refused = CardOf(await s.Host.ExecuteAsync(Lead, BotTestHost.PersonalChat(Lead), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(escalation.Id))).GetRawText();

        Assert.Contains("no longer the named lead", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Acknowledged by", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(Outsider.Name, refused, StringComparison.Ordinal);
        Assert.False((await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.IsAcknowledged);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, escalation.Id.ToString("D"));
        Assert.DoesNotContain(events, e => e.Action == "safety.acknowledged");

        var ack = CardOf(await s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(escalation.Id))).GetRawText();
        Assert.Contains("Acknowledged by Quality Chair", ack, StringComparison.Ordinal);
        Assert.True((await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.IsAcknowledged);
    }

    /// <summary>
    /// The police's named lead is replaced after the alert was raised: the re-sends (the concern's details) go on to the
    /// chair, and no longer to the person who no longer answers for the agency.
    /// </summary>
    [Fact]
    public async Task ANamedLeadReplacedAfterTheAlertIsNoLongerSentItsResends()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(Lead, "Immediate safety concern"));
        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.AuditId, "agency-2", Agencies[1].Rep.Id, Outsider.Id, null)), "people and cases saved");

        s.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).AlertsResent);
        await s.Host.DrainOutboxAsync();

        Assert.Equal(2, s.SentTo(Chair, "Immediate safety concern").Count);
        Assert.Single(s.SentTo(Lead, "Immediate safety concern"));
    }

    /// <summary>
    /// The police's named lead is replaced while the alert is open: the new lead is sent it at once, once however often the
    /// change reaches the bot, then its re-sends, and can acknowledge it; the old lead still cannot, and the representative
    /// who raised it is told nothing new.
    /// </summary>
    [Fact]
    public async Task ANamedLeadAppointedWhileTheAlertIsOpenIsSentItOnceAndCanAcknowledgeIt()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;
        var raiser = BotTestHost.PersonalChat(Agencies[1].Rep).Id;
        var toRaiser = s.Host.Sent(raiser).Count;
        Assert.Empty(s.SentTo(Outsider, "Immediate safety concern"));

        var people = new AgencyPeopleData(s.AuditId, "agency-2", Agencies[1].Rep.Id, Outsider.Id, null);
        var save = s.Host.CardAction(Chair, Team, AgenciesScreen.SaveAgencyPeople, people);
        AssertHasText(await s.Host.InvokeAsync(save), "people and cases saved");
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(Outsider, "Immediate safety concern"));
        AssertHasText(await s.Host.InvokeAsync(save), "people and cases saved");
        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, people), "people and cases saved");
        await s.Host.DrainOutboxAsync();

        var sent = Assert.Single(s.SentTo(Outsider, "Immediate safety concern"));
        Assert.Contains("You are now this agency", sent.AllText, StringComparison.Ordinal);
        Assert.Contains("Bruising seen", sent.AllText, StringComparison.Ordinal);
        Assert.Equal(toRaiser, s.Host.Sent(raiser).Count);
        var routedTo = (await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.RoutedTo.Select(p => p.UserId).ToList();
        Assert.Equal(new[] { Chair.AadObjectId, Lead.AadObjectId, Outsider.AadObjectId }, routedTo);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, escalation.Id.ToString("D"));
        Assert.Single(events, e => e.Action == "safety.routed");

        s.Time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).AlertsResent);
        await s.Host.DrainOutboxAsync();
        Assert.Equal(2, s.SentTo(Outsider, "Immediate safety concern").Count);
        Assert.Single(s.SentTo(Lead, "Immediate safety concern"));

        var refused = CardOf(await s.Host.ExecuteAsync(Lead, BotTestHost.PersonalChat(Lead), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(escalation.Id))).GetRawText();
        Assert.Contains("no longer the named lead", refused, StringComparison.Ordinal);
        var ack = CardOf(await s.Host.ExecuteAsync(Outsider, BotTestHost.PersonalChat(Outsider), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(escalation.Id))).GetRawText();
        Assert.Contains($"Acknowledged by {Outsider.Name}", ack, StringComparison.Ordinal);
        Assert.Equal(Outsider.AadObjectId, (await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.AcknowledgedBy?.UserId);
        Assert.Equal(toRaiser, s.Host.Sent(raiser).Count);
    }

    /// <summary>An acknowledged alert is done with: a named lead appointed afterwards is not sent it and learns nothing of it.</summary>
    [Fact]
    public async Task AnAcknowledgedAlertIsNotSentToANamedLeadAppointedAfterwards()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;
        AssertHasText(await s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(escalation.Id)), "Acknowledged by Quality Chair");

        AssertHasText(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.AuditId, "agency-2", Agencies[1].Rep.Id, Outsider.Id, null)), "people and cases saved");
        await s.Host.DrainOutboxAsync();

        Assert.Empty(s.SentTo(Outsider, "Immediate safety concern"));
        Assert.DoesNotContain((await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.RoutedTo,
            p => p.UserId == Outsider.AadObjectId);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, escalation.Id.ToString("D"));
        Assert.DoesNotContain(events, e => e.Action == "safety.routed");
        var refused = CardOf(await s.Host.ExecuteAsync(Outsider, BotTestHost.PersonalChat(Outsider), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(escalation.Id))).GetRawText();
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Bruising seen", refused, StringComparison.Ordinal);
    }
    /// <summary>
    /// The representative is also their agency's named lead: the chair is told so when saving them, their alert goes to the
    /// chair (not back to them, nor named to them as sent to themselves), and their own acknowledgement is refused politely,
    /// so the re-sends keep going to the chair until the chair acknowledges it.
    /// </summary>
    [Fact]
    public async Task ARepresentativeWhoIsTheNamedLeadCannotAcknowledgeTheirOwnAlert()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var police = Agencies[1].Rep;
        var saved = CardOf(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.AuditId, "agency-2", police.Id, police.Id, null))).GetRawText();
        await s.Host.DrainOutboxAsync();
        Assert.Contains("Police Auditor is both the representative and the named lead: an immediate-safety alert they raise goes to "
            + "you alone, and only you can acknowledge it.", saved, StringComparison.Ordinal);

        var raised = await SafetyAlertAnswerChanged.SaveSafetyAsync(s, ("yes", "Bruising seen at a recent contact; referral made today."));
        await s.Host.DrainOutboxAsync();
        Assert.Contains("Your immediate concern has been sent to the chair. It is sent again as a reminder until it is "
            + "acknowledged. WorkshopBot does not make referrals", raised, StringComparison.Ordinal);
        Assert.DoesNotContain("Police Auditor", raised, StringComparison.Ordinal);
        var alert = Assert.Single(await s.Store.ListEscalationsAsync(s.AuditId, default));
        Assert.Single(s.SentTo(Chair, "Immediate safety concern"));
        Assert.Empty(s.SentTo(police, "Immediate safety concern"));

        var own = CardOf(await s.Host.ExecuteAsync(police, BotTestHost.PersonalChat(police), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(alert.Id))).GetRawText();
        Assert.Contains("Acknowledgement not recorded", own, StringComparison.Ordinal);
        Assert.Contains("You raised this alert, so someone else must acknowledge it", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Your acknowledgement is recorded", own, StringComparison.Ordinal);
        Assert.False((await s.Store.GetEscalationAsync(alert.Id, default))!.Value.IsAcknowledged);

        s.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(1, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).AlertsResent);
        await s.Host.DrainOutboxAsync();
        Assert.NotEmpty(s.SentTo(Chair, "reminder: not yet acknowledged"));
        Assert.Empty(s.SentTo(police, "Immediate safety concern"));
        AssertHasText(await s.Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(alert.Id)), "Your acknowledgement is recorded");
    }
}
