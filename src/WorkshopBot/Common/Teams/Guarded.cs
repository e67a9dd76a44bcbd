using System.Diagnostics.CodeAnalysis;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Common.Teams;

/// <summary>
/// What a guard loaded for a handler (the audit, the workshop and poll, the briefing), or the card that refuses the
/// person: the one shape of a check that may stop a handler, in every feature. Read it as
/// <c>if (x.Refused) { return x.Refusal; }</c>, then use <c>x.Value</c>; or, to name both at once,
/// <c>if (x.IsRefused(out var refusal, out var value)) { return refusal; }</c>.
/// </summary>
public sealed class Guarded<T>
    where T : class
{
    private Guarded(T? value, InvokeResponse? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    /// <summary>What was loaded; set whenever <see cref="Refused"/> is false.</summary>
    public T? Value { get; }

    /// <summary>The polite refusal to answer with; set whenever <see cref="Refused"/> is true.</summary>
    public InvokeResponse? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Refusal))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Refused => Refusal is not null;

    /// <summary>True with the refusal to answer with; false with what was loaded.</summary>
    public bool IsRefused([NotNullWhen(true)] out InvokeResponse? refusal, [NotNullWhen(false)] out T? value)
    {
        refusal = Refusal;
        value = Value;
        return Refused;
    }

    public static Guarded<T> Allow(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, null);
    }

    public static Guarded<T> Refuse(InvokeResponse refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return new(null, refusal);
    }
}
