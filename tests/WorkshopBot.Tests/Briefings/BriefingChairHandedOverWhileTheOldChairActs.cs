using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The audit's chair is handed over just after the old chair's press has read the audit (as still theirs), before that
/// press commits: the handover lands first and wins. The old chair's change to the briefing is not made (a withdrawal, an
/// export link, an edit), nothing is logged in their name, and they get the card that names nothing. A seam places the
/// handover (not timing); it changes the audit's chair as the handover does, in a unit of work of its own.
/// </summary>
public sealed class BriefingChairHandedOverWhileTheOldChairActs : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private static readonly PersonRef Chair = BriefingFlowHarness.Chair;
    private static readonly PersonRef NewChair = new("new-chair-oid", "Incoming Chair") { TenantId = BriefingFlowHarness.Tenant };
    private readonly DocumentSeams _seams = new();
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync(decorate: _seams.Install);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task TheOldChairCannotWithdrawTheBriefing()
    {
        await PublishedAsync();
        var before = await _h.RecordAsync();

        HandOverAfterTheNextAuditRead();
        var withdraw = await _h.PostAsync(Chair, WithdrawScreen.Withdraw, new WithdrawData(AuditId));

        Assert.True(_seams.Ran);
        Assert.Contains(Reply.NotAvailableTitle, withdraw, StringComparison.Ordinal);
        Assert.DoesNotContain("Briefing withdrawn", withdraw, StringComparison.Ordinal);
        var after = await _h.RecordAsync();
        Assert.Empty(after.Withdrawals);
        Assert.Equal(before.Publications.Count, after.Publications.Count);
        Assert.DoesNotContain(await LogAsync(), e => e.Action == BriefingPublisher.Withdrawn);
        Assert.Equal(NewChair.UserId, await ChairOfAuditAsync());
    }

    [Fact]
    public async Task TheOldChairGetsNoExportLink()
    {
        await PublishedAsync();

        HandOverAfterTheNextAuditRead();
        var export = await _h.PostAsync(Chair, ExportScreen.Export, new ExportData(AuditId));

        Assert.True(_seams.Ran);
        Assert.Contains(Reply.NotAvailableTitle, export, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/briefings/", export, StringComparison.Ordinal);
        Assert.DoesNotContain(await LogAsync(), e => e.Action == "briefing.export.link");
    }

    [Fact]
    public async Task TheOldChairsEditIsNotSaved()
    {
        await PublishedAsync();
        var before = await _h.RecordAsync();
        var logged = (await LogAsync()).Count;

        HandOverAfterTheNextAuditRead();
        var edit = await _h.PostAsync(Chair, ComposeScreen.EditSave,
            new EditSaveData(AuditId, 1, BriefingBoxKind.WhyItMatters, "Our local reason.", "See the local protocol.", null));

        Assert.True(_seams.Ran);
        Assert.Contains(Reply.NotAvailableTitle, edit, StringComparison.Ordinal);
        Assert.Equal(before.Versions.Count, (await _h.RecordAsync()).Versions.Count);
        Assert.Equal(logged, (await LogAsync()).Count);
    }

    /// <summary>Version 1, approved and published to one channel, by the chair.</summary>
    private async Task PublishedAsync()
    {
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.PostAsync(Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        Assert.Contains("Version 1 is approved", await _h.PostAsync(Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1)),
            StringComparison.Ordinal);
        Assert.Contains("queued as a new thread", await _h.PostAsync(Chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha)),
            StringComparison.Ordinal);
        await _h.DrainAsync();
    }

    private void HandOverAfterTheNextAuditRead() =>
        _seams.AfterNextRead(AuditStore.Audits, AuditStore.Key(AuditId), async () => Assert.True(await _h.Services
            .GetRequiredService<WorkRunner>().RunAsync(async (scope, ct) => (await scope.GetRequiredService<AuditStore>()
                .ChangeAuditAsync(AuditId, a => a.HandOverChair(Chair.UserId, NewChair, ChairHandoverReason.LeftRole,
                    _h.Clock.GetUtcNow()), ct)).Saved, CancellationToken.None)));

    private async Task<string> ChairOfAuditAsync()
    {
        using var scope = _h.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<AuditStore>().GetAuditAsync(AuditId, default))!.Value.Chair.UserId;
    }

    private Task<IReadOnlyList<AuditEvent>> LogAsync() =>
        _h.Services.GetRequiredService<IAuditLog>().ListAsync("briefing", AuditId.ToString("D"));
}
