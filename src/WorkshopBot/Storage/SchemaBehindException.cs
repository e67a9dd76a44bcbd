using System.Globalization;

namespace WorkshopBot.Storage;

/// <summary>
/// The store has not applied schema migrations this build needs, and <see cref="StorageOptions.MigrateOnStartup"/> is off:
/// the bot does not start, rather than report ready while every turn that touches what they add fails.
/// </summary>
public sealed class SchemaBehindException : InvalidOperationException
{
    public SchemaBehindException(IReadOnlyList<SchemaMigration> pending)
        : base(Describe(pending ?? throw new ArgumentNullException(nameof(pending))))
    {
        Pending = pending;
    }

    public IReadOnlyList<SchemaMigration> Pending { get; }

    private static string Describe(IReadOnlyList<SchemaMigration> pending)
    {
        const int Named = 5;
        var names = pending.Take(Named).Select(m => m.Version.ToString("D4", CultureInfo.InvariantCulture) + "_" + m.Name);
        var more = pending.Count > Named ? $" and {pending.Count - Named} more" : "";
        return $"Storage:MigrateOnStartup is false, but the store has not applied {pending.Count} schema "
            + $"migration{(pending.Count == 1 ? "" : "s")} this version needs ({string.Join(", ", names)}{more}): start this "
            + "version once with Storage:MigrateOnStartup=true (or apply them as that would) before starting it with migrations off.";
    }
}
