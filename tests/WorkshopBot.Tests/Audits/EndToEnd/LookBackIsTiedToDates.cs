using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Tests.Briefings;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// Once the audit is issued, its look-back period is a window of dates, the months up to the issue date in England: every
/// representative reads the same window on their audit tool whenever they fill it in, and the 7-minute briefing published
/// weeks later states it rather than "the last 12 months" counted back from publication. Before issue, the set-up says
/// "the last 12 months".
/// </summary>
public sealed class LookBackIsTiedToDates
{
    private const string Window = "from 2 March 2025 to 1 March 2026"; // 12 months, issued 2 March 2026.

    [Fact]
    public async Task TheReturnCardTheDashboardAndTheBriefingGiveTheWindowsDates()
    {
        await using var s = await StartAsync();
        await s.CreateAsync();
        var draft = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId))).GetRawText();
        await s.AddCasesAsync();
        await s.AddAgenciesAsync();
        AssertHasText(await s.IssueAsync(), "Audit issued");
        await s.Host.DrainOutboxAsync();
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 19, 10, 0, 0, TimeSpan.Zero));

        var tool = s.SentTo(Agencies[1].Rep, "Audit tool:")[0].AllText;
        var dashboard = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, new AuditRefData(s.AuditId))).GetRawText();
        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        var briefing = BriefingFixtures.Composer.Compose(BriefingSource.From(audit, [], null), new DateOnly(2026, 5, 11));

        Assert.Contains("the last 12 months", draft, StringComparison.Ordinal);
        Assert.Contains(Window, tool, StringComparison.Ordinal);
        Assert.Contains(Window, dashboard, StringComparison.Ordinal);
        Assert.Contains($"Look-back period: {Window}.", briefing.Box(BriefingBoxKind.Background).Points);
    }
}
