using System.Text.RegularExpressions;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests;

// Core's folders are its rooms, one namespace each: a room may use the rooms below it, never one that uses it back.
// Read from the sources, as a reader meets them: a room uses another when it names one of its types through a using
// line or a qualified name (documentation references included, since a newcomer follows them too).
public partial class RoomsTests
{
    [Test]
    public void Core_s_namespaces_form_no_cycle()
    {
        var uses = NamespaceUses(Path.Combine(TestData.Repository, "src", "DriftHooks.Core"));
        Assert.That(uses, Has.Count.GreaterThan(15), "the sources were read");
        Assert.That(Cycles(uses), Is.Empty, "each entry is a cycle of namespaces, with the files that close it");
    }

    // docs/layout.md lists the rooms from the bottom up; a room that uses one listed after it, or a room the page does
    // not list, makes the page wrong.
    [Test]
    public void Each_room_uses_only_rooms_docs_layout_lists_before_it()
    {
        var core = Path.Combine(TestData.Repository, "src", "DriftHooks.Core");
        var folders = Directory.EnumerateDirectories(core)
            .Where(folder => Path.GetFileName(folder) is not ("bin" or "obj") && Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Any())
            .Select(Path.GetFileName)
            .ToHashSet(StringComparer.Ordinal);
        var page = File.ReadAllText(Path.Combine(TestData.Repository, "docs", "layout.md"));
        var section = page[page.IndexOf("## The core library", StringComparison.Ordinal)..page.IndexOf("## Everything else", StringComparison.Ordinal)];
        var order = FolderPattern().Matches(section)
            .Select(m => m.Groups[1].Value)
            .Where(folders.Contains)
            .Distinct()
            .Select((room, i) => (room, i))
            .ToDictionary(r => r.room, r => r.i, StringComparer.Ordinal);
        Assert.That(folders.Except(order.Keys), Is.Empty, "every folder of src/DriftHooks.Core is a room docs/layout.md lists");

        var wrong = NamespaceUses(core)
            .SelectMany(from => from.Value.Select(to => (From: Room(from.Key), To: Room(to.Key), File: to.Value)))
            .Where(use => use.From != use.To && order[use.To] > order[use.From])
            .Select(use => $"{use.From} uses {use.To}, listed after it ({use.File.Replace('\\', '/')})")
            .ToList();
        Assert.That(wrong, Is.Empty);

        static string Room(string ns) => ns.Split('.')[0];
    }

    [Test]
    public void A_cycle_is_found_when_two_rooms_use_each_other()
    {
        var uses = new Dictionary<string, Dictionary<string, string>>
        {
            ["Git"] = new() { ["Prisma"] = "Git/A.cs" },
            ["Prisma"] = new() { ["Findings"] = "Prisma/B.cs" },
            ["Rules"] = new() { ["Git"] = "Rules/C.cs", ["Prisma"] = "Rules/D.cs" },
        };
        Assert.That(Cycles(uses), Is.Empty);

        uses["Prisma"]["Rules"] = "Prisma/E.cs";
        Assert.That(Cycles(uses), Has.Count.EqualTo(1));
        Assert.That(Cycles(uses)[0], Does.Contain("Prisma -> Rules (Prisma/E.cs)").And.Contain("Rules -> Prisma (Rules/D.cs)"));
    }

    // Namespace (without "DriftHooks.Core.") -> namespaces it uses -> one file that uses it.
    static Dictionary<string, Dictionary<string, string>> NamespaceUses(string core)
    {
        var files = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path: Path.GetRelativePath(core, f), Text: File.ReadAllText(f)))
            .Select(f => (f.Path, f.Text, Namespace: NamespacePattern().Match(f.Text) is { Success: true } m ? m.Groups[1].Value : null))
            .Where(f => f.Namespace is not null)
            .ToList();
        var typesOf = files
            .SelectMany(f => DeclarationPattern().Matches(f.Text).Select(m => (f.Namespace!, Type: m.Groups[1].Value)))
            .GroupBy(d => d.Item1, d => d.Type)
            .ToDictionary(g => g.Key, g => g.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var uses = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (path, text, ns) in files)
        {
            var usings = UsingPattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            var body = UsingPattern().Replace(text, "");
            var words = WordPattern().Matches(body).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var (other, types) in typesOf)
            {
                if (other == ns || ns!.StartsWith(other + ".", StringComparison.Ordinal))
                {
                    continue;
                }

                var room = other["DriftHooks.Core.".Length..];
                var used = (usings.Contains(other) && types.Overlaps(words))
                    || types.Any(t => body.Contains(room + "." + t, StringComparison.Ordinal));
                if (used)
                {
                    var from = ns["DriftHooks.Core.".Length..];
                    (uses.TryGetValue(from, out var set) ? set : uses[from] = new(StringComparer.Ordinal)).TryAdd(room, path);
                }
            }
        }

        return uses;
    }

    // Every strongly connected component of more than one namespace (Tarjan's algorithm), as "A -> B (file)" lines.
    static List<string> Cycles(Dictionary<string, Dictionary<string, string>> uses)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<string>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in uses.GetValueOrDefault(v)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new HashSet<string>(StringComparer.Ordinal);
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    cycles.Add(string.Join("; ", component.Order(StringComparer.Ordinal).SelectMany(a => uses[a]
                        .Where(e => component.Contains(e.Key))
                        .Select(e => $"{a} -> {e.Key} ({e.Value.Replace('\\', '/')})"))));
                }
            }
        }

        foreach (var v in uses.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return cycles;
    }

    [GeneratedRegex(@"^namespace\s+(DriftHooks\.Core\.[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"^\s*(?:(?:internal|public|private|protected|file|sealed|static|readonly|partial|abstract|ref)\s+)+(?:class|record(?:\s+struct|\s+class)?|struct|interface|enum)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex DeclarationPattern();

    [GeneratedRegex(@"^using\s+([\w.]+)\s*;\r?\n", RegexOptions.Multiline)]
    private static partial Regex UsingPattern();

    [GeneratedRegex(@"`(\w+)/`")]
    private static partial Regex FolderPattern();

    [GeneratedRegex(@"\b\w+\b")]
    private static partial Regex WordPattern();
}
