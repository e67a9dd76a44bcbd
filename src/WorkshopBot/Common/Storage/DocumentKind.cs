namespace WorkshopBot.Common.Storage;

/// <summary>
/// How one kind of aggregate is stored as a document: its collection, its id, the two lookup keys the document store
/// can filter on, and the tenant it belongs to. Declared once per aggregate by the feature's store.
/// </summary>
public sealed record DocumentKind<T>(
    string Collection,
    Func<T, string> Id,
    Func<T, string?>? Key1 = null,
    Func<T, string?>? Key2 = null,
    Func<T, string?>? Tenant = null)
{
    public string? Key1Of(T value) => Key1?.Invoke(value);

    public string? Key2Of(T value) => Key2?.Invoke(value);

    public string? TenantOf(T value) => Tenant?.Invoke(value);

    /// <summary>
    /// True when <paramref name="value"/> belongs to <paramref name="tenantId"/>. An aggregate of a kind that records
    /// tenants but has none is nobody's: it matches no tenant.
    /// </summary>
    public bool BelongsTo(T value, string? tenantId) =>
        Tenant is null || (TenantOf(value) is { Length: > 0 } own && string.Equals(own, tenantId, StringComparison.OrdinalIgnoreCase));
}
