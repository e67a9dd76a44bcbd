using System.Text.Json;

namespace WorkshopBot.Tests.Hosting;

/// <summary>
/// The runtime settings the bot is deployed with (WorkshopBot.runtimeconfig.json, from src/WorkshopBot/WorkshopBot.csproj),
/// each measured in the votes benchmark: idle pool threads block rather than spin, at least 32 of them from the start, the
/// server collector, and the old generation compacted once 30% of it is free (the bot's resident set under a burst).
/// </summary>
public sealed class BotRuntimeSettings
{
    [Fact]
    public void TheBotsRuntimeConfigKeepsTheMeasuredSettings()
    {
        // A referenced application's runtimeconfig is copied beside the tests.
        var path = Path.Combine(AppContext.BaseDirectory, "WorkshopBot.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
        Assert.Equal(32, properties.GetProperty("System.Threading.ThreadPool.MinThreads").GetInt32());
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(7, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
    }
}
