using DriftHooks.Core.Configuration;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Rules;

/// <summary>
/// Where a printed <c>prisma migrate diff --from-migrations</c> replays the migrations. Prisma empties the database it
/// is given as <c>--shadow-database-url</c> before replaying into it, so a fix never names a database of the shadow
/// server (the development database itself, where that is the shadow server): it creates a throwaway database there,
/// diffs with it and drops it. Printed ready to run when the shadow server's URL is in an environment variable
/// (referenced, never its value: no password is printed) and the schema reads its URL from a variable Prisma can be
/// pointed with for the create and the drop; else with a placeholder that says what it must be.
/// </summary>
/// <param name="UrlVariable">The environment variable the shadow server's URL was read from, or null (a file, or none).</param>
/// <param name="DatasourceVariable">The variable the project's datasource reads (<c>DATABASE_URL</c>), or null.</param>
internal sealed record ThrowawayShadow(string? UrlVariable, string? DatasourceVariable)
{
    /// <summary>The database the fix creates on the shadow server and drops after the diff.</summary>
    public const string Database = "drifthooks_diff_shadow";

    public const string Placeholder = "<throwaway_database_url>";

    public static ThrowawayShadow Unknown { get; } = new(null, null);

    /// <summary>What the command's settings say; read only when a fix is printed (a refusal), never for a passing commit.</summary>
    public static ThrowawayShadow For(RepositoryLocation location, PrismaProject project, SettingFiles settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            var source = ShadowUrlResolver.Resolve(location, project, settings);
            // Only a URL (postgresql://…) can be rewritten by the shell; Npgsql's Host=…;Database=… form gets the placeholder.
            var variable = source is null || !IsUrl(source.Url) ? null : ShadowUrlResolver.Places(location, project, settings).FirstOrDefault(p => p.Variable is not null && p.Source == source.Source)?.Variable;
            return new(variable, LocalUrlSetting.UrlVariable(settings, project).Variable);
        }
        catch (ConfigurationException)
        {
            // An untrusted committed URL, say: the refusal still prints its fix, with the placeholder.
            return Unknown;
        }
    }

    static bool IsUrl(string value) =>
        value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// POSIX sh that prints the URL in <paramref name="variable"/> with its database replaced by <see cref="Database"/>,
    /// its scheme, authority and ?query kept: the query split off first, since it may hold a '/' of its own
    /// (<c>?host=/var/run/postgresql</c>, a socket directory), and the path cut at the authority's end, so a URL with
    /// no database path gets one. The variable is referenced, never expanded into the printed text.
    /// </summary>
    public static string ThrowawayUrl(string variable) =>
        $"\"$(u=\"${variable}\"; b=\"${{u%%[?]*}}\"; a=\"${{b#*://}}\"; printf %s \"${{b%\"$a\"}}${{a%%/*}}/{Database}${{u#\"$b\"}}\")\"";

    bool Runnable => UrlVariable is { } url && FixText.IsVariableName(url) && DatasourceVariable is { } datasource && FixText.IsVariableName(datasource);

    /// <summary>
    /// The diff wrapped in the steps that give it a throwaway database: <paramref name="step"/> gets the
    /// <c>npx prisma migrate diff …</c> command and returns the step that runs it (<c>… --script &gt;&gt; file</c>).
    /// </summary>
    public string Around(PrismaProject project, Func<string, string> step)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(step);
        var diff = $"npx prisma migrate diff --from-migrations {FixText.Quote(project.MigrationsPath)} --to-schema-datamodel {FixText.Quote(project.SchemaPath)} --shadow-database-url ";
        if (!Runnable)
        {
            return step(diff + Placeholder)
                + $" ({Placeholder}: an empty database made for this on the shadow server and dropped after, never the development database, which Prisma would empty; "
                + "with the shadow server's URL in the environment, DRIFTHOOKS__SHADOW__URL, this fix is printed ready to run)";
        }

        // The shadow server's URL with its database replaced: the throwaway one on the same server.
        var execute = $"{DatasourceVariable}=\"${UrlVariable}\" npx prisma db execute --stdin --schema {FixText.Quote(project.SchemaPath)}";
        return $"echo 'CREATE DATABASE {Database}' | {execute}, then {step(diff + ThrowawayUrl(UrlVariable!))}, then echo 'DROP DATABASE {Database}' | {execute}";
    }
}
