using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>Shaping an audit while it is a draft: its audit tool, its cases and the agencies taking part.</summary>
public sealed partial class Audit
{
    // The audit tool: editable only while a draft, so that every agency answers the same questions.

    public DomainResult<QuestionSection> AddSection(string? title) =>
        WhileDraftEditingTool() is { } refusal
            ? DomainResult<QuestionSection>.From(refusal.Error!)
            : Counted(Questions.AddSection(title));

    public DomainResult RenameSection(string sectionId, string? title) =>
        WhileDraftEditingTool() ?? Counted(Questions.RenameSection(sectionId, title));

    public DomainResult RemoveSection(string sectionId) =>
        WhileDraftEditingTool() ?? Counted(Questions.RemoveSection(sectionId));

    public DomainResult<Question> AddQuestion(string sectionId, QuestionDraft draft) =>
        WhileDraftEditingTool() is { } refusal
            ? DomainResult<Question>.From(refusal.Error!)
            : Counted(Questions.AddQuestion(sectionId, draft));

    public DomainResult EditQuestion(string questionId, QuestionDraft draft) =>
        WhileDraftEditingTool() ?? Counted(Questions.EditQuestion(questionId, draft));

    /// <summary>Limits a question to some agency types; an empty list means every agency answers it.</summary>
    public DomainResult SetQuestionAgencyTypes(string questionId, IReadOnlyCollection<AgencyType> agencyTypes) =>
        WhileDraftEditingTool() ?? Counted(Questions.SetAgencyTypes(questionId, agencyTypes));

    public DomainResult MarkSafetyQuestion(string questionId, bool isSafetyQuestion) =>
        WhileDraftEditingTool() ?? Counted(Questions.MarkSafety(questionId, isSafetyQuestion));

    public DomainResult RemoveQuestion(string questionId) =>
        WhileDraftEditingTool() ?? Counted(Questions.RemoveQuestion(questionId));

    /// <summary>Moves a question to a zero-based position within its section.</summary>
    public DomainResult MoveQuestion(string questionId, int newIndex) =>
        WhileDraftEditingTool() ?? Counted(Questions.MoveQuestion(questionId, newIndex));

    /// <summary>Moves a question one place up (a negative offset) or down (a positive one) within its section.</summary>
    public DomainResult MoveQuestionBy(string questionId, int offset)
    {
        var section = Questions.SectionOf(questionId);
        if (section is null)
        {
            return DomainResult.NotFound($"There is no question \"{questionId}\" in this audit tool.");
        }

        var index = section.Questions.ToList().FindIndex(q => q.Id == questionId);
        return MoveQuestion(questionId, index + Math.Sign(offset));
    }

    // Cases.

    public DomainResult AddCase(CaseReference reference, AgeBand ageBand)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (WhileDraft("add cases") is { } refusal)
        {
            return refusal;
        }

        if (!Enum.IsDefined(ageBand))
        {
            return DomainResult.Invalid("Choose an age band.");
        }

        if (FindCase(reference) is not null)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, $"Case {reference} is already in this audit.");
        }

        if (Cases.Count >= MaxCases)
        {
            return DomainResult.Invalid($"An audit can have at most {MaxCases} cases, so the returns tracker fits on one card.");
        }

        return Change(() => Cases = [.. Cases, new AuditCase(reference, ageBand)]);
    }

    public DomainResult RemoveCase(CaseReference reference)
    {
        if (WhileDraft("remove cases") is { } refusal)
        {
            return refusal;
        }

        if (FindCase(reference) is null)
        {
            return DomainResult.NotFound($"Case {reference} is not in this audit.");
        }

        return Change(() =>
        {
            Cases = Cases.Where(c => c.Reference != reference).ToList();
            Agencies = Agencies.Select(a => a.AssignedCases is null ? a
                : a with { AssignedCases = a.AssignedCases.Where(r => r != reference).ToList() }).ToList();
        });
    }

    // Agencies.

    public DomainResult<AuditAgency> AddAgency(AgencyType type, string? name, PersonRef? representative = null, PersonRef? namedLead = null)
    {
        if (WhileDraft("add agencies") is { } refusal)
        {
            return DomainResult<AuditAgency>.From(refusal.Error!);
        }

        var error = ValidateAgencyName(name) ?? (Enum.IsDefined(type) ? null : "Choose an agency type.");
        if (error is not null)
        {
            return DomainResult<AuditAgency>.Fail(DomainErrorKind.Invalid, error);
        }

        if ((OutsideThisTenant(representative, "representative") ?? OutsideThisTenant(namedLead, "named lead")) is { } outside)
        {
            return DomainResult<AuditAgency>.From(outside.Error!);
        }

        var trimmed = FreeText.Normalise(name);
        if (Agencies.Any(a => string.Equals(a.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            return DomainResult<AuditAgency>.Fail(DomainErrorKind.AlreadyDone, $"{trimmed} is already taking part in this audit.");
        }

        if (Agencies.Count >= MaxAgencies)
        {
            return DomainResult<AuditAgency>.Fail(DomainErrorKind.Invalid,
                $"An audit can have at most {MaxAgencies} agencies, so the returns tracker fits on one card.");
        }

        var agency = new AuditAgency($"agency-{NextAgencyNumber}", type, trimmed, OfThisTenant(representative), OfThisTenant(namedLead),
            AssignedCases: null);
        Change(() =>
        {
            NextAgencyNumber++;
            Agencies = [.. Agencies, agency];
        });
        return DomainResult<AuditAgency>.Ok(agency);
    }

    public DomainResult RemoveAgency(string agencyId)
    {
        if (WhileDraft("remove agencies") is { } refusal)
        {
            return refusal;
        }

        return FindAgency(agencyId) is null
            ? UnknownAgency(agencyId)
            : Change(() => Agencies = Agencies.Where(a => a.Id != agencyId).ToList());
    }

    /// <summary>
    /// Representatives can change at any time before closure (people move jobs mid-audit). Once the audit is issued, the
    /// one replaced no longer speaks for the agency (<see cref="AuditAgency.FormerRepresentatives"/>); a change while it is
    /// still a draft is the chair setting it up (no tool has been sent, no workshop held), so it keeps nobody as replaced.
    /// </summary>
    public DomainResult AssignRepresentative(string agencyId, PersonRef representative)
    {
        ArgumentNullException.ThrowIfNull(representative);
        return OutsideThisTenant(representative, "representative")
            ?? ChangeAgency(agencyId, a => a.WithRepresentative(OfThisTenant(representative)!, keepFormer: Status != AuditStatus.Draft));
    }

    /// <summary>The ids of the agencies the chair replaced this person as the representative of (none joins them for it).</summary>
    public IReadOnlyList<string> AgenciesNoLongerRepresentedBy(PersonRef person) =>
        Agencies.Where(a => a.WasReplaced(person)).Select(a => a.Id).ToList();

    public DomainResult SetNamedLead(string agencyId, PersonRef? namedLead) =>
        OutsideThisTenant(namedLead, "named lead") ?? ChangeAgency(agencyId, a => a with { NamedLead = OfThisTenant(namedLead) });

    /// <summary>The refusal when <paramref name="person"/> belongs to another organisation than the audit's; else null.</summary>
    private DomainResult? OutsideThisTenant(PersonRef? person, string role) =>
        person is not null && person.IsOfAnotherTenant(TenantId) ? PersonRef.OutsideOrganisation(role) : null;

    /// <summary>
    /// The person as the audit records them: of the audit's own organisation (they are chosen from its team), so the record
    /// says whose it is and the same object id in another tenant is never taken for them.
    /// </summary>
    private PersonRef? OfThisTenant(PersonRef? person) => person is null ? null : person with { TenantId = TenantId };

    /// <summary>Chooses which cases an agency returns on; null (the default) means every case.</summary>
    public DomainResult AssignCases(string agencyId, IReadOnlyCollection<CaseReference>? cases)
    {
        if (WhileDraft("change which cases an agency returns on") is { } refusal)
        {
            return refusal;
        }

        if (cases is not null)
        {
            var unknown = cases.FirstOrDefault(c => FindCase(c) is null);
            if (unknown is not null)
            {
                return DomainResult.NotFound($"Case {unknown} is not in this audit.");
            }

            if (cases.Count == 0)
            {
                return DomainResult.Invalid("An agency must return on at least one case; remove the agency instead.");
            }
        }

        return ChangeAgency(agencyId, a => a with { AssignedCases = cases?.Distinct().ToList() });
    }
}
