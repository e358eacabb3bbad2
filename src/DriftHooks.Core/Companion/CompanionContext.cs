using DriftHooks.Core.Commits;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Installation;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Companion;

/// <summary>
/// What every companion command (status, sync, backup, restore) starts from: the repository, its Prisma project,
/// the project's migrations in the working tree and HEAD, and where the local and production databases are.
/// </summary>
internal sealed class CompanionContext
{
    CompanionContext(
        CommandContext command, PrismaProject project, IReadOnlyList<RepositoryMigration> workingTree, IReadOnlyList<RepositoryMigration> head, DatabaseUrlSource? local)
    {
        Command = command;
        Project = project;
        WorkingTree = workingTree;
        Head = head;
        LocalSource = local;
    }

    /// <summary>The command's context this one was made from: the values every command works out once.</summary>
    public CommandContext Command { get; }

    public RepositoryLocation Location => Command.Repository;

    public DriftHooksOptions Options => Command.Options;

    public IReadOnlyDictionary<string, string?> Environment => Command.Environment;

    public PrismaProject Project { get; }

    public IReadOnlyList<RepositoryMigration> WorkingTree { get; }

    public IReadOnlyList<RepositoryMigration> Head { get; }

    public DatabaseUrlSource? LocalSource { get; }

    /// <summary>The setting the local URL is read from (the project's Prisma variable), named in every message that asks for it.</summary>
    public LocalUrlSetting LocalSetting => LocalUrlSetting.For(Location, Project, Options.Settings);

    public DatabaseUrlSource? ProductionSource => Command.Production?.Source;

    /// <summary>Where backups go: <c>Backups:Folder</c>, default <c>.drifthooks/backups</c>, confined as <see cref="BackupsFolderSetting"/> says.</summary>
    public string BackupFolder => _backupFolder ??= BackupsFolderSetting.Resolve(Options.Settings, Location.WorkTree, [Project]);

    string? _backupFolder;

    /// <summary>
    /// The newest backup of the local history that holds applied rows, relative to the work tree (what a lost local
    /// history is restored from), or null.
    /// </summary>
    public string? RestorableLocalBackup =>
        HistoryBackupFile.NewestWithRows(BackupFolder, "local") is { } newest ? Path.GetRelativePath(Location.WorkTree, newest.Path) : null;

    /// <summary>How the user runs DriftHooks here, named in every fix that is a DriftHooks command (read on first use).</summary>
    public Invocation Invocation => Command.Invocation;

    public DatabaseConnectionOptions ProductionConnection => Command.Production?.Connection ?? ProductionTarget.ConnectionFor(Options.Production);

    /// <summary>The context for the command: its repository's project, migrations and databases, each read once.</summary>
    public static CompanionContext Load(CommandContext command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var location = command.Repository;
        var options = command.Options;
        var project = command.Project ?? throw new ConfigurationException(
            "No Prisma project was found in this repository (no tracked schema.prisma, prisma.config.ts or package.json \"prisma\" key). Commit the schema, or name it under Projects in " + OptionsLoader.CommittedFile + ".");

        if (PrismaDatasource.OtherThanPostgres(project, location.ReadWorkTreeFile) is { } provider)
        {
            throw new ConfigurationException(
                $"{PrismaDatasource.NotCompared(provider)} ({project.SchemaPath}), so this command has no database it can read or compare. The pre-commit hook and {command.Invocation.Command("check")} still protect the committed migrations (edited, deleted, renamed, conflicted or not UTF-8).");
        }

        IReadOnlyList<RepositoryMigration> head = [];
        using (var reader = new RepositoryReader(location))
        {
            if (reader.Head().Commit is { } commit)
            {
                head = CommitMigrations.Read(reader.Trees(commit), project);
            }
        }

        return new CompanionContext(
            command,
            project,
            WorkingTreeMigrations.Read(location.WorkTree, project),
            head,
            LocalUrlResolver.Resolve(location, project, options.Settings));
    }

    /// <summary>The local URL. Whether it reaches production is decided by the servers, when it is opened through <see cref="PrepareGuardAsync"/>'s guard.</summary>
    /// <param name="command">The command that needs it (<c>sync</c>), named as the user runs it.</param>
    public DatabaseUrl RequireLocalUrl(string command)
    {
        var source = LocalSource ?? throw new ConfigurationException(
            $"No local development database is configured, so '{Invocation.Command(command)}' has nothing to work on. Set {LocalSetting.WhereToSet}{(LocalSetting.Fix is { } fix ? "; for example: " + fix : ".")}");
        return source.Parse();
    }

    /// <summary>The guard every database this command writes is opened through: production's identity, read now or remembered in this repository.</summary>
    public Task<ProductionGuard> PrepareGuardAsync(bool targetConfirmedNotProduction, CancellationToken cancellationToken = default) =>
        ProductionGuard.PrepareAsync(
            new ProductionReference(Command.Production?.Url, ProductionConnection, Location.StateDirectory, targetConfirmedNotProduction),
            cancellationToken);

    /// <summary>Records what a command did in the audit log.</summary>
    /// <exception cref="Overrides.AuditLogUnavailableException">The record could not be written; the message says what was done.</exception>
    public void Audit(string action, IReadOnlyList<Finding> findings)
    {
        try
        {
            Overrides.AuditLog.Record(Location.StateDirectory, new Overrides.AuditEntry(
                action, "drifthooks " + action, GitRepository.CurrentUser(Location, Environment), GitRepository.CurrentBranch(Location), null, findings));
        }
        catch (Overrides.AuditLogUnavailableException e)
        {
            throw new Overrides.AuditLogUnavailableException($"'{action}' ran ({string.Join("; ", findings.Select(f => f.Message))}), but {e.Message}", e);
        }
    }
}
