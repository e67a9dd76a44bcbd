using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
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
public sealed class AuditExports(IDocumentStore documents, Roles roles, IOptions<AuditOptions> options, TimeProvider time)
{
    public const string Csv = "csv";
    public const string Json = "json";
    private const string KeyCollection = "audit-secrets";
    private const string KeyId = "export-signing-key";

    public async Task<string> CreateTokenAsync(ExportGrant grant, CancellationToken ct)
    {
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(grant, DocumentStoreExtensions.DefaultJsonOptions));
        var key = await KeyAsync(ct).ConfigureAwait(false);
        return payload + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload)));
    }

    /// <summary>The grant, or why not: 404 for anything malformed or forged (nothing to learn), 401 once expired.</summary>
    public async Task<(ExportGrant? Grant, int Status)> ReadTokenAsync(string? token, CancellationToken ct)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 2 || FromBase64Url(parts[0]) is not { } payload || FromBase64Url(parts[1]) is not { } signature)
        {
            return (null, StatusCodes.Status404NotFound);
        }

        var key = await KeyAsync(ct).ConfigureAwait(false);
        var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0]));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return (null, StatusCodes.Status404NotFound);
        }

        ExportGrant? grant;
        try
        {
            grant = JsonSerializer.Deserialize<ExportGrant>(payload, DocumentStoreExtensions.DefaultJsonOptions);
        }
        catch (JsonException)
        {
            return (null, StatusCodes.Status404NotFound);
        }

        if (grant is null)
        {
            return (null, StatusCodes.Status404NotFound);
        }

        return grant.ExpiresAt <= time.GetUtcNow() ? (null, StatusCodes.Status401Unauthorized) : (grant, StatusCodes.Status200OK);
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
        await trail.RecordAsync(new PersonRef(grant.UserId, grant.UserId), "audit.exported", AuditTrail.AuditSubject, audit.Id, new { format = grant.Format, returns = returns.Count }, ct).ConfigureAwait(false);
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
    private static string Cell(string? value)
    {
        var v = value ?? string.Empty;
        if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@')
        {
            v = "'" + v;
        }

        return "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string ToJson(Audit audit, IReadOnlyList<AuditReturn> returns) =>
        JsonSerializer.Serialize(new { audit = new { audit.Id, audit.Title, audit.ThemeName, gradeScale = audit.GradeScale.Name, audit.ReturnsDueAt, cases = audit.Cases, agencies = audit.Agencies.Select(a => new { a.Id, a.Name, a.Type }) }, returns }, DocumentStoreExtensions.DefaultJsonOptions);

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.ExportSigningKey))
        {
            return Convert.FromBase64String(options.Value.ExportSigningKey);
        }

        var stored = await documents.GetAsync<string>(KeyCollection, KeyId, cancellationToken: ct).ConfigureAwait(false);
        if (stored is not null)
        {
            return Convert.FromBase64String(stored.Value);
        }

        await documents.InsertAsync(KeyCollection, KeyId, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken: ct).ConfigureAwait(false);
        return Convert.FromBase64String((await documents.GetAsync<string>(KeyCollection, KeyId, cancellationToken: ct).ConfigureAwait(false))!.Value);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s += (s.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
