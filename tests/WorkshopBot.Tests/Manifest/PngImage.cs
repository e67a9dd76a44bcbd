using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace WorkshopBot.Tests.Manifest;

/// <summary>
/// Just enough PNG to check Teams' icon rules: the IHDR size, and 8-bit RGBA / RGB pixels (non-interlaced,
/// all five scanline filters) decoded with zlib inflate.
/// </summary>
internal sealed record PngImage(int Width, int Height, int ColorType, byte[] Rgba)
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var i = ((y * Width) + x) * 4;
        return (Rgba[i], Rgba[i + 1], Rgba[i + 2], Rgba[i + 3]);
    }

    /// <summary>Width and height from the IHDR chunk, without decoding pixels.</summary>
    public static (int Width, int Height) ReadSize(byte[] png)
    {
        if (!png.AsSpan(0, 8).SequenceEqual(Signature) || Encoding.ASCII.GetString(png, 12, 4) != "IHDR")
        {
            throw new InvalidDataException("Not a PNG: no signature followed by IHDR.");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    public static PngImage Decode(byte[] png)
    {
        var (width, height) = ReadSize(png);
        int bitDepth = png[24], colorType = png[25], interlace = png[28];
        if (bitDepth != 8 || colorType is not (2 or 6) || interlace != 0)
        {
            throw new NotSupportedException("Only 8-bit non-interlaced RGB/RGBA PNGs are decoded "
                + $"(depth {bitDepth}, colour type {colorType}, interlace {interlace}).");
        }

        using var compressed = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            if (Encoding.ASCII.GetString(png, offset + 4, 4) == "IDAT")
            {
                compressed.Write(png, offset + 8, length);
            }

            offset += 12 + length;
        }

        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var channels = colorType == 6 ? 4 : 3;
        var stride = width * channels;
        var raw = inflated.ToArray();
        if (raw.Length != height * (stride + 1))
        {
            throw new InvalidDataException($"Expected {height * (stride + 1)} bytes of scanlines, found {raw.Length}.");
        }

        var previous = new byte[stride];
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan((y * (stride + 1)) + 1, stride).ToArray();
            Unfilter(filter, line, previous, channels);
            for (var x = 0; x < width; x++)
            {
                var target = ((y * width) + x) * 4;
                line.AsSpan(x * channels, 3).CopyTo(rgba.AsSpan(target));
                rgba[target + 3] = channels == 4 ? line[(x * channels) + 3] : (byte)255;
            }

            previous = line;
        }

        return new PngImage(width, height, colorType, rgba);
    }

    private static void Unfilter(byte filter, byte[] line, byte[] previous, int bpp)
    {
        for (var i = 0; i < line.Length; i++)
        {
            int left = i >= bpp ? line[i - bpp] : 0, up = previous[i], upLeft = i >= bpp ? previous[i - bpp] : 0;
            line[i] = (byte)(line[i] + filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) / 2,
                4 => Paeth(left, up, upLeft),
                _ => throw new InvalidDataException($"Unknown PNG filter {filter}."),
            });
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Encodes RGBA pixels (filter "none"), so tests can prove the checks reject a bad icon.</summary>
    public static byte[] EncodeRgba(int width, int height, Func<int, int, (byte R, byte G, byte B, byte A)> pixel)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                var (r, g, b, a) = pixel(x, y);
                raw.Write([r, g, b, a]);
            }
        }

        var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 6;
        var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", idat.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string kind, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeAndData = Encoding.ASCII.GetBytes(kind).Concat(data).ToArray();
        png.Write(typeAndData);
        // The decoder here ignores CRCs; a zero CRC keeps this test encoder small.
        png.Write([0, 0, 0, 0]);
    }
}
