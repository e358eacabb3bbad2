using System.Diagnostics;
using System.Globalization;
using DriftHooks.Core.Catalog;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Drift;

/// <summary>What the exact check concluded, and how the shadow database came to hold the migrations.</summary>
/// <param name="Concluded">True when it decided (the schema is produced, or a DH115 error names what is not).</param>
internal sealed record ExactCheckResult(IReadOnlyList<Finding> Findings, bool Concluded, int Replayed, int Reused, string? Template, TimeSpan Elapsed);

/// <summary>
/// The exact form of DH115: a commit's migrations replayed on a real shadow database (a template database per migration
/// set, <see cref="ShadowTemplates"/>, so a set seen before replays nothing and a grown one replays only what is new),
/// its catalog read back into a model (<see cref="CatalogModel"/>) and compared with the model of that commit's schema
/// by the comparer the offline check uses. It decides what the offline check cannot follow (a DO block, dynamic SQL).
/// </summary>
internal static class ExactMigrationsCheck
{
    /// <summary>Where the migrations are replayed: Prisma's default schema; a schema's <c>@@schema</c> ones are read too.</summary>
    public const string DefaultSchema = "public";

    /// <param name="admin">A connection to the shadow server's own database, opened through the production guard.</param>
    /// <param name="subject">What was checked, for messages ("the head commit 1a2b3c4").</param>
    /// <param name="thenCommit">What follows the fix (", then commit and push").</param>
    public static async Task<ExactCheckResult> RunAsync(
        WritableDatabase admin,
        PrismaProject project,
        DatabaseModel schema,
        IReadOnlyList<(string Name, string Script)> migrations,
        string subject,
        string thenCommit,
        ThrowawayShadow? shadow = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        shadow ??= ThrowawayShadow.Unknown;
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(migrations);
        var watch = Stopwatch.StartNew();
        if (admin.ServerVersion.Major < SchemaDriftCheck.OldestShadowMajor)
        {
            return NotRun(string.Create(CultureInfo.InvariantCulture, $"the shadow server {admin.Url.Redacted} runs PostgreSQL {admin.ServerVersion.Major}, older than {SchemaDriftCheck.OldestShadowMajor}"), null, watch);
        }

        ExpectedSchema expected;
        try
        {
            expected = await ShadowTemplates.CatalogAsync(admin, admin.Url.With(schema: DefaultSchema), DefaultSchema, migrations, SchemaDriftRequest.DefaultShadowConnection, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationFailedException e)
        {
            return NotRun($"migration {e.MigrationName} fails on an empty database ({e.Message}); npx prisma migrate reset on a development database shows the same", null, watch);
        }
        catch (ShadowServerUnfitException e)
        {
            return NotRun(e.Message, e.Fix, watch);
        }

        var catalog = expected.Catalog;
        var schemas = schema.Tables.Values.Select(t => t.Schema).Concat(schema.Enums.Values.Select(e => e.Schema)).Append(DefaultSchema).Distinct(StringComparer.Ordinal).ToList();
        if (schemas.Count > 1)
        {
            // @@schema: the template holds them all; its catalog is read again with every schema the model names.
            await using var template = await ReadOnlyDatabase.OpenAsync(admin.Url.With(database: expected.Template, schema: DefaultSchema), SchemaDriftRequest.DefaultShadowConnection, cancellationToken).ConfigureAwait(false);
            catalog = await template.ReadCatalogAsync([DefaultSchema, .. schemas.Where(s => s != DefaultSchema)], cancellationToken).ConfigureAwait(false);
        }

        return Judge(project, schema, migrations.Count, catalog, expected, subject, thenCommit, shadow, watch);
    }

    static ExactCheckResult Judge(
        PrismaProject project, DatabaseModel schema, int count, DatabaseCatalog catalog, ExpectedSchema expected, string subject, string thenCommit, ThrowawayShadow shadow, Stopwatch watch)
    {
        var how = expected.Replayed == 0
            ? $"template {expected.Template}, nothing replayed"
            : $"{expected.Replayed} replayed, {expected.Reused} from a template, kept as {expected.Template}";
        var stats = string.Create(CultureInfo.InvariantCulture, $"{how}; {watch.ElapsedMilliseconds} ms");
        var read = CatalogModel.Read(catalog);
        if (!read.Complete)
        {
            var first = read.Unfollowed[0];
            return new ExactCheckResult(
                [Finding.Note(
                    RuleCodes.MigrationsMissSchema,
                    $"The exact check could not conclude: the shadow database holds '{first.Excerpt}', which DriftHooks cannot compare with the schema ({first.Reason}).",
                    project.MigrationsPath,
                    shadow.Around(project, diff => diff + " --exit-code (exit 2: the migrations miss part of the schema)"))],
                false, expected.Replayed, expected.Reused, expected.Template, watch.Elapsed);
        }

        var comparison = ReplayComparer.Compare(read, schema);
        if (!comparison.Differences.ChangesDatabase)
        {
            return new ExactCheckResult(
                [Finding.Note(
                    RuleCodes.MigrationsMissSchema,
                    $"Exact check passed: the {FixText.Count(count, "migration")} of {subject}, replayed on a shadow database, give the schema {project.SchemaPath} ({stats}).",
                    project.SchemaPath)],
                true, expected.Replayed, expected.Reused, expected.Template, watch.Elapsed);
        }

        var listed = StagedMigrationsCheck.Describe(comparison.Differences, read.Model, schema, "the migrations");
        var name = comparison.Differences.SuggestedMigrationName;
        var folder = project.MigrationFolder(DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_" + name);
        return new ExactCheckResult(
            [Finding.Error(
                RuleCodes.MigrationsMissSchema,
                $"The migrations of {subject}, replayed on a shadow database, do not produce the schema {project.SchemaPath} ({listed}), so databases deployed from it would not match it ({stats}).",
                project.MigrationsPath,
                shadow.Around(project, diff => $"mkdir -p {FixText.Quote(folder)} && {diff} --script > {FixText.Quote(folder + "/migration.sql")}") + $", then git add {FixText.Quote(project.MigrationsPath)}{thenCommit} "
                + $"(this writes the SQL the migrations miss as a follow-up migration; with a development database, npx prisma migrate dev --name {FixText.Quote(name)}{ProjectFixText.SchemaArgument(project)} does the same)")],
            true, expected.Replayed, expected.Reused, expected.Template, watch.Elapsed);
    }

    static ExactCheckResult NotRun(string why, string? fix, Stopwatch watch) =>
        new([Finding.Warning(RuleCodes.MigrationsMissSchema, $"The exact check did not run: {why}.", null, fix)], false, 0, 0, null, watch.Elapsed);
}
