namespace WorkshopBot.Audits;

/// <summary>One cell: what one agency owes on one case.</summary>
public sealed record TrackerCell(string AgencyId, CaseReference CaseReference, TrackerCellStatus Status, Guid? ReturnId);

/// <summary>One agency's row of the tracker.</summary>
public sealed record TrackerRow(string AgencyId, string AgencyName, AgencyType AgencyType, PersonRef? Representative, IReadOnlyList<TrackerCell> Cells)
{
    public int Outstanding => Cells.Count(c => c.Status is TrackerCellStatus.NotStarted or TrackerCellStatus.Draft or TrackerCellStatus.Overdue);

    public int Overdue => Cells.Count(c => c.Status == TrackerCellStatus.Overdue);
}

/// <summary>An agency that still owes returns.</summary>
public sealed record NonResponder(string AgencyId, string AgencyName, PersonRef? Representative, int Outstanding, int Overdue);

/// <summary>Totals across the grid (cells that were never requested are not counted).</summary>
public sealed record TrackerCounts(int Expected, int NotStarted, int Draft, int Submitted, int Overdue);

/// <summary>The chair's agencies x cases grid of return statuses.</summary>
public sealed record ReturnsTrackerView(
    Guid AuditId,
    DateTimeOffset? DueAt,
    IReadOnlyList<CaseReference> Cases,
    IReadOnlyList<TrackerRow> Rows,
    IReadOnlyList<NonResponder> NonResponders,
    TrackerCounts Counts)
{
    public TrackerCell? Cell(string agencyId, CaseReference caseReference) =>
        Rows.FirstOrDefault(r => r.AgencyId == agencyId)?.Cells.FirstOrDefault(c => c.CaseReference == caseReference);

    public bool AllSubmitted => Counts.Expected > 0 && Counts.Submitted == Counts.Expected;
}
