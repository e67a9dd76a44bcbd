namespace WorkshopBot.Common.Storage;

/// <summary>
/// How one kind of aggregate is stored as a document: its collection, its id, the two lookup keys the document store
/// can filter on, the tenant it belongs to, and the audit whose content it holds (if any: a turn that reads it may show
/// that audit in what it posts, see <see cref="WorkshopBot.Storage.UnitOfWork.ShownAudits"/>). Declared once per
/// aggregate by the feature's store.
/// </summary>
public sealed record DocumentKind<T>(
    string Collection,
    Func<T, string> Id,
    Func<T, string?>? Key1 = null,
    Func<T, string?>? Key2 = null,
    Func<T, string?>? Tenant = null,
    Func<T, Guid>? Audit = null)
{
    public string? Key1Of(T value) => Key1?.Invoke(value);

    public string? Key2Of(T value) => Key2?.Invoke(value);

    public string? TenantOf(T value) => Tenant?.Invoke(value);

    public Guid? AuditOf(T value) => Audit?.Invoke(value);

    /// <summary>Parts of the aggregate that rows outside its document stand for, moved with it on every save (or none).</summary>
    public DocumentDependents<T>? Dependents { get; init; }

    /// <summary>For a change of the aggregate read as <paramref name="before"/>: what its save must also write (or null).</summary>
    internal Func<object, long, Func<WorkshopBot.Storage.StorageProvider, IReadOnlyList<WorkshopBot.Storage.StoreStatement>>?>? Watch(
        T before) => Dependents?.Watch(before);

    /// <summary>
    /// True when <paramref name="value"/> belongs to <paramref name="tenantId"/>: the same organisation, or (development
    /// mode, no organisation) both without one. A kind that records no tenant belongs to everyone who may see it.
    /// </summary>
    public bool BelongsTo(T value, string? tenantId) =>
        Tenant is null || string.Equals(TenantOf(value) ?? "", tenantId ?? "", StringComparison.OrdinalIgnoreCase);
}
