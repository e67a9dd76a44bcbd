namespace WorkshopBot.Audits.Domain;

/// <summary>Projects an audit and its returns into the chair's tracker grid.</summary>
public static class ReturnsTracker
{
    public static ReturnsTrackerView Build(Audit audit, IEnumerable<AuditReturn> returns, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(returns);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var byCell = returns
            .Where(r => r.AuditId == audit.Id)
            .GroupBy(r => (r.AgencyId, r.CaseReference))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Version).First());

        var rows = audit.Agencies.Select(agency => new TrackerRow(
            agency.Id,
            agency.Name,
            agency.Type,
            agency.Representative,
            audit.Cases.Select(c =>
            {
                if (!agency.ReturnsOn(c.Reference))
                {
                    return new TrackerCell(agency.Id, c.Reference, TrackerCellStatus.NotRequested, null);
                }

                var ret = byCell.GetValueOrDefault((agency.Id, c.Reference));
                return new TrackerCell(agency.Id, c.Reference, StatusOf(ret, audit.ReturnsDueAt, now), ret?.Id);
            }).ToList())).ToList();

        var cells = rows.SelectMany(r => r.Cells).Where(c => c.Status != TrackerCellStatus.NotRequested).ToList();
        var counts = new TrackerCounts(
            cells.Count,
            cells.Count(c => c.Status == TrackerCellStatus.NotStarted),
            cells.Count(c => c.Status == TrackerCellStatus.Draft),
            cells.Count(c => c.Status == TrackerCellStatus.Submitted),
            cells.Count(c => c.Status == TrackerCellStatus.Overdue));

        var nonResponders = rows
            .Where(r => r.Outstanding > 0)
            .OrderByDescending(r => r.Overdue)
            .ThenByDescending(r => r.Outstanding)
            .ThenBy(r => r.AgencyName, StringComparer.OrdinalIgnoreCase)
            .Select(r => new NonResponder(r.AgencyId, r.AgencyName, r.Representative, r.Outstanding, r.Overdue))
            .ToList();

        var cases = audit.Cases.Select(c => c.Reference).ToList();
        return new ReturnsTrackerView(audit.Id, audit.ReturnsDueAt, cases, rows, nonResponders, counts);
    }

    private static TrackerCellStatus StatusOf(AuditReturn? ret, DateTimeOffset? dueAt, DateTimeOffset now)
    {
        if (ret?.Status == ReturnStatus.Submitted)
        {
            return TrackerCellStatus.Submitted;
        }

        if (dueAt is { } due && now > due)
        {
            return TrackerCellStatus.Overdue;
        }

        return ret is null || ret.Status == ReturnStatus.NotStarted ? TrackerCellStatus.NotStarted : TrackerCellStatus.Draft;
    }
}
