using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// Create audit pressed twice (two activities, so not a redelivery) makes one draft; a different form, a draft already
/// worked on or a press more than ten minutes later makes a new audit, as a chair may.
/// </summary>
public sealed class CreatePressedTwice
{
    [Fact]
    public async Task CreatePressedTwiceMakesOneDraft()
    {
        await using var s = await StartAsync();
        await s.Host.SayAsync(Chair, Team, "new audit");

        var first = await s.ExecuteAsync(Chair, CreateScreen.Create, NewAuditForm);
        s.Time.Advance(TimeSpan.FromSeconds(3));
        var second = await s.ExecuteAsync(Chair, CreateScreen.Create, NewAuditForm);

        var id = Guid.Parse(FindString(CardOf(first), "auditId")!);
        Assert.Equal(CardOf(first).GetRawText(), CardOf(second).GetRawText());
        AssertHasText(second, "Audit created.");
        Assert.Equal(id, Assert.Single(await s.Store.ListAuditsAsync(default)).Value.Id);
        Assert.Single(await AllCreatedAsync(s));
        Assert.NotNull(await s.Store.GetChannelAsync(id, default));
    }

    [Fact]
    public async Task CreatePressedTwiceAtTheSameMomentMakesOneDraft()
    {
        var armed = false;
        var held = new HeldCommits(w => Volatile.Read(ref armed)
            && w.Steps.OfType<StoreWork.InsertStep>().Any(i => i.Collection == AuditStore.Audits));
        await using var s = await StartAsync(o => o.Services = held.Register);
        await s.Host.SayAsync(Chair, Team, "new audit");

        // The first press has made every read and waits at its commit while the second creates the audit.
        Volatile.Write(ref armed, true);
        var first = s.ExecuteAsync(Chair, CreateScreen.Create, NewAuditForm);
        await held.Held.WaitAsync(TimeSpan.FromSeconds(60));
        var second = await s.ExecuteAsync(Chair, CreateScreen.Create, NewAuditForm);
        Assert.NotEqual(CommitOutcome.Committed, (await held.ReleaseAsync()).Outcome);
        var lost = await first;

        Assert.Equal(CardOf(second).GetRawText(), CardOf(lost).GetRawText());
        var id = Guid.Parse(FindString(CardOf(second), "auditId")!);
        Assert.Equal(id, Assert.Single(await s.Store.ListAuditsAsync(default)).Value.Id);
        Assert.Single(await AllCreatedAsync(s));
    }

    [Fact]
    public async Task DifferentValuesOrATouchedDraftOrLaterMakeANewAudit()
    {
        await using var s = await StartAsync();
        var first = await s.CreateAsync();

        // Another title: a second audit, as a chair may create.
        await s.ExecuteAsync(Chair, CreateScreen.Create, NewAuditForm with { Title = "Neglect audit, spring 2026" });
        Assert.Equal(2, (await s.Store.ListAuditsAsync(default)).Count);

        // The first draft worked on (a case added): the same form again is a new audit.
        AssertHasText(await s.ExecuteAsync(Chair, CasesScreen.AddCase, new AddCaseData(first, Cases[0], "Under 1")), "added");
        await s.ExecuteAsync(Chair, CreateScreen.Create, NewAuditForm);
        Assert.Equal(3, (await s.Store.ListAuditsAsync(default)).Count);

        // Ten minutes on, the same form again is a new audit.
        s.Time.Advance(Audit.TwinWindow);
        await s.ExecuteAsync(Chair, CreateScreen.Create, NewAuditForm);
        Assert.Equal(4, (await s.Store.ListAuditsAsync(default)).Count);
        Assert.Equal(4, (await AllCreatedAsync(s)).Count);
    }

    private static async Task<List<AuditEvent>> AllCreatedAsync(AuditScenario s)
    {
        var log = s.Host.Get<IAuditLog>();
        var events = new List<AuditEvent>();
        foreach (var audit in await s.Store.ListAuditsAsync(default))
        {
            var logged = await log.ListAsync(AuditSubjects.Audit, audit.Value.Id.ToString("D"));
            events.AddRange(logged.Where(e => e.Action == "audit.created"));
        }

        return events;
    }
}
