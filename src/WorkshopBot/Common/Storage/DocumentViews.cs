using System.Collections.Concurrent;
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Storage;

/// <summary>
/// Read-only views of stored documents, kept per document while its stored text stays the same, so a document read
/// on every vote (the workshop) is deserialised once per change instead of once per read. The stored text is still
/// read each time and compared in full, so a view is never older than the row it was read from. A view is shared by
/// every turn that reads it at the same time: callers must never change it (use <see cref="DocumentChanges"/>'s
/// change and get methods for anything that might). Bounded: when full, the views are dropped and built again.
/// </summary>
public sealed class DocumentViews
{
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<(string Collection, string Id), View> _views = new();

    // What else holds views and must let them go with them (KnownVoters): registered once, at start-up.
    private readonly List<Action> _onCleared = [];

    /// <summary>Drops every view (after a retention purge: no purged document stays in memory), and what holds them.</summary>
    public void Clear()
    {
        _views.Clear();
        Action[] others;
        lock (_onCleared)
        {
            others = [.. _onCleared];
        }

        foreach (var clear in others)
        {
            clear();
        }
    }

    /// <summary>Registers something else that holds views, to be cleared with them.</summary>
    public void OnCleared(Action clear)
    {
        ArgumentNullException.ThrowIfNull(clear);
        lock (_onCleared)
        {
            _onCleared.Add(clear);
        }
    }

    /// <summary>The stored texts of the views kept now (for tests).</summary>
    internal IEnumerable<string> KeptJson => _views.Values.Select(v => v.Json);

    /// <summary>The document's value for reading only, from the view kept for the same stored text when there is one.</summary>
    public T Read<T>(StoredDocument document)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(document);
        var key = (document.Collection, document.Id);
        if (_views.TryGetValue(key, out var view) && view.Value is T kept
            && string.Equals(view.Json, document.Json, StringComparison.Ordinal))
        {
            return kept;
        }

        var value = DocumentStoreExtensions.Deserialize<T>(document, null).Value;
        if (_views.Count >= Capacity)
        {
            _views.Clear();
        }

        _views[key] = new View(document.Json, value);
        return value;
    }

    private sealed record View(string Json, object Value);
}
