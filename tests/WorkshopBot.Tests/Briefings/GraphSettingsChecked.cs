using WorkshopBot.Briefings;

namespace WorkshopBot.Tests.Briefings;

/// <summary>Graph:BaseUrl is where the bot's app-only Graph token (Files.ReadWrite.All) goes: Microsoft Graph over https only.</summary>
public sealed class GraphSettingsChecked
{
    [Theory]
    [InlineData("https://graph.microsoft.com/v1.0")]
    [InlineData("https://GRAPH.microsoft.com/beta")]
    [InlineData("https://graph.microsoft.us/v1.0")]
    [InlineData("https://dod-graph.microsoft.us/v1.0")]
    [InlineData("https://microsoftgraph.chinacloudapi.cn/v1.0")]
    [InlineData("http://127.0.0.1:5123/v1.0")]
    [InlineData("http://localhost:5123/v1.0")]
    [InlineData("https://[::1]:5123/v1.0")]
    public void MicrosoftGraphAndLoopbackTestServersAreAccepted(string url)
    {
        Assert.True(GraphOptions.IsGraph(new Uri(url)));
    }

    [Theory]
    [InlineData("http://graph.microsoft.com/v1.0")]
    [InlineData("https://graph.microsoft.com.attacker.example/v1.0")]
    [InlineData("https://evil.example/graph.microsoft.com/v1.0")]
    [InlineData("https://graph.windows.net/v1.0")]
    [InlineData("ftp://127.0.0.1/v1.0")]
    public void AnyOtherHostOrPlainHttpIsRefused(string url)
    {
        Assert.False(GraphOptions.IsGraph(new Uri(url)));
    }
}
