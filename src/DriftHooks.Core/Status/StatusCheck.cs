using DriftHooks.Core.Commits;
using DriftHooks.Core.Companion;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Database;
using DriftHooks.Core.Drift;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Status;

/// <summary>
/// <c>drifthooks status</c>: reads both databases at once (read-only) and builds the three-way report; with
/// <c>--schema</c>, production's schema is also checked against its applied migrations (<see cref="SchemaDriftCheck"/>).
/// </summary>
internal static class StatusCheck
{
    public static async Task<ThreeWayReport> RunAsync(CompanionContext context, bool schema = false, CancellationToken cancellationToken = default)
    {
        // Resolved first: a missing shadow server is a configuration error, reported before any database is read.
        var shadow = schema ? RequireShadowServer(context) : null;
        // npx prisma reaches the local database through the project's own datasource; production through its URL set in that datasource's variable.
        var productionPrismaAt = context.ProductionSource is not null ? ProductionUrlResolver.PrismaEnvironment(context.LocalSetting.Variable) : "";
        var local = HistoryReads.ReadSideAsync("local", context.LocalSource, new DatabaseConnectionOptions(), null, prismaAt: "", withObjects: true, cancellationToken);
        var production = HistoryReads.ReadSideAsync("production", context.ProductionSource, context.ProductionConnection, context.Location.StateDirectory, productionPrismaAt, cancellationToken: cancellationToken);
        var localSide = (await local.ConfigureAwait(false)) with { RestorableBackup = context.RestorableLocalBackup, Setting = context.LocalSetting };
        var productionSide = await production.ConfigureAwait(false);

        var inTree = context.WorkingTree.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var holders = MigrationHolders.Find(context.Location, context.Project, productionSide.History?.Records.Where(r => r.IsApplied && !inTree.Contains(r.MigrationName)).Select(r => r.MigrationName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>());
        using var places = new MigrationPlaces(context.Location);
        var report = ThreeWayStatus.Build(
            context.WorkingTree, context.Head, localSide, productionSide, context.Project, holders, places.Find,
            s => AppliedVersion.Find(context.Location, "HEAD", context.Project.MigrationFolder(s.Name) + "/migration.sql", s.Record?.Checksum),
            context.Invocation);

        if (context.Command.Production is { } target && productionSide.History is { TableExists: true } history)
        {
            var data = await DataRisksAsync(context, target, history, cancellationToken).ConfigureAwait(false);
            report = report with
            {
                Findings = [.. report.Findings, .. data],
                ExitCode = report.ExitCode == ExitCodes.Passed && data.Any(f => f.Severity == Severity.Error) ? ExitCodes.Refused : report.ExitCode,
            };
        }

        // Only a production that was read and has a history can be replayed; the report already says why not otherwise.
        if (shadow is null || context.Command.Production is not { } readFrom || report.Production.Kind != DatabaseSideKind.Read || !report.Production.HasHistory)
        {
            return report;
        }

        var request = new SchemaDriftRequest(readFrom.Url, shadow, context.Project.MigrationsPath)
        {
            PrismaAt = productionPrismaAt ?? SchemaDriftRequest.DefaultPrismaAt,
            SchemaArgument = ProjectFixText.SchemaArgument(context.Project),
            Migrations = context.WorkingTree,
            ProductionConnection = context.ProductionConnection,
            StateDirectory = context.Location.StateDirectory,
            Invocation = context.Invocation,
        };
        var drift = await SchemaDriftCheck.RunAsync(request, cancellationToken).ConfigureAwait(false);
        return report with
        {
            Findings = [.. report.Findings, .. drift.Findings],
            ExitCode = report.ExitCode == ExitCodes.Passed && drift.HasDrift ? ExitCodes.Refused : report.ExitCode,
        };
    }

    // Whether the migrations a deploy would run now fail on production's rows, as pre-push asks it; nothing is read when
    // no pending statement can fail on data.
    static async Task<IReadOnlyList<Finding>> DataRisksAsync(CompanionContext context, ProductionTarget production, MigrationHistory history, CancellationToken cancellationToken)
    {
        var pending = DataRisks.DataRiskCheck.Pending(context.WorkingTree, HistoryComparison.Compare(context.WorkingTree, history.Records));
        if (!DataRisks.DataRiskCheck.Worth(pending))
        {
            return [];
        }

        try
        {
            await using var database = await ReadOnlyDatabase.OpenAsync(production.Url, production.Connection, cancellationToken).ConfigureAwait(false);
            return await DataRisks.DataRiskCheck.RunAsync(
                database, null, pending, context.Project, ProductionUrlResolver.ShellReference(production.Source), DataCheckSettings.Of(context.Options), cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceUnavailableException e)
        {
            return [Finding.Warning(DataRiskCodes.CannotTell, $"The pending migrations were not checked against production's data: {e.Message}", null)];
        }
    }

    static DatabaseUrl RequireShadowServer(CompanionContext context)
    {
        var source = context.Command.ShadowFor(context.Project) ?? throw new ConfigurationException(
            $"--schema replays production's migrations on a temporary shadow database, and no server is configured for it. Set {context.Command.ShadowWhereToSet(context.Project)}.");
        return source.Parse();
    }
}
