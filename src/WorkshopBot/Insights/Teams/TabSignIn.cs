using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using WorkshopBot.Common;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Hosting;

namespace WorkshopBot.Insights.Teams;

/// <summary>The signed-in person: tenant, Entra object id and name.</summary>
public sealed record TabViewer(string TenantId, string ObjectId, string Name);

/// <summary>
/// The answer to "who is this and may they see the view": a viewer, or a status with a plain sentence. A viewer with
/// <see cref="OnlyChaired"/> sees only the audits they chair (pilot mode with no viewers listed).
/// </summary>
public sealed record TabAccess(TabViewer? Viewer, int Status, string Message)
{
    public bool OnlyChaired { get; init; }

    public static TabAccess Allowed(TabViewer viewer) => new(viewer, StatusCodes.Status200OK, string.Empty);

    public static TabAccess Unauthorised(string message) => new(null, StatusCodes.Status401Unauthorized, message);
}

/// <summary>
/// Teams single sign-on for the tab: the page sends the token Teams gave it (<c>authentication.getAuthToken</c>) as a
/// Bearer token; it must be an Entra ID access token for this app (RS256, signed with a key from the authority's
/// metadata, issuer of its own tenant, audience the application ID URI or app id, scope <c>access_as_user</c>, not
/// expired, issued to a Microsoft host of Teams apps: <see cref="TabClients"/>) from a tenant the bot serves. Then the
/// person must hold a role that sees the view (chairs, admins and the QA sub-group); in pilot mode with no viewers listed,
/// anyone, but only for the audits they chair. Development mode (no app id) serves a configured person on loopback only.
/// </summary>
public sealed class TabSignIn
{
    public const string Scope = "access_as_user";
    public const string NoToken = "Sign in through Teams: this page needs the token Teams gives it. Open it as a tab in Teams.";
    public const string BadToken = "Your Teams sign-in could not be checked, or has expired. Close the tab and open it again.";
    public const string OtherTenant = "WorkshopBot is not set up for your organisation, so there is nothing to show here.";
    public const string NotForYou = "The partnership's view across audits is for audit chairs, partnership admins and the QA "
        + "sub-group. If you need it, ask the partnership's administrator.";

    /// <summary>Pilot mode, to someone who chairs no audit: who the view is for, and nothing of any audit.</summary>
    public const string ChairsNone = "The partnership's view across audits is for audit chairs, partnership admins and the QA "
        + "sub-group. Until the partnership names them, it shows each person only the audits they chair, and you chair none. "
        + "If you need it, ask the partnership's administrator.";

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly InsightsOptions _options;
    private readonly BotAuthenticationOptions _bot;
    private readonly TenantGate _tenants;
    private readonly Roles _roles;
    private readonly IOptionsMonitor<InsightsOptions> _viewers;
    private readonly TimeProvider _time;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _keys;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly IReadOnlyList<string> _audiences;
    private readonly TabClients _clients;

    public TabSignIn(IOptionsMonitor<InsightsOptions> options, IOptions<BotAuthenticationOptions> bot, IOptions<WorkshopBotOptions> app,
        TenantGate tenants, Roles roles, IHttpClientFactory http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(http);
        _viewers = options;
        _options = options.CurrentValue;
        _bot = bot.Value;
        _tenants = tenants;
        _roles = roles;
        _time = time;
        _audiences = Audiences(_options, _bot, app.Value);
        _clients = new TabClients(_options.AdditionalClientAppIds);
        if (!_bot.IsDevelopmentMode)
        {
            var url = new Uri(_options.OpenIdMetadataUrl);
            var retriever = new HttpDocumentRetriever(http.CreateClient(BotTokenValidator.MetadataHttpClientName))
            {
                RequireHttps = !Loopback.IsLoopbackUri(url),
            };
            _keys = new ConfigurationManager<OpenIdConnectConfiguration>(url.ToString(), new OpenIdConnectConfigurationRetriever(),
                retriever);
        }
    }

    /// <summary>The audiences a tab token may carry: the application ID URI (configured or derived) and the app id.</summary>
    public static IReadOnlyList<string> Audiences(InsightsOptions options, BotAuthenticationOptions bot, WorkshopBotOptions app)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(app);
        var list = new List<string>();
        var clientId = options.TabClientId(bot.MicrosoftAppId);
        if (!string.IsNullOrWhiteSpace(options.ApplicationIdUri))
        {
            list.Add(options.ApplicationIdUri.Trim());
        }
        else if (Uri.TryCreate(app.PublicBaseUrl, UriKind.Absolute, out var publicUrl) && clientId is not null)
        {
            list.Add($"api://{publicUrl.Authority}/{clientId}");
        }

        if (clientId is not null)
        {
            list.Add(clientId);
        }

        return list;
    }

    public async Task<TabAccess> CheckAsync(HttpContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var viewer = _bot.IsDevelopmentMode ? DevelopmentViewer(context) : await TokenViewerAsync(context, ct).ConfigureAwait(false);
        if (viewer.Viewer is not { } person)
        {
            return viewer;
        }

        var who = new PersonRef(person.ObjectId, person.Name) { TenantId = person.TenantId };
        // The list as configured now, as Roles reads the chairs: taking someone off it closes the view at once.
        var viewers = _viewers.CurrentValue.Viewers;
        if (_roles.Lists(viewers, who) || _roles.IsChairOrAdmin(who))
        {
            return viewer;
        }

        // Pilot mode (no chairs or admins listed, anyone may chair) with no viewer listed either: as in the bot, a person sees
        // only the audits they chair, and their plans; nobody has been named to see the others'. A partnership that names
        // its QA sub-group has said who the view is for, and then it is theirs alone.
        return viewers.All(string.IsNullOrWhiteSpace) && _roles.MayCreateAudits(who)
            ? viewer with { OnlyChaired = true }
            : new TabAccess(null, StatusCodes.Status403Forbidden, NotForYou);
    }

    private TabAccess DevelopmentViewer(HttpContext context)
    {
        // A page the developer visits could reach localhost by DNS rebinding, under its own host name; or, under localhost
        // itself, send a request it cannot read but that still counts (a download is logged): the browser says it is cross-site.
        if (!Loopback.IsLoopback(context.Connection.RemoteIpAddress) || DevelopmentCallers.NotFromThisComputer(context.Request) is not null
            || FromAnotherSite(context.Request))
        {
            return TabAccess.Unauthorised("In development mode the view opens on this computer only (loopback).");
        }

        var user = _options.DevelopmentUser;
        if (string.IsNullOrWhiteSpace(user.ObjectId) || string.IsNullOrWhiteSpace(user.TenantId))
        {
            return TabAccess.Unauthorised("Development mode needs WorkshopBot:Tab:DevelopmentUser (ObjectId and TenantId) to show "
                + "the view.");
        }

        return TabAccess.Allowed(new TabViewer(user.TenantId.Trim(), user.ObjectId.Trim(), user.Name));
    }

    // Browsers name where a request comes from; the tab's own page asks same-origin, and a URL typed in the address bar "none".
    private static bool FromAnotherSite(HttpRequest request) =>
        request.Headers.TryGetValue("Sec-Fetch-Site", out var site) && site.ToString() is not ("same-origin" or "none");

    private async Task<TabAccess> TokenViewerAsync(HttpContext context, CancellationToken ct)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7 || header.Length > 16 * 1024)
        {
            return TabAccess.Unauthorised(NoToken);
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _keys!.GetConfigurationAsync(ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return new TabAccess(null, StatusCodes.Status503ServiceUnavailable,
                "Sign-in cannot be checked just now (Microsoft's signing keys could not be read). Try again in a few minutes.");
        }

        var result = await _handler.ValidateTokenAsync(header[7..].Trim(), Parameters(configuration)).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // Entra ID may have rolled its keys: fetch them again before the next request (the manager limits how often).
                _keys!.RequestRefresh();
            }

            return TabAccess.Unauthorised(BadToken);
        }

        var tenant = Claim(token, "tid");
        var objectId = Claim(token, "oid");
        var scopes = (Claim(token, "scp") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (objectId is null || !scopes.Contains(Scope, StringComparer.Ordinal) || !_clients.Issued(token))
        {
            return TabAccess.Unauthorised(BadToken);
        }

        if (!_tenants.Serves(tenant))
        {
            return new TabAccess(null, StatusCodes.Status403Forbidden, OtherTenant);
        }

        return TabAccess.Allowed(new TabViewer(tenant!, objectId, Claim(token, "name") ?? "Signed-in person"));
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidateIssuerSigningKey = true,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        ValidateAudience = true,
        ValidAudiences = _audiences,
        ValidateIssuer = true,
        IssuerValidator = ValidateIssuer,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidateLifetime,
    };

    // The issuer must be Entra ID's own for the tenant the token names (v2.0, or v1.0 tokens' sts.windows.net).
    private static string ValidateIssuer(string issuer, SecurityToken token, TokenValidationParameters parameters)
    {
        var tenant = token is JsonWebToken jwt ? Claim(jwt, "tid") : null;
        if (tenant is not null && Guid.TryParse(tenant, out _)
            && (issuer == $"https://login.microsoftonline.com/{tenant}/v2.0" || issuer == $"https://sts.windows.net/{tenant}/"))
        {
            return issuer;
        }

        throw new SecurityTokenInvalidIssuerException("The token's issuer is not Entra ID for its own tenant.");
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now - ClockSkew < exp && (notBefore is not { } nbf || now + ClockSkew >= nbf);
    }

    private static string? Claim(JsonWebToken token, string type) =>
        token.TryGetPayloadValue<string>(type, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
