namespace WorkshopBot.Storage;

/// <summary>
/// A document's gate stayed held longer than <see cref="DocumentGates.MaxWait"/> (a long download, a slow commit, or two
/// works that wait for each other's documents): the work read nothing of it and must change nothing. A person's turn is
/// answered that it is busy and nothing was changed, a job's step runs again, a download answers 503; nothing of the work
/// is stored.
/// </summary>
public sealed class DocumentBusyException(string collection, string id)
    : Exception($"{collection}/{id} stayed held by other work for longer than the gate's wait")
{
    /// <summary>The collection of the document whose gate was not entered.</summary>
    public string Collection { get; } = collection;

    /// <summary>The document whose gate was not entered.</summary>
    public string Id { get; } = id;
}
