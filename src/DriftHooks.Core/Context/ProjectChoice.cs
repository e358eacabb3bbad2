using DriftHooks.Core.Commits;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Context;

/// <summary>Which of a repository's Prisma projects production runs: the only one, or the one <c>Production:Project</c> names.</summary>
internal static class ProjectChoice
{
    /// <summary>The project production belongs to, among those the index holds.</summary>
    public static PrismaProject? Choose(RepositoryLocation location, DriftHooksOptions options) =>
        Choose(ProjectLocator.InIndex(location, options.Projects), options);

    /// <summary>Of the located projects, the one production runs.</summary>
    /// <exception cref="ConfigurationException">Several projects and <c>Production:Project</c> names none of them.</exception>
    public static PrismaProject? Choose(IReadOnlyList<PrismaProject> projects, DriftHooksOptions options)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(options);
        if (projects.Count <= 1)
        {
            return projects.FirstOrDefault();
        }

        var named = options.Production.Project;
        return projects.FirstOrDefault(p => p.SchemaPath == named || p.MigrationsPath == named) ?? throw new ConfigurationException(
            $"This repository has {projects.Count} Prisma projects ({string.Join(", ", projects.Select(p => p.SchemaPath))}); say which one production runs with Production:Project (its schema path) in {OptionsLoader.CommittedFile}.");
    }
}
