using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A named lead appointed while an immediate-safety alert is open, whom the bot cannot reach in Teams: the chair who saved
/// them is told at once, by name and without anything of the alert's case, on the card they saved from when the bot knows
/// it already (their chat with the bot is closed, or they have none and the bot has left the audit's channel), else in their
/// 1:1 chat once the send has failed for good. Told once.
/// </summary>
public sealed class NewNamedLeadUnreachable
{
    /// <summary>The chair appoints the team member without a role as the police's named lead.</summary>
    private static AgencyPeopleData NewLead(AuditScenario s) => new(s.AuditId, "agency-2", Agencies[1].Rep.Id, Outsider.Id, null);

    [Fact]
    public async Task WhenTeamsRefusesTheNewLeadsChatTheChairIsToldInTheir1To1ChatOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;
        s.Host.Connector.Inject(Uri.EscapeDataString(BotTestHost.PersonalChat(Outsider).Id),
            new InjectedFailure(403, "MessageWritesBlocked", Times: 100));

        var saved = CardOf(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, NewLead(s))).GetRawText();
        Assert.Contains("people and cases saved", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("could not reach", saved, StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        var routed = await s.Host.Get<IOutboxStore>().FindByDedupeKeyAsync($"safety:{escalation.Id:D}:{Outsider.AadObjectId}:routed");
        Assert.Equal(OutboxStatus.Blocked, routed!.Status);
        Assert.Empty(s.SentTo(Chair, "did not reach the named lead"));

        var jobs = s.Host.Get<AuditJobs>();
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        var told = Assert.Single(s.SentTo(Chair, "did not reach the named lead"));
        Assert.Contains($"to {Outsider.Name}, its new named lead, in Teams", told.AllText, StringComparison.Ordinal);
        Assert.Contains("Please contact them directly now.", told.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("Bruising seen", told.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(escalation.CaseReference.Value, told.AllText, StringComparison.Ordinal);

        // Once, however many passes follow; the representative who raised it is told nothing about it.
        await jobs.RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        Assert.Single(s.SentTo(Chair, "did not reach the named lead"));
        Assert.Empty(s.SentTo(Agencies[1].Rep, "was not delivered"));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, escalation.Id.ToString("D"));
        var logged = Assert.Single(events, e => e.Action == "safety.lead-unreached");
        Assert.Contains("\"chairTold\":true", logged.DetailJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Bruising", logged.DetailJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheNewLeadHasClosedTheirChatTheChairsCardNamesThemAtOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;
        var chat = BotTestHost.PersonalChat(Outsider);
        await s.Host.SendAsync(s.Host.Message(Outsider, chat, "help"));
        await s.Host.SendAsync(s.Host.Installation(Outsider, chat, "remove"));
        s.Host.Connector.Inject(Uri.EscapeDataString(chat.Id), new InjectedFailure(403, "MessageWritesBlocked", Times: 100));

        var saved = CardOf(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, NewLead(s))).GetRawText();

        Assert.Contains("people and cases saved", saved, StringComparison.Ordinal);
        Assert.Contains($"WorkshopBot could not reach {Outsider.Name} in Teams to send them the open immediate-safety alert for "
            + "this agency. Please contact them directly now.", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("Bruising seen", saved, StringComparison.Ordinal);
        Assert.Contains((await s.Store.GetEscalationAsync(escalation.Id, default))!.Value.RoutedTo,
            p => p.UserId == Outsider.AadObjectId);

        // Told on the card: the failed send is not told again in the chair's chat.
        await s.Host.DrainOutboxAsync();
        await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        Assert.Empty(s.SentTo(Chair, "did not reach the named lead"));
    }

    [Fact]
    public async Task WhenTheBotHasLeftTheAuditsChannelAndTheNewLeadHasNoChatTheChairsCardNamesThemAtOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();
        var escalation = (await s.Store.ListOpenEscalationsAsync(default)).Single().Value;
        await s.Host.SendAsync(s.Host.BotRemoved(Chair, Team));

        // The new lead has no 1:1 chat with the bot: the alert would go through the serviceUrl of the channel it has left.
        var saved = CardOf(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, NewLead(s), BotTestHost.PersonalChat(Chair)))
            .GetRawText();

        Assert.Contains("people and cases saved", saved, StringComparison.Ordinal);
        Assert.Contains($"WorkshopBot could not reach {Outsider.Name} in Teams to send them the open immediate-safety alert for "
            + "this agency. Please contact them directly now.", saved, StringComparison.Ordinal);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, escalation.Id.ToString("D"));
        Assert.Contains("\"notReached\":1", Assert.Single(events, e => e.Action == "safety.routed").DetailJson,
            StringComparison.Ordinal);
    }
}
