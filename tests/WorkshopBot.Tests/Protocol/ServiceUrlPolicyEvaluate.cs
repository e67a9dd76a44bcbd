using System.Net;
using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Connector;

namespace WorkshopBot.Tests.Protocol;

public sealed class ServiceUrlPolicyEvaluate
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://SMBA.trafficmanager.net/amer")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/gcc/")]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/")]
    [InlineData("https://smba.infra.dod.teams.microsoft.us/")]
    [InlineData("https://webchat.botframework.com/")]
    [InlineData("https://europe.webchat.botframework.com/")]
    [InlineData("https://directline.botframework.us/")]
    [InlineData("https://x.botframework.azure.us/")]
    [InlineData("https://canary.teams.microsoft.com/")]
    public void AttachesTokenForBuiltInHosts(string url)
    {
        Assert.Equal(ServiceUrlDecision.AttachToken, Policy().Evaluate(url));
    }

    [Theory]
    [InlineData("https://evil.trafficmanager.net/")]
    [InlineData("https://botframework.com.evil.example/")]
    [InlineData("https://evilbotframework.com/")]
    [InlineData("https://botframework.com/")]
    [InlineData("https://example.com/")]
    [InlineData("https://localhost.example.com/")]
    [InlineData("https://10.0.0.1/")]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    [InlineData("http://example.com/")]
    [InlineData("http://192.168.1.20:3978/")]
    public void RefusesOtherHosts(string url)
    {
        // Not the token only: nothing at all goes there (a message carries audit content).
        Assert.Equal(ServiceUrlDecision.Refuse, Policy().Evaluate(url));
        Assert.False(Policy().MayAttachToken(url));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000/")]
    [InlineData("https://localhost:5001/")]
    [InlineData("http://[::1]:5000/")]
    public void SendsToLoopbackWithoutTheToken(string url)
    {
        Assert.Equal(ServiceUrlDecision.SendWithoutToken, Policy().Evaluate(url));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("ftp://smba.trafficmanager.net/")]
    [InlineData("https://user:pass@smba.trafficmanager.net/")]
    [InlineData(null)]
    public void RefusesMalformedUrls(string? url)
    {
        Assert.Equal(ServiceUrlDecision.Refuse, Policy().Evaluate(url));
    }

    [Theory]
    [InlineData("https://connector.example.org/", ServiceUrlDecision.AttachToken)]
    [InlineData("https://a.example.net/", ServiceUrlDecision.AttachToken)]
    [InlineData("https://example.net/", ServiceUrlDecision.Refuse)]
    [InlineData("https://other.example.org/", ServiceUrlDecision.Refuse)]
    [InlineData("http://connector.example.org/", ServiceUrlDecision.Refuse)]
    [InlineData("http://a.example.net/", ServiceUrlDecision.Refuse)]
    [InlineData("http://localhost:3978/", ServiceUrlDecision.AttachToken)]
    [InlineData("http://127.0.0.1:3978/", ServiceUrlDecision.SendWithoutToken)]
    public void AddsConfiguredHosts(string url, ServiceUrlDecision expected)
    {
        var policy = Policy(extraHosts: ["connector.example.org", "*.example.net", "localhost"]);

        Assert.Equal(expected, policy.Evaluate(url));
    }

    [Theory]
    [InlineData("http://127.0.0.1:3978/")]
    [InlineData("http://[::1]:3978/")]
    [InlineData("http://localhost:3978/")]
    public void AttachesTokenToLoopbackOnlyWhenAllowedForTests(string url)
    {
        Assert.Equal(ServiceUrlDecision.AttachToken, Policy(allowLoopback: true).Evaluate(url));
        Assert.Equal(ServiceUrlDecision.SendWithoutToken, Policy().Evaluate(url));
    }

    [Theory]
    [InlineData("http://localhost:56150/_connector", ServiceUrlDecision.SendWithoutToken)]
    [InlineData("http://127.0.0.1:56150/", ServiceUrlDecision.SendWithoutToken)]
    [InlineData("http://[::1]:80/", ServiceUrlDecision.SendWithoutToken)]
    [InlineData("https://smba.trafficmanager.net/emea/", ServiceUrlDecision.Refuse)]
    [InlineData("https://example.com/", ServiceUrlDecision.Refuse)]
    [InlineData("http://localhost.example.com/", ServiceUrlDecision.Refuse)]
    public void DevelopmentModeAllowsOnlyLoopbackWithoutToken(string url, ServiceUrlDecision expected)
    {
        var policy = Policy(development: true, extraHosts: ["example.com"]);

        Assert.True(policy.IsDevelopmentMode);
        Assert.Equal(expected, policy.Evaluate(url));
    }

    [Fact]
    public void AnswersTheSameEveryTimeAndBeyondTheDecisionsItKeeps()
    {
        var policy = Policy();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 300; i++)
            {
                Assert.Equal(ServiceUrlDecision.AttachToken, policy.Evaluate($"https://smba.trafficmanager.net/emea/{i}/"));
                Assert.Equal(ServiceUrlDecision.Refuse, policy.Evaluate($"https://evil{i}.example.com/"));
            }

            Assert.Equal(ServiceUrlDecision.Refuse, policy.Evaluate((string?)null));
        }
    }

    private static ServiceUrlPolicy Policy(bool development = false, bool allowLoopback = false, List<string?>? extraHosts = null)
    {
        var auth = new BotAuthenticationOptions { MicrosoftAppId = development ? null : "app-id", MicrosoftAppPassword = "x" };
        var policy = new ServiceUrlPolicyOptions { AllowLoopbackServiceUrls = allowLoopback, AllowedServiceUrlHosts = extraHosts ?? [] };
        return new ServiceUrlPolicy(Options.Create(auth), Options.Create(policy));
    }
}

public sealed class LoopbackIsLoopback
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("fe80::1", false)]
    public void ClassifiesAddresses(string address, bool expected)
    {
        Assert.Equal(expected, Loopback.IsLoopback(IPAddress.Parse(address)));
    }

    [Fact]
    public void NullIsNotLoopback()
    {
        Assert.False(Loopback.IsLoopback(null));
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost.example.com", false)]
    [InlineData("example.com", false)]
    [InlineData("", false)]
    public void ClassifiesHosts(string host, bool expected)
    {
        Assert.Equal(expected, Loopback.IsLoopbackHost(host));
    }
}
