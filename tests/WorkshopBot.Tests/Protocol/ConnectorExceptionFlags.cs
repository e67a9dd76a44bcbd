using System.Net;
using WorkshopBot.Protocol.Connector;

namespace WorkshopBot.Tests.Protocol;

public sealed class ConnectorExceptionFlags
{
    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "MessageWritesBlocked", true)]
    [InlineData(HttpStatusCode.Forbidden, "MessageWritesBlockedForUser", true)]
    [InlineData(HttpStatusCode.Forbidden, "ConversationBlockedByUser", true)]
    [InlineData(HttpStatusCode.Forbidden, "BotDisabledByAdmin", false)]
    [InlineData(HttpStatusCode.Forbidden, null, false)]
    [InlineData(HttpStatusCode.BadRequest, "MessageWritesBlocked", false)]
    public void DetectsBlocked(HttpStatusCode status, string? code, bool expected)
    {
        Assert.Equal(expected, new ConnectorException("m", status, code, null).IsBlocked);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, null, true)]
    [InlineData(HttpStatusCode.BadRequest, "MessageSizeTooBig", true)]
    [InlineData(HttpStatusCode.BadRequest, "BadSyntax", false)]
    public void DetectsTooLarge(HttpStatusCode status, string? code, bool expected)
    {
        Assert.Equal(expected, new ConnectorException("m", status, code, null).IsTooLarge);
    }

    [Theory]
    [InlineData("""{"error":{"code":"MessageWritesBlocked","message":"blocked"}}""", "MessageWritesBlocked")]
    [InlineData("""{"code":"MessageSizeTooBig"}""", "MessageSizeTooBig")]
    [InlineData("""{"error":"plain"}""", null)]
    [InlineData("<html>gateway</html>", null)]
    [InlineData("", null)]
    public void ReadsErrorCodeFromBody(string body, string? expected)
    {
        Assert.Equal(expected, ConnectorClient.ReadErrorCode(body));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer", "https://smba.trafficmanager.net/amer/v3/conversations")]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer/v3/conversations")]
    [InlineData("https://smba.trafficmanager.net/amer//", "https://smba.trafficmanager.net/amer/v3/conversations")]
    [InlineData("https://smba.trafficmanager.net", "https://smba.trafficmanager.net/v3/conversations")]
    [InlineData("https://smba.trafficmanager.net/amer/?x=1", "https://smba.trafficmanager.net/amer/v3/conversations")]
    public void BuildsUrlFromServiceUrl(string serviceUrl, string expected)
    {
        Assert.Equal(expected, ConnectorClient.Build(serviceUrl, "v3/conversations").AbsoluteUri);
    }

    [Theory]
    [InlineData("smba.trafficmanager.net/amer")]
    [InlineData("file:///etc/passwd")]
    [InlineData("")]
    public void RejectsUnusableServiceUrl(string serviceUrl)
    {
        Assert.Throws<ArgumentException>(() => ConnectorClient.Build(serviceUrl, "v3/conversations"));
    }
}
