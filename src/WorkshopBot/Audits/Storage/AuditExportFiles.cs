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
            var submittedAt = r.SubmittedAt?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty;
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

    public static string ToJson(Audit audit, IReadOnlyList<AuditReturn> returns)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var about = new
        {
            audit.Id,
            audit.Title,
            audit.ThemeName,
            gradeScale = audit.GradeScale.Name,
            audit.ReturnsDueAt,
            cases = audit.Cases,
            agencies = audit.Agencies.Select(a => new { a.Id, a.Name, a.Type }),
        };
        return JsonSerializer.Serialize(new { audit = about, returns }, DocumentStoreExtensions.DefaultJsonOptions);
    }

    // Quotes every cell and defuses spreadsheet formulas, since narratives are free text.
    private static void Row(StringBuilder sb, string?[] cells)
    {
        sb.AppendJoin(',', cells.Select(CsvText.Quoted));
        sb.Append("\r\n");
    }
}
