namespace WorkshopBot.Workshop.Domain;

/// <summary>Something to vote for: an idea's id and text, a choice, a rating or a grade level.</summary>
public sealed record PollOption(string Id, string Label);
