using System.Globalization;
using System.Text;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Storage;

/// <summary>The submitted returns of an audit as the files a chair downloads: one CSV row per answer, or the stored JSON.</summary>
public static class AuditExportFiles
{
    public const string Csv = "csv";
    public const string Json = "json";

    private const string CsvHeader = "case_reference,agency,agency_type,status,submitted_at,section,question_number,question,answer,"
        + "narrative,good_practice,areas_for_development,recommendations,grade,immediate_concern";

    public static string ToCsv(IReadOnlyList<AuditReturn> returns)
    {
        ArgumentNullException.ThrowIfNull(returns);
        var sb = new StringBuilder();
        sb.Append(CsvHeader).Append("\r\n");
        foreach (var r in returns)
        {
            // England's clock with its offset: exact as ever, and read by a person against a deadline in England.
            var submittedAt = r.SubmittedAt is { } at ? EnglandTime.LocalOf(at).ToString("O", CultureInfo.InvariantCulture) : string.Empty;
            var common = new[] { r.CaseReference.Value, r.AgencyName, r.AgencyType.ToString(), r.Status.ToString(), submittedAt };
            var concern = r.HasImmediateConcern ? "yes" : "no";
            var tail = new[] { r.GoodPractice, r.AreasForDevelopment, r.Recommendations, r.Grade?.Label, concern };
            foreach (var s in r.Sections)
            {
                foreach (var q in s.Questions)
                {
                    var a = r.AnswerTo(q.Id);
                    Row(sb, [.. common, s.Title, r.NumberOf(q.Id), q.Text, a?.Value?.ToString(), a?.Narrative, .. tail]);
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The same content as the CSV, as a structure (<see cref="ReturnExport"/>), under the audit's own details (title, theme,
    /// grade scale, due date, its lawful basis, DPIA and data-sharing agreement references, cases and agencies): not the stored
    /// document, which also holds the people's Entra object ids and tenant, internal ids and versions, and the reopening
    /// history with its reasons.
    /// </summary>
    public static string ToJson(Audit audit, IReadOnlyList<AuditReturn> returns)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(returns);
        var about = new
        {
            audit.Id,
            audit.Title,
            audit.ThemeName,
            gradeScale = audit.GradeScale.Name,
            audit.ReturnsDueAt,
            dataProtection = new
            {
                audit.DataProtection.LawfulBasis,
                audit.DataProtection.DpiaReference,
                audit.DataProtection.DataSharingAgreementReference,
            },
            cases = audit.Cases,
            agencies = audit.Agencies.Select(a => new { a.Id, a.Name, a.Type }),
        };
        return JsonSerializer.Serialize(new { audit = about, returns = returns.Select(ReturnExport.Of) },
            DocumentStoreExtensions.DefaultJsonOptions);
    }

    // Quotes every cell and defuses spreadsheet formulas, since narratives are free text.
    private static void Row(StringBuilder sb, string?[] cells)
    {
        sb.AppendJoin(',', cells.Select(CsvText.Quoted));
        sb.Append("\r\n");
    }
}

/// <summary>One submitted return as the JSON export carries it: the columns of the CSV, with its answers by section.</summary>
public sealed record ReturnExport(
    string CaseReference,
    string Agency,
    AgencyType AgencyType,
    ReturnStatus Status,
    DateTimeOffset? SubmittedAt,
    string? SubmittedBy,
    IReadOnlyList<SectionExport> Sections,
    string? GoodPractice,
    string? AreasForDevelopment,
    string? Recommendations,
    string? Grade,
    bool ImmediateConcern)
{
    public static ReturnExport Of(AuditReturn r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sections = r.Sections.Select(s => new SectionExport(s.Title, s.Questions
            .Select(q => new AnswerExport(r.NumberOf(q.Id), q.Text, r.AnswerTo(q.Id)?.Value?.ToString(), r.AnswerTo(q.Id)?.Narrative))
            .ToList())).ToList();
        return new ReturnExport(r.CaseReference.Value, r.AgencyName, r.AgencyType, r.Status, r.SubmittedAt,
            r.SubmittedBy?.DisplayName, sections, r.GoodPractice, r.AreasForDevelopment, r.Recommendations, r.Grade?.Label,
            r.HasImmediateConcern);
    }
}

/// <summary>A section of a return in the JSON export.</summary>
public sealed record SectionExport(string Title, IReadOnlyList<AnswerExport> Questions);

/// <summary>One question and its answer in the JSON export, as a row of the CSV has them.</summary>
public sealed record AnswerExport(string Number, string Question, string? Answer, string? Narrative);
