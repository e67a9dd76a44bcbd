using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The chair withdraws a published briefing from the card that tracks its use, after a confirmation: every post and reminder
/// of every version is updated in place to a short "withdrawn" card, no discussion is recorded afterwards (those recorded
/// are kept), the log names ids only, anyone else is refused with the card that names nothing, and a corrected version can
/// be published afterwards while the withdrawn one cannot.
/// </summary>
public sealed class BriefingWithdrawal : IAsyncLifetime
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
    public async Task WithdrawingUpdatesEveryPostOfEveryVersionAndEveryReminder()
    {
        await PublishAsync(1, Alpha, Bravo);
        await _h.PostAsync(Chair, DiscussionScreen.Remind, new RemindData(AuditId));
        await _h.DrainAsync(); // The reminders are posted (one still queued in Alpha would be given up by version 2's post).
        await EditAndApproveAsync(2);
        await PublishAsync(2, Alpha);
        var title = (await _h.RecordAsync()).Version(1)!.Content.Title;
        var cards = new[] { await ActivityOfAsync(1, Alpha), await ActivityOfAsync(1, Bravo), await ActivityOfAsync(2, Alpha) }
            .Concat(await ReminderActivitiesAsync()).ToList();
        Assert.Equal(5, cards.Count);

        var usage = await _h.PostAsync(Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        var confirm = await _h.PostAsync(Chair, WithdrawScreen.Confirm, new WithdrawData(AuditId));
        Assert.Empty((await _h.RecordAsync()).Withdrawals);
        var done = await _h.PostAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(AuditId));
        await _h.DrainAsync();

        Assert.Contains(WithdrawScreen.Confirm, usage, StringComparison.Ordinal);
        Assert.Contains("Withdraw the briefing?", confirm, StringComparison.Ordinal);
        Assert.Contains("Its posts in 2 channels will be replaced", confirm, StringComparison.Ordinal);
        Assert.Contains(WithdrawScreen.Withdraw, confirm, StringComparison.Ordinal);
        Assert.Contains("Briefing withdrawn", done, StringComparison.Ordinal);
        Assert.Contains("The briefing's posts in 2 channels will show that it was withdrawn on 14 April 2026", done,
            StringComparison.Ordinal);
        Assert.Contains("still in the Files of 2 channels", done, StringComparison.Ordinal);
        foreach (var card in cards)
        {
            var last = LastUpdateOf(card);
            Assert.NotNull(last);
            Assert.Contains("It was withdrawn by the audit's chair on 14 April 2026.", last, StringComparison.Ordinal);
            Assert.DoesNotContain(title, last, StringComparison.Ordinal);
            Assert.DoesNotContain("Our local reason", last, StringComparison.Ordinal);
            Assert.DoesNotContain(DiscussionScreen.Form, last, StringComparison.Ordinal);
        }

        var after = await _h.PostAsync(Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        Assert.Contains("Alpha: withdrawn on 14 Apr 2026 (no discussion recorded).", after, StringComparison.Ordinal);
        Assert.DoesNotContain(WithdrawScreen.Confirm, after, StringComparison.Ordinal);
        Assert.DoesNotContain(DiscussionScreen.Remind, after, StringComparison.Ordinal);
        var again = await _h.PostAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(AuditId));
        Assert.Contains("The briefing was already withdrawn by QA Chair on 14 April 2026. Nothing was changed.", again,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoDiscussionIsRecordedAfterWithdrawalAndThoseBeforeAreKept()
    {
        await PublishAsync(1, Alpha, Bravo);
        await _h.PostAsync(Practitioner, DiscussionScreen.Save, new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14", "9",
            "We will ask about fathers at every visit", null, null), Alpha);
        // The form was opened before the withdrawal; it is saved after.
        await _h.PostAsync(Practitioner, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Bravo), Bravo);

        await _h.PostAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(AuditId));
        var form = await _h.PostAsync(Practitioner, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Bravo), Bravo);
        var save = await _h.PostAsync(Practitioner, DiscussionScreen.Save, new DiscussionSaveData(AuditId, 1, Bravo, "2026-04-14", "4",
            "Saved after the withdrawal", null, null), Bravo);

        // The way back from the form opened before the withdrawal shows the refusal, not the briefing again.
        var back = await _h.PostAsync(Practitioner, "briefing.discussion.back", new DiscussionFormData(AuditId, 1, Bravo), Bravo);
        Assert.Contains("Briefing withdrawn", back, StringComparison.Ordinal);
        Assert.DoesNotContain("Our team discussed this", back, StringComparison.Ordinal);
        Assert.DoesNotContain("What could we improve", back, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Briefing withdrawn", form, StringComparison.Ordinal);
        Assert.Contains("This briefing was withdrawn on 14 April 2026, so discussions of it are no longer recorded.", save,
            StringComparison.Ordinal);
        Assert.Contains("Nothing was saved.", save, StringComparison.Ordinal);
        using var scope = _h.Services.CreateScope();
        var kept = Assert.Single(await scope.ServiceProvider.GetRequiredService<BriefingStore>().ListDiscussionsAsync(AuditId, default));
        Assert.Equal((Alpha, 9), (kept.ChannelId, kept.Attended));
        var usage = await _h.PostAsync(Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        Assert.Contains("Alpha: withdrawn on 14 Apr 2026 (1 discussion recorded, 9 attended).", usage, StringComparison.Ordinal);
        Assert.Contains("We will ask about fathers at every visit", usage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheAuditsChairOrAnAdminOfItsTenantMayWithdraw()
    {
        await PublishAsync(1, Alpha);
        var chairElsewhere = new PersonRef(Chair.UserId, Chair.DisplayName) { TenantId = "tenant-2" };

        var answers = new List<string>();
        foreach (var who in new[] { Practitioner, chairElsewhere })
        {
            answers.Add(await _h.PostAsync(who, WithdrawScreen.Confirm, new WithdrawData(AuditId)));
            answers.Add(await _h.PostAsync(who, WithdrawScreen.Withdraw, new WithdrawData(AuditId)));
        }

        await _h.DrainAsync();
        var title = (await _h.RecordAsync()).Version(1)!.Content.Title;
        Assert.All(answers, a =>
        {
            Assert.Contains(Reply.NotAvailableTitle, a, StringComparison.Ordinal);
            Assert.DoesNotContain(title, a, StringComparison.Ordinal);
            Assert.DoesNotContain("withdraw", a, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Empty((await _h.RecordAsync()).Withdrawals);
        Assert.Contains("Our team discussed this", LastUpdateOf(await ActivityOfAsync(1, Alpha)) ?? "", StringComparison.Ordinal);
        var log = await _h.Services.GetRequiredService<IAuditLog>().ListAsync("briefing", AuditId.ToString("D"));
        Assert.DoesNotContain(log, e => e.Action == BriefingPublisher.Withdrawn);
    }

    [Fact]
    public async Task TheWithdrawalIsLoggedWithIdsAndCountsOnly()
    {
        await PublishAsync(1, Alpha, Bravo);
        await _h.PostAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(AuditId));

        var record = await _h.RecordAsync();
        var log = await _h.Services.GetRequiredService<IAuditLog>().ListAsync("briefing", AuditId.ToString("D"));
        var entry = Assert.Single(log, e => e.Action == BriefingPublisher.Withdrawn);
        Assert.Equal((Chair.UserId, AuditId.ToString("D")), (entry.ActorId, entry.SubjectId));
        Assert.Equal($"{{\"through\":1,\"versions\":[1],\"channels\":[\"{Alpha}\",\"{Bravo}\"],\"posts\":2,\"reminders\":0,"
            + "\"filesDeleted\":0,\"filesLeft\":2,\"byChair\":true}", entry.DetailJson);
        var content = record.Version(1)!.Content;
        foreach (var box in content.Boxes)
        {
            Assert.DoesNotContain(box.Title, entry.DetailJson!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ACorrectedVersionCanBePublishedAfterTheWithdrawalButNotTheWithdrawnOne()
    {
        await PublishAsync(1, Alpha);
        await _h.PostAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(AuditId));

        var preview = await _h.PostAsync(Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        var choose = await _h.PostAsync(Chair, PublishScreen.ChooseChannels, new ChooseChannelsData(AuditId));
        var republish = await _h.PostAsync(Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await EditAndApproveAsync(2);
        var corrected = await _h.PostAsync(Chair, PublishScreen.Publish, new PublishData(AuditId, 2, Alpha));
        await _h.DrainAsync();
        var saved = await _h.PostAsync(Practitioner, DiscussionScreen.Save, new DiscussionSaveData(AuditId, 2, Alpha, "2026-04-14", "6",
            "We read the corrected briefing", null, null), Alpha);

        Assert.Contains("Version 1 was withdrawn on 14 April 2026", preview, StringComparison.Ordinal);
        Assert.DoesNotContain(PublishScreen.ChooseChannels, preview, StringComparison.Ordinal);
        Assert.Contains("Version 1 was withdrawn on 14 April 2026, so it is not published again", choose, StringComparison.Ordinal);
        Assert.Contains("so it is not published again", republish, StringComparison.Ordinal);
        Assert.Contains("Alpha: queued as a new thread", corrected, StringComparison.Ordinal);
        Assert.Contains("Recorded by Team Manager: 6 attended", saved, StringComparison.Ordinal);
        // Version 1's post stays withdrawn: it is not turned into "replaced".
        var v1 = LastUpdateOf(await ActivityOfAsync(1, Alpha));
        Assert.Contains("has been withdrawn", v1 ?? "", StringComparison.Ordinal);
        Assert.Single((await _h.RecordAsync()).Publications, p => p.Version == 2);
    }

    [Fact]
    public async Task AClosedAuditsBriefingCanStillBeWithdrawn()
    {
        await PublishAsync(1, Alpha);
        var closed = await _h.Services.GetRequiredService<WorkRunner>().RunAsync(async (scope, ct) =>
            (await scope.GetRequiredService<AuditStore>().ChangeAuditAsync(AuditId, a =>
                a.ReleaseForModeration(_h.Clock.GetUtcNow()) is { Succeeded: false } refused ? refused : a.Close(_h.Clock.GetUtcNow()), ct))
            .Saved, CancellationToken.None);
        Assert.True(closed);

        var done = await _h.PostAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(AuditId));
        await _h.DrainAsync();

        Assert.Contains("Briefing withdrawn", done, StringComparison.Ordinal);
        Assert.Contains("has been withdrawn", LastUpdateOf(await ActivityOfAsync(1, Alpha)) ?? "", StringComparison.Ordinal);
    }

    private async Task PublishAsync(int version, params string[] channels)
    {
        foreach (var channel in channels)
        {
            await _h.AddChannelAsync(channel, channel == Alpha ? "Alpha" : "Bravo");
        }

        if (version == 1)
        {
            await _h.PostAsync(Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
            await _h.PostAsync(Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        }

        var published = await _h.PostAsync(Chair, PublishScreen.Publish, new PublishData(AuditId, version, string.Join(',', channels)));
        Assert.Contains("queued as a new thread", published, StringComparison.Ordinal);
        await _h.DrainAsync();
    }

    private async Task EditAndApproveAsync(int version)
    {
        await _h.PostAsync(Chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, version - 1, BriefingBoxKind.WhyItMatters, "Our local reason.", "See the local protocol.", null));
        var approved = await _h.PostAsync(Chair, ComposeScreen.Approve, new ApproveData(AuditId, version));
        Assert.Contains($"Version {version} is approved", approved, StringComparison.Ordinal);
    }

    private async Task<string> ActivityOfAsync(int version, string channel)
    {
        var posted = await _h.Services.GetRequiredService<IOutboxStore>()
            .FindByDedupeKeyAsync(BriefingPublisher.PostDedupeKey(AuditId, version, channel));
        Assert.Equal(OutboxStatus.Sent, posted?.Status);
        return posted!.SentActivityId!;
    }

    private async Task<IReadOnlyList<string>> ReminderActivitiesAsync() =>
        (await _h.Services.GetRequiredService<IOutboxStore>().ListByCorrelationAsync(BriefingPublisher.Correlation(AuditId)))
            .Where(m => m.DedupeKey.Contains(":remind:", StringComparison.Ordinal) && m.Kind == OutboxKind.CreateChannelThread)
            .Select(m => m.SentActivityId!)
            .ToList();

    private string? LastUpdateOf(string activityId) =>
        _h.Connector.Requests.LastOrDefault(r => r.Method == "PUT" && r.Path.EndsWith("/" + activityId, StringComparison.Ordinal))?.Body;
}
