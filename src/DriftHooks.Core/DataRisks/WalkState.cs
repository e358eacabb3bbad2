using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.DataRisks;

/// <summary>A column as the walk knows it at one point of the push.</summary>
internal sealed class ColumnState(string? productionName, bool productionNotNull)
{
    /// <summary>The column's name in production; null for a column this push adds.</summary>
    public string? ProductionName { get; } = productionName;

    /// <summary>
    /// The condition (over production's columns, as they are before the push) of the rows where the column is NULL
    /// at this point of the push: "true" every row, "false" none, null not known.
    /// </summary>
    public string? NullWhere { get; set; } = productionName is null ? null : productionNotNull ? "false" : Sql.QuoteIdentifier(productionName) + " IS NULL";

    /// <summary>A column a backfill of this push wrote.</summary>
    public bool Backfilled { get; set; }

    /// <summary>Its values are not production's: added by this push, or written by a backfill.</summary>
    public bool Changed => ProductionName is null || Backfilled;

    /// <summary>Added by this push and NULL in every row so far.</summary>
    public bool IsAllNull => ProductionName is null && NullWhere == "true";
}

/// <summary>A table as the walk knows it at one point of the push.</summary>
internal sealed class TableState
{
    public string? ProductionSchema { get; init; }

    public string? ProductionName { get; init; }

    /// <summary>Created by this push: empty until <see cref="DataChangedAt"/>.</summary>
    public bool Created { get; init; }

    /// <summary>Where the push changed its rows otherwise than by a followed backfill (migration, line).</summary>
    public string? DataChangedAt { get; set; }

    public Dictionary<string, ColumnState> Columns { get; } = new(StringComparer.Ordinal);

    public string Quoted => Sql.QuoteIdentifier(ProductionSchema!) + "." + Sql.QuoteIdentifier(ProductionName!);
}
