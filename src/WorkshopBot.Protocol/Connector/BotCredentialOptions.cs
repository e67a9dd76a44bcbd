using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Protocol.Connector;

/// <summary>How the bot proves who it is when it asks Entra ID for a token.</summary>
public enum BotCredentialKind
{
    /// <summary>No app id: development mode, no outbound token.</summary>
    None,

    /// <summary><c>MicrosoftAppPassword</c>.</summary>
    ClientSecret,

    /// <summary>A PFX file: <c>MicrosoftAppCertificatePath</c> (+ <c>MicrosoftAppCertificatePassword</c>).</summary>
    CertificateFile,

    /// <summary>A certificate in the X.509 store: <c>MicrosoftAppCertificateThumbprint</c>.</summary>
    CertificateStore,

    /// <summary>
    /// <c>MicrosoftAppType=UserAssignedMSI</c>: the user-assigned managed identity whose client id is <c>MicrosoftAppId</c>.
    /// </summary>
    ManagedIdentity,
}

/// <summary>
/// Certificate credentials, read from the configuration root next to <c>MicrosoftAppId</c>. A bot uses exactly one of
/// a client secret, a certificate (file or store) or, with <c>MicrosoftAppType=UserAssignedMSI</c>, a managed identity.
/// </summary>
public sealed class BotCredentialOptions
{
    public const string UserAssignedMsiType = "UserAssignedMSI";

    /// <summary>A PKCS#12 (.pfx / .p12) file with the private key; a relative path is taken from the host's content root
    /// (the working folder where there is no host).</summary>
    public string? MicrosoftAppCertificatePath { get; set; }

    /// <summary>Password of the PFX file, if it has one.</summary>
    public string? MicrosoftAppCertificatePassword { get; set; }

    /// <summary>SHA-1 thumbprint of a certificate with its private key in the <c>My</c> store.</summary>
    public string? MicrosoftAppCertificateThumbprint { get; set; }

    /// <summary><c>CurrentUser</c> (default) or <c>LocalMachine</c>: where to look for the thumbprint.</summary>
    public string? MicrosoftAppCertificateStoreLocation { get; set; }

    /// <summary>Which credential these settings and <paramref name="auth"/> describe (assumes they are valid).</summary>
    public BotCredentialKind KindFor(BotAuthenticationOptions auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        if (auth.IsDevelopmentMode)
        {
            return BotCredentialKind.None;
        }

        if (string.Equals(auth.MicrosoftAppType, UserAssignedMsiType, StringComparison.OrdinalIgnoreCase))
        {
            return BotCredentialKind.ManagedIdentity;
        }

        return !string.IsNullOrWhiteSpace(MicrosoftAppCertificatePath) ? BotCredentialKind.CertificateFile
            : !string.IsNullOrWhiteSpace(MicrosoftAppCertificateThumbprint) ? BotCredentialKind.CertificateStore
            : BotCredentialKind.ClientSecret;
    }

    internal StoreLocation StoreLocation =>
        string.Equals(MicrosoftAppCertificateStoreLocation?.Trim(), "LocalMachine", StringComparison.OrdinalIgnoreCase)
            ? StoreLocation.LocalMachine
            : StoreLocation.CurrentUser;

    /// <summary>Loads the configured certificate (file or store); the caller disposes it.</summary>
    internal X509Certificate2 LoadCertificate(BotCredentialKind kind)
    {
        if (kind == BotCredentialKind.CertificateFile)
        {
            return X509CertificateLoader.LoadPkcs12FromFile(MicrosoftAppCertificatePath!.Trim(),
                string.IsNullOrEmpty(MicrosoftAppCertificatePassword) ? null : MicrosoftAppCertificatePassword,
                X509KeyStorageFlags.EphemeralKeySet);
        }

        using var store = new X509Store(StoreName.My, StoreLocation);
        store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, NormalisedThumbprint, validOnly: false);
        var chosen = found.Count > 0 ? found[0] : null;
        foreach (var other in found.Where(c => !ReferenceEquals(c, chosen)))
        {
            other.Dispose();
        }

        return chosen ?? throw new CryptographicException($"no certificate with thumbprint {NormalisedThumbprint} in {StoreLocation}/My");
    }

    internal string NormalisedThumbprint =>
        (MicrosoftAppCertificateThumbprint ?? "").Replace(" ", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal)
            .ToUpperInvariant();
}

/// <summary>
/// Exactly one credential when an app id is set; a certificate must load with its private key (checked at start-up,
/// so a wrong path, password or thumbprint stops the bot with one clear line rather than at the first reply).
/// </summary>
internal sealed class BotCredentialOptionsValidator(IOptions<BotAuthenticationOptions> auth) : IValidateOptions<BotCredentialOptions>
{
    public ValidateOptionsResult Validate(string? name, BotCredentialOptions options)
    {
        var bot = auth.Value;
        if (bot.IsDevelopmentMode)
        {
            return DevelopmentMode(bot, options);
        }

        if (Guid.TryParse(bot.MicrosoftAppId, out var id) && id == Guid.Empty)
        {
            return ValidateOptionsResult.Fail("MicrosoftAppId is the all-zero placeholder of appsettings.sample.json: set WorkshopBot's " +
                "app id (or the managed identity's client id). For local development, leave MicrosoftAppId, MicrosoftAppType, " +
                "MicrosoftAppTenantId and the credential empty instead, and run WorkshopBot in the Development environment (dotnet run).");
        }

        var hasSecret = !string.IsNullOrWhiteSpace(bot.MicrosoftAppPassword);
        var hasFile = !string.IsNullOrWhiteSpace(options.MicrosoftAppCertificatePath);
        var hasThumbprint = !string.IsNullOrWhiteSpace(options.MicrosoftAppCertificateThumbprint);
        var count = (hasSecret ? 1 : 0) + (hasFile ? 1 : 0) + (hasThumbprint ? 1 : 0);
        var kind = options.KindFor(bot);
        if (kind == BotCredentialKind.ManagedIdentity)
        {
            return count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("MicrosoftAppType is UserAssignedMSI, so WorkshopBot signs in as its managed identity: " +
                    "remove MicrosoftAppPassword and the MicrosoftAppCertificate* settings.");
        }

        if (count == 0)
        {
            return ValidateOptionsResult.Fail("MicrosoftAppPassword, MicrosoftAppCertificatePath or MicrosoftAppCertificateThumbprint " +
                "is required when MicrosoftAppId is set (or MicrosoftAppType=UserAssignedMSI for a managed identity).");
        }

        if (count > 1)
        {
            return ValidateOptionsResult.Fail("Set only one of MicrosoftAppPassword, MicrosoftAppCertificatePath and " +
                "MicrosoftAppCertificateThumbprint.");
        }

        return kind == BotCredentialKind.ClientSecret ? ValidateOptionsResult.Success : CheckCertificate(options, kind);
    }

    /// <summary>
    /// No app id means local development mode (no authentication). A credential or a single-tenant type set beside an empty
    /// app id is a production set-up missing its id (say, a managed identity's client id not filled in): refuse it rather
    /// than start without authentication.
    /// </summary>
    private static ValidateOptionsResult DevelopmentMode(BotAuthenticationOptions bot, BotCredentialOptions options)
    {
        var set = new List<string>();
        if (!string.IsNullOrWhiteSpace(bot.MicrosoftAppType) && !string.Equals(bot.MicrosoftAppType, "MultiTenant",
            StringComparison.OrdinalIgnoreCase))
        {
            set.Add($"MicrosoftAppType is {bot.MicrosoftAppType.Trim()}");
        }

        foreach (var (key, value) in new[]
        {
            ("MicrosoftAppPassword", bot.MicrosoftAppPassword),
            ("MicrosoftAppCertificatePath", options.MicrosoftAppCertificatePath),
            ("MicrosoftAppCertificateThumbprint", options.MicrosoftAppCertificateThumbprint),
        })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                set.Add($"{key} is set");
            }
        }

        return set.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"MicrosoftAppId is empty, which would run WorkshopBot in local development mode with no " +
                $"authentication, but {string.Join(" and ", set)}: set MicrosoftAppId to WorkshopBot's app id (with UserAssignedMSI, " +
                "the managed identity's client id), or remove those settings for local development.");
    }

    private static ValidateOptionsResult CheckCertificate(BotCredentialOptions options, BotCredentialKind kind)
    {
        var key = kind == BotCredentialKind.CertificateFile ? "MicrosoftAppCertificatePath" : "MicrosoftAppCertificateThumbprint";
        if (kind == BotCredentialKind.CertificateFile && !File.Exists(options.MicrosoftAppCertificatePath!.Trim()))
        {
            var full = Path.GetFullPath(options.MicrosoftAppCertificatePath.Trim());
            return ValidateOptionsResult.Fail($"{key}: there is no file at {full} (a relative path is taken from the content root).");
        }

        try
        {
            using var certificate = options.LoadCertificate(kind);
            return certificate.HasPrivateKey
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{key}: the certificate has no private key (use a PFX that includes it).");
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"{key}: the certificate could not be loaded ({ex.Message.TrimEnd('.')}).");
        }
    }
}
