using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// "Our team discussed this" pressed with crafted card data tells nothing about other audits: an audit that does not exist
/// (or has no briefing), a real audit whose briefing was posted to another channel, and one pressed from another
/// organisation all get the same answer, byte for byte, so nobody can learn from it whether an audit has a briefing. The
/// channel the briefing was posted to still gets the form.
/// </summary>
public sealed class CraftedDiscussionPresses : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string Bravo = "19:bravo@thread.tacv2";
    private static readonly PersonRef Practitioner = new("practitioner-oid", "Team Manager") { TenantId = BriefingFlowHarness.Tenant };
    private static readonly PersonRef Stranger = new("stranger-oid", "Someone Else") { TenantId = "tenant-2" };
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AnUnknownAuditAndABriefingPostedElsewhereGetTheSameAnswer()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.AddChannelAsync(Bravo, "Bravo");
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();

        // Each crafted press names the channel it is pressed in, so it passes the check that the card is where it says.
        var unknown = await _h.PostAsync(Practitioner, DiscussionScreen.Form, new DiscussionFormData(Guid.NewGuid(), 1, Bravo), Bravo);
        var elsewhere = await _h.PostAsync(Practitioner, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Bravo), Bravo);
        var saveElsewhere = await _h.PostAsync(Practitioner, DiscussionScreen.Save,
            new DiscussionSaveData(AuditId, 1, Bravo, "2026-04-14", "9", "Crafted", null, null), Bravo);
        var saveUnknown = await _h.PostAsync(Practitioner, DiscussionScreen.Save,
            new DiscussionSaveData(Guid.NewGuid(), 1, Bravo, "2026-04-14", "9", "Crafted", null, null), Bravo);
        var otherTenant = await _h.PostAsync(Stranger, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha), Alpha);
        var back = await _h.PostAsync(Practitioner, DiscussionScreen.Back, new DiscussionFormData(Guid.NewGuid(), 1, Bravo), Bravo);
        var backElsewhere = await _h.PostAsync(Practitioner, DiscussionScreen.Back, new DiscussionFormData(AuditId, 1, Bravo), Bravo);
        var real = await _h.PostAsync(Practitioner, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha), Alpha);

        Assert.Contains("Not available here", unknown, StringComparison.Ordinal);
        Assert.Equal(unknown, elsewhere);
        Assert.Equal(unknown, saveElsewhere);
        Assert.Equal(unknown, saveUnknown);
        Assert.Equal(unknown, otherTenant);
        Assert.Equal(unknown, back);
        Assert.Equal(unknown, backElsewhere);
        Assert.Contains("How many attended", real, StringComparison.Ordinal);
        using var scope = _h.Services.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<BriefingStore>().ListDiscussionsAsync(AuditId, default));
    }
}
