using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The chair moves a postponed workshop from the audit's dashboard (at 10:00 in England, after the returns' due day, in
/// the future; the same day again changes and logs nothing), and the returns' due date can no longer be extended to or
/// past the workshop's day. The scenario's returns are due 20 March 2026 and its workshop is on 24 April 2026.
/// </summary>
public sealed class WorkshopRescheduled
{
    private static RescheduleWorkshopData Move(AuditScenario s, string? date) => new(s.AuditId, date);

    [Fact]
    public async Task TheChairMovesTheWorkshopAndTheDashboardAndLogFollow()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        var dashboard = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId)));
        Assert.NotNull(FindAction(dashboard, DashboardScreen.RescheduleWorkshop));

        var moved = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-01"))).GetRawText();

        Assert.Contains("The workshop is now on 1 May 2026 at 10:00 BST", moved, StringComparison.Ordinal);
        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.FromHours(1)), audit.WorkshopAt); // 10:00 in England (BST)
        var shown = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId))).GetRawText();
        Assert.Contains("1 May 2026", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("24 April 2026", shown, StringComparison.Ordinal);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        var logged = Assert.Single(events, e => e.Action == "audit.workshop-rescheduled").DetailJson ?? "";
        Assert.Contains("2026-04-24", logged, StringComparison.Ordinal);
        Assert.Contains("2026-05-01", logged, StringComparison.Ordinal);

        // The day after the returns' due day is the earliest the workshop can be, as at creation; in winter it is 10:00 GMT.
        AssertHasText(await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, "2026-03-21")),
            "The workshop is now on 21 March 2026 at 10:00 GMT");
        Assert.Equal(new DateTimeOffset(2026, 3, 21, 10, 0, 0, TimeSpan.Zero),
            (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.WorkshopAt);
    }

    [Theory]
    [InlineData("2026-02-20", "must be in the future")]
    [InlineData("2026-03-02", "must be in the future")]
    [InlineData("2026-03-19", "should be after the returns due date (20 March 2026)")]
    [InlineData("2026-03-20", "should be after the returns due date (20 March 2026)")]
    [InlineData(null, "Choose the new workshop date.")]
    [InlineData("", "Choose the new workshop date.")]
    [InlineData("next Tuesday", "Choose the new workshop date.")]
    public async Task RefusesADateThatDoesNotFitAndKeepsWhatWasChosen(string? date, string message)
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();

        var refused = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, date))).GetRawText();

        Assert.Contains(message, refused, StringComparison.Ordinal);
        Assert.Contains(DashboardScreen.RescheduleWorkshop, refused, StringComparison.Ordinal);
        if (CardInput.Date(date) is not null)
        {
            Assert.Contains($"\"value\":\"{date}\"", refused, StringComparison.Ordinal);
        }

        Assert.Equal(new DateTimeOffset(2026, 4, 24, 10, 0, 0, TimeSpan.FromHours(1)),
            (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.WorkshopAt);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.DoesNotContain(events, e => e.Action == "audit.workshop-rescheduled");
    }

    [Fact]
    public async Task TheSameDaySavedTwiceOrAgainIsLoggedOnce()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();

        var unchanged = await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, "2026-04-24"));
        var answers = await Task.WhenAll(s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-01")),
            s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-01")));
        var later = await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-01"));

        AssertHasText(unchanged, "The workshop is now on 24 April 2026");
        Assert.All(answers.Append(later), a => AssertHasText(a, "The workshop is now on 1 May 2026"));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.Single(events, e => e.Action == "audit.workshop-rescheduled");
    }

    [Fact]
    public async Task OnlyTheChairOrAnAdminMovesTheWorkshop()
    {
        var admin = BotTestHost.User("Partnership Admin");
        await using var s = await StartAsync(o =>
        {
            o.Settings["WorkshopBot:Chairs:0"] = $"{BotTestHost.TenantId}/{Chair.AadObjectId}";
            o.Settings["WorkshopBot:Admins:0"] = $"{BotTestHost.TenantId}/{admin.AadObjectId}";
        });
        await s.SetUpIssuedAsync();

        var byOutsider = CardOf(await s.ExecuteAsync(Outsider, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-01")));
        var byRep = CardOf(await s.AsRepAsync(Agencies[0].Rep, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-01")));
        var forged = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, new RescheduleWorkshopData(Guid.NewGuid(),
            "2026-05-01")));

        Assert.All(new[] { byOutsider, byRep, forged },
            c => Assert.Contains(Reply.NotAvailableTitle, c.GetRawText(), StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 4, 24, 10, 0, 0, TimeSpan.FromHours(1)),
            (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.WorkshopAt);
        AssertHasText(await s.ExecuteAsync(admin, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-08")),
            "The workshop is now on 8 May 2026");
    }

    [Fact]
    public async Task ExtendingTheDueDateToOrPastTheWorkshopIsRefusedUntilTheWorkshopMoves()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();

        async Task<string> ExtendAsync(string date) =>
            CardOf(await s.ExecuteAsync(Chair, TrackerScreen.ExtendDue, new ExtendDueData(s.AuditId, date))).GetRawText();
        var onTheDay = await ExtendAsync("2026-04-24");
        var past = await ExtendAsync("2026-05-01");

        Assert.All(new[] { onTheDay, past }, refused =>
        {
            Assert.Contains("The workshop is on 24 April 2026", refused, StringComparison.Ordinal);
            Assert.Contains("first change the workshop date", refused, StringComparison.Ordinal);
        });
        Assert.Equal(new DateTimeOffset(2026, 3, 20, 17, 0, 0, TimeSpan.Zero),
            (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.ReturnsDueAt);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.DoesNotContain(events, e => e.Action == "audit.due-extended");

        AssertHasText(await s.ExecuteAsync(Chair, DashboardScreen.RescheduleWorkshop, Move(s, "2026-05-15")), "The workshop is now on");
        Assert.Contains("Returns are now due 1 May 2026", await ExtendAsync("2026-05-01"), StringComparison.Ordinal);
    }
}
