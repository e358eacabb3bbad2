using System.Globalization;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Database;

/// <summary>
/// A temporary database created on a development server for one replay: created from <c>template0</c> (so
/// nothing the server's <c>template1</c> holds leaks in), then dropped by <see cref="DropAsync"/>. It is a
/// <see cref="WritableDatabase"/>, so the server's database and the shadow are both checked by the
/// <see cref="ProductionGuard"/>: the shadow server is never production's database.
/// </summary>
internal sealed class ShadowDatabase
{
    readonly WritableDatabase _admin;

    ShadowDatabase(WritableDatabase admin, WritableDatabase database, string name)
    {
        _admin = admin;
        Database = database;
        Name = name;
    }

    /// <summary>How every shadow database's name begins.</summary>
    public const string NamePrefix = "drifthooks_shadow_";

    /// <summary>The created database's name (<c>drifthooks_shadow_…</c>).</summary>
    public string Name { get; }

    public WritableDatabase Database { get; }

    /// <summary>
    /// Connects to <paramref name="server"/> (its database is only used to issue CREATE/DROP DATABASE), creates
    /// the shadow database and connects to it with <c>search_path</c> set to <paramref name="schema"/>.
    /// </summary>
    public static async Task<ShadowDatabase> CreateAsync(DatabaseUrl server, string schema, ProductionGuard guard, DatabaseConnectionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        var name = NamePrefix + Guid.NewGuid().ToString("N")[..20];
        var admin = await WritableDatabase.OpenAsync(server, guard, options, cancellationToken).ConfigureAwait(false);
        try
        {
            await admin.RunAsync($"CREATE DATABASE {Sql.QuoteIdentifier(name)} TEMPLATE template0", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await admin.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        WritableDatabase? database = null;
        try
        {
            database = await WritableDatabase.OpenAsync(server.With(database: name, schema: schema), guard, options, cancellationToken).ConfigureAwait(false);

            // A throwaway database needs no durable commits; Prisma creates a non-public schema the same way.
            var setup = "SET synchronous_commit TO off";
            if (schema != "public")
            {
                setup += "; CREATE SCHEMA IF NOT EXISTS " + Sql.QuoteIdentifier(schema);
            }

            await database.RunAsync(setup, cancellationToken).ConfigureAwait(false);
            return new ShadowDatabase(admin, database, name);
        }
        catch
        {
            if (database is not null)
            {
                await database.DisposeAsync().ConfigureAwait(false);
            }

            await DropAsync(admin, name).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the shadow connection and drops the database; the server connection closes too.</summary>
    public async Task DropAsync()
    {
        await Database.DisposeAsync().ConfigureAwait(false);
        await DropAsync(_admin, Name).ConfigureAwait(false);
    }

    static async Task DropAsync(WritableDatabase admin, string name)
    {
        try
        {
            // Not cancellable: a shadow database must not be left behind because the caller gave up.
            await admin.RunAsync(string.Create(CultureInfo.InvariantCulture, $"DROP DATABASE IF EXISTS {Sql.QuoteIdentifier(name)}"), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await admin.DisposeAsync().ConfigureAwait(false);
        }
    }
}
