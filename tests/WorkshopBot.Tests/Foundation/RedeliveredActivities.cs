using System.Net;
using WorkshopBot.Help.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Teams redelivers an activity when it gets no answer in time. A redelivery of an activity that was handled gets the
/// same answer and changes nothing; one that was cut off before its effect was stored is handled in full.
/// </summary>
public sealed class RedeliveredActivities : IAsyncLifetime
{
    private static readonly TestUser Alex = BotTestHost.User("Alex Redelivered");
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ARedeliveredInvokeGetsTheSameCardAsTheFirstTime()
    {
        var invoke = _host.CardAction(Alex, BotTestHost.PersonalChat(Alex), HelpScreen.Show, new ShowHelpData());

        var first = await _host.InvokeAsync(invoke);
        var again = await _host.InvokeAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.NotNull(first.Card);
        Assert.Equal(first.Card!.Value.GetRawText(), again.Card!.Value.GetRawText());
    }

    /// <summary>
    /// The answer goes out as the UTF-8 bytes serialised for the processed mark, and a redelivery gets the same bytes back
    /// (unpacked from the store), each with its JSON content type and exact length.
    /// </summary>
    [Fact]
    public async Task TheFirstAnswerAndItsReplayAreTheSameBytesWithTheirTypeAndLength()
    {
        var invoke = _host.CardAction(Alex, BotTestHost.PersonalChat(Alex), HelpScreen.Show, new ShowHelpData());

        using var first = await _host.PostAsync(invoke);
        using var again = await _host.PostAsync(invoke);
        var firstBytes = await first.Content.ReadAsByteArrayAsync();
        var againBytes = await again.Content.ReadAsByteArrayAsync();

        foreach (var (response, bytes) in new[] { (first, firstBytes), (again, againBytes) })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        }

        Assert.True(firstBytes.Length > 100, $"{firstBytes.Length} bytes");
        Assert.Equal(firstBytes, againBytes);
        using var card = System.Text.Json.JsonDocument.Parse(firstBytes);
        Assert.Equal("application/vnd.microsoft.card.adaptive", card.RootElement.GetProperty("type").GetString());
    }

    /// <summary>
    /// The stored answer belongs to the organisation the activity came from: the same conversation and activity id
    /// claimed from another tenant the bot also serves is not given it (the refusal that names nothing instead).
    /// </summary>
    [Fact]
    public async Task AReplayClaimedFromAnotherTenantIsNotGivenTheStoredAnswer()
    {
        const string neighbour = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
        await using var host = await BotTestHost.StartAsync(o => o.Settings["WorkshopBot:AllowedTenants:1"] = neighbour);
        var invoke = host.CardAction(Alex, BotTestHost.PersonalChat(Alex), HelpScreen.Show, new ShowHelpData());

        var first = await host.InvokeAsync(invoke);
        var claimed = await host.InvokeAsync(TenantMatrix.InTenant(invoke, neighbour));

        Assert.NotEqual(first.Body!.Value.GetRawText(), claimed.Body?.GetRawText());
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, claimed.Body!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARedeliveredMessageIsAnsweredOnce()
    {
        var chat = BotTestHost.PersonalChat(Alex);
        var message = _host.Message(Alex, chat, "help");

        await _host.SendAsync(message);
        await _host.SendAsync(message);
        await _host.DrainOutboxAsync();

        Assert.Single(_host.Sent(chat.Id));
    }

    /// <summary>
    /// The answer is stored with the turn and delivered after it: when Teams refuses it for a while, the turn still
    /// succeeds (no redelivery, nothing done twice) and the outbox delivers the answer once Teams takes it.
    /// </summary>
    [Fact]
    public async Task AnAnswerTeamsRefusesForAWhileIsDeliveredLaterAndTheTurnIsStoredOnce()
    {
        var chat = BotTestHost.PersonalChat(Alex);
        var message = _host.Message(Alex, chat, "help");
        _host.Connector.Inject("/activities", new InjectedFailure(503, Times: 4));

        using var first = await _host.PostAsync(message);
        var delivered = await _host.DrainOutboxAsync();
        using var again = await _host.PostAsync(message);
        await _host.DrainOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, delivered);
        Assert.NotNull(await _host.Get<IProcessedActivityStore>().FindAsync(chat.Id, message.Id!));
        Assert.Single(_host.Sent(chat.Id));
    }
}
