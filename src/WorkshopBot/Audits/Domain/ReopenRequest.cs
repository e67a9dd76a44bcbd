using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// A representative asked the chair to reopen a submitted return; pending until the chair reopens it or declines it, and
/// gone with it. <see cref="Reason"/> is what they gave, identifier-checked before it was kept, for a chair sent the request
/// after a handover; null on requests stored before it was kept. It is never written to the audit log, and retention deletes
/// it with the return.
/// </summary>
public sealed record ReopenRequest(PersonRef By, DateTimeOffset At, string? Reason = null);
