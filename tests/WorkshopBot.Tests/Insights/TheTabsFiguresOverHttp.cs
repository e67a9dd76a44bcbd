using System.Net;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The tab's figures through the real pipeline with a signed tab token: <c>/tab/api/summary</c> (the same figures as the
/// workbook, as JSON) is written to the audit log as the workbook is.
/// </summary>
public sealed class TheTabsFiguresOverHttp(TabHost tab) : IClassFixture<TabHost>
{
    private const string Police = "?agency=County%20Police";

    [Fact]
    public async Task TheJsonSummaryIsLoggedAsTheWorkbookIs()
    {
        var log = tab.Host.Get<IAuditLog>();
        var before = (await log.ListRecentAsync(1000)).Select(e => e.Id).ToHashSet();

        using var refused = await tab.GetAsync("/tab/api/summary", tab.Token(TabHost.Practitioner));
        using var json = await tab.GetAsync("/tab/api/summary" + Police, tab.Token(TabHost.QaMember));
        var added = (await log.ListRecentAsync(1000)).Where(e => !before.Contains(e.Id)).ToList();

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (refused.StatusCode, json.StatusCode));
        var entry = Assert.Single(added);
        Assert.Equal(("insights.summary.exported", TabHost.QaMember, BotTestHost.TenantId), (entry.Action, entry.ActorId, entry.SubjectId));
        Assert.Contains("\"json\"", entry.DetailJson ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("Police", entry.DetailJson ?? "", StringComparison.Ordinal);
    }
}
