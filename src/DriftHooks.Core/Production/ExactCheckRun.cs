using DriftHooks.Core.Commits;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Database;
using DriftHooks.Core.Drift;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Production;

/// <summary>
/// The exact DH115 check of one commit, as <c>drifthooks check</c> and pre-push run it: that commit's schema and
/// migrations (from its tree) judged by <see cref="ExactMigrationsCheck"/> on the shadow server the schema check uses.
/// It never stops a push or a check for want of a server: with none at hand (or one that cannot be used) it says, in
/// one line, that it did not run and what turns it on.
/// </summary>
internal static class ExactCheckRun
{
    /// <summary>Whether <paramref name="to"/> holds another schema or migrations folder than <paramref name="from"/> (no commit: yes).</summary>
    public static bool Changes(ITreeSource? from, ITreeSource to, PrismaProject project)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(project);
        return from is null || project.Prefixes.Any(path => from.Find(path)?.ObjectId != to.Find(path)?.ObjectId);
    }

    /// <param name="subject">What is checked, for messages ("the head commit 1a2b3c4").</param>
    /// <param name="thenCommit">What follows the printed fix (", then commit and push").</param>
    /// <param name="turnOn">The setting that turns the check on, named when no shadow server is at hand.</param>
    /// <param name="production">Production's identity as the caller read it (with its history), which guards the shadow server: not read again here.</param>
    /// <returns>The findings, and whether they decide DH115 (then the offline check's note or guess, DH113, is superseded).</returns>
    public static async Task<(IReadOnlyList<Finding> Findings, bool Concluded)> RunAsync(
        CommandContext context,
        PrismaProject project,
        string sha,
        string subject,
        string thenCommit,
        string turnOn,
        ProductionIdentityRead production,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (location, options) = (context.Repository, context.Options);
        if (options.DisabledRules.Contains(RuleCodes.MigrationsMissSchema))
        {
            return ([], false);
        }

        DatabaseUrlSource? source;
        try
        {
            source = context.ShadowFor(project);
        }
        catch (ConfigurationException e)
        {
            return ([NotRun(e.Message)], false);
        }

        if (source is null)
        {
            return ([NotRun($"no shadow server; to run it, {turnOn}")], false);
        }

        if (Read(location, project, sha) is not { } commit)
        {
            return ([], false); // a schema or script that cannot be read is refused by the commit rules (DH100, DH111)
        }

        // The shadow server is written (templates): the guard compares it with production as the caller read it.
        var guard = ProductionGuard.From(production, location.StateDirectory, false);
        try
        {
            await using var admin = await WritableDatabase.OpenAsync(source.Parse(), guard, SchemaDriftRequest.DefaultShadowConnection, cancellationToken).ConfigureAwait(false);
            var result = await ExactMigrationsCheck.RunAsync(admin, project, commit.Schema, commit.Migrations, subject, thenCommit, ThrowawayShadow.For(location, project, options.Settings), cancellationToken).ConfigureAwait(false);
            return (result.Findings, result.Concluded);
        }
        catch (DriftHooksException e) when (e is ResourceUnavailableException or TargetNotVerifiedException)
        {
            // A shadow server on production's server is refused (exit 4) instead: its setting must change.
            return ([NotRun($"{e.Message} (shadow server from {source.Source})")], false);
        }
    }

    static Finding NotRun(string why) =>
        Finding.Note(RuleCodes.MigrationsMissSchema, $"The exact check of the migrations against the schema did not run: {why}.");

    sealed record CommitState(DatabaseModel Schema, IReadOnlyList<(string Name, string Script)> Migrations);

    static CommitState? Read(RepositoryLocation location, PrismaProject project, string sha)
    {
        using var reader = new RepositoryReader(location);
        var trees = reader.Trees(sha);
        var sources = new List<SchemaSource>();
        foreach (var file in ProjectChangesReader.SchemaFiles(project, trees))
        {
            // A schema file that is not UTF-8 is refused by the commit rules (DH100): the check does not run.
            if (!PrismaText.TryDecode(trees.ReadBlob(file.ObjectId), out var text, out _))
            {
                return null;
            }

            sources.Add(new SchemaSource(file.Path, text));
        }

        var migrations = new List<(string, string)>();
        foreach (var migration in CommitMigrations.Read(trees, project))
        {
            if (migration.Script is null || migration.ScriptIsLink)
            {
                continue;
            }

            if (!PrismaText.TryDecode(migration.Script, out var text, out _))
            {
                return null;
            }

            migrations.Add((migration.Name, text));
        }

        try
        {
            return sources.Count == 0 ? null : new CommitState(DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(sources)), migrations);
        }
        catch (DriftHooksException)
        {
            return null;
        }
    }
}
