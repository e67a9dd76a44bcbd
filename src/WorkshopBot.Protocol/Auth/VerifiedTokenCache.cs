using System.Collections.Concurrent;

namespace WorkshopBot.Protocol.Auth;

/// <summary>
/// What a token's signature, issuer, audience and lifetime checks established, kept so the same token is not verified
/// again: Teams sends one token with every activity for about an hour. What depends on the activity (the key's
/// endorsement for its channel, its serviceUrl) or on the current key set is not kept: it is checked per request.
/// </summary>
internal sealed record VerifiedToken(bool IsEntra, string? KeyId, string? ServiceUrlClaim, string? AppId, DateTime? NotBefore,
    DateTime Expires)
{
    /// <summary>The lifetime rule of <see cref="BotTokenValidator"/>, with the same clock skew.</summary>
    public bool IsCurrentAt(DateTime utcNow) =>
        utcNow - BotTokenValidator.ClockSkew < Expires && (NotBefore is not { } nbf || utcNow + BotTokenValidator.ClockSkew >= nbf);
}

/// <summary>
/// Verified tokens by their exact text, until their expiry (plus the clock skew) on the injected clock; bounded, so a
/// flood of distinct valid tokens cannot grow it: when full, expired entries go and, if none had expired, nothing new
/// is kept (those tokens are simply verified every time). Only a token that passed every check is ever added.
/// </summary>
internal sealed class VerifiedTokenCache(TimeProvider time, int capacity = VerifiedTokenCache.DefaultCapacity)
{
    public const int DefaultCapacity = 1024;

    private readonly ConcurrentDictionary<string, VerifiedToken> _tokens = new(StringComparer.Ordinal);

    public int Count => _tokens.Count;

    public bool TryGet(string raw, out VerifiedToken token)
    {
        if (_tokens.TryGetValue(raw, out token!))
        {
            if (token.IsCurrentAt(time.GetUtcNow().UtcDateTime))
            {
                return true;
            }

            _tokens.TryRemove(raw, out _);
        }

        return false;
    }

    public void Add(string raw, VerifiedToken token)
    {
        if (_tokens.Count >= capacity)
        {
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var entry in _tokens)
            {
                if (!entry.Value.IsCurrentAt(now))
                {
                    _tokens.TryRemove(entry.Key, out _);
                }
            }

            if (_tokens.Count >= capacity)
            {
                return;
            }
        }

        _tokens[raw] = token;
    }

    public void Forget(string raw) => _tokens.TryRemove(raw, out _);
}
