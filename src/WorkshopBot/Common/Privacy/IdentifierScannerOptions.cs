namespace WorkshopBot.Common.Privacy;

/// <summary>
/// Contact details the partnership publishes itself (a briefing footer carries the board's phone and mailbox).
/// These are organisational, not about a child, so the scanner does not flag them.
/// </summary>
public sealed record IdentifierScannerOptions
{
    public static IdentifierScannerOptions None { get; } = new();

    /// <summary>Email addresses that are never flagged (compared case-insensitively).</summary>
    public IReadOnlyCollection<string> AllowedEmails { get; init; } = [];

    /// <summary>Phone numbers that are never flagged (compared by digits only, +44 treated as 0).</summary>
    public IReadOnlyCollection<string> AllowedPhoneNumbers { get; init; } = [];
}
