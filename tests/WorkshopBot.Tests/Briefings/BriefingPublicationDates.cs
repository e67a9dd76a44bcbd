using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The footer's date and the Word file's name give the day the version was first published, not the day the briefing was
/// composed: the chair's preview says "Not yet published" (or the day it was approved) until then, and a version posted to
/// another channel later keeps its first day, also when it was stored before that day was kept.
/// </summary>
public sealed class BriefingPublicationDates : IAsyncLifetime
{
    private const string Alpha = "19:alpha@thread.tacv2";
    private const string Bravo = "19:bravo@thread.tacv2";
    private static readonly PersonRef Practitioner = new("practitioner-oid", "Team Manager") { TenantId = BriefingFlowHarness.Tenant };
    private BriefingFlowHarness _h = null!;

    private Guid AuditId => _h.Audit.Id;

    public async Task InitializeAsync() => _h = await BriefingFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task CardsAndFilesGiveTheDayTheVersionWasFirstPublishedAndThePreviewNeverClaimsIt()
    {
        var chair = BriefingFlowHarness.Chair;
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.AddChannelAsync(Bravo, "Bravo");
        // Composed on 14 April, approved on 16 April, published to Alpha on 20 April and to Bravo on 25 April.
        var composed = await _h.PostAsync(chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        _h.Clock.Advance(TimeSpan.FromDays(2));
        var approved = await _h.PostAsync(chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        _h.Clock.Advance(TimeSpan.FromDays(4));
        await _h.PostAsync(chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();
        var postedToAlpha = _h.Connector.Requests.Count;
        _h.Clock.Advance(TimeSpan.FromDays(5));
        await _h.PostAsync(chair, PublishScreen.Publish, new PublishData(AuditId, 1, Bravo));
        await _h.DrainAsync();
        var reopened = await _h.PostAsync(chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        var recorded = await _h.PostAsync(Practitioner, DiscussionScreen.Save,
            new DiscussionSaveData(AuditId, 1, Bravo, "2026-04-25", "6", "We will ask about fathers at every visit", null, null), Bravo);

        Assert.Contains("Not yet published.", composed, StringComparison.Ordinal);
        Assert.Contains("Approved 16 April 2026.", approved, StringComparison.Ordinal);
        Assert.All(new[] { composed, approved }, card => Assert.DoesNotContain("Published 1", card, StringComparison.Ordinal));
        var cards = _h.Connector.Requests.Where(r => r.Body.Contains("Our team discussed this", StringComparison.Ordinal))
            .Select(r => r.Body).Append(reopened).Append(recorded).ToList();
        Assert.True(_h.Connector.Requests.Count > postedToAlpha, "Nothing was posted to Bravo.");
        Assert.True(cards.Count >= 4, $"{cards.Count} cards");
        Assert.All(cards, card => Assert.Contains("Published 20 April 2026.", card, StringComparison.Ordinal));
        Assert.All(cards, card => Assert.DoesNotContain("14 April 2026", card, StringComparison.Ordinal));
        Assert.Equal(2, _h.Files.Uploads.Count);
        Assert.All(_h.Files.Uploads, u => Assert.EndsWith("-2026-04-20.docx", u.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABriefingStoredBeforeTheDayWasKeptGivesItsFirstPostsDay()
    {
        var chair = BriefingFlowHarness.Chair;
        await _h.AddChannelAsync(Alpha, "Alpha");
        await _h.AddChannelAsync(Bravo, "Bravo");
        await _h.PostAsync(chair, ComposeScreen.Open, new OpenBriefingData(AuditId));
        await _h.PostAsync(chair, ComposeScreen.Approve, new ApproveData(AuditId, 1));
        _h.Clock.Advance(TimeSpan.FromDays(6));
        await _h.PostAsync(chair, PublishScreen.Publish, new PublishData(AuditId, 1, Alpha));
        await _h.DrainAsync();
        await ForgetFirstPublishedAsync();
        var before = _h.Connector.Requests.Count;
        _h.Clock.Advance(TimeSpan.FromDays(5));
        await _h.PostAsync(chair, PublishScreen.Publish, new PublishData(AuditId, 1, Bravo));
        await _h.DrainAsync();

        var toBravo = _h.Connector.Requests.Skip(before).Select(r => r.Body)
            .Where(b => b.Contains("Our team discussed this", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(toBravo);
        Assert.All(toBravo, card => Assert.Contains("Published 20 April 2026.", card, StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2026, 4, 20), (await _h.RecordAsync()).PublishedOn(1));
        Assert.All(_h.Files.Uploads, u => Assert.EndsWith("-2026-04-20.docx", u.Name, StringComparison.Ordinal));
    }

    // The stored briefing as a version that did not keep the day of first publication left it.
    private async Task ForgetFirstPublishedAsync()
    {
        await using var connection = await _h.Services.GetRequiredService<StorageDatabase>().OpenAsync(CancellationToken.None);
        var json = await connection.QuerySingleAsync<string>(
            "SELECT json FROM documents WHERE collection = @collection AND id = @id",
            new { collection = BriefingStore.Briefings.Collection, id = BriefingStore.Key(AuditId) });
        var document = JsonNode.Parse(json)!.AsObject();
        Assert.True(document.Remove("firstPublished"));
        var rewritten = await connection.ExecuteAsync(
            "UPDATE documents SET json = @json, stamp = NULL WHERE collection = @collection AND id = @id",
            new { json = document.ToJsonString(), collection = BriefingStore.Briefings.Collection, id = BriefingStore.Key(AuditId) });
        Assert.Equal(1, rewritten);
    }
}
