namespace WorkshopBot.ActionPlans.Domain;

/// <summary>One agency's row of the tracker: how many of its active actions are red, amber, green or not reported yet.</summary>
public sealed record AgencyRow(string Agency, int Red, int Amber, int Green, int NotReported, int AwaitingSignOff, int Overdue, int Done);

/// <summary>
/// The action plan as the QA sub-group sees it in its channel: actions by agency and RAG, overdue first, then the
/// rest by due date; finished actions are counted, not listed.
/// </summary>
public sealed record ActionTrackerView(
    string AuditTitle, IReadOnlyList<AgencyRow> Agencies, IReadOnlyList<PlannedAction> Listed, int Overdue, int Done, int Total)
{
    public static ActionTrackerView Build(string auditTitle, IEnumerable<PlannedAction> actions, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var all = actions.ToList();
        var rows = all
            // The partnership's own actions are a row of their own, even beside an agency of the same name.
            .GroupBy(a => (a.IsPartnershipOwned, a.AgencyKey))
            .Select(g =>
            {
                var active = g.Where(a => a.IsActive).ToList();
                return new AgencyRow(
                    // Named so a reader tells the two apart: an agency called "The partnership" is shown as an agency.
                    PlannedAction.OwnerNameOf(g.Key.IsPartnershipOwned, g.OrderBy(a => a.CreatedAt).First().OwnerAgency),
                    active.Count(a => a.State == ActionState.Open && a.Rag == ActionRag.Red),
                    active.Count(a => a.State == ActionState.Open && a.Rag == ActionRag.Amber),
                    active.Count(a => a.State == ActionState.Open && a.Rag == ActionRag.Green),
                    active.Count(a => a.State == ActionState.Open && a.Rag == ActionRag.NotReported),
                    active.Count(a => a.State == ActionState.AwaitingSignOff),
                    active.Count(a => a.IsOverdue(today)),
                    g.Count(a => !a.IsActive));
            })
            .OrderByDescending(r => r.Overdue)
            .ThenByDescending(r => r.Red)
            .ThenBy(r => r.Agency, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var listed = all.Where(a => a.IsActive)
            .OrderByDescending(a => a.IsOverdue(today))
            .ThenBy(a => a.DueOn)
            .ThenBy(a => a.Number)
            .ToList();
        return new ActionTrackerView(auditTitle, rows, listed, all.Count(a => a.IsOverdue(today)), all.Count(a => !a.IsActive), all.Count);
    }
}
