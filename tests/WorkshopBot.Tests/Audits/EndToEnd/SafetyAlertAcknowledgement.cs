using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>An immediate-safety alert's acknowledgement is recorded even when another write to the alert races it.</summary>
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

        Assert.Contains("Only the people an immediate-safety alert was sent to", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Bruising seen", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(escalation.CaseReference.Value, refused, StringComparison.Ordinal);
        Assert.DoesNotContain(escalation.RaisedBy.DisplayName, refused, StringComparison.Ordinal);
        Assert.DoesNotContain(Agencies[1].Name, refused, StringComparison.Ordinal);
        Assert.DoesNotContain("Acknowledge\"", refused, StringComparison.Ordinal);
        Assert.False((await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.IsAcknowledged);
    }
}
