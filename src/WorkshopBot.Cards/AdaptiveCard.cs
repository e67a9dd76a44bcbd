using System.Text.Json.Serialization;

namespace WorkshopBot.Cards;

/// <summary>An Adaptive Card 1.5, the highest version Teams renders.</summary>
public sealed record AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    public const string CurrentVersion = "1.5";

    [JsonPropertyOrder(-2)]
    public string Type => "AdaptiveCard";

    /// <summary>Set to null to leave it out; a card read from JSON without it still gets the default.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-1)]
    public string? Schema { get; init; } = SchemaUrl;

    [JsonPropertyOrder(-1)]
    public string Version { get; init; } = CurrentVersion;

    public IReadOnlyList<CardElement> Body { get; init; } = [];

    public IReadOnlyList<CardAction>? Actions { get; init; }

    public CardRefresh? Refresh { get; init; }

    [JsonPropertyName("msteams")]
    public TeamsCardProperties? MsTeams { get; init; }

    /// <summary>Shown by hosts that cannot render the card and used as the notification preview.</summary>
    public string? FallbackText { get; init; }

    public string? Speak { get; init; }
}

/// <summary>Teams-specific card properties.</summary>
public sealed record TeamsCardProperties
{
    public static TeamsCardProperties FullWidth { get; } = new() { Width = "Full" };

    public string? Width { get; init; }
}

/// <summary>
/// Makes Teams fetch a fresh card with <see cref="Action"/> when one of <see cref="UserIds"/> opens it, so each of
/// them can see a per-user view. Teams honours at most <see cref="MaxUserIds"/> ids.
/// </summary>
public sealed record CardRefresh
{
    public const int MaxUserIds = 60;

    private readonly IReadOnlyList<string>? _userIds;

    public CardRefresh()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public CardRefresh(ExecuteAction action, IReadOnlyList<string>? userIds = null)
    {
        Action = action;
        UserIds = userIds;
    }

    [JsonConverter(typeof(DiscriminatedExecuteActionConverter))]
    public required ExecuteAction Action { get; init; }

    /// <exception cref="ArgumentException">More than <see cref="MaxUserIds"/> ids.</exception>
    public IReadOnlyList<string>? UserIds
    {
        get => _userIds;
        init => _userIds = value is { Count: > MaxUserIds }
            ? throw new ArgumentException($"A card refresh names at most {MaxUserIds} users; {value.Count} were given.", nameof(value))
            : value;
    }
}
