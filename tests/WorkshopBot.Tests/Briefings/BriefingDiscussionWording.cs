using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// What the channel's and the chair's cards say is true: the discussion form has a way back to the briefing that saves
/// nothing; a version that was not posted to the channel gets the one answer every channel it is not posted to gets (see
/// <see cref="CraftedDiscussionPresses"/>); and the export card says that anyone a link is forwarded to can use it until it expires.
/// </summary>
public sealed class BriefingDiscussionWording : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string Bravo = "19:bravo@thread.tacv2";
    private static readonly PersonRef Practitioner = new("practitioner-oid", "Team Manager") { TenantId = BriefingFlowHarness.Tenant };
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task TheDiscussionFormGoesBackToTheBriefingSavingNothing()
    {
        await PublishToAlphaAsync();

        var form = await _h.PostAsync(Practitioner, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha), Alpha);
        var back = await _h.PostAsync(Practitioner, "briefing.discussion.back", new DiscussionFormData(AuditId, 1, Alpha), Alpha);
        var backElsewhere = await _h.PostAsync(Practitioner, "briefing.discussion.back", new DiscussionFormData(AuditId, 1, Alpha), Bravo);

        Assert.Contains("How many attended", form, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"briefing.discussion.back\"", form, StringComparison.Ordinal);
        Assert.Contains("Back to the briefing", form, StringComparison.Ordinal);
        Assert.Contains("Read it aloud at your next team meeting", back, StringComparison.Ordinal);
        Assert.Contains("Our team discussed this", back, StringComparison.Ordinal);
        Assert.DoesNotContain("How many attended", back, StringComparison.Ordinal);
        Assert.Contains("This briefing is not available in this channel", backElsewhere, StringComparison.Ordinal);
        using var scope = _h.Services.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<BriefingStore>().ListDiscussionsAsync(AuditId, default));
    }

    [Fact]
    public async Task AVersionNotPostedHereGetsTheSameAnswerAsAnotherChannel()
    {
        await PublishToAlphaAsync();

        var gone = await _h.PostAsync(Practitioner, DiscussionScreen.Form, new DiscussionFormData(AuditId, 7, Alpha), Alpha);
        var elsewhere = await _h.PostAsync(Practitioner, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha), Bravo);

        Assert.Contains("This briefing is not available in this channel", gone, StringComparison.Ordinal);
        Assert.Equal(elsewhere, gone);
    }

    [Fact]
    public async Task TheExportCardSaysAnyoneWithALinkCanUseItUntilItExpires()
    {
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));

        var export = await _h.PostAsync(BriefingFlowHarness.Chair, ExportScreen.Export, new ExportData(AuditId));

        // 09:00 UTC on 14 April is 10:00 BST; links work for 15 minutes.
        Assert.Contains("Download Word (DOCX)", export, StringComparison.Ordinal);
        Assert.Contains("Please do not forward these links: anyone with a link can download the briefing until it expires on "
            + "14 April 2026 at 10:15 BST.", export, StringComparison.Ordinal);
        Assert.DoesNotContain("for you only", export, StringComparison.Ordinal);
    }

    private async Task PublishToAlphaAsync()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.AddChannelAsync(Bravo, "Bravo");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();
    }
}
