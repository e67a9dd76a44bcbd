namespace WorkshopBot.Common.Storage;

/// <summary>
/// How one kind of aggregate is stored as a document: its collection, its id, and the two lookup keys the document
/// store can filter on. Declared once per aggregate by the feature's store.
/// </summary>
public sealed record DocumentKind<T>(string Collection, Func<T, string> Id, Func<T, string?>? Key1 = null, Func<T, string?>? Key2 = null)
{
    public string? Key1Of(T value) => Key1?.Invoke(value);

    public string? Key2Of(T value) => Key2?.Invoke(value);
}
