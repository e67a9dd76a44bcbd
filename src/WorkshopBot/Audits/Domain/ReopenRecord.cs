using WorkshopBot.Common;
namespace WorkshopBot.Audits.Domain;

/// <summary>Who reopened a submitted return, when and why; kept permanently on the return.</summary>
public sealed record ReopenRecord(PersonRef By, string Reason, DateTimeOffset At);
