using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// Bodies as bytes: activities Teams would send, then cut, spliced, given lone-surrogate escapes, bytes that are not
/// UTF-8, a byte order mark, nesting past the parser's depth, odd content types; and GETs of the download links with
/// made-up tokens.
/// </summary>
internal sealed class RawBodyFuzz(FuzzWorld world)
{
    private static readonly string[] SurrogateEscapes =
        ["\\ud800", "\\udfff", "\\uD83D", "\\udc00\\ud800", "\\ud800\\u0041", "\\uDBFF\\uDBFF", "\\ud83d\\ude00"];

    private static readonly byte[][] BadUtf8 =
    [
        [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xFE, 0xFF], [0x00],
    ];

    public Gen<FuzzInput> Input => Gen.Frequency((9, Mutated), (1, Download));

    private Gen<FuzzInput> Mutated =>
        from which in Gen.Choose(0, 20)
        from mutation in Gen.Choose(0, 9)
        from position in Gen.Choose(0, int.MaxValue)
        from pick in Gen.Choose(0, int.MaxValue)
        from contentType in Gen.Frequency(
            (10, Gen.Constant("application/json")),
            (1, Gen.Elements("text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16",
                "application/json; charset=latin1", "multipart/form-data; boundary=x", "", "application/xml")))
        select Mutate(world.SampleActivityJson(which), mutation, position, pick, contentType);

    private Gen<FuzzInput> Download =>
        from path in Gen.Elements("/api/exports/", "/api/workshops/", "/api/briefings/")
        from token in Gen.Frequency(
            (4, FuzzStrings.Any.Select(t => Uri.EscapeDataString(t.Length > 3000 ? t[..3000] : t))),
            (1, Gen.Elements("..", "%2e%2e", "a~b", "~", "x.y.z", "%00", "%ZZ", "%C0%80", "%ED%A0%80", new string('a', 5000))))
        from format in Gen.Elements(".csv", ".docx", ".md", ".pdf", "", ".")
        select new FuzzInput("download", "", null) { Method = "GET", Path = path + token + (path == "/api/exports/" ? "" : format) };

    private FuzzInput Mutate(string json, int mutation, int position, int pick, string contentType)
    {
        var serviceUrl = world.Host.ServiceUrl;
        var at = position % Math.Max(1, json.Length);
        var bytes = Encoding.UTF8.GetBytes(json);
        var byteAt = position % Math.Max(1, bytes.Length);
        FuzzInput Text(string kind, string body) => new(kind, body, serviceUrl) { ContentType = contentType };
        FuzzInput Bytes(string kind, byte[] body) => new(kind, "", serviceUrl) { RawBytes = body, ContentType = contentType };
        switch (mutation)
        {
            case 0:
                // A lone surrogate (or a pair, which is fine) escaped inside the first string after the cut.
                var quote = json.IndexOf("\":\"", at, StringComparison.Ordinal);
                var escape = SurrogateEscapes[pick % SurrogateEscapes.Length];
                return quote < 0
                    ? Text("raw surrogate", json.Replace("\"help", "\"" + escape + "help", StringComparison.Ordinal))
                    : Text("raw surrogate", json.Insert(quote + 3, escape));
            case 1:
                return Text("raw truncated", json[..at]);
            case 2:
                var bad = BadUtf8[pick % BadUtf8.Length];
                return Bytes("raw bad utf-8", [.. bytes[..byteAt], .. bad, .. bytes[byteAt..]]);
            case 3:
                return Bytes("raw bom", [0xEF, 0xBB, 0xBF, .. bytes]);
            case 4:
                var depth = 60 + (pick % 500);
                return Text("raw deep", json[..^1] + ",\"deep\":" + new string('[', depth) + new string(']', depth) + "}");
            case 5:
                return Text("raw splice", json[..at] + json[(pick % json.Length)..]);
            case 6:
                return Text("raw wrapped", (pick % 3) switch { 0 => "[" + json + "]", 1 => json + json, _ => json + " // trailing" });
            case 7:
                return Bytes("raw utf-16", Encoding.Unicode.GetBytes(json));
            case 8:
                var cut = json.IndexOf(':', at);
                return cut < 0 ? Text("raw number", json) : Text("raw number", json[..(cut + 1)] + "1e99999" + json[(cut + 1)..]);
            default:
                return Text("raw bytes flipped", FlipCharacter(json, at, pick));
        }
    }

    private static string FlipCharacter(string json, int at, int pick)
    {
        var chars = json.ToCharArray();
        const string replacements = "{}[]\",:\\ 0\u0000";
        chars[at] = replacements[pick % replacements.Length];
        return new string(chars);
    }
}
