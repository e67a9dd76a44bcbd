using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// The shared slots for live card updates, on each provider: one claim a conversation per interval, whoever claims; the
/// loser learns when the slot frees; a claim left by an instance that died frees itself one interval on.
/// </summary>
public abstract class CardSlotsContract : StorageContract
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private ICardSlots Slots => new SqlCardSlots(Storage.Get<StorageDatabase>());

    [Fact]
    public async Task OneClaimAConversationPerIntervalWhoeverClaims()
    {
        // Two instances: each has its own store object on the one database.
        var (ours, theirs) = (Slots, Slots);

        var first = await ours.ClaimAsync("conv-1", T0, Interval, default);
        var same = await theirs.ClaimAsync("conv-1", T0, Interval, default);
        var later = await theirs.ClaimAsync("conv-1", T0.AddMilliseconds(999), Interval, default);
        var elsewhere = await theirs.ClaimAsync("conv-2", T0.AddMilliseconds(500), Interval, default);

        Assert.Equal(new CardSlotClaim(true, T0 + Interval), first);
        Assert.Equal(new CardSlotClaim(false, T0 + Interval), same);
        Assert.Equal(new CardSlotClaim(false, T0 + Interval), later);
        Assert.True(elsewhere.Claimed);
    }

    [Fact]
    public async Task AClaimNobodySentInFreesItselfOneIntervalOn()
    {
        // The instance that claimed died before sending: nothing releases its claim, and nothing needs to.
        Assert.True((await Slots.ClaimAsync("conv-1", T0, Interval, default)).Claimed);

        var next = await Slots.ClaimAsync("conv-1", T0 + Interval, Interval, default);
        var again = await Slots.ClaimAsync("conv-1", T0 + Interval + TimeSpan.FromMilliseconds(10), Interval, default);

        Assert.Equal(new CardSlotClaim(true, T0 + Interval + Interval), next);
        Assert.False(again.Claimed);
    }

    [Fact]
    public async Task AClaimStampedFarAheadByAWrongClockHoldsNothing()
    {
        Assert.True((await Slots.ClaimAsync("conv-1", T0.AddHours(1), Interval, default)).Claimed);

        Assert.True((await Slots.ClaimAsync("conv-1", T0, Interval, default)).Claimed);
        Assert.False((await Slots.ClaimAsync("conv-1", T0.AddMilliseconds(1), Interval, default)).Claimed);
    }

    [Fact]
    public async Task AClaimKnowsWhetherAnotherFollowedIt()
    {
        var (ours, theirs) = (Slots, Slots);
        Assert.True((await ours.ClaimAsync("conv-1", T0.AddTicks(1234), Interval, default)).Claimed);
        Assert.False(await ours.ClaimedSinceAsync("conv-1", T0.AddTicks(1234), default));

        Assert.True((await theirs.ClaimAsync("conv-1", T0 + Interval, Interval, default)).Claimed);

        Assert.True(await ours.ClaimedSinceAsync("conv-1", T0.AddTicks(1234), default));
        Assert.False(await theirs.ClaimedSinceAsync("conv-1", T0 + Interval, default));
        Assert.True(await ours.ClaimedSinceAsync("never-claimed", T0, default));
    }

    /// <summary>
    /// Our clock ran more than <see cref="SqlCardSlots.FarAhead"/> fast, so the next instance's claim took the slot with an
    /// earlier time than ours: it still followed ours, and a card of ours that outlasted its slot may have landed after its.
    /// </summary>
    [Fact]
    public async Task AClaimThatTookTheSlotFromAWrongClockFollowedItThoughStampedEarlier()
    {
        var (ours, theirs) = (Slots, Slots);
        var oursAt = T0.AddMinutes(2);
        Assert.True((await ours.ClaimAsync("conv-1", oursAt, Interval, default)).Claimed);

        Assert.True((await theirs.ClaimAsync("conv-1", T0, Interval, default)).Claimed);

        Assert.True(await ours.ClaimedSinceAsync("conv-1", oursAt, default));
        Assert.False(await theirs.ClaimedSinceAsync("conv-1", T0, default));
    }

    [Fact]
    public async Task TheHourlyPruneForgetsSlotsUnclaimedForADayAndAClaimMakesThemAgain()
    {
        var now = T0.AddDays(2);
        Assert.True((await Slots.ClaimAsync("idle", T0, Interval, default)).Claimed);
        Assert.True((await Slots.ClaimAsync("recent", now - CardSlotPruner.IdleFor + TimeSpan.FromSeconds(1), Interval, default)).Claimed);
        Assert.True((await Slots.ClaimAsync("wrong-clock", now + TimeSpan.FromHours(1), Interval, default)).Claimed);
        Assert.True((await Slots.ClaimAsync("just-now", now, Interval, default)).Claimed);
        var pruner = new CardSlotPruner(Slots, new ManualTimeProvider(now), Options.Create(new WorkshopOptions()),
            NullLogger<CardSlotPruner>.Instance);

        Assert.Equal(2, await pruner.RunOnceAsync(default));

        var kept = await Storage.Get<StorageDatabase>().OpenAsync(default);
        await using (kept)
        {
            Assert.Equal(["just-now", "recent"], (await Dapper.SqlMapper.QueryAsync<string>(kept,
                "SELECT conversation_id FROM card_slots ORDER BY conversation_id")).ToList());
        }

        // The one still within its interval keeps holding it; a forgotten one is claimed afresh.
        Assert.False((await Slots.ClaimAsync("just-now", now.AddMilliseconds(10), Interval, default)).Claimed);
        Assert.Equal(new CardSlotClaim(true, now + Interval), await Slots.ClaimAsync("idle", now, Interval, default));
        Assert.Equal(0, await pruner.RunOnceAsync(default));
    }
}

public sealed class SqliteCardSlots : CardSlotsContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCardSlots(PostgresServerFixture server) : CardSlotsContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}
