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

/// <summary>
/// A token provider that fails as MSAL does when Entra ID cannot issue the bot's token (an expired secret, an outage)
/// while <see cref="Failing"/> is set, and hands out the fake token otherwise.
/// </summary>
public sealed class SwitchableBotTokenProvider : IBotTokenProvider
{
    private int _failing = 1;
    private int _failures;

    public bool Failing
    {
        get => Volatile.Read(ref _failing) == 1;
        set => Volatile.Write(ref _failing, value ? 1 : 0);
    }

    /// <summary>How many times a token was asked for and refused.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Failing)
        {
            Interlocked.Increment(ref _failures);
            throw new Microsoft.Identity.Client.MsalServiceException(
                "invalid_client", "AADSTS7000222: The provided client secret keys for app are expired.");
        }

        return Task.FromResult<string?>(FakeBotTokenProvider.DefaultToken);
    }
}
