using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// A "team discussed this" record is the briefing's own organisation's: an activity from another tenant naming our
/// channel, with the card data of our post, is refused with the card that names nothing, and nothing is recorded.
/// </summary>
public sealed class DiscussionFromAnotherTenant : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private static readonly PersonRef Stranger = new("stranger-oid", "Someone Else") { TenantId = "tenant-2" };
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ADiscussionSentFromAnotherTenantIsRefusedAndNotRecorded()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();

        var form = await _h.PostAsync(Stranger, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha), Alpha);
        var saved = await _h.PostAsync(Stranger, DiscussionScreen.Save,
            new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14", "40", "Recorded from elsewhere", null, null), Alpha);

        Assert.Contains("Not available here", form, StringComparison.Ordinal);
        Assert.Contains("Not available here", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("Recorded from elsewhere", saved, StringComparison.Ordinal);
        var usage = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        Assert.DoesNotContain("40 attended", usage, StringComparison.Ordinal);
        Assert.Contains("no discussion recorded yet", usage, StringComparison.Ordinal);
    }
}
