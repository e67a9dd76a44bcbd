using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>The audit's stages from issue to closure, and the rules every change goes through.</summary>
public sealed partial class Audit
{
    /// <summary>Sends the audit tool out. Refused until there are cases, agencies with representatives and a due date.</summary>
    public DomainResult Issue(DateTimeOffset now)
    {
        if (Status != AuditStatus.Draft)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, $"This audit was already issued on {Moments.Day(IssuedAt)}.");
        }

        var problems = new List<string>();
        if (Cases.Count == 0)
        {
            problems.Add("add at least one case");
        }

        if (Agencies.Count == 0)
        {
            problems.Add("add at least one agency");
        }

        var withoutRep = Agencies.Where(a => a.Representative is null).Select(a => a.Name).ToList();
        if (withoutRep.Count > 0)
        {
            problems.Add($"choose a representative for {string.Join(", ", withoutRep)}");
        }

        var withoutCases = Agencies.Where(a => !Cases.Any(c => a.ReturnsOn(c.Reference))).Select(a => a.Name).ToList();
        if (Cases.Count > 0 && withoutCases.Count > 0)
        {
            problems.Add($"assign at least one case to {string.Join(", ", withoutCases)}");
        }

        if (ReturnsDueAt is null)
        {
            problems.Add("set the returns due date");
        }
        else if (ReturnsDueAt <= now)
        {
            problems.Add("move the returns due date into the future");
        }

        if (Questions.SafetyQuestionCount == 0)
        {
            problems.Add("keep the immediate-safety question");
        }

        if (problems.Count > 0)
        {
            return DomainResult.NotAllowed($"Before issuing this audit, please {string.Join("; ", problems)}.");
        }

        return Change(() =>
        {
            Status = AuditStatus.Issued;
            IssuedAt = now;
        });
    }

    /// <summary>Releases all returns to all representatives and the chair for grade moderation.</summary>
    public DomainResult ReleaseForModeration(DateTimeOffset now) =>
        MoveFrom(AuditStatus.Issued, AuditStatus.Moderation, "release returns for moderation",
            () => ReleasedForModerationAt = now);

    public DomainResult StartWorkshop() =>
        MoveFrom(AuditStatus.Moderation, AuditStatus.Workshop, "start the workshop");

    public DomainResult StartBriefing() =>
        MoveFrom(AuditStatus.Workshop, AuditStatus.Briefing, "start the briefing");

    public DomainResult StartMonitoring() =>
        MoveFrom(AuditStatus.Briefing, AuditStatus.Monitoring, "start monitoring the action plan");

    /// <summary>Closes the audit: its returns, workshop and action plan become read-only and the retention period starts.</summary>
    public DomainResult Close(DateTimeOffset now)
    {
        if (Status == AuditStatus.Closed)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, $"This audit was already closed on {Moments.Day(ClosedAt)}.");
        }

        // A workshop held without anyone pressing a stage button still leaves the audit closable once the returns are released.
        if (Status < AuditStatus.Moderation)
        {
            return DomainResult.NotAllowed("An audit can be closed only after its returns have been released for moderation.");
        }

        return Change(() =>
        {
            Status = AuditStatus.Closed;
            ClosedAt = now;
        });
    }

    // The rules every change goes through.

    private const string UnknownScaleMessage = "Choose a grade scale: Ofsted four-point, RAG, Good / Requires improvement, or 1 to 5.";

    private static readonly DomainResult ClosedRefusal = DomainResult.NotAllowed("This audit is closed and can no longer be changed.");

    private DomainResult MoveFrom(AuditStatus from, AuditStatus to, string action, Action? alsoDo = null)
    {
        if (Status == to)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, $"This audit is already at the {to} stage.");
        }

        if (Status != from)
        {
            return DomainResult.NotAllowed($"You can {action} only from the {from} stage; this audit is at the {Status} stage.");
        }

        return Change(() =>
        {
            Status = to;
            alsoDo?.Invoke();
        });
    }

    private DomainResult? WhileDraft(string action) =>
        Status == AuditStatus.Draft ? null : DomainResult.NotAllowed($"You can {action} only while the audit is a draft.");

    private DomainResult? WhileDraftEditingTool() =>
        Status == AuditStatus.Draft
            ? null
            : DomainResult.NotAllowed("The audit tool is fixed once issued, so that every agency answers the same questions.");

    private DomainResult ChangeAgency(string agencyId, Func<AuditAgency, AuditAgency> change)
    {
        if (Status == AuditStatus.Closed)
        {
            return ClosedRefusal;
        }

        return FindAgency(agencyId) is null
            ? UnknownAgency(agencyId)
            : Change(() => Agencies = Agencies.Select(a => a.Id == agencyId ? change(a) : a).ToList());
    }

    private static DomainResult UnknownAgency(string? agencyId) =>
        DomainResult.NotFound($"There is no agency \"{agencyId}\" in this audit.");

    private DomainResult Change(Action apply)
    {
        if (Status == AuditStatus.Closed)
        {
            return ClosedRefusal;
        }

        apply();
        Version++;
        return DomainResult.Ok;
    }

    // Retention and legal hold matter most after closure, so they stay editable then.
    private DomainResult ChangeRetention(RetentionPolicy retention)
    {
        Retention = retention;
        Version++;
        return DomainResult.Ok;
    }

    private DomainResult Counted(DomainResult result)
    {
        if (result.Succeeded)
        {
            Version++;
        }

        return result;
    }

    private DomainResult<T> Counted<T>(DomainResult<T> result)
    {
        if (result.Succeeded)
        {
            Version++;
        }

        return result;
    }

    private static string? ValidateTitle(string? title, string label = "The title")
    {
        if (string.IsNullOrWhiteSpace(title) || FreeText.Normalise(title).Length < 3)
        {
            return $"{label} needs at least 3 characters.";
        }

        var error = FreeText.Validate(title, label, MaxTitleLength);
        if (error is not null)
        {
            return error;
        }

        // Titles appear in channel posts, so they must never carry an identifier.
        var check = IdentifierScanner.Default.Check(title);
        return check.Unchecked ? check.Summary
            : check.HasFindings ? $"{label} must not contain personal information. {check.Findings[0].Message}" : null;
    }

    /// <summary>A data-protection reference: optional, at most its length, and never an identifier (refused, as in a title).</summary>
    private static string? ValidateReference(string? text, string label)
    {
        var error = FreeText.Validate(text, label, DataProtectionRecord.MaxLength);
        if (error is not null || string.IsNullOrWhiteSpace(text))
        {
            return error;
        }

        var check = IdentifierScanner.Default.Check(text);
        return check.Unchecked ? check.Summary
            : check.HasFindings ? $"{label} must not contain personal information. {check.Findings[0].Message}" : null;
    }

    private static string? ValidateAgencyName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "Give the agency a name.";
        }

        var error = FreeText.Validate(name, "The agency name", AuditAgency.MaxNameLength);
        if (error is not null)
        {
            return error;
        }

        // Agency names appear in the channel tracker and in exports, so they must never carry an identifier.
        var check = IdentifierScanner.Default.Check(name);
        return check.Unchecked ? check.Summary
            : check.HasFindings ? $"The agency name must not contain personal information. {check.Findings[0].Message}" : null;
    }

    private static string? NullIfBlank(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : FreeText.Normalise(value);
}
