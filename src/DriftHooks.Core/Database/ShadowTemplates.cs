using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DriftHooks.Core.Catalog;
using DriftHooks.Core.Findings;
using DriftHooks.Core.SqlText;
using Npgsql;

namespace DriftHooks.Core.Database;

/// <summary>
/// Template databases on the shadow server, one per replayed history: <c>drifthooks_tpl_&lt;hash12&gt;</c>, where the
/// hash chains the schema and each migration's name and script. A history seen before replays nothing: its template's
/// catalog is read as it stands. A history that grew is cloned from the template of its longest known prefix
/// (<c>CREATE DATABASE … TEMPLATE</c>) and only the new migrations are replayed; the result becomes the new template.
/// At most <see cref="Keep"/> templates are kept, the least recently used dropped first (the time of last use is the
/// database's comment). Production is never touched here: every statement goes to the shadow server.
/// </summary>
internal static class ShadowTemplates
{
    public const string Prefix = "drifthooks_tpl_";

    /// <summary>A template being built; renamed to its <see cref="Prefix"/> name once complete.</summary>
    public const string BuildPrefix = "drifthooks_build_";

    /// <summary>Templates kept per shadow server.</summary>
    public const int Keep = 5;

    const string Seed = "drifthooks shadow template v1";
    const string LastUsed = "drifthooks template, last used ";

    /// <summary>
    /// The template name of every prefix of <paramref name="migrations"/>: element <c>i</c> names the database holding
    /// the first <c>i</c> migrations replayed in <paramref name="schema"/> (element 0, the empty history, is never built).
    /// </summary>
    public static IReadOnlyList<string> Names(string schema, IReadOnlyList<(string Name, string Script)> migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        var names = new string[migrations.Count + 1];
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(Seed + "\0" + schema), hash);
        names[0] = Name(hash);
        Span<byte> script = stackalloc byte[32];
        for (var i = 0; i < migrations.Count; i++)
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(migrations[i].Script), script);
            var input = new byte[32 + 32 + Encoding.UTF8.GetByteCount(migrations[i].Name)];
            hash.CopyTo(input);
            script.CopyTo(input.AsSpan(32));
            Encoding.UTF8.GetBytes(migrations[i].Name, input.AsSpan(64));
            SHA256.HashData(input, hash);
            names[i + 1] = Name(hash);
        }

        return names;
    }

    static string Name(ReadOnlySpan<byte> hash) => Prefix + Convert.ToHexStringLower(hash)[..12];

    /// <summary>
    /// The catalog <paramref name="migrations"/> produce in <paramref name="schema"/>, from a template when one holds
    /// them (nothing replayed) or holds a prefix of them (the rest replayed). <paramref name="admin"/> is a connection to
    /// the shadow server's own database; <paramref name="server"/> reaches that server. A migration that fails to
    /// replay throws <see cref="MigrationFailedException"/> and leaves no database behind.
    /// </summary>
    public static async Task<ExpectedSchema> CatalogAsync(
        WritableDatabase admin,
        DatabaseUrl server,
        string schema,
        IReadOnlyList<(string Name, string Script)> migrations,
        DatabaseConnectionOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(server);
        var names = Names(schema, migrations);
        var existing = await ListAsync(admin, cancellationToken).ConfigureAwait(false);
        var known = existing.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var full = names[^1];
        if (known.Contains(full))
        {
            var catalog = await ReadTemplateAsync(admin, server.With(database: full, schema: schema), options, schema, cancellationToken).ConfigureAwait(false);
            if (catalog is not null)
            {
                return new ExpectedSchema(catalog, 0, migrations.Count, full);
            }

            known.Remove(full);
        }

        var reused = Enumerable.Range(1, Math.Max(0, migrations.Count - 1)).Reverse().FirstOrDefault(i => known.Contains(names[i]));
        var room = MakeRoomAsync(admin, existing, reused == 0 ? null : names[reused], options, cancellationToken);
        try
        {
            return await BuildAsync(admin, server, schema, migrations, names, reused, room, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await room.ConfigureAwait(false);
        }
    }

    /// <summary>Drops every DriftHooks template (and leftover build or shadow database) on the server; those in use stay.</summary>
    public static async Task<PruneResult> PruneAsync(WritableDatabase admin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var dropped = new List<string>();
        var inUse = new List<string>();
        var names = await QueryAsync(
            admin,
            "SELECT datname FROM pg_catalog.pg_database WHERE starts_with(datname, $1) OR starts_with(datname, $2) OR starts_with(datname, $3) ORDER BY datname",
            [Prefix, BuildPrefix, ShadowDatabase.NamePrefix],
            cancellationToken).ConfigureAwait(false);
        foreach (var name in names.Select(row => row[0]))
        {
            (await TryDropAsync(admin, name).ConfigureAwait(false) ? dropped : inUse).Add(name);
        }

        return new PruneResult(dropped, inUse);
    }

    sealed record Template(string Name, DateTimeOffset LastUsed);

    static async Task<List<Template>> ListAsync(WritableDatabase admin, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            admin,
            "SELECT datname, pg_catalog.shobj_description(oid, 'pg_database') FROM pg_catalog.pg_database WHERE starts_with(datname, $1)",
            [Prefix],
            cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => new Template(
            row[0],
            row[1].StartsWith(LastUsed, StringComparison.Ordinal)
            && DateTimeOffset.TryParse(row[1].AsSpan(LastUsed.Length), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at
                : DateTimeOffset.MinValue))];
    }

    // A template's catalog as it stands, read in a read-only transaction so that nothing can change it; null when it
    // was dropped meanwhile (another check evicted it).
    static async Task<DatabaseCatalog?> ReadTemplateAsync(WritableDatabase admin, DatabaseUrl template, DatabaseConnectionOptions options, string schema, CancellationToken cancellationToken)
    {
        var touch = TouchAsync(admin, template.Database!, cancellationToken);
        try
        {
            await using var database = await ReadOnlyDatabase.OpenAsync(template, options, cancellationToken).ConfigureAwait(false);
            return await database.ReadCatalogAsync([schema], cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceUnavailableException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName })
        {
            return null;
        }
        finally
        {
            await touch.ConfigureAwait(false);
        }
    }

    static async Task<ExpectedSchema> BuildAsync(
        WritableDatabase admin,
        DatabaseUrl server,
        string schema,
        IReadOnlyList<(string Name, string Script)> migrations,
        IReadOnlyList<string> names,
        int reused,
        Task room,
        DatabaseConnectionOptions options,
        CancellationToken cancellationToken)
    {
        var build = BuildPrefix + names[^1][Prefix.Length..] + "_" + Guid.NewGuid().ToString("N")[..8];
        if (await CreateAsync(admin, build, reused == 0 ? null : names[reused], cancellationToken).ConfigureAwait(false) is null)
        {
            reused = 0;
        }

        DatabaseCatalog catalog;
        try
        {
            await using var database = await WritableDatabase.OpenAsync(server.With(database: build, schema: schema), admin.Guard, options, cancellationToken).ConfigureAwait(false);

            // A template needs no durable commits until it is complete; Prisma creates a non-public schema the same way.
            await database.RunAsync("SET synchronous_commit TO off" + (schema == "public" ? "" : "; CREATE SCHEMA IF NOT EXISTS " + Sql.QuoteIdentifier(schema)), cancellationToken).ConfigureAwait(false);
            for (var i = reused; i < migrations.Count; i++)
            {
                await database.ReplayMigrationAsync(migrations[i].Name, migrations[i].Script, cancellationToken).ConfigureAwait(false);
            }

            catalog = await database.ReadCatalogAsync([schema], cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await TryDropAsync(admin, build).ConfigureAwait(false);
            throw;
        }

        // At most Keep once this one is in place.
        await room.ConfigureAwait(false);
        var template = names[^1];
        if (!await RenameAsync(admin, build, template).ConfigureAwait(false))
        {
            // Another check built the same template meanwhile: keep theirs.
            await TryDropAsync(admin, build).ConfigureAwait(false);
        }
        else
        {
            await TouchAsync(admin, template, cancellationToken).ConfigureAwait(false);
        }

        return new ExpectedSchema(catalog, migrations.Count - reused, reused, template);
    }

    // Creates the build database from the template (or template0); returns the source used. A template another check
    // is cloning or reading cannot be cloned at that moment, and one another role owns may not be: wait a little, then
    // start from empty.
    static async Task<string?> CreateAsync(WritableDatabase admin, string build, string? source, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await RunAsync(admin, $"CREATE DATABASE {Sql.QuoteIdentifier(build)} TEMPLATE {Sql.QuoteIdentifier(source ?? "template0")}", cancellationToken).ConfigureAwait(false);
                return source;
            }
            catch (PostgresException e) when (source is not null && e.SqlState is PostgresErrorCodes.ObjectInUse or PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InsufficientPrivilege)
            {
                if (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 4)
                {
                    await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    source = null;
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new ShadowServerUnfitException(
                    $"Production's schema was not compared: role \"{admin.Url.Username}\" may not create databases on the shadow server {admin.Url.Redacted}, where the check keeps its template databases.",
                    $"as a superuser there: ALTER ROLE {Sql.QuoteIdentifier(admin.Url.Username ?? "")} CREATEDB; (or point {admin.Url.WhereToSet ?? "Shadow:Url"} at a server where you may create databases{(admin.Url.Origin is { } origin ? $"; this one is read from {origin}" : "")})");
            }
        }
    }

    static async Task<bool> RenameAsync(WritableDatabase admin, string from, string to)
    {
        try
        {
            await RunAsync(admin, $"ALTER DATABASE {Sql.QuoteIdentifier(from)} RENAME TO {Sql.QuoteIdentifier(to)}", CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        // Renamed at the same moment by another check, the name is taken in the catalog's unique index (23505), not
        // found taken beforehand (42P04): either way theirs is in place.
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    // The time of last use, in the database's comment (a shared catalog: the template's contents stay as they are).
    static async Task TouchAsync(WritableDatabase admin, string template, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        try
        {
            // Only a hint for eviction: not worth waiting for a disk flush.
            await RunAsync(admin, $"SET synchronous_commit TO off; COMMENT ON DATABASE {Sql.QuoteIdentifier(template)} IS '{LastUsed}{now}'", cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException)
        {
            // Another role's template, or one dropped meanwhile: its age only decides when it is evicted.
        }
    }

    // Makes room for the template about to be built: keeps the one it is cloned from and the most recently used others,
    // at most Keep with the new one. PostgreSQL checkpoints on DROP DATABASE (every dirty buffer written and synced,
    // and waited for), so the drops run on a connection of their own while the template is built, not after it, when
    // that checkpoint would also write the new template. Best effort: a template that cannot be dropped now stays.
    static async Task MakeRoomAsync(WritableDatabase admin, IReadOnlyList<Template> existing, string? source, DatabaseConnectionOptions options, CancellationToken cancellationToken)
    {
        var others = Keep - 1 - (source is null ? 0 : 1);
        var victims = existing.Where(t => t.Name != source).OrderByDescending(t => t.LastUsed).Skip(others).Select(t => t.Name).ToList();
        if (victims.Count == 0)
        {
            return;
        }

        WritableDatabase dropper;
        try
        {
            dropper = await WritableDatabase.OpenAsync(admin.Url, admin.Guard, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DriftHooksException or OperationCanceledException)
        {
            return;
        }

        await using (dropper.ConfigureAwait(false))
        {
            foreach (var victim in victims)
            {
                await TryDropAsync(dropper, victim).ConfigureAwait(false);
            }
        }
    }

    // Not cancellable: a build database must not be left behind because the caller gave up. One in use (a check
    // reading it) or owned by another role stays.
    static async Task<bool> TryDropAsync(WritableDatabase admin, string name)
    {
        try
        {
            await RunAsync(admin, $"DROP DATABASE IF EXISTS {Sql.QuoteIdentifier(name)}", CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    // The server's own errors (PostgresException) reach the caller, which decides; a broken connection is a resource failure.
    static async Task RunAsync(WritableDatabase admin, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, admin.Connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not PostgresException && (e is NpgsqlException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)))
        {
            throw DatabaseFailure.Translate(e, admin.Url, "run a statement on the shadow server", null);
        }
    }

    static async Task<List<string[]>> QueryAsync(WritableDatabase admin, string sql, IReadOnlyList<string> parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, admin.Connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        try
        {
            var rows = new List<string[]>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new string[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? "" : reader.GetString(i);
                }

                rows.Add(row);
            }

            return rows;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw DatabaseFailure.Translate(e, admin.Url, "list the template databases of", null);
        }
    }
}

/// <summary>The catalog the migrations produce, how many were replayed, how many came with the template, and its name.</summary>
internal sealed record ExpectedSchema(DatabaseCatalog Catalog, int Replayed, int Reused, string Template);

/// <summary>What <see cref="ShadowTemplates.PruneAsync"/> dropped, and what it left because a session was using it.</summary>
internal sealed record PruneResult(IReadOnlyList<string> Dropped, IReadOnlyList<string> Left);

/// <summary>
/// The shadow server cannot hold the check (no right to create databases, too old): a warning with what to run,
/// never a blocked push.
/// </summary>
internal sealed class ShadowServerUnfitException(string message, string fix) : Exception(message)
{
    public string Fix { get; } = fix;
}
