namespace WorkshopBot.Audits.Domain;

/// <summary>A case in an audit: a pseudonymous reference and an age band, nothing more.</summary>
public sealed record AuditCase(CaseReference Reference, AgeBand AgeBand);
