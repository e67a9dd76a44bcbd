using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Secrets;

/// <summary>
/// Free text as the audit log may hold it (<see cref="AuditTrail.Fingerprint"/>): never its words, only a keyed fingerprint
/// written when the entry is serialised with the log's key (<see cref="LogFingerprints"/>). Serialised any other way it
/// refuses, rather than write the words.
/// </summary>
[JsonConverter(typeof(RefusingConverter))]
public sealed class LoggedText
{
    internal LoggedText(string text) => Text = text;

    internal string Text { get; }

    public override string ToString() => "(free text, not shown)";

    private sealed class RefusingConverter : JsonConverter<LoggedText>
    {
        public override LoggedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A logged text is never read back.");

        public override void Write(Utf8JsonWriter writer, LoggedText value, JsonSerializerOptions options) =>
            throw new InvalidOperationException("Free text is written to the audit log only as a fingerprint, with the log's key.");
    }
}

/// <summary>
/// The audit log's fingerprints of free text: enough to tell that two entries concern the same words, and nothing that
/// gives the words back. A plain hash could: the identifier sweep and a chair's edits keep the rest of a text, so whoever
/// reads the log could try every date of birth, postcode or first name in the gap until the hash matched. So the hash is
/// keyed (HMAC-SHA256 with a key derived from the deployment's, <see cref="DeploymentKey"/>) and the length is given to
/// the nearest ten only. Entries written before this kept a plain SHA-256 prefix and the exact length ("sha256:").
/// </summary>
public sealed class LogFingerprints(DeploymentKey key)
{
    private static readonly byte[] Label = "WorkshopBot audit log: HMAC-SHA256 fingerprint key, v1"u8.ToArray();

    private JsonSerializerOptions? _options;

    /// <summary>The store's JSON options with the log's keyed fingerprint writer.</summary>
    public ValueTask<JsonSerializerOptions> OptionsAsync(CancellationToken cancellationToken) =>
        _options is { } ready ? ValueTask.FromResult(ready) : new ValueTask<JsonSerializerOptions>(LoadAsync(cancellationToken));

    /// <summary>What the log writes for <paramref name="text"/> under <paramref name="hmacKey"/>.</summary>
    public static string Of(string text, byte[] hmacKey)
    {
        ArgumentNullException.ThrowIfNull(text);
        var about = (int)Math.Round(text.Length / 10.0, MidpointRounding.AwayFromZero) * 10;
        var hash = HMACSHA256.HashData(hmacKey, Encoding.UTF8.GetBytes(text));
        return $"about {Math.Max(about, 10)} chars, hmac:{Convert.ToHexStringLower(hash)[..16]}";
    }

    private async Task<JsonSerializerOptions> LoadAsync(CancellationToken cancellationToken)
    {
        var hmacKey = await key.DeriveAsync(Label, cancellationToken).ConfigureAwait(false);
        var options = new JsonSerializerOptions(DocumentStoreExtensions.DefaultJsonOptions);
        options.Converters.Add(new KeyedConverter(hmacKey));
        options.MakeReadOnly();
        // Two turns may load it at once: both derive the same key, and either options object serves.
        _options = options;
        return options;
    }

    private sealed class KeyedConverter(byte[] hmacKey) : JsonConverter<LoggedText>
    {
        public override LoggedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A logged text is never read back.");

        public override void Write(Utf8JsonWriter writer, LoggedText value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ArgumentNullException.ThrowIfNull(value);
            writer.WriteStringValue(Of(value.Text, hmacKey));
        }
    }
}
