using System.Text;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// The check reads any text a person can send without failing: every code point, non-characters (U+FFFE, U+FDD0),
/// private and unassigned ones, lone surrogates included, beside an identifier it must still find.
/// </summary>
public sealed class IdentifierScannerEveryCodePoint
{
    private readonly IdentifierScanner _scanner = new();

    [Fact]
    public void EveryCodePointIsReadAndANhsNumberBesideItIsStillFound()
    {
        var points = Enumerable.Range(0, 0x10000).Select(c => ((char)c).ToString())
            .Concat(new[] { 0x1FFFE, 0x10FFFF, 0xF0000, 0xE0001, 0x1D7CE, 0x3FFFF }.Select(char.ConvertFromUtf32))
            .Where(p => p is not "\n" and not "\r")
            .ToList();
        var missed = new List<string>();
        foreach (var chunk in points.Chunk(64))
        {
            var text = new StringBuilder();
            foreach (var point in chunk)
            {
                text.Append(point).Append(' ');
            }

            text.Append("NHS number 943 476 5919.");
            var findings = _scanner.Scan(text.ToString());
            if (!findings.Any(f => f.Kind == IdentifierKind.NhsNumber && f.Text == "943 476 5919"))
            {
                missed.Add(string.Join(",", chunk.Select(p => ((int)p[0]).ToString("X4", null))));
            }
        }

        Assert.Empty(missed);
    }
}
