using WorkshopBot.Protocol.Connector;

namespace WorkshopBot.Tests.Support;

/// <summary>Replaces MSAL in tests: hands out a fixed token and counts the calls.</summary>
public sealed class FakeBotTokenProvider(string? token = FakeBotTokenProvider.DefaultToken) : IBotTokenProvider
{
    public const string DefaultToken = "fake-bot-token";

    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(token);
    }
}

/// <summary>Jitter that always returns the same fraction, so back-off delays are predictable.</summary>
public sealed class FixedJitterSource(double value) : IJitterSource
{
    public double NextDouble() => value;
}
