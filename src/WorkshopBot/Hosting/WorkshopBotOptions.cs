namespace WorkshopBot.Hosting;

/// <summary>Application settings (section <c>WorkshopBot</c>).</summary>
public sealed class WorkshopBotOptions
{
    public const string Section = "WorkshopBot";

    /// <summary>Entra object ids of partnership admins: they may do everything a chair may, for every audit.</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>Entra object ids of people who may create audits (and so chair them).</summary>
    public List<string> Chairs { get; set; } = [];

    /// <summary>
    /// When no admins or chairs are listed, anyone may create an audit and chair it. Meant for pilots and the
    /// Agents Playground; a partnership lists its chairs instead.
    /// </summary>
    public bool OpenChairing => Admins.Count == 0 && Chairs.Count == 0;

    /// <summary>
    /// The partnership's Microsoft 365 tenant ids. A multi-tenant bot registration must list them (start-up refuses
    /// otherwise); a single-tenant bot serves <c>MicrosoftAppTenantId</c> (and any listed here). Activities from any
    /// other tenant get one polite "not set up for your organisation" and nothing is stored. Ignored in development
    /// mode unless set.
    /// </summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>Public https base URL of the bot (for signed download links); empty means links are not offered.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Base64 of at least 32 random bytes that signs download links. Optional: without it a key is generated once
    /// into the store. Set it to rotate the key (old links stop working).
    /// </summary>
    public string? LinkSigningKey { get; set; }

    /// <summary>
    /// Teams channel id ("19:...") of the partnership admins' channel, where the bot has been added. A message that
    /// fails for good (above all an immediate-safety alert) is reported there: its kind and audit, never its content.
    /// Empty: reported in the logs and metrics only.
    /// </summary>
    public string? AdminChannelId { get; set; }

    /// <summary>
    /// The admins' channels of the other organisations the bot serves (<see cref="AllowedTenants"/>), one a tenant. A failed
    /// message is reported in the channel, of these and <see cref="AdminChannelId"/>, that belongs to its organisation.
    /// </summary>
    public List<string> AdminChannelIds { get; set; } = [];

    /// <summary>Every admins' channel configured: <see cref="AdminChannelId"/> first, then <see cref="AdminChannelIds"/>.</summary>
    public IReadOnlyList<string> AdminChannels() =>
        [.. new[] { AdminChannelId }.Concat(AdminChannelIds).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>Contact shown on welcome cards and briefings.</summary>
    public string PartnershipName { get; set; } = "Safeguarding Children Partnership";
}
