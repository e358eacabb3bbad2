using DriftHooks.Core.Configuration;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.DataRisks;

/// <summary>
/// The data check of a push: the migrations a deploy would newly run (in its order), walked over production's catalog,
/// the questions asked on the read-only connection the push already holds, the answers turned into findings. Nothing is
/// read when no pending statement can fail on data, so an ordinary push costs nothing.
/// </summary>
internal static class DataRiskCheck
{
    /// <summary>The pending migrations' scripts, in the order <c>migrate deploy</c> runs them (by name).</summary>
    public static IReadOnlyList<(string Migration, string Script)> Pending(IReadOnlyList<RepositoryMigration> migrations, IReadOnlyList<MigrationStatus> statuses)
    {
        var pending = statuses.Where(s => s.State == MigrationState.Pending).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var scripts = new List<(string, string)>();
        foreach (var migration in migrations.Where(m => pending.Contains(m.Name) && m.Script is not null && !m.ScriptIsLink).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            // A script that is not UTF-8 is refused by other rules; Prisma could not run it either.
            if (PrismaText.TryDecode(migration.Script, out var text, out _))
            {
                scripts.Add((migration.Name, text));
            }
        }

        return scripts;
    }

    /// <summary>Whether any pending statement is one production would be asked about: without one, nothing is read.</summary>
    public static bool Worth(IReadOnlyList<(string Migration, string Script)> pending) =>
        pending.Any(p => DataRiskWalk.RiskyStatements(p.Migration, p.Script).Count > 0);

    /// <summary>
    /// Walks, asks and judges, inside <paramref name="database"/>'s read-only transaction; with
    /// <see cref="DataCheckSettings.AskRows"/> false, reads production's statistics instead of its rows.
    /// </summary>
    public static async Task<IReadOnlyList<Finding>> RunAsync(
        ReadOnlyDatabase database,
        Catalog.DatabaseCatalog? catalog,
        IReadOnlyList<(string Migration, string Script)> pending,
        PrismaProject project,
        string production,
        DataCheckSettings settings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(settings);
        catalog ??= await database.ReadCatalogAsync(null, cancellationToken).ConfigureAwait(false);
        var plan = DataRiskWalk.Walk(catalog, database.Url.Schema, pending, inputValidity: database.ServerVersion.Major >= 16);
        if (!settings.AskRows)
        {
            var estimates = await DataStatistics.ReadAsync(database.Connection, database.Transaction, plan.Questions, cancellationToken).ConfigureAwait(false);
            return settings.Apply(DataRiskFindings.OfStatistics(plan, estimates, project.MigrationsPath));
        }

        var answers = await DataQuestions.AskAsync(database.Connection, database.Transaction, plan.Questions, settings.QuestionTimeout, cancellationToken).ConfigureAwait(false);
        return settings.Apply(DataRiskFindings.Of(plan, answers, project.MigrationsPath, project.SchemaPath, production));
    }
}
