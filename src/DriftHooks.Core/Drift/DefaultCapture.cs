using System.Text;
using DriftHooks.Core.Catalog;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Drift;

/// <summary>
/// Whether a migration production has not recorded, which sets the default of a column DH307 found changed by hand,
/// sets the default production has: only then is it the capture, for production to record as applied. The values are
/// compared as PostgreSQL prints column defaults (pg_get_expr: <c>'x'::text</c>, <c>0</c>, <c>now()</c>,
/// <c>CURRENT_TIMESTAMP</c>): the migration is replayed on the shadow server after the applied ones, where PostgreSQL
/// itself turns its SQL into that text, so no SQL is normalised by hand. Asked only where such a migration exists.
/// </summary>
internal static class DefaultCapture
{
    /// <param name="Migration">The migration that sets the column's default.</param>
    /// <param name="Sets">The default it leaves, as PostgreSQL prints it; null for none.</param>
    /// <param name="Failed">Why it could not be replayed after the applied migrations; null when it was.</param>
    internal sealed record Replay(string Migration, string? Sets, string? Failed);

    /// <summary>
    /// Per DH307 location that a pending migration sets the default of, what that migration leaves there when
    /// <paramref name="replay"/> runs it after the applied migrations (each migration replayed once).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, Replay>> ReplayAsync(
        IReadOnlyList<Finding> differences,
        IReadOnlyList<SchemaDriftCheck.PendingMigration> pending,
        Func<(string Name, string Script), Task<ExpectedSchema>> replay)
    {
        var result = new Dictionary<string, Replay>(StringComparer.Ordinal);
        var replayed = new Dictionary<string, (DatabaseCatalog? Catalog, string? Failed)>(StringComparer.Ordinal);
        foreach (var at in differences.Where(f => f.Code == SchemaDriftCodes.ColumnDefault).Select(f => f.Location).OfType<string>())
        {
            if (pending.FirstOrDefault(m => m.SetsDefault.Contains(at)) is not { } capture)
            {
                continue;
            }

            if (!replayed.TryGetValue(capture.Name, out var after))
            {
                after = replayed[capture.Name] = await CatalogWithAsync(capture, replay).ConfigureAwait(false);
            }

            result[at] = new Replay(capture.Name, after.Catalog is { } catalog ? CatalogDiff.ColumnAt(catalog, at)?.Default : null, after.Failed);
        }

        return result;
    }

    /// <summary>DH307 as found, saying why the migration is not its capture; null when it is (it sets production's default).</summary>
    /// <param name="production">Production's default of the column, as PostgreSQL prints it; null for none.</param>
    public static Finding? NotCaptured(Finding found, Replay replay, string? production)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(replay);
        if (replay.Failed is null && replay.Sets == production)
        {
            return null;
        }

        var why = replay.Failed is { } failed
            ? $"Migration {replay.Migration}, which production has not recorded, sets this default, but what it sets could not be compared with production's: {failed}."
            : $"Migration {replay.Migration}, which production has not recorded, sets it to {Shown(replay.Sets)}, not production's {Shown(production)} (as PostgreSQL prints both), "
                + "so it does not capture production's default: recorded as applied, it would leave the history claiming a default production does not have.";
        return Finding.Error(found.Code, found.Message + " " + why, found.Location, found.Fix);
    }

    static string Shown(string? value) => value ?? "no default";

    static async Task<(DatabaseCatalog? Catalog, string? Failed)> CatalogWithAsync(
        SchemaDriftCheck.PendingMigration capture, Func<(string Name, string Script), Task<ExpectedSchema>> replay)
    {
        string script;
        try
        {
            script = PrismaText.StrictUtf8.GetString(capture.Script);
        }
        catch (DecoderFallbackException)
        {
            return (null, "it is not valid UTF-8");
        }

        try
        {
            return ((await replay((capture.Name, script)).ConfigureAwait(false)).Catalog, null);
        }
        catch (MigrationFailedException e)
        {
            return (null, $"it failed to replay after the applied migrations ({e.Message})");
        }
    }
}
