using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Velithon.Generators.Interning;

namespace Velithon.Generators.Tests.Interning;

/// <summary>Random tables, compiled with the generator and loaded: every member is found, nothing else is.</summary>
public sealed class InternedStringsPropertyTests
{
    // A few scalar ranges chosen so that many strings share lengths, prefixes and code units: ASCII letters, Latin-1,
    // Greek, CJK (3 UTF-8 bytes) and emoji (surrogate pairs, 4 bytes).
    private static readonly Gen<string> Scalar = Gen.Frequency(
        (8, Gen.Char['a', 'e'].Select(c => c.ToString())),
        (2, Gen.Char['\u00E0', '\u00E4'].Select(c => c.ToString())),
        (1, Gen.Char['\u03B1', '\u03B3'].Select(c => c.ToString())),
        (1, Gen.Char['\u6771', '\u6773'].Select(c => c.ToString())),
        (1, Gen.Int[0x1F600, 0x1F602].Select(char.ConvertFromUtf32)),
        (1, Gen.OneOf("\"", "\\", "\0", "\n", "'")));

    private static readonly Gen<string> Word = Scalar.Array[0, 7].Select(parts => string.Concat(parts));

    private static readonly Gen<string> Prefix = Gen.OneOf("", "", "Content-", "x-velithon-", "東京", "ab");

    private static readonly Gen<string> Entry = Gen.Select(Prefix, Word, (p, w) => p + w);

    private static readonly Gen<string[]> Table = Entry.Array[1, 400].Select(a => a.Distinct(StringComparer.Ordinal).ToArray());

    // Tables above the perfect-hash threshold: hundreds of strings sharing prefixes, suffixes and lengths, with the
    // empty string and one-char strings always in.
    private static readonly Gen<string> Suffix = Gen.OneOf("", "", "Id", "-v2", "名");

    private static readonly Gen<string> LongScalar = Gen.Frequency((3, Gen.Char['a', 'z'].Select(c => c.ToString())), (2, Scalar));

    private static readonly Gen<string> LongEntry = Gen.Select(Prefix, LongScalar.Array[1, 9].Select(parts => string.Concat(parts)), Suffix, (p, w, x) => p + w + x);

    private static readonly Gen<string[]> LargeTable = LongEntry.Array[InternedStringsEmitter.PerfectHashThreshold + 1, 700]
        .Select(a => new[] { "", "a", "é", "東" }.Concat(a).Distinct(StringComparer.Ordinal).ToArray());

    // Each sample compiles a batch of tables in one compilation (compiling is the cost; the checks are cheap):
    // 10 x 20 = 200 small tables and 6 x 10 = 60 large ones a run (12 and 10 before batching).
    private const int SmallBatches = 10;
    private const int SmallPerBatch = 20;
    private const int LargeBatches = 6;
    private const int LargePerBatch = 10;

    [Fact]
    public void Random_tables_find_every_member_as_its_constant_and_no_other_string()
    {
        int tables = 0;
        Gen.Select(Table, Entry.Array[50]).Array[SmallPerBatch].Sample(
            batch =>
            {
                Check(batch, out _);
                tables += batch.Length;
            },
            iter: SmallBatches,
            threads: 1);
        Assert.True(tables >= SmallBatches * SmallPerBatch, $"{tables} tables checked");
    }

    [Fact]
    public void Random_large_tables_use_a_perfect_hash_and_find_every_member_and_no_other_string()
    {
        int hashed = 0;
        int tables = 0;
        Gen.Select(LargeTable, LongEntry.Array[50]).Array[LargePerBatch].Sample(
            batch =>
            {
                Check(batch, out string[] generated);
                tables += batch.Length;
                hashed += generated.Count(g => g.Contains("// Perfect hash", StringComparison.Ordinal));
            },
            iter: LargeBatches,
            threads: 1);

        // A table the sampled positions cannot tell apart keeps the switch tree (covered by the check too), but the
        // random ones are nearly always hashed.
        Assert.True(tables >= LargeBatches * LargePerBatch, $"{tables} tables checked");
        Assert.True(hashed >= tables * 8 / 10, $"{hashed} of {tables} large tables used the perfect hash");
    }

    private static void Check((string[] Table, string[] Others)[] batch, out string[] generated)
    {
        Assembly assembly = Compile(batch.Select(b => b.Table).ToArray(), out AssemblyLoadContext context, out generated);
        try
        {
            for (int t = 0; t < batch.Length; t++)
            {
                Check(assembly.GetType("Random.Table" + t, throwOnError: true)!, batch[t].Table, batch[t].Others);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private static void Check(Type type, string[] table, string[] others)
    {
        var expected = (string[])type.GetMethod("Expected")!.Invoke(null, null)!;
        var findUtf8 = type.GetMethod("FindUtf8")!.CreateDelegate<Func<byte[], string?>>();
        var findChars = type.GetMethod("FindChars")!.CreateDelegate<Func<char[], string?>>();
        var all = (IReadOnlyList<string>)type.GetProperty("All")!.GetValue(null)!;

        Assert.Equal(table.Length, (int)type.GetField("Count")!.GetRawConstantValue()!);
        Assert.Equal(table.Length, all.Count);
        for (int i = 0; i < table.Length; i++)
        {
            Assert.Equal(table[i], expected[i]);
            Assert.Same(expected[i], all[i]);
            Assert.Same(expected[i], findUtf8(Encoding.UTF8.GetBytes(table[i])));
            Assert.Same(expected[i], findChars(table[i].ToCharArray()));
        }

        var members = new HashSet<string>(table, StringComparer.Ordinal);
        foreach (string candidate in others.Concat(table.SelectMany(NearMisses)))
        {
            if (!members.Contains(candidate))
            {
                Assert.Null(findChars(candidate.ToCharArray()));
                if (InternedStringsParser.IndexOfLoneSurrogate(candidate) < 0)
                {
                    Assert.Null(findUtf8(Encoding.UTF8.GetBytes(candidate)));
                }
            }
        }
    }

    /// <summary>Strings one edit away from a member: a code unit more or less, or the last one changed.</summary>
    private static IEnumerable<string> NearMisses(string member)
    {
        yield return member + "a";
        yield return "a" + member;
        if (member.Length > 0)
        {
            yield return member[..^1];
            yield return member[1..];
            yield return member[..^1] + (char)(member[^1] + 1);
            yield return (char)(member[0] ^ 0x20) + member[1..];
        }
    }

    private static Assembly Compile(string[][] tables, out AssemblyLoadContext context, out string[] generated)
    {
        var source = new StringBuilder("using Velithon;\nnamespace Random;\n");
        for (int t = 0; t < tables.Length; t++)
        {
            string[] table = tables[t];
            source.Append("[InternedStrings]\npublic static partial class Table").Append(t).Append("\n{\n");
            for (int i = 0; i < table.Length; i++)
            {
                source.Append("    public const string C").Append(i).Append(" = ").Append(SymbolDisplay.FormatLiteral(table[i], quote: true)).Append(";\n");
            }

            source.Append("    public static string[] Expected() => new string[] { ");
            source.Append(string.Join(", ", table.Select((_, i) => "C" + i)));
            source.Append(" };\n");
            source.Append("    public static string? FindUtf8(byte[] utf8) => TryGet(utf8, out string? value) ? value : null;\n");
            source.Append("    public static string? FindChars(char[] chars) => TryGet(chars, out string? value) ? value : null;\n}\n");
        }

        GeneratorResult result = GeneratorHarness.Run(new InternedStringsGenerator(), source.ToString());
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Equal(tables.Length, result.Sources.Count());
        generated = [.. result.Sources.Select(s => s.SourceText.ToString())];
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit = result.Output.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        stream.Position = 0;
        context = new AssemblyLoadContext("InternedStringsPropertyTests", isCollectible: true);
        return context.LoadFromStream(stream);
    }
}
