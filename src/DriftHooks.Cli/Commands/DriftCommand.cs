using System.CommandLine;
using System.Globalization;
using DriftHooks.Core.Commits;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Database;
using DriftHooks.Core.Drift;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Logging;
using DriftHooks.Core.Rendering;

namespace DriftHooks.Cli.Commands;

/// <summary>
/// <c>drifthooks drift</c>: replays the migrations production has applied on a temporary shadow database and
/// compares the two schemas. Exit 0 no drift, 1 drift, 2 configuration, 3 unreachable. The production URL comes
/// from configuration or the environment only, never the command line (shell history keeps passwords).
/// </summary>
internal static class DriftCommand
{
    public static Command Create()
    {
        var migrations = new Option<string?>("--migrations")
        {
            Description = "The Prisma migrations folder (default: the project found in the current repository).",
        };
        var prune = new Option<bool>("--prune")
        {
            Description = $"Drop the schema check's template databases ({ShadowTemplates.Prefix}…) from the shadow server instead of checking; the next check rebuilds what it needs.",
        };
        var notProduction = CommandIo.TargetIsNotProduction();
        var command = new Command(
            "drift",
            "Check production's schema against the schema its applied migrations produce (replayed on a temporary shadow database). "
            + "Production: DRIFTHOOKS_PRODUCTION_URL or Production:Url. Shadow server: Shadow:Url, else the local database's URL (Local:Url, else the variable the Prisma schema's datasource reads).")
        {
            migrations,
            prune,
            notProduction,
        };
        command.SetAction(parsed => parsed.GetValue(prune) ? Prune(parsed.GetValue(notProduction)) : Run(parsed.GetValue(migrations), parsed.GetValue(notProduction)));
        return command;
    }

    static int Prune(bool targetConfirmedNotProduction)
    {
        // Outside a repository the environment names the server.
        var context = CommandRunner.Context(outsideRepository: true);
        var server = TemplatePrune.ShadowServer(context) ?? throw new ConfigurationException(
            $"No shadow server to prune: set {context.ShadowWhereToSet(context.ProjectOrNone)}, to the server the schema check keeps its templates on.");
        var guard = TemplatePrune.GuardAsync(context, targetConfirmedNotProduction).GetAwaiter().GetResult();
        Console.WriteLine(TemplatePrune.RunAsync(server, guard, context.Invocation).GetAwaiter().GetResult());
        return ExitCodes.Passed;
    }

    static int Run(string? migrationsOption, bool targetConfirmedNotProduction)
    {
        // --migrations works outside a repository too; configuration is then read from the current folder.
        var context = CommandRunner.Context(outsideRepository: migrationsOption is not null);
        var migrationsDirectory = migrationsOption is not null
            ? Path.GetFullPath(migrationsOption)
            : LocateMigrations(context.Repository, context.Options);

        // The same resolvers (and trust rule) as the hooks; the project only decides which .env Prisma would read.
        var production = context.Production
            ?? throw new ConfigurationException($"No production URL: set {ProductionUrlResolver.WhereToSet}. It is not taken from the command line, where shell history would keep the password.");
        var project = context.ProjectOrNone;
        var shadow = context.ShadowFor(project) is { } shadowUrl
            ? shadowUrl.Parse()
            : throw new ConfigurationException($"No server for the shadow database: set {context.ShadowWhereToSet(project)}.");

        var request = new SchemaDriftRequest(production.Url, shadow, migrationsDirectory)
        {
            // A fix that records a capture migration points npx prisma at production through the project's own variable.
            PrismaAt = ProductionUrlResolver.PrismaEnvironment(project is null ? LocalUrlSetting.DefaultVariable : LocalUrlSetting.UrlVariable(context.Options.Settings, project).Variable) ?? SchemaDriftRequest.DefaultPrismaAt,
            SchemaArgument = project is null ? "" : Core.Rules.ProjectFixText.SchemaArgument(project),
            ProductionConnection = production.Connection,
            StateDirectory = context.Location?.StateDirectory,
            TargetConfirmedNotProduction = targetConfirmedNotProduction,
            Invocation = context.Invocation,
        };
        var result = SchemaDriftCheck.RunAsync(request).GetAwaiter().GetResult();

        Console.Write(TextRenderer.Render(result.Findings, context.Style.OutputColor));
        var errors = result.Findings.Count(f => f.Severity == Severity.Error);
        Console.WriteLine(errors == 0
            ? $"No schema drift: production ({production.Url.Redacted}) matches its {result.ReplayedMigrations + result.ReusedMigrations} applied migrations."
            : $"Schema drift: {errors} difference(s) between production ({production.Url.Redacted}) and its applied migrations.");
        // Where the time went is for a diagnosis, not for every run: on the diagnostic log (--verbose, DRIFTHOOKS_LOG=debug).
        if (DiagnosticLog.Current is { } log)
        {
            log.Debug("{Text}", result.Template is null
                ? "No template database was kept."
                : string.Create(CultureInfo.InvariantCulture, $"Template {result.Template}: {result.ReusedMigrations} migrations reused, {result.ReplayedMigrations} replayed."));
            foreach (var phase in result.Phases)
            {
                log.Debug("{Timing}", string.Create(CultureInfo.InvariantCulture, $"  {phase.Elapsed.TotalMilliseconds,8:0.0} ms  {phase.Name}"));
            }

            log.Debug("{Timing}", string.Create(CultureInfo.InvariantCulture, $"  {result.Total.TotalMilliseconds,8:0.0} ms  total"));
        }

        return result.HasDrift ? ExitCodes.Refused : ExitCodes.Passed;
    }

    static string LocateMigrations(RepositoryLocation location, DriftHooksOptions options)
    {
        var projects = ProjectLocator.InIndex(location, options.Projects);
        return projects.Count switch
        {
            0 => throw new ConfigurationException("No Prisma project was found in this repository. Give the migrations folder with --migrations <dir>, or configure Projects in drifthooks.json."),
            1 => Path.Combine(location.WorkTree, projects[0].MigrationsPath),
            _ => throw new ConfigurationException($"This repository has {projects.Count} Prisma projects ({string.Join(", ", projects.Select(p => p.MigrationsPath))}); choose one with --migrations <dir>."),
        };
    }
}
