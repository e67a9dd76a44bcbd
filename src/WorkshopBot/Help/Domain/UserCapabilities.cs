namespace WorkshopBot.Help.Domain;

/// <summary>What a person can do, by role, for the help card.</summary>
public sealed record UserCapabilities(bool IsAdmin, bool MayChair, bool IsRepresentative, bool IsPersonalChat);
