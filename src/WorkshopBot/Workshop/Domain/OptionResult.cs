namespace WorkshopBot.Workshop.Domain;

/// <summary>One option's result: dots (or votes), how many people gave them, and its rank (ties share a rank).</summary>
public sealed record OptionResult(string OptionId, string Label, int Dots, int Voters, int Rank);
