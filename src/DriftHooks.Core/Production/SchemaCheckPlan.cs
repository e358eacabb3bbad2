using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Production;

/// <summary>
/// Whether a comparison with production also compares production's schema, and on which shadow server: decided once,
/// from <c>Production:SchemaCheck</c> and the shadow server at hand. <see cref="Notice"/> is the line that says why
/// production's schema was not compared, when it was not and someone should know.
/// </summary>
internal sealed record SchemaCheckPlan(DatabaseUrl? ShadowServer, string? ShadowSource, bool Required, Finding? Notice)
{
    /// <summary>The setting that turns the check on, named in the line that says it did not run.</summary>
    public static readonly string TurnOn =
        $"set \"Shadow\": {{ \"Url\": \"postgresql://user:password@localhost:5432/postgres\" }} in {OptionsLoader.LocalFile} (any PostgreSQL where you may create databases; the local development database's URL serves too)";

    /// <summary>The same setting for CI, where the job's environment is the configuration.</summary>
    public const string TurnOnInCi = "give the job a PostgreSQL service container and set DRIFTHOOKS__SHADOW__URL to it (see docs/ci.md)";

    /// <param name="turnOn">How to turn the check on, where it did not run for want of a shadow server.</param>
    /// <param name="production">Production's settings as this decision reads them (CI ignores a machine's switch).</param>
    public static SchemaCheckPlan Decide(CommandContext context, PrismaProject project, ProductionOptions production, string? turnOn = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(production);
        var mode = production.SchemaCheck;
        if (mode == SchemaCheckMode.Off)
        {
            // Team policy (the committed file) is silent; one machine's switch is a bypass, shown and recorded.
            return new SchemaCheckPlan(null, null, false, production.SchemaCheckOffBy is { } by
                ? Finding.Warning(
                    SchemaDriftCodes.SwitchedOff,
                    $"Production's schema was not compared with its migrations: Production:SchemaCheck is false on this machine only ({by}).",
                    null,
                    null)
                : null);
        }

        var required = mode == SchemaCheckMode.On;
        try
        {
            var source = context.ShadowFor(project);
            if (source is null)
            {
                return required
                    ? throw new ConfigurationException(
                        "Production:SchemaCheck is on, but no server is configured for the shadow database the check replays production's migrations on. "
                        + $"Set {context.ShadowWhereToSet(project)}; or set Production:SchemaCheck to false.")
                    : NotCompared($"Production's schema was not compared with its migrations (no shadow server): to check it every time, {turnOn ?? TurnOn}.");
            }

            // Whether the shadow server is production is decided by the servers, when it is connected to (ProductionGuard).
            return new SchemaCheckPlan(source.Parse(), source.Source, required, null);
        }
        catch (ConfigurationException e) when (!required)
        {
            // By default a shadow server that cannot be used (an untrusted committed .env) costs the check, not the push.
            return NotCompared($"Production's schema was not compared with its migrations: {e.Message}");
        }
    }

    static SchemaCheckPlan NotCompared(string message) =>
        new(null, null, false, Finding.Warning(SchemaDriftCodes.NotCompared, message, null, null));
}
