using System.Net;
using System.Text.Json;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Help.Domain;
using WorkshopBot.Help.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>Install, welcome, help and a card action round trip, over real HTTP with signed tokens.</summary>
public sealed class BotConversationFlow : IAsyncLifetime
{
    private static readonly TestUser Alex = BotTestHost.User("Alex Practitioner");
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task WelcomesOnceWhenAddedToAChannelAndStoresTheReference()
    {
        var channel = BotTestHost.Channel("Practice learning");

        await _host.SendAsync(_host.BotAdded(Alex, channel));
        await _host.SendAsync(_host.Installation(Alex, channel));

        var cards = _host.CardsIn(channel.Id);
        Assert.Single(cards);
        Assert.Contains("Welcome to WorkshopBot", cards[0].GetRawText(), StringComparison.Ordinal);
        var stored = await _host.Get<IConversationStore>().GetAsync(channel.ChannelId!);
        Assert.NotNull(stored);
        Assert.Equal(ConversationKind.Channel, stored.Kind);
        Assert.Equal(channel.TeamId, stored.TeamId);
        Assert.Equal(BotTestHost.TenantId, stored.TenantId);
        Assert.True(stored.Active);
    }

    [Fact]
    public async Task MarksTheConversationInactiveWhenTheBotIsRemoved()
    {
        var chat = BotTestHost.GroupChat();
        await _host.SendAsync(_host.BotAdded(Alex, chat));

        await _host.SendAsync(_host.BotRemoved(Alex, chat));

        var stored = await _host.Get<IConversationStore>().GetAsync(chat.Id);
        Assert.NotNull(stored);
        Assert.False(stored.Active);
    }

    [Fact]
    public async Task AnswersHelpWithACardOfWhatThisUserCanDo()
    {
        var chat = BotTestHost.PersonalChat(Alex);

        await _host.SayAsync(Alex, chat, "help");

        var card = Assert.Single(_host.CardsIn(chat.Id));
        var text = card.GetRawText();
        Assert.Contains("What you can do", text, StringComparison.Ordinal);
        Assert.Contains("my audits", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpInAChannelNeedsTheMentionRemoved()
    {
        var channel = BotTestHost.Channel();

        await _host.SayAsync(Alex, channel, "HELP");

        Assert.Contains("What you can do", Assert.Single(_host.CardsIn(channel.Id)).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardActionIsAnsweredInTheInvokeResponseWithTheHelpCard()
    {
        var chat = BotTestHost.PersonalChat(Alex);

        var result = await _host.ExecuteAsync(Alex, chat, HelpScreen.Show, new { });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.NotNull(result.Card);
        Assert.Contains("What you can do", result.Card.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(_host.Sent(chat.Id));
    }

    /// <summary>A card of a version that had a verb this one does not route: the polite "could not read" card, never a 5xx.</summary>
    [Fact]
    public async Task UnknownCardVerbGetsTheUnreadableCardAnswer()
    {
        var result = await _host.ExecuteAsync(Alex, BotTestHost.PersonalChat(Alex), "no.such.verb", new { });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains(BadCardData.Title, result.Card?.GetRawText() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownInvokeNameIsABadRequest()
    {
        var invoke = _host.NewActivity(ActivityTypes.Invoke, Alex, BotTestHost.PersonalChat(Alex)) with { Name = "composeExtension/query" };

        var result = await _host.InvokeAsync(invoke);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
    }

    [Fact]
    public async Task SameActivityDeliveredTwiceIsProcessedOnce()
    {
        var chat = BotTestHost.PersonalChat(Alex);
        var message = _host.Message(Alex, chat, "help");

        using var first = await _host.PostAsync(message);
        using var second = await _host.PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(_host.CardsIn(chat.Id));
    }

    [Fact]
    public async Task ForgetsHandledActivityIdsAfterTwoDays()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await BotTestHost.StartAsync(o => o.Time = clock);
        var chat = BotTestHost.PersonalChat(Alex);
        var message = host.Message(Alex, chat, "help");
        await host.SendAsync(message);

        Assert.NotNull(await host.Get<IProcessedActivityStore>().FindAsync(chat.Id, message.Id!));

        clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        // The background pruner may get there first on a busy machine; either way the id is forgotten.
        await host.Get<WorkshopBot.Conversations.ProcessedActivityPruner>().RunOnceAsync(default);

        Assert.Null(await host.Get<IProcessedActivityStore>().FindAsync(chat.Id, message.Id!));
    }

    [Fact]
    public async Task UnmatchedTextGetsAPoliteHint()
    {
        var chat = BotTestHost.PersonalChat(Alex);

        await _host.SayAsync(Alex, chat, "what is the weather");

        var sent = Assert.Single(_host.Sent(chat.Id));
        Assert.Contains("help", sent.Activity.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnknownFieldsTeamsAddsDoNotBreakParsing()
    {
        var chat = BotTestHost.PersonalChat(Alex);
        var json = JsonSerializer.SerializeToNode(_host.Message(Alex, chat, "help"), BotJson.Options)!.AsObject();
        json["aNewTeamsField"] = new System.Text.Json.Nodes.JsonObject { ["nested"] = 1 };
        json["from"]!["someNewProperty"] = "x";

        using var response = await _host.PostRawAsync(json.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.CardsIn(chat.Id));
    }
}
