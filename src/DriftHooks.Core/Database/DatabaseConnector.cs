using System.Globalization;
using Npgsql;

namespace DriftHooks.Core.Database;

/// <summary>Opens the one connection each database object uses, with the tool's safety settings.</summary>
internal static class DatabaseConnector
{
    public static async Task<(NpgsqlDataSource DataSource, NpgsqlConnection Connection)> OpenAsync(
        DatabaseUrl url, DatabaseConnectionOptions options, string activity, CancellationToken cancellationToken)
    {
        var settings = url.ToConnectionStringBuilder(options);

        // The slim builder keeps native AOT free of reflection; TLS must be switched on explicitly. Built-in types
        // are all this tool reads, so skipping the type-loading query saves a round trip. Arrays of them are needed
        // by the catalog reader (column lists, enum labels, schema parameter).
        var builder = new NpgsqlSlimDataSourceBuilder(settings.ConnectionString)
            .EnableTransportSecurity()
            .EnableArrays()
            .ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        if (!url.HasPassword && !options.AllowEnvironmentPassword)
        {
            // A password hook is consulted before PGPASSWORD and pgpass; throwing here means a server that asks
            // for a password gets nothing from the environment.
            builder.UsePasswordProvider(
                _ => throw new MissingPasswordException(),
                (_, _) => throw new MissingPasswordException());
        }

        var dataSource = builder.Build();
        var connection = dataSource.CreateConnection();

        // Npgsql's own Timeout covers the connect; this bound also covers a server that accepts and never answers.
        var timeout = TimeSpan.FromSeconds(settings.Timeout) + TimeSpan.FromSeconds(1);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await connection.OpenAsync(limit.Token).ConfigureAwait(false);
            // The redacted URL: host, port, user and database, never the password.
            Logging.DiagnosticLog.Current?.Debug("connected to {Database} in {Elapsed}", url.Redacted, Logging.DiagnosticLog.Milliseconds(start));
            return (dataSource, connection);
        }
        catch (Exception e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            await dataSource.DisposeAsync().ConfigureAwait(false);
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw DatabaseFailure.Translate(e, url, activity, TimeSpan.FromSeconds(settings.Timeout));
        }
    }

    public static string StatementTimeoutSql(TimeSpan timeout) =>
        "SET LOCAL statement_timeout = " + ((long)Math.Ceiling(timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}
