using WorkshopBot.Common;
namespace WorkshopBot.Audits.Domain;

/// <summary>One agency's row of the tracker.</summary>
public sealed record TrackerRow(
    string AgencyId, string AgencyName, AgencyType AgencyType, PersonRef? Representative, IReadOnlyList<TrackerCell> Cells)
{
    public int Outstanding =>
        Cells.Count(c => c.Status is TrackerCellStatus.NotStarted or TrackerCellStatus.Draft or TrackerCellStatus.Overdue);

    public int Overdue => Cells.Count(c => c.Status == TrackerCellStatus.Overdue);
}
