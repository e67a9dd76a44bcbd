namespace WorkshopBot.Audits.Domain;

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
