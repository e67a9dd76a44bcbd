using System.Text.Json;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Protocol.Routing;

/// <summary>
/// Typed routes, matched in a fixed order: invokes by name (card actions by verb), card submits by verb,
/// text commands, then conversation and installation updates. A card action with a verb no route knows gets the bad
/// card data answer (as a submit does); any other invoke with no route is a bad request (400), never a 5xx.
/// </summary>
public sealed class ActivityRouter
{
    /// <summary>The property of <c>Action.Submit</c> data that names the route.</summary>
    public const string SubmitVerbProperty = "verb";

    private readonly List<Func<TurnContext, CancellationToken, Task>> _beforeEach = [];
    private readonly Dictionary<string, Func<TurnContext, JsonElement, CancellationToken, Task<InvokeResponse>>> _cardActions =
        new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<TurnContext, CancellationToken, Task<InvokeResponse>>> _invokes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<TurnContext, JsonElement, CancellationToken, Task>> _submits = new(StringComparer.Ordinal);
    private readonly List<(string[] Words, Func<TurnContext, string, CancellationToken, Task> Handler)> _commands = [];
    private readonly List<Func<TurnContext, CancellationToken, Task>> _conversationUpdates = [];
    private readonly List<Func<TurnContext, CancellationToken, Task>> _installationUpdates = [];
    private readonly Dictionary<string, Type> _cardActionData = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _submitData = new(StringComparer.Ordinal);
    private Func<TurnContext, CancellationToken, Task>? _unmatchedMessage;
    private Func<TurnContext, string, CancellationToken, Task<InvokeResponse>>? _badCardData;

    /// <summary>Every <c>Action.Execute</c> verb routed, with the type its data is parsed into (wire contracts; see tests).</summary>
    public IReadOnlyDictionary<string, Type> CardActionVerbs => _cardActionData;

    /// <summary>Every <c>Action.Submit</c> verb routed, with the type its data is parsed into.</summary>
    public IReadOnlyDictionary<string, Type> SubmitVerbs => _submitData;

    /// <summary>Every text command routed, as its words joined by one space (e.g. "new audit").</summary>
    public IReadOnlyList<string> Commands => _commands.Select(c => string.Join(' ', c.Words)).ToList();

    /// <summary>Runs before any route, for every activity (e.g. keeping conversation references fresh).</summary>
    public ActivityRouter BeforeEach(Func<TurnContext, CancellationToken, Task> hook)
    {
        _beforeEach.Add(hook);
        return this;
    }

    /// <summary>
    /// An <c>Action.Execute</c> verb, answered in the HTTP response. Data is parsed once into <typeparamref name="TData"/>.
    /// </summary>
    public ActivityRouter OnCardAction<TData>(string verb, Func<TurnContext, TData, CancellationToken, Task<InvokeResponse>> handler)
        where TData : class
    {
        Register(_cardActions, verb, async (turn, data, ct) =>
        {
            var parsed = Parse<TData>(data);
            return parsed is null
                ? await BadCardDataAsync(turn, verb, ct).ConfigureAwait(false)
                : await handler(turn, parsed, ct).ConfigureAwait(false);
        });
        _cardActionData[verb] = typeof(TData);
        return this;
    }

    /// <summary>Any other invoke by name.</summary>
    public ActivityRouter OnInvoke(string name, Func<TurnContext, CancellationToken, Task<InvokeResponse>> handler)
    {
        Register(_invokes, name, handler);
        return this;
    }

    /// <summary>An <c>Action.Submit</c> whose data carries <c>verb</c>; arrives as a message with a value.</summary>
    public ActivityRouter OnSubmit<TData>(string verb, Func<TurnContext, TData, CancellationToken, Task> handler)
        where TData : class
    {
        Register(_submits, verb, async (turn, data, ct) =>
        {
            var parsed = Parse<TData>(data);
            if (parsed is null)
            {
                await BadCardDataAsync(turn, verb, ct).ConfigureAwait(false);
                return;
            }

            await handler(turn, parsed, ct).ConfigureAwait(false);
        });
        _submitData[verb] = typeof(TData);
        return this;
    }

    /// <summary>
    /// A text command: matches when the message (mention removed) starts with these words, case-insensitive.
    /// The handler gets the rest of the text. Longer commands win over shorter ones.
    /// </summary>
    public ActivityRouter OnCommand(string command, Func<TurnContext, string, CancellationToken, Task> handler)
    {
        var words = SplitWords(command);
        if (words.Length == 0)
        {
            throw new ArgumentException("A command needs at least one word.", nameof(command));
        }

        if (_commands.Any(c => c.Words.SequenceEqual(words, StringComparer.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"The command '{command}' is registered twice.");
        }

        _commands.Add((words, handler));
        _commands.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        return this;
    }

    public ActivityRouter OnUnmatchedMessage(Func<TurnContext, CancellationToken, Task> handler)
    {
        _unmatchedMessage = handler;
        return this;
    }

    public ActivityRouter OnConversationUpdate(Func<TurnContext, CancellationToken, Task> handler)
    {
        _conversationUpdates.Add(handler);
        return this;
    }

    public ActivityRouter OnInstallationUpdate(Func<TurnContext, CancellationToken, Task> handler)
    {
        _installationUpdates.Add(handler);
        return this;
    }

    /// <summary>What to answer when card data cannot be parsed (forged or from an old card). The string is the verb.</summary>
    public ActivityRouter OnBadCardData(Func<TurnContext, string, CancellationToken, Task<InvokeResponse>> handler)
    {
        _badCardData = handler;
        return this;
    }

    /// <summary>The verb of an <c>Action.Execute</c> invoke, as the card sent it (any verb, routed or not), or null.</summary>
    public static string? CardActionVerbOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type == ActivityTypes.Invoke && activity.Name == InvokeNames.AdaptiveCardAction
            && activity.Value is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
            && action.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String ? verb.GetString() : null;
    }

    /// <summary>Routes one activity. Returns the invoke response for invokes, otherwise null.</summary>
    public async Task<InvokeResponse?> DispatchAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        foreach (var hook in _beforeEach)
        {
            await hook(turn, cancellationToken).ConfigureAwait(false);
        }

        var activity = turn.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Invoke:
                return await DispatchInvokeAsync(turn, cancellationToken).ConfigureAwait(false);

            case ActivityTypes.Message:
                await DispatchMessageAsync(turn, cancellationToken).ConfigureAwait(false);
                return null;

            case ActivityTypes.ConversationUpdate:
                await RunAllAsync(_conversationUpdates, turn, cancellationToken).ConfigureAwait(false);
                return null;

            case ActivityTypes.InstallationUpdate:
                await RunAllAsync(_installationUpdates, turn, cancellationToken).ConfigureAwait(false);
                return null;

            default:
                return null;
        }
    }

    private async Task<InvokeResponse> DispatchInvokeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (activity.Name == InvokeNames.AdaptiveCardAction)
        {
            var value = activity.Value is { ValueKind: JsonValueKind.Object } v ? Parse<AdaptiveCardInvokeValue>(v) : null;
            var verb = value?.Action?.Verb;
            if (verb is not null && _cardActions.TryGetValue(verb, out var action))
            {
                var data = value!.Action!.Data ?? default;
                return await action(turn, data, cancellationToken).ConfigureAwait(false);
            }

            // A card this version does not know (or no card at all): the same polite answer as unreadable data.
            return await BadCardDataAsync(turn, verb ?? "", cancellationToken).ConfigureAwait(false);
        }

        return activity.Name is not null && _invokes.TryGetValue(activity.Name, out var invoke)
            ? await invoke(turn, cancellationToken).ConfigureAwait(false)
            : new InvokeResponse(400);
    }

    private async Task DispatchMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (activity.Value is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty(SubmitVerbProperty, out var verbElement)
            && verbElement.ValueKind == JsonValueKind.String
            && verbElement.GetString() is { } verb)
        {
            if (_submits.TryGetValue(verb, out var submit))
            {
                await submit(turn, value, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await BadCardDataAsync(turn, verb, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (await RunCommandAsync(turn, activity.GetTextWithoutMentions(), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (_unmatchedMessage is not null)
        {
            await _unmatchedMessage(turn, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs the text command <paramref name="text"/> as if it had been typed (a card button that stands for a command);
    /// false when no command matches.
    /// </summary>
    public async Task<bool> RunCommandAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        var words = SplitWords(text ?? string.Empty);
        foreach (var (commandWords, handler) in _commands)
        {
            if (words.Length >= commandWords.Length
                && words.Take(commandWords.Length).SequenceEqual(commandWords, StringComparer.OrdinalIgnoreCase))
            {
                await handler(turn, string.Join(' ', words.Skip(commandWords.Length)), cancellationToken).ConfigureAwait(false);
                return true;
            }
        }

        return false;
    }

    private Task<InvokeResponse> BadCardDataAsync(TurnContext turn, string verb, CancellationToken cancellationToken) =>
        _badCardData is null ? Task.FromResult(new InvokeResponse(400)) : _badCardData(turn, verb, cancellationToken);

    private static async Task RunAllAsync(List<Func<TurnContext, CancellationToken, Task>> handlers, TurnContext turn,
        CancellationToken cancellationToken)
    {
        foreach (var handler in handlers)
        {
            await handler(turn, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Register<THandler>(Dictionary<string, THandler> routes, string key, THandler handler)
    {
        // Exactly one handler per verb or invoke name: a second registration is a programming error.
        if (!routes.TryAdd(key, handler))
        {
            throw new InvalidOperationException($"The route '{key}' is registered twice.");
        }
    }

    private static T? Parse<T>(JsonElement data)
        where T : class
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return data.Deserialize<T>(BotJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static string[] SplitWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
