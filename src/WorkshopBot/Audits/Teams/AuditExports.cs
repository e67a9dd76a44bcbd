using System.Globalization;
using System.Text;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Links;
using WorkshopBot.Hosting;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>What an export link grants: one audit, one format, for one person, until a time.</summary>
public sealed record ExportGrant(Guid AuditId, string Format, string UserId, DateTimeOffset ExpiresAt);

/// <summary>
/// Exports of all returns of an audit as CSV or JSON, offered to the chair as short-lived signed links. A link is
/// an HMAC-signed grant bound to the chair; the endpoint checks the signature, the expiry and that the person is
/// still the audit's chair (or an admin) before serving anything.
/// </summary>
public sealed class AuditExports(SignedLinks links, Roles roles)
{
    public const string Csv = "csv";
    public const string Json = "json";
    private const string Purpose = "audit-export";

    public Task<string> CreateTokenAsync(ExportGrant grant, CancellationToken ct) => links.SignAsync(Purpose, grant, grant.ExpiresAt, ct);

    /// <summary>The grant, or why not: 404 for anything malformed or forged (nothing to learn), 401 once expired.</summary>
    public async Task<(ExportGrant? Grant, int Status)> ReadTokenAsync(string? token, CancellationToken ct)
    {
        var (grant, check) = await links.ReadAsync<ExportGrant>(Purpose, token, ct).ConfigureAwait(false);
        return check switch
        {
            LinkCheck.Valid => (grant, StatusCodes.Status200OK),
            LinkCheck.Expired => (null, StatusCodes.Status401Unauthorized),
            _ => (null, StatusCodes.Status404NotFound),
        };
    }

    public bool MayExport(Audit audit, string userId) => audit.IsChair(new PersonRef(userId, userId)) || roles.IsAdmin(userId);

    public static async Task<IResult> DownloadAsync(string token, AuditExports exports, AuditStore store, AuditTrail trail, CancellationToken ct)
    {
        var (grant, status) = await exports.ReadTokenAsync(token, ct).ConfigureAwait(false);
        if (grant is null)
        {
            return TypedResults.StatusCode(status);
        }

        var audit = (await store.GetAuditAsync(grant.AuditId, ct).ConfigureAwait(false))?.Value;
        if (audit is null)
        {
            return TypedResults.NotFound();
        }

        if (!exports.MayExport(audit, grant.UserId))
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var returns = (await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false)).Select(r => r.Value).OrderBy(r => r.CaseReference.Value, StringComparer.Ordinal).ThenBy(r => r.AgencyName, StringComparer.Ordinal).ToList();
        await trail.RecordAsync(new PersonRef(grant.UserId, grant.UserId), "audit.exported", AuditSubjects.Audit, audit.Id, new { format = grant.Format, returns = returns.Count }, ct).ConfigureAwait(false);
        var name = $"audit-{audit.Id:N}-returns.{grant.Format}";
        return grant.Format == Csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(ToCsv(returns)), "text/csv; charset=utf-8", name)
            : TypedResults.File(Encoding.UTF8.GetBytes(ToJson(audit, returns)), "application/json", name);
    }

    public static string ToCsv(IReadOnlyList<AuditReturn> returns)
    {
        var sb = new StringBuilder();
        sb.AppendLine("case_reference,agency,agency_type,status,submitted_at,section,question_number,question,answer,narrative,good_practice,areas_for_development,recommendations,grade,immediate_concern");
        foreach (var r in returns)
        {
            var common = new[] { r.CaseReference.Value, r.AgencyName, r.AgencyType.ToString(), r.Status.ToString(), r.SubmittedAt?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty };
            var tail = new[] { r.GoodPractice, r.AreasForDevelopment, r.Recommendations, r.Grade?.Label, r.HasImmediateConcern ? "yes" : "no" };
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

    private static void Row(StringBuilder sb, string?[] cells)
    {
        sb.AppendJoin(',', cells.Select(Cell));
        sb.Append("\r\n");
    }

    // Quotes every cell and defuses spreadsheet formulas, since narratives are free text.
    private static string Cell(string? value) => CsvText.Quoted(value);

    public static string ToJson(Audit audit, IReadOnlyList<AuditReturn> returns) =>
        JsonSerializer.Serialize(new { audit = new { audit.Id, audit.Title, audit.ThemeName, gradeScale = audit.GradeScale.Name, audit.ReturnsDueAt, cases = audit.Cases, agencies = audit.Agencies.Select(a => new { a.Id, a.Name, a.Type }) }, returns }, DocumentStoreExtensions.DefaultJsonOptions);
}
