using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Manifest;

public sealed class ManifestIcons
{
    private static readonly string ManifestDirectory = Path.Combine(RepositoryRoot.Find(), "manifest");

    [Fact]
    public void ColorIconIs192PixelsSquareAndOpaque()
    {
        var png = File.ReadAllBytes(Path.Combine(ManifestDirectory, "color.png"));

        Assert.Equal((192, 192), PngImage.ReadSize(png));
        var image = PngImage.Decode(png);
        var colours = new HashSet<(byte, byte, byte, byte)>();
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                colours.Add(image.Pixel(x, y));
            }
        }

        Assert.All(colours, c => Assert.Equal(255, c.Item4));
        Assert.True(colours.Count > 2, "A full-colour icon should not be a flat square.");
    }

    [Fact]
    public void OutlineIconIs32PixelsSquareWhiteOnTransparent()
    {
        var png = File.ReadAllBytes(Path.Combine(ManifestDirectory, "outline.png"));

        Assert.Equal((32, 32), PngImage.ReadSize(png));
        var image = PngImage.Decode(png);
        Assert.Empty(OutlineViolations(image));
        Assert.Contains(Enumerable.Range(0, 32 * 32), i => image.Pixel(i % 32, i / 32).A == 255);
        Assert.Contains(Enumerable.Range(0, 32 * 32), i => image.Pixel(i % 32, i / 32).A == 0);
    }

    [Fact]
    public void OutlineCheckRejectsColouredOrOpaqueBackgroundPixels()
    {
        var grey = PngImage.Decode(PngImage.EncodeRgba(32, 32,
            (x, y) => x == 5 && y == 7 ? ((byte)200, (byte)200, (byte)200, (byte)255) : ((byte)0, (byte)0, (byte)0, (byte)0)));
        var opaqueBlack = PngImage.Decode(PngImage.EncodeRgba(32, 32, (_, _) => ((byte)0, (byte)0, (byte)0, (byte)255)));

        Assert.Equal(["(5,7)"], OutlineViolations(grey));
        Assert.Equal(32 * 32, OutlineViolations(opaqueBlack).Count);
    }

    /// <summary>Teams' rule: every pixel is white with some alpha, or fully transparent.</summary>
    private static List<string> OutlineViolations(PngImage image)
    {
        var violations = new List<string>();
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var (r, g, b, a) = image.Pixel(x, y);
                if (a != 0 && (r, g, b) != (255, 255, 255))
                {
                    violations.Add($"({x},{y})");
                }
            }
        }

        return violations;
    }
}
