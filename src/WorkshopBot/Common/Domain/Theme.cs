namespace WorkshopBot.Common;

/// <summary>A practice theme used to tag questions and findings, e.g. "information-sharing".</summary>
public sealed record Theme(string Key, string DisplayName, ThemeGroup Group);
