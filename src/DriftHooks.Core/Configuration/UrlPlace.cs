using System.Text;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// One place a database URL may be read from: an environment variable, or a file (with how to read the URL out of
/// it). <see cref="Source"/> names it in messages.
/// </summary>
internal sealed record UrlPlace(string Source, string? Variable, string? File, Func<byte[], string?>? Read)
{
    public static UrlPlace Environment(string variable) => new($"environment variable {variable}", variable, null, null);

    /// <summary>The string at <c>section.key</c> of a JSON settings file.</summary>
    public static UrlPlace Json(string file, string section, string key, string? source = null) =>
        new(source ?? $"configuration key {section}:{key} in {file}", null, file, content => SettingFiles.ReadJson(content, section, key, file));

    /// <summary><c>variable=…</c> in a <c>.env</c> file.</summary>
    public static UrlPlace DotEnv(string file, string variable, string? source = null) =>
        new(source ?? $"{variable} in {file}", null, file, content => DotEnvFile.Parse(Encoding.UTF8.GetString(content)).GetValueOrDefault(variable));
}
