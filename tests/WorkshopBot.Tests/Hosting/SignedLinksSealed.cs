using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkshopBot.Briefings;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common.Links;
using WorkshopBot.Common.Secrets;
using WorkshopBot.Hosting;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Teams;
using ActionPlanExport = WorkshopBot.ActionPlans.Teams.ExportScreen;
using ActionPlanGrant = WorkshopBot.ActionPlans.Teams.ActionPlanGrant;
using AuditExport = WorkshopBot.Audits.Teams.ExportScreen;
using ExportGrant = WorkshopBot.Audits.Teams.ExportGrant;

namespace WorkshopBot.Tests.Hosting;

/// <summary>
/// Download links are sealed, not only signed: whoever sees the URL learns nothing of the audit, tenant or person it
/// grants; any change to it, or its use for another purpose, is refused; links of the previous, readable form still
/// work until they expire; and every instance on one store reads the others' links.
/// </summary>
public sealed class SignedLinksSealed : IAsyncLifetime
{
    private static readonly Guid AuditId = Guid.Parse("6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b");
    private static readonly Guid TenantId = Guid.Parse("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");
    private static readonly Guid ObjectId = Guid.Parse("d4e5f607-1829-4a3b-9c4d-5e6f708192a3");

    private TestStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await TestStorage.CreateSqliteAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private DateTimeOffset InFifteenMinutes => _storage.Clock.GetUtcNow().AddMinutes(15);

    private static ActionPlanGrant PlanGrant => new(AuditId, TenantId.ToString(), ObjectId.ToString());

    [Fact]
    public async Task ATokenHoldsNoneOfItsGrantsIdsInAnyDecoding()
    {
        var links = Links(_storage.Services);
        var sealedToken = await links.SignAsync(ActionPlanExport.Purpose, PlanGrant, InFifteenMinutes, default);
        var oldToken = await OldFormAsync(ActionPlanExport.Purpose, PlanGrant, InFifteenMinutes);

        Assert.Empty(Revealed(sealedToken));
        // The search finds them where they are: the old form shows all three.
        Assert.Equal(["audit", "tenant", "person"], Revealed(oldToken));
        Assert.Equal(LinkCheck.Valid, (await links.ReadAsync<ActionPlanGrant>(ActionPlanExport.Purpose, sealedToken, default)).Check);
    }

    [Fact]
    public async Task AFlippedBitAnywhereIsInvalid()
    {
        var links = Links(_storage.Services, configuredKey: Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var token = await links.SignAsync(ActionPlanExport.Purpose, PlanGrant, InFifteenMinutes, default);
        var accepted = new List<string>();
        var tried = 0;

        // Every bit of every character of the URL, and every bit of every byte it encodes.
        var altered = Enumerable.Range(0, token.Length).SelectMany(i => Enumerable.Range(0, 8).Select(bit =>
            token[..i] + (char)(token[i] ^ (1 << bit)) + token[(i + 1)..]));
        var parts = token.Split('.');
        altered = altered.Concat(Enumerable.Range(0, 2).SelectMany(part =>
        {
            var bytes = Decode(parts[part]);
            return Enumerable.Range(0, bytes.Length * 8).Select(bit =>
            {
                var flipped = bytes.ToArray();
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
                return part == 0 ? Encode(flipped) + "." + parts[1] : parts[0] + "." + Encode(flipped);
            });
        }));
        foreach (var candidate in altered)
        {
            tried++;
            if ((await links.ReadAsync<ActionPlanGrant>(ActionPlanExport.Purpose, candidate, default)).Check != LinkCheck.Invalid)
            {
                accepted.Add(candidate);
            }
        }

        Assert.Empty(accepted);
        Assert.Equal((token.Length + Decode(parts[0]).Length + Decode(parts[1]).Length) * 8, tried);
        Assert.Equal(LinkCheck.Valid, (await links.ReadAsync<ActionPlanGrant>(ActionPlanExport.Purpose, token, default)).Check);
    }

    [Fact]
    public async Task ATokenOfOnePurposeIsInvalidForAnother()
    {
        var links = Links(_storage.Services);
        string[] purposes = [AuditExport.Purpose, WorkshopExportGrant.Purpose, BriefingDownloadLinks.Purpose, ActionPlanExport.Purpose];
        var answers = new List<string>();
        foreach (var purpose in purposes)
        {
            var live = await links.SignAsync(purpose, PlanGrant, InFifteenMinutes, default);
            var expired = await links.SignAsync(purpose, PlanGrant, _storage.Clock.GetUtcNow().AddMinutes(-1), default);
            foreach (var other in purposes)
            {
                var (grant, check) = await links.ReadAsync<ActionPlanGrant>(other, live, default);
                var (_, late) = await links.ReadAsync<ActionPlanGrant>(other, expired, default);
                answers.Add($"{purpose} as {other}: {check} {grant?.AuditId} {late}");
            }
        }

        var expected = purposes.SelectMany(p => purposes.Select(o =>
            p == o ? $"{p} as {o}: Valid {AuditId} Expired" : $"{p} as {o}: Invalid  Invalid"));
        Assert.Equal(expected, answers);
    }

    [Fact]
    public async Task AnOldFormTokenStillReadsUntilItExpires()
    {
        var links = Links(_storage.Services);
        var token = await OldFormAsync(ActionPlanExport.Purpose, PlanGrant, InFifteenMinutes);
        var (payload, signature) = (token.Split('.')[0], token.Split('.')[1]);

        var (grant, check) = await links.ReadAsync<ActionPlanGrant>(ActionPlanExport.Purpose, token, default);
        var otherPurpose = (await links.ReadAsync<ActionPlanGrant>(AuditExport.Purpose, token, default)).Check;
        var altered = (await links.ReadAsync<ActionPlanGrant>(ActionPlanExport.Purpose,
            payload + "." + signature[..^3] + (signature.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA"), default)).Check;
        _storage.Clock.Advance(TimeSpan.FromMinutes(16));
        var (_, later) = await links.ReadAsync<ActionPlanGrant>(ActionPlanExport.Purpose, token, default);

        Assert.Equal((PlanGrant, LinkCheck.Valid), (grant, check));
        Assert.Equal(LinkCheck.Invalid, otherPurpose);
        Assert.Equal(LinkCheck.Invalid, altered);
        Assert.Equal(LinkCheck.Expired, later);
    }

    [Fact]
    public async Task TwoInstancesOnOneStoreReadEachOthersTokens()
    {
        // Neither has a key yet: both generate one at once, and the store keeps the first.
        var first = Links(_storage.Services);
        var second = Links(_storage.CreateInstance());
        var grants = (new ActionPlanGrant(AuditId, "tenant-1", "first"), new ActionPlanGrant(AuditId, "tenant-1", "second"));
        var tokens = await Task.WhenAll(first.SignAsync(ActionPlanExport.Purpose, grants.Item1, InFifteenMinutes, default),
            second.SignAsync(ActionPlanExport.Purpose, grants.Item2, InFifteenMinutes, default));

        var readBySecond = await second.ReadAsync<ActionPlanGrant>(ActionPlanExport.Purpose, tokens[0], default);
        var readByFirst = await first.ReadAsync<ActionPlanGrant>(ActionPlanExport.Purpose, tokens[1], default);

        Assert.Equal((grants.Item1, LinkCheck.Valid), readBySecond);
        Assert.Equal((grants.Item2, LinkCheck.Valid), readByFirst);
    }

    [Fact]
    public async Task AnAuditExportLinkIsShorterThanTheOldForm()
    {
        var grant = new ExportGrant(AuditId, "csv", ObjectId.ToString());
        var withItsOwnExpiry = new GrantsWithTheirOwnExpiry.ExportGrant(AuditId, "csv", ObjectId.ToString(), InFifteenMinutes);
        var sealedToken = await Links(_storage.Services).SignAsync(AuditExport.Purpose, grant, InFifteenMinutes, default);
        var sealedBefore = await Links(_storage.Services).SignAsync(AuditExport.Purpose, withItsOwnExpiry, InFifteenMinutes, default);
        var oldToken = await OldFormAsync(AuditExport.Purpose, withItsOwnExpiry, InFifteenMinutes);

        // Signed: 326 characters; sealed: 254 (the purpose is bound in, not carried; the expiry is 8 bytes, not JSON;
        // nonce and tag together are smaller than the HMAC); sealed without the grant's copy of the expiry: 201. (The first
        // two grow by up to 11 characters when the clock has fractions of a second, as it has outside tests; the last does
        // not depend on the time.) A change to ExportGrant changes the last: update it here.
        Assert.Equal((326, 254, 201), (oldToken.Length, sealedBefore.Length, sealedToken.Length));
        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}$", sealedToken);
    }

    [Fact]
    public async Task ANewLinkHoldsItsExpiryOnceOutsideTheGrant()
    {
        var links = Links(_storage.Services, publicBaseUrl: "https://bot.example.org/");
        var briefings = new BriefingDownloadLinks(links, Options.Create(new BriefingOptions()), _storage.Clock);
        var url = await briefings.CreateAsync(AuditId, 3, BriefingDownloadLinks.Docx, ObjectId.ToString(), default);
        var token = url!.AbsolutePath["/api/briefings/".Length..^".docx".Length];
        var export = await links.SignAsync(AuditExport.Purpose, new ExportGrant(AuditId, "csv", ObjectId.ToString()), InFifteenMinutes,
            default);

        var (briefingExpiry, briefingGrant) = await SealedLinkContents.OpenAsync(_storage.Services, BriefingDownloadLinks.Purpose, token);
        var (exportExpiry, exportGrant) = await SealedLinkContents.OpenAsync(_storage.Services, AuditExport.Purpose, export);

        var briefingUntil = _storage.Clock.GetUtcNow().Add(new BriefingOptions().DownloadLinkLifetime).ToUnixTimeSeconds();
        Assert.Equal((briefingUntil, $$"""{"auditId":"{{AuditId}}","version":3,"format":"docx","userKey":"{{ObjectId}}"}"""),
            (briefingExpiry.ToUnixTimeSeconds(), briefingGrant));
        Assert.Equal((InFifteenMinutes.ToUnixTimeSeconds(), $$"""{"auditId":"{{AuditId}}","format":"csv","userId":"{{ObjectId}}"}"""),
            (exportExpiry.ToUnixTimeSeconds(), exportGrant));
    }

    [Fact]
    public async Task AGrantSealedWithItsOwnExpiryStillReadsUntilTheLinkExpires()
    {
        var links = Links(_storage.Services);
        var (user, at) = (ObjectId.ToString(), InFifteenMinutes);
        var export = new GrantsWithTheirOwnExpiry.ExportGrant(AuditId, "csv", user, at);
        var briefing = new GrantsWithTheirOwnExpiry.DownloadGrant(AuditId, 2, "docx", at, user);
        // As the previous build made them: sealed, and in the readable form before that; each grant with its own "expiresAt".
        string[] exports =
            [await links.SignAsync(AuditExport.Purpose, export, at, default), await OldFormAsync(AuditExport.Purpose, export, at)];
        string[] briefings =
        [
            await links.SignAsync(BriefingDownloadLinks.Purpose, briefing, at, default),
            await OldFormAsync(BriefingDownloadLinks.Purpose, briefing, at),
        ];
        var shapes = new object[] { export, briefing }.Select(g => JsonSerializer.Serialize(g, DocumentStoreExtensions.DefaultJsonOptions));
        Assert.All(shapes, json => Assert.Contains("\"expiresAt\":", json, StringComparison.Ordinal));

        var answers = new List<object>();
        async Task ReadAllAsync()
        {
            foreach (var token in exports)
            {
                answers.Add(await links.ReadAsync<ExportGrant>(AuditExport.Purpose, token, default));
                answers.Add((await links.ReadAsync<ExportGrant>(BriefingDownloadLinks.Purpose, token, default)).Check);
            }

            foreach (var token in briefings)
            {
                answers.Add(await links.ReadAsync<DownloadGrant>(BriefingDownloadLinks.Purpose, token, default));
                answers.Add((await links.ReadAsync<DownloadGrant>(AuditExport.Purpose, token, default)).Check);
            }
        }

        await ReadAllAsync();
        _storage.Clock.Advance(TimeSpan.FromMinutes(15));
        await ReadAllAsync();

        (ExportGrant?, LinkCheck) exportRead = (new ExportGrant(AuditId, "csv", user), LinkCheck.Valid);
        (DownloadGrant?, LinkCheck) briefingRead = (new DownloadGrant(AuditId, 2, "docx", user), LinkCheck.Valid);
        (ExportGrant?, LinkCheck) exportLate = (null, LinkCheck.Expired);
        (DownloadGrant?, LinkCheck) briefingLate = (null, LinkCheck.Expired);
        var invalid = LinkCheck.Invalid;
        Assert.Equal(
        [
            exportRead, invalid, exportRead, invalid, briefingRead, invalid, briefingRead, invalid,
            exportLate, invalid, exportLate, invalid, briefingLate, invalid, briefingLate, invalid,
        ], answers);
    }

    /// <summary>
    /// Which of the grant's ids the token shows: in its text, or in the bytes of any base64 or base64url reading of
    /// either part or of the whole, from any of the four alignments; as text in any case, or as a GUID's bytes.
    /// </summary>
    private static List<string> Revealed(string token)
    {
        var texts = new[] { token, token.Replace(".", string.Empty, StringComparison.Ordinal) }.Concat(token.Split('.')).ToList();
        var decodings = texts.SelectMany(text => Enumerable.Range(0, 4).Select(skip => DecodeLoosely(text[Math.Min(skip, text.Length)..])))
            .Concat(texts.Select(Encoding.ASCII.GetBytes))
            .ToList();
        var ids = new[] { ("audit", AuditId), ("tenant", TenantId), ("person", ObjectId) };
        return ids.Where(id => Forms(id.Item2).Any(form => decodings.Any(bytes => bytes.AsSpan().IndexOf(form) >= 0)))
            .Select(id => id.Item1).ToList();
    }

    private static IEnumerable<byte[]> Forms(Guid id) =>
    [
        Encoding.UTF8.GetBytes(id.ToString("D")), Encoding.UTF8.GetBytes(id.ToString("D").ToUpperInvariant()),
        Encoding.UTF8.GetBytes(id.ToString("N")), Encoding.UTF8.GetBytes(id.ToString("N").ToUpperInvariant()),
        id.ToByteArray(), id.ToByteArray(bigEndian: true),
        // The first eight characters alone, in case the rest is cut or escaped.
        Encoding.UTF8.GetBytes(id.ToString("N")[..8]),
    ];

    private static byte[] DecodeLoosely(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        standard = standard[..(standard.Length - (standard.Length % 4))];
        try
        {
            return Convert.FromBase64String(standard);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static byte[] Decode(string text) => Convert.FromBase64String(
        text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A link as the previous build made it: the JSON envelope in base64url, signed with HMAC-SHA256 of the stored key.</summary>
    private async Task<string> OldFormAsync<TGrant>(string purpose, TGrant grant, DateTimeOffset expiresAt)
    {
        var store = _storage.Services.GetRequiredService<IDocumentStore>();
        await Links(_storage.Services).SignAsync(purpose, grant, expiresAt, default); // makes the stored key if there is none
        var key = Convert.FromBase64String((await store.GetAsync<string>("secrets", "link-signing-key"))!.Value);
        var envelope = new { Purpose = purpose, ExpiresAt = expiresAt.ToUnixTimeSeconds(), Grant = grant };
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(envelope, DocumentStoreExtensions.DefaultJsonOptions));
        return payload + "." + Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload)));
    }

    private SignedLinks Links(IServiceProvider services, string? configuredKey = null, string? publicBaseUrl = null)
    {
        var options = Options.Create(new WorkshopBotOptions { LinkSigningKey = configuredKey, PublicBaseUrl = publicBaseUrl });
        return new(new DeploymentKey(services.GetRequiredService<IDocumentStore>(), options), options, _storage.Clock);
    }
}
