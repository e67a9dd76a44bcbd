namespace WorkshopBot.Workshop.Domain;

/// <summary>Read side of the workshop for other features (the briefing composes from it).</summary>
public interface IWorkshopResults
{
    /// <summary>The stored outcome of the audit's workshops, or null when none was held.</summary>
    Task<WorkshopOutcome?> GetForAuditAsync(Guid auditId, CancellationToken cancellationToken);
}
