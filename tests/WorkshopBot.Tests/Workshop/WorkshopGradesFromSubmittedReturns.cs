using WorkshopBot.Audits;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Workshop;

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
        var card = WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair, s.Channel, WorkshopVerbs.Manage, new PollRef(s.WorkshopId, grade.Id)));

        Assert.Contains("Children's Social Care", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Kingston Hospital", card, StringComparison.Ordinal);
    }
}
