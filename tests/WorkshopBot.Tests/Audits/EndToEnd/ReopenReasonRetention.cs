using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Operations;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The reason a representative gives for asking to reopen a return is kept with their pending request (in the return's
/// document), never in the audit log, and the retention purge leaves no copy of it anywhere in the store.
/// </summary>
public sealed class ReopenReasonRetention
{
    private const string RequestReason = "The grade of the second reviewer was entered in place of the agreed one.";

    [Fact]
    public async Task TheReasonIsKeptWithTheRequestUntilRetentionDeletesItWithTheAudit()
    {
        await using var s = await StartAsync();
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(0, 0);
        var ret = await s.ReturnOfAsync(0);
        AssertHasText(await s.AsRepAsync(Agencies[0].Rep, ReturnsScreen.AskReopen, new AskReopenData(s.AuditId, ret.Id, RequestReason)),
            "Your request has been sent to the chair.");
        await s.Host.DrainOutboxAsync();
        Assert.Equal(RequestReason, Assert.Single((await s.ReturnOfAsync(0)).ReopenRequests).Reason);
        Assert.DoesNotContain(await s.Host.Get<IAuditLog>().ListRecentAsync(1000),
            e => (e.DetailJson ?? "").Contains(RequestReason, StringComparison.Ordinal));

        await RetentionPurgeScenarios.CloseAsync(s.Host, s.AuditId, s.Time.GetUtcNow());
        var before = await RetentionLeavesNoText.StoredTextAsync(s.Host);
        s.Time.SetUtcNow(s.Time.GetUtcNow().AddYears(10));
        var (purged, record) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        var after = await RetentionLeavesNoText.StoredTextAsync(s.Host);

        Assert.Contains(before.Split('\n'), line => line.StartsWith("documents.", StringComparison.Ordinal)
            && line.Contains(RequestReason, StringComparison.Ordinal));
        Assert.Equal(s.AuditId, purged);
        Assert.True(record.Returns > 0);
        Assert.DoesNotContain(RequestReason, after, StringComparison.Ordinal);
    }
}
