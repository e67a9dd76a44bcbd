namespace WorkshopBot.Workshop.Domain;

/// <summary>Votes for one option: dots and how many people gave them.</summary>
public sealed record OptionTally(string OptionId, int Dots, int Voters);
