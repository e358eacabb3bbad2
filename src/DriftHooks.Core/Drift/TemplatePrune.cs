using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Database;

namespace DriftHooks.Core.Drift;

/// <summary>
/// Drops the schema check's template databases from the shadow server this repository resolves (for
/// <c>drifthooks drift --prune</c> and <c>drifthooks uninstall</c>), and says what it did in one line.
/// </summary>
internal static class TemplatePrune
{
    /// <summary>The shadow server of this repository (its production project's <c>.env</c> included), or null.</summary>
    public static DatabaseUrlSource? ShadowServer(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Several projects and none named for production: the root .env still names a server.
        return context.ShadowFor(context.ProjectOrNone);
    }

    /// <summary>The guard for writing outside a companion command: this repository's production (read now, else remembered).</summary>
    public static Task<ProductionGuard> GuardAsync(CommandContext context, bool targetConfirmedNotProduction)
    {
        ArgumentNullException.ThrowIfNull(context);
        var production = context.Production;
        return ProductionGuard.PrepareAsync(new ProductionReference(
            production?.Url, production?.Connection ?? ProductionTarget.ConnectionFor(context.Options.Production), context.Location?.StateDirectory, targetConfirmedNotProduction));
    }

    /// <param name="guard">Dropping databases is writing: the shadow server is checked against production first.</param>
    /// <param name="invocation">How the user runs DriftHooks, for the command named when some templates stay.</param>
    public static async Task<string> RunAsync(DatabaseUrlSource server, ProductionGuard guard, Installation.Invocation invocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(invocation);
        var url = server.Parse();
        await using var admin = await WritableDatabase.OpenAsync(url, guard, new DatabaseConnectionOptions(), cancellationToken).ConfigureAwait(false);
        var result = await ShadowTemplates.PruneAsync(admin, cancellationToken).ConfigureAwait(false);
        var line = $"Dropped {result.Dropped.Count} DriftHooks template database(s) from {url.Redacted} (shadow server from {server.Source})";
        return result.Left.Count == 0
            ? line + "."
            : line + $"; {result.Left.Count} in use by another session stayed ({string.Join(", ", result.Left)}): run {invocation.Command("drift --prune")} again later.";
    }
}
