using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Tests.Support;

/// <summary>What the outbox tests queue and wait for.</summary>
internal static class OutboxTestMessages
{
    /// <summary>A message carrying one Adaptive Card with <paramref name="title"/> as its only text.</summary>
    public static Activity Card(string title) => new()
    {
        Type = ActivityTypes.Message,
        From = BotTestHost.Bot,
        Attachments =
        [
            Attachment.AdaptiveCard(BotJson.ToElement(new { type = "AdaptiveCard", version = "1.5",
                body = new object[] { new { type = "TextBlock", text = title } } })),
        ],
    };

    /// <summary>Waits (on the real clock, at most 30 s) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The condition did not come true within 30 s.");
            await Task.Delay(20);
        }
    }
}
