using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Cards;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Protocol;

/// <summary>
/// The typed router behind /api/messages: Action.Submit by verb with typed data, text commands (longest first, mention
/// removed), exactly one handler per verb. Runs through the real endpoint with the bot's own routes plus test routes.
/// </summary>
public sealed class ActivityRouterDispatch : IAsyncLifetime
{
    private static readonly TestUser Lee = BotTestHost.User("Lee Representative");
    private readonly List<string> _seen = [];
    private BotTestHost _host = null!;

    public sealed record SaveNoteData(string Verb, Guid NoteId, int Version, string? Note);

    public async Task InitializeAsync()
    {
        _host = await BotTestHost.StartAsync(o => o.Services = services =>
        {
            services.RemoveAll<ActivityRouter>();
            services.AddSingleton(_ => BotRoutes.Build()
                .OnSubmit<SaveNoteData>("note.save", (turn, data, ct) =>
                {
                    _seen.Add($"submit {data.NoteId} v{data.Version} '{data.Note}'");
                    return Task.CompletedTask;
                })
                .OnCommand("my audits overdue", (turn, rest, ct) =>
                {
                    _seen.Add($"overdue '{rest}'");
                    return Task.CompletedTask;
                }));
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RoutesAnActionSubmitByVerbWithTypedDataMergedWithInputs()
    {
        var id = Guid.NewGuid();
        var chat = BotTestHost.PersonalChat(Lee);

        await _host.SendAsync(_host.Submit(Lee, chat, new { verb = "note.save", noteId = id, version = 3, note = "typed in the card" }));

        Assert.Equal([$"submit {id} v3 'typed in the card'"], _seen);
    }

    [Fact]
    public async Task AnswersSubmitDataThatDoesNotParseWithAPoliteMessage()
    {
        var chat = BotTestHost.PersonalChat(Lee);

        using var response = await _host.PostAsync(_host.Submit(Lee, chat,
            new { verb = "note.save", noteId = "not-a-guid", version = "three" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_seen);
        Assert.NotEmpty(_host.Sent(chat.Id));
    }

    [Fact]
    public async Task PrefersTheLongestMatchingCommandAndPassesTheRest()
    {
        await _host.SayAsync(Lee, BotTestHost.Channel(), "My  Audits overdue  please");

        Assert.Equal(["overdue 'please'"], _seen);
    }

    [Fact]
    public void RefusesASecondHandlerForTheSameVerb()
    {
        var router = new ActivityRouter().OnSubmit<SaveNoteData>("note.save", (_, _, _) => Task.CompletedTask);

        Assert.Throws<InvalidOperationException>(() => router.OnSubmit<SaveNoteData>("note.save", (_, _, _) => Task.CompletedTask));
        Assert.Throws<InvalidOperationException>(() => BotRoutes.Build().OnCommand("HELP", (_, _, _) => Task.CompletedTask));
    }
}
