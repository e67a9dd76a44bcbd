using System.Text.Json;
using System.Text.Json.Serialization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Teams;

/// <summary>Card verbs of the audit feature. Each has a typed data record below.</summary>
public static class AuditVerbs
{
    public const string Create = "audit.create";
    public const string Dashboard = "audit.dashboard";
    public const string Questions = "audit.questions";
    public const string EditQuestion = "audit.question.edit";
    public const string SaveQuestion = "audit.question.save";
    public const string RemoveQuestion = "audit.question.remove";
    public const string MoveQuestion = "audit.question.move";
    public const string AddSection = "audit.section.add";
    public const string Cases = "audit.cases";
    public const string AddCase = "audit.case.add";
    public const string RemoveCase = "audit.case.remove";
    public const string Agencies = "audit.agencies";
    public const string AddAgency = "audit.agency.add";
    public const string AgencyPeople = "audit.agency.people";
    public const string SaveAgencyPeople = "audit.agency.people.save";
    public const string RemoveAgency = "audit.agency.remove";
    public const string Issue = "audit.issue";
    public const string Tracker = "audit.tracker";
    public const string Remind = "audit.remind";
    public const string ExtendDue = "audit.extend";
    public const string ReopenForm = "audit.reopen.form";
    public const string Reopen = "audit.reopen";
    public const string Export = "audit.export";

    public const string OpenReturn = "return.open";
    public const string SaveSection = "return.section.save";
    public const string SaveSummary = "return.summary.save";
    public const string ConfirmSubmit = "return.submit.confirm";
    public const string Submit = "return.submit";
    public const string AskReopen = "return.reopen.ask";

    public const string AcknowledgeAlert = "safety.ack";
}

/// <summary>Names one audit (dashboard, tracker, lists).</summary>
public sealed record AuditRefData(Guid AuditId);

/// <summary>The creation form. Inputs arrive as strings, as Teams sends them.</summary>
public sealed record CreateAuditData(
    string? Title,
    string? TemplateKey,
    string? GradeScaleKey,
    string? LookBackMonths,
    string? ReturnsDue,
    string? WorkshopDate,
    string? ReminderDays,
    string? Theme = null);

public sealed record QuestionsData(Guid AuditId, string? SectionId);

public sealed record QuestionRefData(Guid AuditId, string QuestionId);

public sealed record MoveQuestionData(Guid AuditId, string QuestionId, int Offset);

/// <summary>Add (no <see cref="QuestionId"/>) or edit a question.</summary>
public sealed record SaveQuestionData(
    Guid AuditId,
    string SectionId,
    string? QuestionId,
    string? QuestionText,
    string? Guidance,
    string? AgencyTypes,
    string? IsSafety,
    bool ConfirmNotIdentifying = false);

public sealed record AddSectionData(Guid AuditId, string? SectionTitle, bool ConfirmNotIdentifying = false);

public sealed record AddCaseData(Guid AuditId, string? CaseReference, string? AgeBand);

public sealed record CaseRefData(Guid AuditId, string CaseReference);

public sealed record AddAgencyData(Guid AuditId, string? AgencyType, string? AgencyName);

public sealed record AgencyRefData(Guid AuditId, string AgencyId);

/// <summary>Representative and named lead are Teams member ids picked from the team's roster.</summary>
public sealed record AgencyPeopleData(Guid AuditId, string AgencyId, string? Representative, string? NamedLead, string? AssignedCases);

public sealed record ExtendDueData(Guid AuditId, string? NewDueDate);

public sealed record ReopenData(Guid AuditId, string? ReturnId, string? Reason);

/// <summary>Opens a return at a step (and page within a section's step).</summary>
public sealed record ReturnRefData(Guid AuditId, Guid ReturnId, int Step = 0, int Page = 0);

/// <summary>
/// Saves one page of a section. Answers arrive as inputs named <c>a:{questionId}</c> (value) and
/// <c>n:{questionId}</c> (narrative), collected into <see cref="Inputs"/> and read only by <see cref="ReturnInputs"/>.
/// </summary>
public sealed record SaveSectionData(
    Guid AuditId,
    Guid ReturnId,
    string SectionId,
    int Step,
    int Page,
    int Version,
    string? Move,
    bool ConfirmNotIdentifying = false)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Inputs { get; init; }
}

public sealed record SaveSummaryData(
    Guid AuditId,
    Guid ReturnId,
    int Step,
    int Version,
    string? Move,
    string? GoodPractice,
    string? AreasForDevelopment,
    string? Recommendations,
    string? Grade,
    bool ConfirmNotIdentifying = false);

public sealed record SubmitReturnData(Guid AuditId, Guid ReturnId, int Version);

public sealed record AskReopenData(Guid AuditId, Guid ReturnId, string? Reason, bool ConfirmNotIdentifying = false);

public sealed record AcknowledgeAlertData(Guid EscalationId);

/// <summary>Where to go after saving a step.</summary>
public static class ReturnMoves
{
    public const string Next = "next";
    public const string Back = "back";
    public const string Stay = "stay";
}

/// <summary>Opens the question form: add to <see cref="SectionId"/> when <see cref="QuestionId"/> is null, else edit.</summary>
public sealed record EditQuestionData(Guid AuditId, string SectionId, string? QuestionId);
