using System.Globalization;
using System.Text.Json;
using DriftHooks.Core.Database;
using DriftHooks.Core.Files;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Companion;

/// <summary>
/// Writes and reads backup files: JSON with Utf8JsonWriter/JsonDocument (no reflection, native-AOT clean). Files are
/// never overwritten; the folder gets a <c>.gitignore</c> of <c>*</c> so backups are never committed. A backup is
/// written whole to a temporary file, flushed to disk and renamed (<see cref="FileWriter"/>): a full disk or a killed
/// process leaves no backup rather than an empty or cut one.
/// </summary>
internal static class HistoryBackupFile
{
    public const string Format = "drifthooks-migration-history-backup";
    public const int CurrentVersion = 1;

    /// <summary>Writes a new timestamped file for the backup under <paramref name="folder"/> and returns its path.</summary>
    public static string Write(string folder, HistoryBackup backup)
    {
        EnsureFolder(folder);
        var stamp = backup.CreatedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        for (var attempt = 1; ; attempt++)
        {
            var name = $"{backup.Label}-{stamp}{(attempt == 1 ? "" : "-" + attempt.ToString(CultureInfo.InvariantCulture))}.json";
            var path = Path.Combine(folder, name);
            // An existing backup (or anything else of that name) is never replaced.
            if (FileWriter.TryCreate(path, stream =>
            {
                using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                WriteJson(writer, backup);
            }))
            {
                return path;
            }
        }
    }

    /// <summary>
    /// The newest backup in <paramref name="folder"/> (of <paramref name="label"/>'s database, or any) that holds an
    /// applied row: an empty history is nothing to restore, so it does not count as a backup. Unreadable files are skipped.
    /// </summary>
    public static (string Path, HistoryBackup Backup)? NewestWithRows(string folder, string? label = null)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        (string Path, HistoryBackup Backup)? newest = null;
        foreach (var path in Directory.EnumerateFiles(folder, (label ?? "*") + "-*.json"))
        {
            HistoryBackup backup;
            try
            {
                backup = Read(path);
            }
            catch (DriftHooksException)
            {
                continue;
            }

            if (backup.Rows.Any(r => r.IsApplied) && (newest is null || backup.CreatedAt > newest.Value.Backup.CreatedAt))
            {
                newest = (path, backup);
            }
        }

        return newest;
    }

    /// <summary>
    /// Whether a file of the backup folder counts as a backup: a <c>.json</c> file only when it reads as a DriftHooks
    /// backup holding an applied row (an empty, cut or foreign one restores nothing), any other file (a pg_dump, say)
    /// when it is a regular file with content; never the folder's own <c>.gitignore</c> or a writer's hidden temporary file.
    /// </summary>
    public static bool CountsAsBackup(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.'))
        {
            return false;
        }

        if (!name.EndsWith(".json", StringComparison.Ordinal))
        {
            return RegularFile.TryReadStart(path, 1) is { Length: > 0 };
        }

        try
        {
            return Read(path).Rows.Any(r => r.IsApplied);
        }
        catch (DriftHooksException)
        {
            return false;
        }
    }

    /// <summary>Creates the folder and its <c>.gitignore</c> (<c>*</c>) if missing.</summary>
    public static void EnsureFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        // Created only where nothing has the name: an existing .gitignore, or a link, is never written through.
        FileWriter.TryCreate(Path.Combine(folder, ".gitignore"), stream => stream.Write("*\n"u8));
    }

    static void WriteJson(Utf8JsonWriter writer, HistoryBackup backup)
    {
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteNumber("formatVersion", backup.FormatVersion);
        writer.WriteString("database", backup.Label);
        writer.WriteString("url", backup.Url);
        writer.WriteString("schema", backup.Schema);
        writer.WriteString("createdAt", Time(backup.CreatedAt));
        writer.WriteBoolean("tableExists", backup.TableExists);
        writer.WriteStartArray("rows");
        foreach (var row in backup.Rows)
        {
            writer.WriteStartObject();
            writer.WriteString("id", row.Id);
            writer.WriteString("checksum", row.Checksum);
            WriteNullable(writer, "finished_at", row.FinishedAt);
            writer.WriteString("migration_name", row.MigrationName);
            if (row.Logs is null)
            {
                writer.WriteNull("logs");
            }
            else
            {
                writer.WriteString("logs", row.Logs);
            }

            WriteNullable(writer, "rolled_back_at", row.RolledBackAt);
            writer.WriteString("started_at", Time(row.StartedAt));
            writer.WriteNumber("applied_steps_count", row.AppliedStepsCount);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    static void WriteNullable(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, Time(v));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    // Round-trip format in UTC: PostgreSQL keeps microseconds, which "O" preserves exactly.
    static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Reads a backup file; anything that is not a DriftHooks backup is a <see cref="ConfigurationException"/>.</summary>
    /// <param name="invocation">How the user runs DriftHooks, for the command named as the one that writes backups (plain when not given).</param>
    public static HistoryBackup Read(string path, Installation.Invocation? invocation = null)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"The backup file '{path}' does not exist.");
        }

        var notBackup = $"'{path}' is not a DriftHooks backup (expected JSON with \"format\": \"{Format}\", as written by {(invocation ?? Installation.Invocation.Plain).Command("backup")}).";
        try
        {
            using var document = JsonDocument.Parse(RegularFile.Read(path, RegularFile.SourceLimit));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                throw new ConfigurationException(notBackup);
            }

            var version = root.GetProperty("formatVersion").GetInt32();
            if (version > CurrentVersion)
            {
                throw new ConfigurationException($"'{path}' is a backup of format version {version}; this DriftHooks reads up to version {CurrentVersion}. Update DriftHooks.");
            }

            var rows = new List<MigrationRecord>();
            foreach (var row in root.GetProperty("rows").EnumerateArray())
            {
                rows.Add(new MigrationRecord(
                    Required(row.GetProperty("id")),
                    row.GetProperty("checksum").GetString(),
                    NullableTime(row.GetProperty("finished_at")),
                    Required(row.GetProperty("migration_name")),
                    row.GetProperty("logs") is { ValueKind: JsonValueKind.String } logs ? logs.GetString() : null,
                    NullableTime(row.GetProperty("rolled_back_at")),
                    ParseTime(row.GetProperty("started_at").GetString()!),
                    row.GetProperty("applied_steps_count").GetInt32()));
            }

            return new HistoryBackup(
                version,
                root.GetProperty("database").GetString()!,
                root.GetProperty("url").GetString()!,
                root.GetProperty("schema").GetString()!,
                ParseTime(root.GetProperty("createdAt").GetString()!),
                root.TryGetProperty("tableExists", out var exists) && exists.ValueKind == JsonValueKind.True,
                rows);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new ConfigurationException(notBackup + $" ({e.Message})", e);
        }
    }

    static string Required(JsonElement element) => element.GetString() ?? throw new FormatException($"expected a string, found null");

    static DateTimeOffset? NullableTime(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : ParseTime(element.GetString()!);

    static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
