namespace WorkshopBot.Audits.Domain;

/// <summary>Create audit pressed twice: the second press finds the draft the first made.</summary>
public sealed partial class Audit
{
    /// <summary>How long after a draft was created a press with the same form still finds it rather than making another.</summary>
    public static readonly TimeSpan TwinWindow = TimeSpan.FromMinutes(10);

    /// <summary>
    /// True when this audit is a draft nobody has touched since it was created (no case, no agency, no change after the
    /// creation form's), made by the same chair in the same tenant from the same form as <paramref name="other"/> (an audit
    /// just built from a press, not stored), less than <see cref="TwinWindow"/> before <paramref name="now"/>.
    /// <paramref name="other"/> is then the same audit again, as a double press of Create audit makes it. A chair who
    /// changes any value creates a second audit, as they may.
    /// </summary>
    public bool IsUntouchedTwinOf(Audit other, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Status == AuditStatus.Draft && Cases.Count == 0 && Agencies.Count == 0 && Version == other.Version
            && now - CreatedAt < TwinWindow && now >= CreatedAt && HasSameFormAs(other);
    }

    /// <summary>Made by the same chair in the same tenant with the same creation form's values as <paramref name="other"/>.</summary>
    public bool HasSameFormAs(Audit other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Chair.IsSamePerson(other.Chair) && string.Equals(TenantId, other.TenantId, StringComparison.Ordinal)
            && string.Equals(Title, other.Title, StringComparison.Ordinal)
            && string.Equals(ThemeName, other.ThemeName, StringComparison.Ordinal)
            && string.Equals(TemplateKey, other.TemplateKey, StringComparison.Ordinal)
            && string.Equals(GradeScale.Key, other.GradeScale.Key, StringComparison.Ordinal)
            && LookBack == other.LookBack && ReturnsDueAt == other.ReturnsDueAt && WorkshopAt == other.WorkshopAt
            && Reminders == other.Reminders && DataProtection == other.DataProtection && Retention == other.Retention;
    }
}
