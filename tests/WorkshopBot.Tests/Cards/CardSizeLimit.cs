using System.Text;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.Cards;

/// <summary>
/// Older Teams clients and connectors break on cards above about 28 KB, so every card the bot sends must fit
/// in <see cref="MaxBytes"/> of UTF-8 JSON (the whole attachment content).
/// </summary>
public static class CardSizeLimit
{
    public const int MaxBytes = 28 * 1024;

    public static int Measure(AdaptiveCard card) => AdaptiveCardJson.SerializeToUtf8Bytes(card).Length;

    public static int Measure(string attachmentContentJson) => Encoding.UTF8.GetByteCount(attachmentContentJson);

    public static bool Fits(AdaptiveCard card) => Measure(card) <= MaxBytes;

    public static void AssertFits(AdaptiveCard card, string because)
    {
        var bytes = Measure(card);
        Assert.True(bytes <= MaxBytes, $"{because}: the card is {bytes} bytes, over the {MaxBytes}-byte limit.");
    }
}
