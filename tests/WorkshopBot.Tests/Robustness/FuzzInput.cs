namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// One request of the fuzz run: what kind of input it is, the body (JSON text or raw bytes), the serviceUrl its token
/// names (null: no token), and where it goes.
/// </summary>
internal sealed record FuzzInput(string Kind, string Body, string? TokenServiceUrl)
{
    public byte[]? RawBytes { get; init; }

    public string ContentType { get; init; } = "application/json";

    public string Method { get; init; } = "POST";

    public string Path { get; init; } = "/api/messages";

    /// <summary>The input as a failure message shows it: kind, target and the body cut to a readable length.</summary>
    public string Describe(int index, int maxBody = 1500)
    {
        var body = RawBytes is null ? Body : "(bytes) " + Convert.ToHexString(RawBytes.AsSpan(0, Math.Min(RawBytes.Length, maxBody / 2)));
        var shown = body.Length <= maxBody ? body : body[..maxBody] + $"... ({body.Length} chars)";
        return $"#{index} {Kind} {Method} {Path} content-type {ContentType} token for {TokenServiceUrl ?? "(none)"}:\n{shown}";
    }
}
