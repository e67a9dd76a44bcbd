using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>Grade ratification shows the single-agency grades of submitted returns only; a draft (or reopened) return's grade is not for the workshop.</summary>
public sealed class WorkshopGradesFromSubmittedReturns
{
    [Fact]
    public async Task AReopenedReturnsGradeIsNotShownForRatification()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        var store = new AuditStore(s.Host.Get<IDocumentStore>());
        var kingston = s.Audit.Agencies.Single(a => a.Name == "Kingston Hospital");
        var reopened = (await store.ListReturnsAsync(s.Audit.Id, default)).Single(r => r.Value.AgencyId == kingston.Id);
        Assert.True(reopened.Value.Reopen(s.Audit, s.Audit.Chair, "Grade to be reconsidered.", DateTimeOffset.UtcNow).Succeeded);
        Assert.True(await store.UpdateReturnAsync(reopened, default));
        await s.StartAsync();

        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, CaseReference: WorkshopScenario.Case.Value));
        var card = WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair, s.Channel, PollsScreen.Manage, new PollRef(s.WorkshopId, grade.Id)));

        Assert.Contains("Children's Social Care", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Kingston Hospital", card, StringComparison.Ordinal);
    }
}

/// <summary>Card data carried to another tenant cannot enrol anyone in a workshop.</summary>
public sealed class WorkshopJoinFromAnotherTenant
{
    [Fact]
    public async Task IsRefusedAndNobodyJoins()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var outsider = WorkshopBot.Tests.Support.BotTestHost.User("Outsider Elsewhere");
        var join = s.Host.CardAction(outsider, s.Channel, JoinScreen.Join, new JoinData(s.WorkshopId, "other"));
        join = join with { Conversation = join.Conversation! with { TenantId = "11111111-2222-3333-4444-555555555555" }, ChannelData = null };

        var result = await s.Host.InvokeAsync(join);

        Assert.Contains("Workshop not found", WorkshopScenario.CardText(result), StringComparison.Ordinal);
        Assert.Null(await s.Votes.GetParticipantAsync(s.WorkshopId, outsider.AadObjectId, default));
    }
}
