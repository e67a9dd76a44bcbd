using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// A team that discussed a version later withdrawn and corrected has not discussed the corrected one: the chair's view of
/// use lists that discussion apart, as of an earlier version, and Remind reminds the channel of the version posted there now,
/// until the team records a discussion of it.
/// </summary>
public sealed class BriefingCorrectedVersionUsage : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string Bravo = "19:bravo@thread.tacv2";
    private static readonly PersonRef Chair = BriefingFlowHarness.Chair;
    private static readonly PersonRef Practitioner = new("practitioner-oid", "Team Manager");
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ADiscussionOfAWithdrawnVersionIsListedApartAndTheChannelIsRemindedOfTheCorrectedOne()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.AddChannelAsync(Bravo, "Bravo");
        await _h.PostAsync(Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha + "," + Bravo));
        await _h.DrainAsync();
        var saved = await _h.PostAsync(Practitioner, DiscussionScreen.Save, new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14", "9",
            "We discussed the first version", null, null), Alpha);
        Assert.Contains("Recorded by", saved, StringComparison.Ordinal);

        // The chair withdraws version 1, corrects it and publishes version 2 to both channels.
        await _h.PostAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(AuditId));
        await _h.PostAsync(Chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.WhyItMatters, "Our local reason.", "See the local protocol.", null));
        await _h.PostAsync(Chair, ComposeScreen.Approve, new ApproveData(AuditId, 2));
        Assert.Contains("queued as a new thread",
            await _h.PostAsync(Chair, PublishScreen.Publish, new PublishData(AuditId, 2, Alpha + "," + Bravo)), StringComparison.Ordinal);
        await _h.DrainAsync();

        var usage = await _h.PostAsync(Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        var remind = await _h.PostAsync(Chair, DiscussionScreen.Remind, new RemindData(AuditId));
        await _h.DrainAsync();

        Assert.Contains("Early Help team > Alpha: no discussion of version 2 recorded yet (posted 14 Apr 2026).", usage,
            StringComparison.Ordinal);
        Assert.Contains("Of an earlier version: 1 discussion recorded, 9 attended (not counted for version 2).", usage,
            StringComparison.Ordinal);
        Assert.Contains("14 Apr 2026 (version 1), 9 attended (Team Manager): We discussed the first version", usage,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Alpha: 1 discussion recorded", usage, StringComparison.Ordinal);
        Assert.Contains(DiscussionScreen.Remind, usage, StringComparison.Ordinal);
        Assert.Contains("A reminder is on its way to 2 channels", remind, StringComparison.Ordinal);
        var reminded = (await _h.RecordAsync()).LatestPublicationPerChannel();
        Assert.All(reminded, p => Assert.Equal((2, 1), (p.Version, p.RemindersSent)));

        // Once the team records a discussion of version 2, it counts, and only the other channel is reminded the next day.
        await _h.PostAsync(Practitioner, DiscussionScreen.Save, new DiscussionSaveData(AuditId, 2, Alpha, "2026-04-14", "7",
            "We discussed the corrected version", null, null), Alpha);
        _h.Clock.Advance(TimeSpan.FromDays(1));
        var after = await _h.PostAsync(Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        var next = await _h.PostAsync(Chair, DiscussionScreen.Remind, new RemindData(AuditId));

        Assert.Contains("Early Help team > Alpha: 1 discussion recorded, 7 attended.", after, StringComparison.Ordinal);
        Assert.Contains("Of an earlier version: 1 discussion recorded, 9 attended", after, StringComparison.Ordinal);
        Assert.Contains("A reminder is on its way to 1 channel that has not", next, StringComparison.Ordinal);
        var record = await _h.RecordAsync();
        Assert.Equal(1, record.FindPublication(Alpha, 2)!.RemindersSent);
        Assert.Equal(2, record.FindPublication(Bravo, 2)!.RemindersSent);
    }
}
