using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkshopBot.Cards;

/// <summary>A card action. The JSON <c>type</c> discriminator is written first.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
[JsonDerivedType(typeof(ToggleVisibilityAction), "Action.ToggleVisibility")]
public abstract record CardAction
{
    public string? Id { get; init; }

    public string? Title { get; init; }

    public ActionStyle? Style { get; init; }

    public string? Tooltip { get; init; }

    public bool? IsEnabled { get; init; }
}

/// <summary>
/// Universal Action: Teams sends an <c>adaptiveCard/action</c> invoke carrying <c>value.action.verb</c> and
/// <c>value.action.data</c>, and the invoke response can replace the card.
/// </summary>
public sealed record ExecuteAction : CardAction
{
    public string? Verb { get; init; }

    public JsonElement? Data { get; init; }

    public AssociatedInputs? AssociatedInputs { get; init; }

    /// <summary>Builds an action whose <c>data</c> is <paramref name="data"/> serialised camelCase.</summary>
    public static ExecuteAction Create<TData>(string verb, TData data, string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        return new ExecuteAction { Verb = verb, Data = AdaptiveCardJson.ToData(data), Title = title };
    }
}

/// <summary>
/// Action.Submit: Teams posts a message activity whose <c>value</c> is <c>data</c> merged with the inputs, so there
/// is no separate verb; <see cref="Create{TData}"/> writes it into the data object as <see cref="VerbProperty"/>.
/// </summary>
public sealed record SubmitAction : CardAction
{
    public const string VerbProperty = "verb";

    public JsonElement? Data { get; init; }

    public AssociatedInputs? AssociatedInputs { get; init; }

    /// <summary>Builds an action whose data object is <c>{"verb": verb, ...data}</c>.</summary>
    /// <exception cref="ArgumentException">The data is not a JSON object, or has a different "verb".</exception>
    public static SubmitAction Create<TData>(string verb, TData data, string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        var node = JsonSerializer.SerializeToNode(data, AdaptiveCardJson.Options) as JsonObject
            ?? throw new ArgumentException("Action.Submit data must serialise to a JSON object.", nameof(data));
        if (node[VerbProperty] is { } existing && existing.GetValueKind() == JsonValueKind.String
            ? existing.GetValue<string>() != verb
            : node.ContainsKey(VerbProperty))
        {
            throw new ArgumentException($"The data already has a \"{VerbProperty}\" that differs from '{verb}'.", nameof(data));
        }

        var merged = new JsonObject { [VerbProperty] = verb };
        foreach (var (name, value) in node)
        {
            if (name != VerbProperty)
            {
                merged[name] = value?.DeepClone();
            }
        }

        return new SubmitAction { Data = JsonSerializer.SerializeToElement(merged, AdaptiveCardJson.Options), Title = title };
    }
}

public sealed record OpenUrlAction : CardAction
{
    public OpenUrlAction()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public OpenUrlAction(Uri url, string title)
    {
        Url = url;
        Title = title;
    }

    public required Uri Url { get; init; }
}

public sealed record ShowCardAction : CardAction
{
    public required AdaptiveCard Card { get; init; }
}

/// <summary>Shows or hides elements by id without a round trip, e.g. to expand a section.</summary>
public sealed record ToggleVisibilityAction : CardAction
{
    public required IReadOnlyList<string> TargetElements { get; init; }
}
