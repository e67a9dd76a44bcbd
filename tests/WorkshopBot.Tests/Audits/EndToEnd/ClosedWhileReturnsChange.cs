using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The chair closes the audit (from their 1:1 chat) just after a representative's save or submission, or the chair's own
/// reopening of a return, has read the audit as open, before that press commits. The close lands first and wins: the
/// return stays as it was when the audit closed, nothing is logged for it, and the press is answered that the audit is
/// closed. A seam places the close (not timing).
/// </summary>
public abstract class ClosedWhileReturnsChangeScenarios
{
    private static readonly TestUser Rep = Agencies[0].Rep;

    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task AnAuditClosedAsTheRepresentativeSavesKeepsTheReturn()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(seams);
        var draft = await s.ReturnOfAsync(0);
        var question = draft.Sections[0].Questions[0].Id;
        var inputs = new Dictionary<string, string> { ["a:" + question] = "partly", ["n:" + question] = "Notes were shared late." };

        CloseAfterTheNextAuditRead(s, seams);
        var save = CardOf(await s.AsRepAsync(Rep, ReturnsScreen.SaveSection, s.SaveFirstSection(draft, ReturnMoves.Stay, inputs)));

        Assert.True(seams.Ran);
        Assert.Contains("This audit is closed", save.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(draft.Version, (await s.ReturnOfAsync(0)).Version);
        Assert.DoesNotContain(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, draft.Id.ToString("D")),
            e => e.Action == "return.section-saved");
    }

    [Fact]
    public async Task AnAuditClosedAsTheRepresentativeSubmitsKeepsTheReturnADraft()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(seams, submittedThenReopened: true);
        var draft = await s.ReturnOfAsync(0);
        Assert.Equal(ReturnStatus.Draft, draft.Status);

        CloseAfterTheNextAuditRead(s, seams);
        var submit = CardOf(await s.AsRepAsync(Rep, ReturnsScreen.Submit, new SubmitReturnData(s.AuditId, draft.Id, draft.Version)));

        Assert.True(seams.Ran);
        Assert.Contains("This audit is closed", submit.GetRawText(), StringComparison.Ordinal);
        var after = await s.ReturnOfAsync(0);
        Assert.Equal((draft.Version, ReturnStatus.Draft), (after.Version, after.Status));
    }

    [Fact]
    public async Task AnAuditClosedAsTheChairReopensAReturnKeepsItSubmitted()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(seams, submittedOnly: true);
        var submitted = await s.ReturnOfAsync(0);
        Assert.Equal(ReturnStatus.Submitted, submitted.Status);

        CloseAfterTheNextAuditRead(s, seams);
        var reopen = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.Reopen,
            new ReopenData(s.AuditId, submitted.Id.ToString(), "The grade does not match the narrative.")));
        await s.Host.DrainOutboxAsync();

        Assert.True(seams.Ran);
        Assert.Contains("closed", reopen.GetRawText(), StringComparison.Ordinal);
        var after = await s.ReturnOfAsync(0);
        Assert.Equal((submitted.Version, ReturnStatus.Submitted), (after.Version, after.Status));
        Assert.Empty(s.SentTo(Rep, "was reopened"));
        Assert.DoesNotContain(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, submitted.Id.ToString("D")),
            e => e.Action == "return.reopened");
    }

    private static void CloseAfterTheNextAuditRead(AuditScenario s, DocumentSeams seams) =>
        seams.AfterNextRead(AuditStore.Audits, AuditStore.Key(s.AuditId), async () => AssertHasText(
            await s.ExecuteAsync(Chair, DashboardScreen.Close, new AuditRefData(s.AuditId), BotTestHost.PersonalChat(Chair)),
            "Audit closed."));

    /// <summary>An issued audit whose returns are released, its first return submitted (and reopened) when asked.</summary>
    private async Task<AuditScenario> StartAsync(DocumentSeams seams, bool submittedOnly = false, bool submittedThenReopened = false)
    {
        var store = await StoreAsync();
        var s = await AuditScenario.StartAsync(o =>
        {
            store(o);
            o.Services = seams.Install;
        });
        await s.SetUpIssuedAsync();
        if (submittedOnly || submittedThenReopened)
        {
            await s.FillAndSubmitAsync(0, 0);
        }

        if (submittedThenReopened)
        {
            var ret = await s.ReturnOfAsync(0);
            var reopen = new ReopenData(s.AuditId, ret.Id.ToString(), "Check the grade.");
            AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Reopen, reopen), "Return reopened");
        }

        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Release, new AuditRefData(s.AuditId)), "Returns released for moderation.");
        return s;
    }
}

/// <summary>On the default SQLite store.</summary>
public sealed class ClosedWhileReturnsChangeOnSqlite : ClosedWhileReturnsChangeScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>On PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClosedWhileReturnsChangeOnPostgres(PostgresServerFixture server) : ClosedWhileReturnsChangeScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
