using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// Through /api/messages: a legal hold a partnership admin placed is released only by an admin (the chair sees it as held by
/// the partnership, is offered no release, and a forged release is refused politely, logged without text); the chair
/// still places and releases a hold of their own, which an admin may take over. The chair cannot set the period below
/// the partnership's minimum (<c>Retention:MinimumMonths</c>), except to lengthen a shorter one; an admin can.
/// </summary>
public abstract class RetentionHeldByThePartnershipScenarios
{
    private static readonly TestUser Admin = BotTestHost.User("Partnership Admin");

    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task AHoldTheAdminPlacedIsReleasedOnlyByAnAdmin()
    {
        await using var s = await StartWithAdminAsync();
        var hold = new LegalHoldData(await s.CreateAsync(), true);
        var release = hold with { Hold = false };

        // The chair's own hold: placed and released by the chair.
        AssertHasText(await s.ExecuteAsync(Chair, RetentionScreen.Hold, hold), "Legal hold placed:");
        AssertHasText(await s.ExecuteAsync(Chair, RetentionScreen.Hold, release), "Legal hold released");

        var placed = CardOf(await s.ExecuteAsync(Admin, RetentionScreen.Hold, hold)).GetRawText();
        var shownToChair = CardOf(await s.ExecuteAsync(Chair, RetentionScreen.Retention, new AuditRefData(s.AuditId))).GetRawText();
        var forged = CardOf(await s.ExecuteAsync(Chair, RetentionScreen.Hold, release)).GetRawText();
        var held = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.Retention;

        Assert.Contains("Legal hold placed for the partnership", placed, StringComparison.Ordinal);
        Assert.Contains("yes, placed by the partnership", shownToChair, StringComparison.Ordinal);
        Assert.DoesNotContain("Release legal hold", shownToChair, StringComparison.Ordinal);
        Assert.Contains(Audit.HeldByPartnershipMessage, forged, StringComparison.Ordinal);
        Assert.DoesNotContain(Admin.Name, forged, StringComparison.Ordinal);
        Assert.Equal((true, true), (held.LegalHold, held.HeldByPartnership));

        var byAdmin = CardOf(await s.ExecuteAsync(Admin, RetentionScreen.Hold, release)).GetRawText();
        Assert.Contains("Legal hold released", byAdmin, StringComparison.Ordinal);
        Assert.False((await s.Store.GetAuditAsync(s.AuditId, default))!.Value.Retention.LegalHold);

        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        var refused = Assert.Single(events, e => e.Action == RetentionScreen.ReleaseRefused);
        Assert.Equal((Chair.AadObjectId, "{\"hold\":false,\"heldBy\":\"partnership\"}"), (refused.ActorId, refused.DetailJson));
        Assert.Equal(2, events.Count(e => e.Action == "audit.legal-hold-released"));
        Assert.Equal(Admin.AadObjectId, events.Last(e => e.Action == "audit.legal-hold-released").ActorId);
    }

    [Fact]
    public async Task AnAdminTakesOverTheChairsHold()
    {
        await using var s = await StartWithAdminAsync();
        var hold = new LegalHoldData(await s.CreateAsync(), true);
        AssertHasText(await s.ExecuteAsync(Chair, RetentionScreen.Hold, hold), "Legal hold placed:");

        var offered = CardOf(await s.ExecuteAsync(Admin, RetentionScreen.Retention, new AuditRefData(s.AuditId))).GetRawText();
        var takenOver = CardOf(await s.ExecuteAsync(Admin, RetentionScreen.Hold, hold)).GetRawText();
        var byChair = CardOf(await s.ExecuteAsync(Chair, RetentionScreen.Hold, hold with { Hold = false })).GetRawText();

        Assert.Contains("Hold for the partnership", offered, StringComparison.Ordinal);
        Assert.Contains("Legal hold placed for the partnership", takenOver, StringComparison.Ordinal);
        Assert.Contains(Audit.HeldByPartnershipMessage, byChair, StringComparison.Ordinal);
        Assert.True((await s.Store.GetAuditAsync(s.AuditId, default))!.Value.Retention.HeldByPartnership);
    }

    [Fact]
    public async Task TheChairCannotGoBelowThePartnershipsMinimum()
    {
        await using var s = await StartWithAdminAsync(o => o.Settings["Retention:MinimumMonths"] = "24");
        var id = await s.CreateAsync();

        var shown = CardOf(await s.ExecuteAsync(Chair, RetentionScreen.Retention, new AuditRefData(id))).GetRawText();
        var low = CardOf(await s.ExecuteAsync(Chair, RetentionScreen.Save, new RetentionData(id, "1"))).GetRawText();
        var atMinimum = CardOf(await s.ExecuteAsync(Chair, RetentionScreen.Save, new RetentionData(id, "24"))).GetRawText();
        var months = (await s.Store.GetAuditAsync(id, default))!.Value.Retention.RetainForMonthsAfterClosure;
        var byAdmin = CardOf(await s.ExecuteAsync(Admin, RetentionScreen.Save, new RetentionData(id, "6"))).GetRawText();
        var lengthened = CardOf(await s.ExecuteAsync(Chair, RetentionScreen.Save, new RetentionData(id, "12"))).GetRawText();
        var shortened = CardOf(await s.ExecuteAsync(Chair, RetentionScreen.Save, new RetentionData(id, "8"))).GetRawText();

        Assert.Contains("(at least 24)", shown, StringComparison.Ordinal);
        Assert.Contains("\"min\":24", shown, StringComparison.Ordinal);
        Assert.Contains(Audit.BelowMinimumMessage(24) + " Nothing was changed.", low, StringComparison.Ordinal);
        Assert.Contains("Kept for 24 months after closure.", atMinimum, StringComparison.Ordinal);
        Assert.Equal(24, months);
        Assert.Contains("Kept for 6 months after closure.", byAdmin, StringComparison.Ordinal);
        Assert.Contains("Kept for 12 months after closure.", lengthened, StringComparison.Ordinal);
        Assert.Contains(Audit.BelowMinimumMessage(24), shortened, StringComparison.Ordinal);
        Assert.Equal(12, (await s.Store.GetAuditAsync(id, default))!.Value.Retention.RetainForMonthsAfterClosure);

        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, id.ToString("D"));
        Assert.Equal(["{\"months\":1,\"minimum\":24}", "{\"months\":8,\"minimum\":24}"],
            events.Where(e => e.Action == RetentionScreen.SetRefused).Select(e => e.DetailJson));
        Assert.Equal(3, events.Count(e => e.Action == "audit.retention-set"));
    }

    [Fact]
    public async Task ByDefaultTheMinimumIsTheSixYearsTheReadmeStates()
    {
        await using var s = await StartWithAdminAsync();
        var id = await s.CreateAsync();

        var low = CardOf(await s.ExecuteAsync(Chair, RetentionScreen.Save, new RetentionData(id, "71"))).GetRawText();

        Assert.Contains(Audit.BelowMinimumMessage(72), low, StringComparison.Ordinal);
        Assert.Equal(72, (await s.Store.GetAuditAsync(id, default))!.Value.Retention.RetainForMonthsAfterClosure);
    }

    private async Task<AuditScenario> StartWithAdminAsync(Action<BotTestHostOptions>? more = null)
    {
        var store = await StoreAsync();
        return await StartAsync(o =>
        {
            store(o);
            o.Settings["WorkshopBot:Chairs:0"] = $"{BotTestHost.TenantId}/{Chair.AadObjectId}";
            o.Settings["WorkshopBot:Admins:0"] = $"{BotTestHost.TenantId}/{Admin.AadObjectId}";
            more?.Invoke(o);
        });
    }
}

/// <summary>The partnership's hold and minimum on the default SQLite store.</summary>
public sealed class RetentionHeldByThePartnershipOnSqlite : RetentionHeldByThePartnershipScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>The partnership's hold and minimum on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionHeldByThePartnershipOnPostgres(PostgresServerFixture server) : RetentionHeldByThePartnershipScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
