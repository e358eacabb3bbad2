using System.Globalization;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Fuzzing;

/// <summary>
/// Feeds mutated inputs to one reader and collects every input that ended in an exception type the callers do not
/// handle as bad input, or that did not finish in time. Failing inputs are saved for replay.
/// </summary>
internal static class FuzzRun
{
    /// <summary>Inputs per reader: small by default (a few seconds for all), <c>DRIFTHOOKS_FUZZ_COUNT</c> for long runs (bench/fuzz.sh).</summary>
    public static int Count(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("DRIFTHOOKS_FUZZ_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count > 0 ? count : fallback;

    /// <summary>Fixed unless <c>DRIFTHOOKS_FUZZ_SEED</c> says otherwise, so that a failure reproduces.</summary>
    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("DRIFTHOOKS_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : 20261130;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <param name="reader">Name, for messages and saved inputs.</param>
    /// <param name="seeds">Real inputs to mutate.</param>
    /// <param name="count">How many mutated inputs to try.</param>
    /// <param name="tokens">Tokens of the format, inserted by some mutations.</param>
    /// <param name="read">The reader under test.</param>
    /// <param name="expected">Exception types the callers turn into a clear message (none for readers that never throw).</param>
    public static void Check(string reader, IReadOnlyList<byte[]> seeds, int count, IReadOnlyList<string> tokens, Action<byte[]> read, params Type[] expected)
    {
        var mutator = new Mutator(Seed ^ reader.Aggregate(17, (hash, c) => (hash * 31) + c), tokens); // string.GetHashCode differs per process
        var failures = new List<string>();
        var rejected = 0;
        for (var i = 0; i < count && failures.Count < 5; i++)
        {
            var input = mutator.Mutate(seeds[i % seeds.Count], seeds);
            var attempt = Task.Run(() => read(input));
            try
            {
                if (!attempt.Wait(Patience))
                {
                    failures.Add($"input {i} did not finish within {Patience.TotalSeconds} s (saved: {Save(reader, i, input)})");
                }
            }
            catch (AggregateException e) when (e.InnerException is { } inner)
            {
                if (expected.Any(t => t.IsInstanceOfType(inner)))
                {
                    rejected++;
                }
                else
                {
                    failures.Add($"input {i} threw {inner.GetType().Name}: {inner.Message} (saved: {Save(reader, i, input)})\n{inner.StackTrace?.Split('\n').FirstOrDefault()}");
                }
            }
        }

        TestContext.Out.WriteLine($"{reader}: {count} mutated inputs from {seeds.Count} seeds (seed {Seed}), {rejected} rejected as bad input, {failures.Count} failures");
        Assert.That(failures, Is.Empty, $"{reader}: inputs that ended in an unexpected exception or a hang:\n" + string.Join("\n", failures));
    }

    private static string Save(string reader, int index, byte[] input)
    {
        var folder = Path.Combine(Path.GetTempPath(), "drifthooks-fuzz-failures");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{reader}-{Seed}-{index}.bin");
        File.WriteAllBytes(path, input);
        return path;
    }
}
