using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Briefings;

/// <summary>Briefing settings (section <c>Briefings</c>).</summary>
public sealed class BriefingOptions
{
    public const string Section = "Briefings";

    /// <summary>The contact printed in the footer, e.g. the partnership's QA mailbox.</summary>
    public string Contact { get; set; } = "Contact your safeguarding partnership's quality assurance team.";

    /// <summary>The partnership's own published mailboxes and phone numbers, which the identifier check allows.</summary>
    public List<string> AllowedContactEmails { get; set; } = [];

    public List<string> AllowedContactPhoneNumbers { get; set; } = [];

    /// <summary>Optional link to the local safeguarding procedures, shown under "Why it matters".</summary>
    public string? LocalProceduresUrl { get; set; }

    /// <summary>How long a download link given to the chair works.</summary>
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Run the background upload of the DOCX to channels' Files when Graph is on (tests that run its passes themselves turn
    /// it off; so may an instance that should leave the uploads to the others).
    /// </summary>
    public bool RunUploadsInBackground { get; set; } = true;

    /// <summary>How often the background upload looks for queued uploads, besides being woken by each publish.</summary>
    public TimeSpan UploadSweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Microsoft Graph settings (section <c>Graph</c>) for putting the DOCX into a channel's Files folder.</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    public bool Enabled { get; set; }

    /// <summary>Graph's base URL; tests point it at a loopback fake.</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>The tenant to get tokens from; empty uses MicrosoftAppTenantId.</summary>
    public string? TenantId { get; set; }

    /// <summary>Time allowed for one Graph call (more than 0, at most <see cref="MaxTimeout"/>).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    internal static readonly IReadOnlyList<string> NationalCloudHosts =
        ["graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn"];

    /// <summary>
    /// Microsoft Graph (the public cloud's or a national cloud's) over https, or a loopback test server: the only hosts the
    /// bot's app-only Graph token (Files.ReadWrite.All) may go to.
    /// </summary>
    internal static bool IsGraph(Uri url) =>
        Loopback.IsLoopbackUri(url)
            ? Loopback.IsHttpsOrLoopbackUri(url)
            : url.Scheme == Uri.UriSchemeHttps
                && (string.Equals(url.Host, "graph.microsoft.com", StringComparison.OrdinalIgnoreCase)
                    || NationalCloudHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase));
}
