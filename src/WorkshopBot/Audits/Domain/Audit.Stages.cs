using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// The stages the audit reaches by itself, when what begins them happens (see <see cref="AdvanceTo"/>), and the words a
/// chair reads for each stage.
/// </summary>
public sealed partial class Audit
{
    /// <summary>
    /// Moves the audit on to <paramref name="stage"/> (Workshop, Briefing or Monitoring) when the event that begins it
    /// happens: forward only, from Moderation onwards (the returns must have been released, which only the chair does),
    /// never on a closed audit. A stage in between is stepped through (a briefing approved without a workshop poll still
    /// means the workshop was held). The value is the stage it moved from; a refusal changes nothing.
    /// </summary>
    public DomainResult<AuditStatus> AdvanceTo(AuditStatus stage)
    {
        if (stage is not (AuditStatus.Workshop or AuditStatus.Briefing or AuditStatus.Monitoring))
        {
            return DomainResult<AuditStatus>.Fail(DomainErrorKind.Invalid, $"The audit does not move on to the {stage} stage by itself.");
        }

        if (Status == AuditStatus.Closed)
        {
            return DomainResult<AuditStatus>.From(ClosedRefusal.Error!);
        }

        if (Status >= stage)
        {
            return DomainResult<AuditStatus>.Fail(DomainErrorKind.AlreadyDone, $"This audit is already at the {Status} stage.");
        }

        if (Status < AuditStatus.Moderation)
        {
            return DomainResult<AuditStatus>.Fail(DomainErrorKind.NotAllowed,
                "This audit's returns have not been released for moderation yet, so its stage stays as it is.");
        }

        var from = Status;
        var moved = Change(() => Status = stage);
        return moved.Succeeded ? DomainResult<AuditStatus>.Ok(from) : DomainResult<AuditStatus>.From(moved.Error!);
    }

    /// <summary>Whether <see cref="AdvanceTo"/> would move the audit on to <paramref name="stage"/> now.</summary>
    public bool CanAdvanceTo(AuditStatus stage) =>
        stage is AuditStatus.Workshop or AuditStatus.Briefing or AuditStatus.Monitoring
        && Status >= AuditStatus.Moderation && Status < stage;

    /// <summary>The stage in words a chair understands, for the dashboard and the audit lists.</summary>
    public string StageInWords => Status switch
    {
        AuditStatus.Draft => "Draft, not yet issued",
        AuditStatus.Issued => "Issued, returns being collected",
        AuditStatus.Moderation => "Returns released for moderation",
        AuditStatus.Workshop => "Workshop under way",
        AuditStatus.Briefing => "Briefing approved",
        AuditStatus.Monitoring => "Monitoring the action plan",
        AuditStatus.Closed => ClosedAt is { } closed
            ? "Closed on " + Moments.Day(closed)
            : "Closed",
        _ => Status.ToString(),
    };
}
