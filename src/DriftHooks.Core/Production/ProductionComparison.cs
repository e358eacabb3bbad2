using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Production;

/// <summary>What comparing commits with production found, and production's identity as that read saw it.</summary>
/// <param name="Findings">The history (and schema) findings.</param>
/// <param name="Production">Production's identity from the same connection: what guards a shadow server later in the command.</param>
internal sealed record ProductionComparison(IReadOnlyList<Finding> Findings, ProductionIdentityRead Production);
