using DriftHooks.Core.Commits;
using DriftHooks.Core.Companion;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Installation;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Production;
using DriftHooks.Core.Rules;
using DriftHooks.Core.Status;

namespace DriftHooks.Core.Doctor;

/// <summary>
/// <c>drifthooks doctor</c>: the checklist to run before starting work: branch, upstream, uncommitted migrations,
/// hooks, backup, HEAD's migrations against production, and the local database against the working tree and production. Each item says how to fix itself.
/// </summary>
internal static class DoctorCheck
{
    public static readonly TimeSpan BackupMaxAge = TimeSpan.FromDays(7);

    public static async Task<IReadOnlyList<DoctorItem>> RunAsync(
        CommandContext context,
        DoctorRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var (location, options) = (context.Repository, context.Options);
        var projects = LocateProjects(location, options);
        var invocation = request.Invocation ?? Invocation.Plain;
        var items = new List<DoctorItem>
        {
            Branch(location),
            Upstream(location, request.Fetch),
            Migrations(location, projects),
            Hooks(location, request.Version, invocation),
            Backup(location, options, projects, request.Now, invocation),
            await ProductionAsync(context, projects, invocation, cancellationToken).ConfigureAwait(false),
            await LocalAsync(context, projects, invocation, cancellationToken).ConfigureAwait(false),
        };
        return items;
    }

    private static DoctorItem Branch(RepositoryLocation location)
    {
        string branch;
        string? defaultBranch;
        using (var reader = new RepositoryReader(location))
        {
            branch = GitRepository.CurrentBranch(reader.Head());
            defaultBranch = DefaultBranch.Find(reader) is { } found ? DefaultBranch.ShortName(found.Name) : null;
        }

        if (branch.StartsWith('('))
        {
            return new("branch", "branch", DoctorStatus.Warn, $"HEAD is detached {branch}: commits made here belong to no branch", defaultBranch is null ? "git switch <branch>" : $"git switch {FixText.Quote(defaultBranch)}");
        }

        if (defaultBranch is null || branch == defaultBranch)
        {
            return new("branch", "branch", DoctorStatus.Pass, $"on {branch}");
        }

        return new("branch", "branch", DoctorStatus.Warn, $"on {branch}, not the default branch {defaultBranch}", $"if you are starting new work: git switch {FixText.Quote(defaultBranch)} && git pull, then branch from there");
    }

    private static DoctorItem Upstream(RepositoryLocation location, bool fetch)
    {
        var note = "";
        if (fetch)
        {
            // git itself: libgit2 knows neither the user's credential helpers nor their SSH setup.
            var fetched = GitCommandLine.Run(location.WorkTree, "fetch", "--quiet");
            note = fetched.ExitCode == 0 ? "" : $" (git fetch failed: {FirstLine(fetched.Error)}; compared with the last fetch)";
        }
        else
        {
            note = " (as of the last fetch; --fetch to refresh)";
        }

        using var reader = new RepositoryReader(location);
        var head = reader.Head();
        if (head.Branch is not { } local || reader.Upstream(local) is not { } upstream || reader.Resolve(upstream) is not { } upstreamCommit)
        {
            var branch = GitRepository.CurrentBranch(head);
            return new("upstream", "upstream", DoctorStatus.Warn, "the current branch tracks no upstream branch, so it cannot tell whether you are behind", branch.StartsWith('(') ? null : $"git push -u origin {FixText.Quote(branch)}");
        }

        var name = DefaultBranch.DisplayName(upstream);
        if (head.Commit is null)
        {
            return new("upstream", "upstream", DoctorStatus.Warn, $"cannot compare with {name}: the branch has no commit yet", "git fetch");
        }

        var (ahead, behind) = reader.Divergence(head.Commit, upstreamCommit);
        if (behind > 0)
        {
            return new("upstream", "upstream", DoctorStatus.Fail, $"{FixText.Count(behind, "commit")} behind {name}{(ahead > 0 ? $" and {ahead} ahead" : "")}{note}: migrations written now may sort before ones you have not pulled", "git pull --rebase");
        }

        return new("upstream", "upstream", DoctorStatus.Pass, ahead > 0 ? $"up to date with {name}; {FixText.Count(ahead, "commit")} not pushed yet{note}" : $"up to date with {name}{note}");
    }

    private static DoctorItem Migrations(RepositoryLocation location, IReadOnlyList<PrismaProject> projects)
    {
        if (projects.Count == 0)
        {
            return new("migrations", "migrations", DoctorStatus.Skip, "no Prisma project found in this repository");
        }

        var uncommitted = new UncommittedMigrations();
        foreach (var project in projects)
        {
            uncommitted.Add(project, StatusEntries(location, project));
        }

        var failing = uncommitted.Failing.DistinctBy(f => f.Path).ToList();
        if (failing.Count > 0)
        {
            return new(
                "migrations",
                "migrations",
                DoctorStatus.Fail,
                string.Join("; ", failing.Select(f => $"{f.Path} is {f.What}")),
                string.Join("; ", failing.Select(f => f.Fix).Where(f => f.Length > 0).Concat(uncommitted.Commits).Distinct(StringComparer.Ordinal)));
        }

        if (uncommitted.Staged.Count > 0)
        {
            var list = FixText.Names(uncommitted.Staged.Distinct(StringComparer.Ordinal));
            return new("migrations", "migrations", DoctorStatus.Warn, $"staged but not committed: {list}", string.Join("; ", uncommitted.Commits));
        }

        return new("migrations", "migrations", DoctorStatus.Pass, $"every migration under {string.Join(", ", projects.Select(p => p.MigrationsPath).Distinct(StringComparer.Ordinal))} is committed");
    }

    /// <summary><c>git status --porcelain=v1 -z</c> of the project's migrations folder, one entry (or a rename's original path) per element.</summary>
    private static string[] StatusEntries(RepositoryLocation location, PrismaProject project)
    {
        // git itself: libgit2's status ignores fsmonitor, and its ignore rules and filters can differ from git's.
        var status = GitCommandLine.Run(location.WorkTree, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", project.MigrationsPath);
        if (status.ExitCode != 0)
        {
            throw new ResourceUnavailableException($"git status failed in '{location.WorkTree}': {FirstLine(status.Error)}");
        }

        return status.Output.Split('\0');
    }

    /// <summary>The migrations git status shows as not committed, each with what is wrong and its fix, and the commits that would take them.</summary>
    private sealed class UncommittedMigrations
    {
        /// <summary>Untracked, partly staged, or changed or deleted after they were committed.</summary>
        public List<(string Path, string What, string Fix)> Failing { get; } = [];

        public List<string> Staged { get; } = [];

        /// <summary>Per project, one commit of everything made but not committed, with the schema beside it, as status's DH420 prints it.</summary>
        public List<string> Commits { get; } = [];

        public void Add(PrismaProject project, string[] entries)
        {
            var toCommit = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < entries.Length; i++)
            {
                var entry = entries[i];
                if (entry.Length < 4)
                {
                    continue;
                }

                char x = entry[0], y = entry[1];
                var path = entry[3..];
                if (x is 'R' or 'C')
                {
                    i++; // the entry's original path follows
                }

                var name = project.MigrationNameOf(path);
                var folder = name is null ? path : project.MigrationFolder(name);
                if (seen.Add(folder + x + y) && Judge(folder, x, y))
                {
                    toCommit.Add(name ?? Path.GetFileName(path));
                }
            }

            if (toCommit.Count > 0)
            {
                Commits.Add(ProjectFixText.CommitMigrations(project, [.. toCommit.Distinct(StringComparer.Ordinal)]));
            }
        }

        /// <summary>Files the folder as failing or staged by its two status letters; true when committing it is (part of) the fix.</summary>
        private bool Judge(string folder, char x, char y)
        {
            if (x == '?' || (y != ' ' && x != ' '))
            {
                Failing.Add((folder, x == '?' ? "untracked" : "partly staged", ""));
                return true;
            }

            if (y != ' ')
            {
                Failing.Add((folder, y == 'D' ? "deleted, not committed" : "changed after it was committed", $"git restore -- {FixText.Quote(folder)} (put the change in a new migration: npx prisma migrate dev --create-only)"));
                return false;
            }

            Staged.Add(folder);
            return true;
        }
    }

    private static DoctorItem Hooks(RepositoryLocation location, string version, Invocation invocation)
    {
        var install = invocation.Command("install");
        var state = InstallState.Read(location.StateDirectory);
        if (state is null)
        {
            return new("hooks", "hooks", DoctorStatus.Fail, "DriftHooks's hooks are not installed in this repository", install);
        }

        var setting = HookInstaller.HooksPathSetting(location);
        var hooksDirectory = setting ?? HookInstaller.HooksDirectory(location);
        if (!SamePath(hooksDirectory, state.HooksDirectory))
        {
            return new("hooks", "hooks", DoctorStatus.Fail, $"git runs hooks from {hooksDirectory}{(setting is null ? "" : " (core.hooksPath)")}, but they were installed in {state.HooksDirectory}", install);
        }

        var executable = HookInstaller.InstalledExecutable(location);
        foreach (var hook in HookInstaller.HookNames)
        {
            if (state.Husky)
            {
                var script = HuskyScript.PathFor(hooksDirectory, hook);
                if (!HuskyScript.Has(script, hook) || !File.Exists(executable))
                {
                    return new("hooks", "hooks", DoctorStatus.Fail, $"{script} does not run DriftHooks's {hook} hook (husky runs that script)", install);
                }
            }
            else
            {
                var path = Path.Combine(hooksDirectory, hook);
                if (!HookInstaller.IsInstalledHook(location, hooksDirectory, hook) || !File.Exists(executable))
                {
                    return new("hooks", "hooks", DoctorStatus.Fail, $"{path} is not DriftHooks's {hook} hook (another tool may have replaced it, or an older drifthooks installed it)", install);
                }

                // Left by an install of another build: the hook skips it with a notice on every run; install removes it.
                var chained = InstallState.ChainedPath(hooksDirectory, hook);
                if (OwnHook.Is(chained))
                {
                    return new("hooks", "hooks", DoctorStatus.Fail, $"{chained}, the hook kept to run before DriftHooks's {hook} hook, is DriftHooks itself (left by an install of another build); the hook skips it with a notice on every run", install);
                }
            }
        }

        // Versions, not bytes: a rebuild of the same commit is the same DriftHooks, and another commit is not.
        return state.Version == version
            ? new("hooks", "hooks", DoctorStatus.Pass, $"installed and current in {hooksDirectory}")
            : new("hooks", "hooks", DoctorStatus.Fail, $"the installed hooks are not this drifthooks's version (installed by {state.Version ?? "an older drifthooks"}, this is {version})", install);
    }

    private static DoctorItem Backup(RepositoryLocation location, DriftHooksOptions options, IReadOnlyList<PrismaProject> projects, DateTimeOffset now, Invocation invocation)
    {
        string folder;
        try
        {
            folder = BackupsFolderSetting.Resolve(options.Settings, location.WorkTree, projects);
        }
        catch (ConfigurationException e)
        {
            return new("backup", "backup", DoctorStatus.Fail, e.Message);
        }

        var configured = Path.GetRelativePath(location.WorkTree, folder);
        // Only what could be restored counts (see CountsAsBackup): a DriftHooks backup that reads and holds an applied row,
        // or another non-empty file (a pg_dump, say); never an empty or cut file a full disk left.
        var files = Directory.Exists(folder)
            ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories)
                .Where(f => HistoryBackupFile.CountsAsBackup(f.FullName)).ToList()
            : [];
        if (files.Count == 0)
        {
            return new("backup", "backup", DoctorStatus.Warn, $"no backup holding a migration history in {configured}", invocation.Command("backup"));
        }

        var newest = files.MaxBy(f => f.LastWriteTimeUtc)!;
        var age = now - new DateTimeOffset(newest.LastWriteTimeUtc, TimeSpan.Zero);
        var relative = Path.GetRelativePath(location.WorkTree, newest.FullName);
        return age <= BackupMaxAge
            ? new("backup", "backup", DoctorStatus.Pass, $"newest backup {relative} is {Age(age)} old")
            : new("backup", "backup", DoctorStatus.Warn, $"newest backup {relative} is {Age(age)} old (more than {BackupMaxAge.TotalDays:0} days)", invocation.Command("backup"));
    }

    private static async Task<DoctorItem> ProductionAsync(CommandContext context, IReadOnlyList<PrismaProject> projects, Invocation invocation, CancellationToken cancellationToken)
    {
        var (location, options) = (context.Repository, context.Options);
        const string id = "production";
        const string title = "production";
        DatabaseUrlSource? source;
        try
        {
            source = context.Production?.Source;
        }
        catch (ConfigurationException e)
        {
            return new(id, title, DoctorStatus.Fail, e.Message, (e as UntrustedFileException)?.Fix);
        }

        if (source is null)
        {
            return new(id, title, DoctorStatus.Warn, $"no production URL configured ({ProductionUrlResolver.WhereToSet}), so HEAD was not compared with production", ProductionUrlResolver.Fix);
        }

        var project = ProjectChoice.Choose(projects, options);
        string? head;
        using (var reader = new RepositoryReader(location))
        {
            head = reader.Head().Commit;
        }

        if (project is null || head is null)
        {
            return new(id, title, DoctorStatus.Skip, project is null ? "no Prisma project found" : "no commit yet");
        }

        var findings = (await ProductionComparer.CompareAsync(context, new ComparisonRequest(project, [new CommitToCompare(head, "HEAD", $"HEAD ({head})")]) { Subject = "HEAD" }, cancellationToken).ConfigureAwait(false)).Findings;
        var problems = findings.Where(f => f.Severity != Severity.Note).ToList();
        if (problems.Count == 0)
        {
            var pending = findings.FirstOrDefault(f => f.Code == PushRuleCodes.Pending);
            return new(id, title, DoctorStatus.Pass, pending is null ? "HEAD's migrations match production's history" : "in line with production; " + pending.Message);
        }

        var status = problems.Any(f => f.Severity == Severity.Error) ? DoctorStatus.Fail : DoctorStatus.Warn;
        return new(
            id,
            title,
            status,
            string.Join(" ", problems.Select(f => $"{f.Code}: {f.Message}")),
            string.Join("; ", problems.Select(f => f.Fix).OfType<string>().Distinct(StringComparer.Ordinal)));
    }

    // The local side of the three-way status: findings that are about the local database (production has its own item).
    private static readonly HashSet<string> LocalCodes = new(StringComparer.Ordinal)
    {
        CompanionRuleCodes.LocalNoHistoryTable, CompanionRuleCodes.LocalPending, CompanionRuleCodes.LocalOnly,
        CompanionRuleCodes.LocalModified, CompanionRuleCodes.LocalFailed, CompanionRuleCodes.LocalOutOfOrder,
        CompanionRuleCodes.LocalHistoryLost,
    };

    /// <summary>The local database against the working tree and production, through <c>drifthooks status</c>'s core.</summary>
    private static async Task<DoctorItem> LocalAsync(CommandContext commandContext, IReadOnlyList<PrismaProject> projects, Invocation invocation, CancellationToken cancellationToken)
    {
        const string id = "local";
        const string title = "local database";
        if (projects.Count == 0)
        {
            return new(id, title, DoctorStatus.Skip, "no Prisma project found");
        }

        CompanionContext context;
        try
        {
            context = CompanionContext.Load(commandContext);
        }
        catch (ConfigurationException e)
        {
            return new(id, title, DoctorStatus.Fail, e.Message, (e as UntrustedFileException)?.Fix);
        }

        if (context.LocalSource is null)
        {
            return new(id, title, DoctorStatus.Skip, $"no local database configured, so it was not compared (its URL is read from {context.LocalSetting.WhereToSet})", context.LocalSetting.Fix);
        }

        var report = await StatusCheck.RunAsync(context, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (report.Local.Kind == DatabaseSideKind.Unreachable)
        {
            return new(id, title, DoctorStatus.Fail, $"{report.Local.Url} (from {report.Local.Source}) is unreachable: {report.Local.Problem}", UnreachableFix.For(report.Local.Server!, isLocal: true, invocation.Command("doctor")));
        }

        var problems = report.Findings.Where(f => f.Severity >= Severity.Warning && LocalCodes.Contains(f.Code)).ToList();
        if (problems.Count == 0)
        {
            var applied = report.Rows.Count(r => r.Local == PlaceState.Applied);
            var production = report.Production.Kind == DatabaseSideKind.Read ? " and production" : "";
            return new(id, title, DoctorStatus.Pass, $"{report.Local.Url}: {FixText.Count(applied, "migration")} applied, in line with the working tree{production}");
        }

        var fixes = problems.Select(f => f.Fix).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        // A lost history is put back, never replayed: sync would fail on tables that already exist.
        if (!problems.Any(f => f.FixCommand == ThreeWayStatus.SyncCommand) && !problems.Any(f => f.Code == CompanionRuleCodes.LocalHistoryLost))
        {
            fixes.Add(invocation.Command(ThreeWayStatus.SyncCommand));
        }

        return new(
            id,
            title,
            problems.Any(f => f.Severity == Severity.Error) ? DoctorStatus.Fail : DoctorStatus.Warn,
            string.Join(" ", problems.Select(f => $"{f.Code}: {f.Message}")),
            string.Join("; ", fixes));
    }

    private static IReadOnlyList<PrismaProject> LocateProjects(RepositoryLocation location, DriftHooksOptions options) =>
        ProjectLocator.InIndex(location, options.Projects);

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    private static string FirstLine(string text) => text.Trim().Split('\n')[0].Trim();


    private static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? FixText.Count((int)age.TotalDays, "day") : age.TotalHours >= 1 ? FixText.Count((int)age.TotalHours, "hour") : FixText.Count(Math.Max(0, (int)age.TotalMinutes), "minute");
}
