namespace WorkshopBot.Audits.Domain;

/// <summary>One cell: what one agency owes on one case.</summary>
public sealed record TrackerCell(string AgencyId, CaseReference CaseReference, TrackerCellStatus Status, Guid? ReturnId);
