using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Tests.Operations;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// A briefing belongs to an audit under way: the chair cannot compose, edit, approve or publish one for an audit still in
/// draft (its cases and agencies not settled, no returns) or already closed, even with forged card data naming it. Each
/// is refused with a polite card and nothing changes; a closed audit's briefing can still be opened to read.
/// </summary>
public sealed class BriefingStageGuard
{
    private static readonly PersonRef ChairPerson = new(Chair.AadObjectId, Chair.Name) { TenantId = BotTestHost.TenantId };

    [Fact]
    public async Task RefusesComposingForADraftAudit()
    {
        await using var s = await StartAsync();
        var draft = Audit.Create(Guid.NewGuid(), "Neglect audit autumn 2026", "neglect", ChairPerson, Start).ValueOrThrow();
        await s.Host.WorkAsync(async services =>
            Assert.True(await services.GetRequiredService<AuditStore>().InsertAuditAsync(draft, default)));

        var open = Text(await s.InChatAsync(Chair, ComposeScreen.Open, new OpenBriefingData(draft.Id)));

        Assert.Contains(BriefingAccess.NotUnderWayTitle, open, StringComparison.Ordinal);
        Assert.DoesNotContain("Neglect audit", open, StringComparison.Ordinal);
        Assert.Null(await RecordAsync(s.Host, draft.Id));
    }

    [Fact]
    public async Task RefusesEditingApprovingAndPublishingForADraftAuditWithABriefing()
    {
        await using var s = await StartAsync();
        var draft = Audit.Create(Guid.NewGuid(), "Neglect audit autumn 2026", "neglect", ChairPerson, Start).ValueOrThrow();
        var (_, briefing) = await SeedAsync(s.Host, ChairPerson, Start);
        await s.Host.WorkAsync(async services =>
        {
            Assert.True(await services.GetRequiredService<AuditStore>().InsertAuditAsync(draft, default));
            // As if composed through the hole: a briefing record naming the draft audit.
            var record = BriefingRecord.Start(briefing with { AuditId = draft.Id }, ChairPerson, Start);
            Assert.True(await services.GetRequiredService<BriefingStore>().TryInsertAsync(record, default));
        });

        var answers = new[]
        {
            Text(await s.InChatAsync(Chair, ComposeScreen.EditSave,
                new EditSaveData(draft.Id, 1, BriefingBoxKind.WorkedWell, "Edited lead.", null, null))),
            Text(await s.InChatAsync(Chair, ComposeScreen.Regenerate, new RegenerateData(draft.Id, 1, null))),
            Text(await s.InChatAsync(Chair, ComposeScreen.Approve, new ApproveData(draft.Id, 1))),
            Text(await s.InChatAsync(Chair, PublishScreen.ChooseChannels, new ChooseChannelsData(draft.Id))),
            Text(await s.InChatAsync(Chair, PublishScreen.Publish, new PublishData(draft.Id, 1, QaChannel.Id))),
        };

        Assert.All(answers, a => Assert.Contains(BriefingAccess.NotUnderWayTitle, a, StringComparison.Ordinal));
        var stored = await RecordAsync(s.Host, draft.Id);
        Assert.Equal(1, Assert.Single(stored!.Versions).Number);
        Assert.Null(stored.ApprovedVersion);
        Assert.Empty(stored.Publications);
    }

    [Fact]
    public async Task RefusesApprovingAndPublishingForAClosedAuditButStillShowsItsBriefing()
    {
        await using var s = await StartAsync();
        var auditId = s.Audit.Id;
        await RetentionPurgeScenarios.CloseAsync(s.Host, auditId, s.Time.GetUtcNow());

        var open = Text(await s.InChatAsync(Chair, ComposeScreen.Open, new OpenBriefingData(auditId)));
        var answers = new[]
        {
            Text(await s.InChatAsync(Chair, ComposeScreen.Approve, new ApproveData(auditId, 1))),
            Text(await s.InChatAsync(Chair, PublishScreen.ChooseChannels, new ChooseChannelsData(auditId))),
            Text(await s.InChatAsync(Chair, PublishScreen.Publish, new PublishData(auditId, 1, QaChannel.Id))),
        };

        Assert.DoesNotContain(BriefingAccess.NotUnderWayTitle, open, StringComparison.Ordinal);
        Assert.Contains(ComposeScreen.EditForm, open, StringComparison.Ordinal);
        Assert.All(answers, a => Assert.Contains(BriefingAccess.NotUnderWayTitle, a, StringComparison.Ordinal));
        Assert.Empty((await RecordAsync(s.Host, auditId))!.Publications);
    }

    /// <summary>Reminders stop when the audit closes: the chair's Remind posts nothing to the channels it was published to.</summary>
    [Fact]
    public async Task SendsNoReminderForAClosedAuditsBriefing()
    {
        await using var s = await StartAsync();
        var auditId = s.Audit.Id;
        var published = Text(await s.InChatAsync(Chair, PublishScreen.Publish, new PublishData(auditId, 1, QaChannel.Id)));
        Assert.Contains("queued as a new thread", published, StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        await RetentionPurgeScenarios.CloseAsync(s.Host, auditId, s.Time.GetUtcNow());

        var remind = Text(await s.InChatAsync(Chair, DiscussionScreen.Remind, new RemindData(auditId)));
        await s.Host.DrainOutboxAsync();

        Assert.DoesNotContain(s.Host.Connector.Requests, r => r.Body.Contains("Reminder:", StringComparison.Ordinal));
        Assert.Contains(BriefingAccess.NotUnderWayTitle, remind, StringComparison.Ordinal);
        Assert.Equal(0, Assert.Single((await RecordAsync(s.Host, auditId))!.Publications).RemindersSent);
    }

    /// <summary>
    /// The chair saves an edit just as the audit is closed from the dashboard: the close lands between the
    /// press's read of the audit and its commit (a seam places it). The briefing stays as it was when the audit closed.
    /// </summary>
    [Fact]
    public async Task AnAuditClosedAsTheChairSavesAnEditKeepsTheBriefing()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(services: seams.Install);
        var auditId = s.Audit.Id;
        var id = new AuditRefData(auditId);
        Assert.Contains("Returns released for moderation.", Text(await s.InChatAsync(Chair, TrackerScreen.Release, id)),
            StringComparison.Ordinal);
        void CloseAfterTheNextAuditRead() => seams.AfterNextRead(AuditStore.Audits, AuditStore.Key(auditId), async () =>
            Assert.Contains("Audit closed.", Text(await s.InChatAsync(Chair, DashboardScreen.Close, id)), StringComparison.Ordinal));

        CloseAfterTheNextAuditRead();
        var edit = Text(await s.InChatAsync(Chair, ComposeScreen.EditSave,
            new EditSaveData(auditId, 1, BriefingBoxKind.WorkedWell, "Edited lead.", null, null)));

        Assert.True(seams.Ran);
        Assert.Contains(BriefingAccess.NotUnderWayTitle, edit, StringComparison.Ordinal);
        var stored = await RecordAsync(s.Host, auditId);
        Assert.Equal(1, Assert.Single(stored!.Versions).Number);
        Assert.Empty(stored.Publications);
    }

    private static async Task<BriefingRecord?> RecordAsync(BotTestHost host, Guid auditId)
    {
        BriefingRecord? record = null;
        await host.WorkAsync(async services => record = await services.GetRequiredService<BriefingStore>().GetAsync(auditId, default));
        return record;
    }
}
