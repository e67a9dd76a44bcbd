namespace WorkshopBot.Audits.Domain;

/// <summary>Totals across the grid (cells that were never requested are not counted).</summary>
public sealed record TrackerCounts(int Expected, int NotStarted, int Draft, int Submitted, int Overdue);
