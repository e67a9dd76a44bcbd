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

    /// <summary>
    /// One row per answer. Each stored text goes through <paramref name="redactor"/> (a new one when not given): the file
    /// holds no identifier the start-up sweep would have removed, whether or not the sweep has run.
    /// </summary>
    public static string ToCsv(IReadOnlyList<AuditReturn> returns, ExportRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(returns);
        var clean = redactor ?? new ExportRedactor();
        var sb = new StringBuilder();
        sb.Append(CsvHeader).Append("\r\n");
        foreach (var r in returns)
        {
            // England's clock with its offset: exact as ever, and read by a person against a deadline in England.
            var submittedAt = r.SubmittedAt is { } at ? EnglandTime.LocalOf(at).ToString("O", CultureInfo.InvariantCulture) : string.Empty;
            var common = new[]
            {
                clean.Cell(r.CaseReference.Value), clean.Cell(r.AgencyName), r.AgencyType.ToString(), r.Status.ToString(), submittedAt,
            };
            var concern = r.HasImmediateConcern ? "yes" : "no";
            var tail = new[]
            {
                clean.Cell(r.GoodPractice), clean.Cell(r.AreasForDevelopment), clean.Cell(r.Recommendations), r.Grade?.Label, concern,
            };
            foreach (var (s, section) in r.Sections.Select((x, i) => (x, i + 1)))
            {
                foreach (var (q, question) in s.Questions.Select((x, i) => (x, i + 1)))
                {
                    var a = r.AnswerTo(q.Id);
                    Row(sb, [.. common, clean.Cell(s.Title), QuestionNumber(section, question), clean.Cell(q.Text), a?.Value?.ToString(),
                        clean.Cell(a?.Narrative), .. tail]);
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The question_number cell: "Q01.10" for question 1.10. Plain "1.10" is a number to a spreadsheet, shown as 1.1; the
    /// letter keeps it text, and the two-digit parts keep 1.2 before 1.10 when the column is sorted as text.
    /// </summary>
    public static string QuestionNumber(int section, int question) =>
        string.Create(CultureInfo.InvariantCulture, $"Q{section:D2}.{question:D2}");

    /// <summary>
    /// The same content as the CSV, as a structure (<see cref="ReturnExport"/>), under the audit's own details (title, theme,
    /// grade scale, due date, its lawful basis, DPIA and data-sharing agreement references, cases and agencies): not the stored
    /// document, which also holds the people's Entra object ids and tenant, internal ids and versions, and the reopening
    /// history with its reasons.
    /// </summary>
    public static string ToJson(Audit audit, IReadOnlyList<AuditReturn> returns, ExportRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(returns);
        var clean = redactor ?? new ExportRedactor();
        var about = new
        {
            audit.Id,
            Title = clean.Text(audit.Title),
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
            agencies = audit.Agencies.Select(a => new { a.Id, Name = clean.Text(a.Name), a.Type }).ToList(),
        };
        return JsonSerializer.Serialize(new { audit = about, returns = returns.Select(r => ReturnExport.Of(r, clean)).ToList() },
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
    /// <summary>The return as exported, each stored text through <paramref name="redactor"/> (a new one when not given).</summary>
    public static ReturnExport Of(AuditReturn r, ExportRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var clean = redactor ?? new ExportRedactor();
        var sections = r.Sections.Select(s => new SectionExport(clean.Text(s.Title), s.Questions
            .Select(q => new AnswerExport(r.NumberOf(q.Id), clean.Text(q.Text), r.AnswerTo(q.Id)?.Value?.ToString(),
                clean.Cell(r.AnswerTo(q.Id)?.Narrative)))
            .ToList())).ToList();
        return new ReturnExport(clean.Text(r.CaseReference.Value), clean.Text(r.AgencyName), r.AgencyType, r.Status, r.SubmittedAt,
            clean.Cell(r.SubmittedBy?.DisplayName), sections, clean.Cell(r.GoodPractice), clean.Cell(r.AreasForDevelopment),
            clean.Cell(r.Recommendations), r.Grade?.Label, r.HasImmediateConcern);
    }
}

/// <summary>A section of a return in the JSON export.</summary>
public sealed record SectionExport(string Title, IReadOnlyList<AnswerExport> Questions);

/// <summary>One question and its answer in the JSON export, as a row of the CSV has them.</summary>
public sealed record AnswerExport(string Number, string Question, string? Answer, string? Narrative);
