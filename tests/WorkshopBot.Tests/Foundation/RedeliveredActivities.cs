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

    [Fact]
    public async Task AFailedTurnLeavesNoMarkSoTheRedeliveryIsHandled()
    {
        var chat = BotTestHost.PersonalChat(Alex);
        var message = _host.Message(Alex, chat, "help");
        _host.Connector.Inject("/activities", new InjectedFailure(400, "BadSyntax", Times: 1));

        using var failed = await _host.PostAsync(message);
        Assert.Null(await _host.Get<IProcessedActivityStore>().FindAsync(chat.Id, message.Id!));
        await _host.SendAsync(message);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.NotNull(await _host.Get<IProcessedActivityStore>().FindAsync(chat.Id, message.Id!));
        Assert.Single(_host.Sent(chat.Id));
    }
}
