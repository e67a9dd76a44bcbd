using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>A representative asked the chair to reopen a submitted return; pending until the chair reopens it.</summary>
public sealed record ReopenRequest(PersonRef By, DateTimeOffset At);
