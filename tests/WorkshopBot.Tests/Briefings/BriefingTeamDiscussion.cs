using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Briefings;

/// <summary>Teams record "Our team discussed this" in their channel; the chair tracks use and reminds (the Discussion screen).</summary>
public sealed class BriefingTeamDiscussion : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string Bravo = "19:bravo@thread.tacv2";
    private static readonly PersonRef Practitioner = new("practitioner-oid", "Team Manager");
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    /// <summary>Holds the first two reads of a channel until both have arrived (see <see cref="HoldingConversations"/>).</summary>
    private readonly HoldingConversations.Hold _hold = new();

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync(services =>
    {
        services.AddSingleton<SqlConversationStore>();
        services.AddSingleton<IConversationStore>(sp => new HoldingConversations(sp.GetRequiredService<SqlConversationStore>(), _hold));
    });

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task RecordsTeamDiscussionsShowsThemToTheChairAndRemindsTheOthers()
    {
        var chair = BriefingFlowHarness.Chair;
        await PublishToAsync(Alpha, Bravo);

        var form = await _h.PostAsync(Practitioner, DiscussionScreen.Form, new DiscussionFormData(AuditId, 1, Alpha), Alpha);
        var flagged = await _h.PostAsync(Practitioner, DiscussionScreen.Save, new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14", "9",
            "The family can be called on 07700 900123", "Check chronologies", null), Alpha);
        var saved = await _h.PostAsync(Practitioner, DiscussionScreen.Save, new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14", "9",
            "We will ask about fathers at every visit", "Add fathers to the visit checklist", null), Alpha);
        var forged = await _h.PostAsync(Practitioner, DiscussionScreen.Save,
            new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14", "3", "Posted from elsewhere", null, null), Bravo);
        var usage = await _h.PostAsync(chair, DiscussionScreen.Usage, new UsageData(AuditId));
        var reminded = await _h.PostAsync(chair, DiscussionScreen.Remind, new RemindData(AuditId));
        var remindedAgain = await _h.PostAsync(chair, DiscussionScreen.Remind, new RemindData(AuditId));
        await _h.DrainAsync();

        Assert.Contains("How many attended", form, StringComparison.Ordinal);
        Assert.True(flagged.Contains("a phone number", StringComparison.Ordinal), flagged);
        Assert.Contains("Recorded by Team Manager: 9 attended on 14 April 2026", saved, StringComparison.Ordinal);
        Assert.Contains("This briefing is not available in this channel", forged, StringComparison.Ordinal);
        Assert.Contains("1 discussion recorded, 9 attended", usage, StringComparison.Ordinal);
        Assert.Contains("We will ask about fathers at every visit", usage, StringComparison.Ordinal);
        Assert.Contains("Bravo: no discussion recorded yet", usage, StringComparison.Ordinal);
        Assert.Contains("A reminder is on its way to 1 channel", reminded, StringComparison.Ordinal);
        Assert.Contains("No reminder was sent", remindedAgain, StringComparison.Ordinal);
        using var scope = _h.Services.CreateScope();
        var discussions = await scope.ServiceProvider.GetRequiredService<BriefingStore>().ListDiscussionsAsync(AuditId, default);
        var only = Assert.Single(discussions);
        Assert.Equal((Alpha, 9, "Add fathers to the visit checklist"), (only.ChannelId, only.Attended, only.TeamActions));
        var reminders = _h.Connector.Requests
            .Where(r => r.Method == "POST" && r.Path == "/v3/conversations" && r.Body.Contains("Reminder:", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(Bravo, Assert.Single(reminders).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnNhsNumberIsNotRecordedEvenWithTheConfirmationForged()
    {
        await PublishToAsync(Alpha);

        // The toggle is never offered for an NHS number; card data that sets it anyway changes nothing.
        var refused = await _h.PostAsync(Practitioner, DiscussionScreen.Save, new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14", "9",
            "The GP letter quoted 943 476 5919 for the child", "Check chronologies", "true"), Alpha);
        var confirmed = await _h.PostAsync(Practitioner, DiscussionScreen.Save, new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14",
            "9", "The family can be called on 07700 900123", "Check chronologies", "true"), Alpha);

        Assert.Contains("An NHS number cannot be kept, even if you confirm.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("I have checked: this does not identify a child or family", refused, StringComparison.Ordinal);
        Assert.Contains("Recorded by Team Manager: 9 attended", confirmed, StringComparison.Ordinal);
        using var scope = _h.Services.CreateScope();
        var only = Assert.Single(await scope.ServiceProvider.GetRequiredService<BriefingStore>().ListDiscussionsAsync(AuditId, default));
        Assert.DoesNotContain("943 476 5919", only.Reflections, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavingTheSameDiscussionTwiceRecordsItOnce()
    {
        await PublishToAsync(Alpha);
        var data = new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14", "9", "We will ask about fathers at every visit",
            "Add fathers to the checklist", null);

        // A double click on Save (or Teams retrying the invoke) sends the same data twice.
        await _h.PostAsync(Practitioner, DiscussionScreen.Save, data, Alpha);
        var second = await _h.PostAsync(Practitioner, DiscussionScreen.Save, data, Alpha);

        Assert.Contains("9 attended", second, StringComparison.Ordinal);
        var usage = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        Assert.Contains("1 discussion recorded, 9 attended", usage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoPressesOfSaveAtOnceRecordTheDiscussionOnce()
    {
        await PublishToAsync(Alpha);
        var data = new DiscussionSaveData(AuditId, 1, Alpha, "2026-04-14", "9", "We will ask about fathers at every visit",
            "Add fathers to the checklist", null);

        // Both presses read the discussions before either is stored, as two presses a moment apart can.
        _hold.Arm(Alpha, 2);
        var answers = await Task.WhenAll(
            _h.PostAsync(Practitioner, DiscussionScreen.Save, data, Alpha), _h.PostAsync(Practitioner, DiscussionScreen.Save, data, Alpha));

        Assert.All(answers, a => Assert.Contains("Recorded by Team Manager: 9 attended", a, StringComparison.Ordinal));
        using var scope = _h.Services.CreateScope();
        Assert.Single(await scope.ServiceProvider.GetRequiredService<BriefingStore>().ListDiscussionsAsync(AuditId, default));
        var usage = await _h.PostAsync(BriefingFlowHarness.Chair, DiscussionScreen.Usage, new UsageData(AuditId));
        Assert.Contains("1 discussion recorded, 9 attended", usage, StringComparison.Ordinal);
    }

    private async Task PublishToAsync(params string[] channels)
    {
        foreach (var channel in channels)
        {
            await _h.AddChannelAsync(channel, channel == Alpha ? "Alpha" : "Bravo");
        }

        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(BriefingFlowHarness.Chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        await _h.PostAsync(BriefingFlowHarness.Chair, PublishScreen.Publish, new PublishData(AuditId, 1, string.Join(',', channels)));
        await _h.DrainAsync();
    }
}

/// <summary>The conversation store, holding the first reads of one conversation until as many have arrived.</summary>
internal sealed class HoldingConversations(IConversationStore inner, HoldingConversations.Hold hold) : IConversationStore
{
    public Task UpsertAsync(ConversationRecord record, CancellationToken cancellationToken = default) =>
        inner.UpsertAsync(record, cancellationToken);

    public async Task<ConversationRecord?> GetAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await hold.WaitAsync(conversationId);
        return await inner.GetAsync(conversationId, cancellationToken);
    }

    public Task<ConversationRecord?> GetStoredAsync(string conversationId, CancellationToken cancellationToken = default) =>
        inner.GetStoredAsync(conversationId, cancellationToken);

    public Task<bool> MarkInactiveAsync(string conversationId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.MarkInactiveAsync(conversationId, at, cancellationToken);

    public Task<bool> MarkInactiveWhileAtAsync(string conversationId, string serviceUrl, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        inner.MarkInactiveWhileAtAsync(conversationId, serviceUrl, at, cancellationToken);

    public Task<int> MarkTeamInactiveAsync(string teamId, string? tenantId, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        inner.MarkTeamInactiveAsync(teamId, tenantId, at, cancellationToken);

    public Task<int> ReactivateTeamAsync(string teamId, string? tenantId, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        inner.ReactivateTeamAsync(teamId, tenantId, at, cancellationToken);

    public Task<int> RenameTeamAsync(string teamId, string? tenantId, string teamName, DateTimeOffset at,
        CancellationToken cancellationToken = default) =>
        inner.RenameTeamAsync(teamId, tenantId, teamName, at, cancellationToken);

    public Task<ConversationRecord?> FindPersonalAsync(string userAadObjectIdOrUserId, string? tenantId = null,
        CancellationToken cancellationToken = default) =>
        inner.FindPersonalAsync(userAadObjectIdOrUserId, tenantId, cancellationToken);

    public Task<IReadOnlyList<ConversationRecord>> ListChannelsAsync(string? teamId = null,
        CancellationToken cancellationToken = default) =>
        inner.ListChannelsAsync(teamId, cancellationToken);

    public Task<IReadOnlyList<ConversationRecord>> ListActiveAsync(ConversationKind? kind = null,
        CancellationToken cancellationToken = default) =>
        inner.ListActiveAsync(kind, cancellationToken);

    public Task RememberMemberAsync(string conversationId, string userAadObjectId, string? userId, string? tenantId,
        DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.RememberMemberAsync(conversationId, userAadObjectId, userId, tenantId, at, cancellationToken);

    public Task<IReadOnlySet<string>> KnownChannelsOfAsync(string userAadObjectId, string? tenantId,
        CancellationToken cancellationToken = default) =>
        inner.KnownChannelsOfAsync(userAadObjectId, tenantId, cancellationToken);

    public Task<int> ForgetMemberAsync(string conversationId, string? userAadObjectId, string? userId,
        CancellationToken cancellationToken = default) =>
        inner.ForgetMemberAsync(conversationId, userAadObjectId, userId, cancellationToken);

    public Task<int> ForgetMemberOfTeamAsync(string teamId, string? userAadObjectId, string? userId, string? tenantId,
        CancellationToken cancellationToken = default) =>
        inner.ForgetMemberOfTeamAsync(teamId, userAadObjectId, userId, tenantId, cancellationToken);

    public Task<int> ForgetChannelMembersAsync(string conversationId, CancellationToken cancellationToken = default) =>
        inner.ForgetChannelMembersAsync(conversationId, cancellationToken);

    public Task<int> ForgetTeamMembersAsync(string teamId, string? tenantId, CancellationToken cancellationToken = default) =>
        inner.ForgetTeamMembersAsync(teamId, tenantId, cancellationToken);

    /// <summary>Once armed, the next <c>count</c> reads of the conversation wait for each other; later reads pass.</summary>
    public sealed class Hold
    {
        private readonly Lock _lock = new();
        private string? _conversationId;
        private int _waiting;
        private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Arm(string conversationId, int count)
        {
            lock (_lock)
            {
                (_conversationId, _waiting, _all) = (conversationId, count, new(TaskCreationOptions.RunContinuationsAsynchronously));
            }
        }

        public Task WaitAsync(string conversationId)
        {
            lock (_lock)
            {
                if (_conversationId != conversationId || _waiting == 0)
                {
                    return Task.CompletedTask;
                }

                if (--_waiting == 0)
                {
                    _all.SetResult();
                }

                return _all.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
    }
}
