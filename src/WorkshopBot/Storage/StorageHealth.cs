using System.Data.Common;
using Dapper;

namespace WorkshopBot.Storage;

/// <summary>Answers <c>/healthz</c>: can the store be reached and queried.</summary>
public interface IStorageHealth
{
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}

internal sealed class StorageHealth(StorageDatabase database) : IStorageHealth
{
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await connection.ExecuteScalarAsync<long>(
                new CommandDefinition("SELECT COUNT(*) FROM schema_migrations", cancellationToken: cancellationToken))
                .ConfigureAwait(false) > 0;
        }
        catch (DbException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
