using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Stale cards after the audit moved on: once the chair has released the returns and closed the audit, every verb the
/// bot routes, pressed by the chair themself with the audit's real ids (its returns, workshop and idea board, or its
/// approved briefing and action plan), in the channel and in their 1:1 chat, answers without a server error and changes
/// nothing; only the download links (each logged) and the legal hold, which exist for a closed audit, may write. A new
/// verb that changes a closed audit fails here until it is refused or listed.
/// </summary>
public sealed class ClosedAuditMatrix
{
    /// <summary>What a closed audit's chair may still do that writes: a download link is logged; a legal hold is placed.</summary>
    private static readonly HashSet<string> StillWrites = new(StringComparer.Ordinal)
    {
        "audit.export", "actions.export", "briefing.export", "workshop.export", "audit.retention.hold", "audit.retention.save",
    };

    [Fact]
    public async Task EveryVerbOnAClosedAuditWithAWorkshopChangesNothingButDownloadsAndTheHold()
    {
        await using var world = await TenantMatrix.World.CreateAsync();
        await AssertClosedAuditStaysAsItIsAsync(world);
    }

    [Fact]
    public async Task EveryVerbOnAClosedAuditWithAnActionPlanChangesNothingButDownloadsAndTheHold()
    {
        await using var world = await ActionPlanWorld.CreateAsync();
        await AssertClosedAuditStaysAsItIsAsync(world);
    }

    private static async Task AssertClosedAuditStaysAsItIsAsync(IMatrixWorld world)
    {
        var host = world.Host;
        foreach (var verb in new[] { "audit.release", "audit.close" })
        {
            Assert.True((await host.InvokeAsync(host.CardAction(world.Chair, world.Channel, verb,
                world.DataFor(world.Router.CardActionVerbs[verb])))).Status == System.Net.HttpStatusCode.OK, verb);
        }

        var closed = await host.InvokeAsync(host.CardAction(world.Chair, world.Channel, "audit.dashboard",
            world.DataFor(world.Router.CardActionVerbs["audit.dashboard"])));
        Assert.Contains("Closed on", closed.Body?.GetRawText() ?? "", StringComparison.Ordinal);

        var own = BotTestHost.PersonalChat(world.Chair);
        var problems = new List<string>();
        foreach (var (verb, type) in world.Router.CardActionVerbs.Where(v => !StillWrites.Contains(v.Key)))
        {
            foreach (var where in new[] { world.Channel, own })
            {
                var before = await RoleMatrix.FingerprintAsync(host, own.Id);
                var result = await host.InvokeAsync(host.CardAction(world.Chair, where, verb, world.DataFor(type)));
                var after = await RoleMatrix.FingerprintAsync(host, own.Id);
                var press = $"{verb} in {(where.IsGroup ? "the channel" : "the 1:1 chat")}";
                if (FailedTurn.Of((int)result.Status, result.Body?.GetRawText()))
                {
                    problems.Add($"{press} answered {(int)result.Status}");
                }

                if (before != after)
                {
                    problems.Add($"{press} changed the closed audit's store\n  before {before}\n  after  {after}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
