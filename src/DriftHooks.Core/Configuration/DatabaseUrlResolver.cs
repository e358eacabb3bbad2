using DriftHooks.Core.Git;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// The one URL lookup every database shares: the first of its <see cref="UrlPlace"/>s that names a URL wins, and a
/// URL read from a file git tracks is used only once the developer has trusted that exact content
/// (<c>drifthooks trust</c>): anyone whose pull request is merged can edit a committed file, and the host it names
/// would receive the developer's credentials.
/// </summary>
internal static class DatabaseUrlResolver
{
    /// <param name="location">Null outside a repository: only environment variables are read.</param>
    /// <param name="settings">The environment and the setting files, each read once per command (<see cref="DriftHooksOptions.Settings"/>).</param>
    /// <param name="what">The URL in messages ("production URL").</param>
    /// <param name="whereToSet">Which setting is read for it and where it may be put, carried with the URL for messages.</param>
    public static DatabaseUrlSource? Resolve(
        RepositoryLocation? location, SettingFiles settings, IEnumerable<UrlPlace> places, string what, string whereToSet)
    {
        var found = Find(location, settings, places, what, whereToSet);
        // Where the URL came from, never the URL: it may hold a password.
        Logging.DiagnosticLog.Current?.Debug("{What}: {Source}", what, found is null ? "not set" : "from " + found.Source);
        return found;
    }

    static DatabaseUrlSource? Find(
        RepositoryLocation? location, SettingFiles settings, IEnumerable<UrlPlace> places, string what, string whereToSet)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(places);
        var environment = settings.Environment;
        foreach (var place in places)
        {
            if (place.Variable is { } variable)
            {
                if (Variable(environment, variable) is { } fromEnvironment)
                {
                    return new DatabaseUrlSource(fromEnvironment.Value, $"environment variable {fromEnvironment.Name}", whereToSet, fromEnvironment.Name);
                }

                continue;
            }

            if (location is null)
            {
                continue;
            }

            // One reader: the bytes parsed here are the bytes whose hash the trust rule checks.
            if (settings.Content(place.File!) is not { } content || place.Read!(content) is not { } url || string.IsNullOrWhiteSpace(url))
            {
                continue;
            }

            if (IsTracked(location, place.File!) && !TrustStore.IsTrusted(location.StateDirectory, place.File!, content))
            {
                var trust = Installation.Invocation.ForThisProcess(location).Command("trust");
                throw new UntrustedFileException(
                    $"The {what} comes from {place.File}, which is committed to git: anyone whose pull request is merged can point it at a server of theirs, " +
                    $"which would then receive your database credentials. Review the host it names, then run '{trust}' to trust this exact content " +
                    $"(it is asked again whenever the file changes), or set {whereToSet} instead.",
                    place.File!,
                    trust);
            }

            return new DatabaseUrlSource(url, place.Source, whereToSet);
        }

        return null;
    }

    /// <summary>Every committed file any database URL (production, shadow, local) may be read from: what <c>drifthooks trust</c> records.</summary>
    public static IReadOnlyList<string> TrustableFiles(RepositoryLocation location, Prisma.PrismaProject? project, SettingFiles settings) =>
        TrackedFiles(location, [.. ProductionUrlResolver.Places, .. ShadowUrlResolver.Places(location, project, settings)]);

    /// <summary>The files among <paramref name="places"/> that exist and git tracks: those a trust decision covers.</summary>
    public static IReadOnlyList<string> TrackedFiles(RepositoryLocation location, IEnumerable<UrlPlace> places) =>
        [.. places.Select(p => p.File).OfType<string>().Distinct(StringComparer.Ordinal)
            .Where(f => File.Exists(Path.Combine(location.WorkTree, f)) && IsTracked(location, f))];

    public static bool IsTracked(RepositoryLocation location, string file) =>
        GitIndexReader.ReadEntries(location.IndexFile, [file]).Count > 0;

    // DriftHooks's own DRIFTHOOKS__SECTION__KEY names match case-insensitively, as configuration binds them.
    static (string Name, string Value)? Variable(IReadOnlyDictionary<string, string?> environment, string variable)
    {
        if (environment.GetValueOrDefault(variable) is { Length: > 0 } exact && !string.IsNullOrWhiteSpace(exact))
        {
            return (variable, exact);
        }

        if (variable.StartsWith("DRIFTHOOKS__", StringComparison.Ordinal))
        {
            foreach (var (name, value) in environment)
            {
                if (string.Equals(name, variable, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
                {
                    return (name, value);
                }
            }
        }

        return null;
    }
}
