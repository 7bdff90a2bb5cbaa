using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Velithon.AspNetCore.Caching;
using Xunit.Abstractions;

namespace Velithon.Caching.Tests;

/// <summary>
/// The query part of the key agrees with <c>Request.Query</c>'s comparer (ordinal, ignoring case): two requests share a
/// key exactly when every name looked up in their queries gives the same values.
/// </summary>
public sealed class QueryNameFoldingTests(ITestOutputHelper output)
{
    // Case pairs where invariant upper-casing and the ordinal-ignore-case comparer may disagree, and plain ones.
    private static readonly string[] s_letters =
    [
        "s", "S", "\u017F", "k", "K", "\u212A", "i", "I", "\u0131", "\u0130", "\u03C3", "\u03A3", "\u03C2",
        "\u00B5", "\u039C", "\u03BC", "\u01C4", "\u01C5", "\u01C6", "\u00DF", "\u1E9E", "\u00E5", "\u212B", "\u00C5",
        "\u03B8", "\u03D1", "\u0398", "\U00010400", "\U00010428", "a", "A",
    ];

    [Fact]
    public void Folding_agrees_with_the_comparer_on_every_code_point()
    {
        var classes = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        for (int codePoint = 0; codePoint <= 0x10FFFF; codePoint++)
        {
            if (codePoint is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            string text = char.ConvertFromUtf32(codePoint);
            Assert.True(string.Equals(text, QueryNameFolding.Fold(text), StringComparison.OrdinalIgnoreCase), $"U+{codePoint:X4} folds out of its class");
            if (classes.TryGetValue(text, out List<string>? members))
            {
                members.Add(text);
            }
            else
            {
                classes.Add(text, [text]);
            }
        }

        int unknownToIcu = 0;
        foreach (List<string> members in classes.Values.Where(static m => m.Count > 1))
        {
            foreach (string one in members)
            {
                foreach (string other in members)
                {
                    // A VaryByQuery name is kept upper-cased: each spelling the endpoint may use still matches every member.
                    Assert.True(QueryNameFolding.MayBeLookedUpAs(other, one.ToUpperInvariant()), $"{Hex(other)} is not matched by the upper case of {Hex(one)}");
                    if (QueryNameFolding.Fold(one) != QueryNameFolding.Fold(other))
                    {
                        // Only where the system's ICU knows no case for a letter the runtime's table does (a miss, not a leak).
                        Assert.True(!IcuKnowsCase(one) || !IcuKnowsCase(other), $"{Hex(one)} and {Hex(other)} are one name but fold apart");
                        unknownToIcu++;
                    }
                }
            }
        }

        output.WriteLine($"{classes.Count(static c => c.Value.Count > 1)} classes of more than one code point; {unknownToIcu} ordered pairs fold apart (case unknown to ICU)");
    }

    [Fact]
    public void A_lone_surrogate_is_kept_as_it_is() =>
        Assert.Equal("A\uD800B", QueryNameFolding.Fold("a\uD800b"));

    [Fact]
    public void Two_requests_share_a_key_exactly_when_the_query_gives_the_endpoint_the_same_values()
    {
        var random = new Random(20_260_101);
        CachePolicy allNames = CachePolicy.From(new VelithonCachedAttribute());
        int shared = 0;
        for (int i = 0; i < 20_000; i++)
        {
            string[] names = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Name(random))];
            (string Name, string Value)[] first = Query(random, names);
            (string Name, string Value)[] second = random.Next(3) == 0 ? Query(random, names) : Respell(random, first);

            IQueryCollection a = Context(first).Request.Query;
            IQueryCollection b = Context(second).Request.Query;
            bool sameView = names.Concat(first.Select(p => p.Name)).Concat(second.Select(p => p.Name))
                .All(name => StringValues.Equals(a[name], b[name]));
            bool sameKey = CacheKeyBuilder.Build(Context(first), allNames) == CacheKeyBuilder.Build(Context(second), allNames);
            Assert.True(sameView == sameKey, $"{Text(first)} and {Text(second)}: same values {sameView}, same key {sameKey}");
            shared += sameKey ? 1 : 0;
        }

        Assert.InRange(shared, 2_000, 18_000); // Both outcomes were exercised.
    }

    [Theory]
    [InlineData("sort", "\u017Fort")]
    [InlineData("key", "\u212Aey")]
    [InlineData("id", "\u0131d")]
    [InlineData("IDX", "\u0130DX")]
    public void A_twin_read_through_VaryByQuery_is_in_the_key(string plain, string twin)
    {
        CachePolicy policy = CachePolicy.From(new VelithonCachedAttribute { VaryByQuery = [twin] });
        string one = CacheKeyBuilder.Build(Context([(plain, "1"), (twin, "a")]), policy);
        string other = CacheKeyBuilder.Build(Context([(plain, "1"), (twin, "b")]), policy);
        Assert.NotEqual(one, other);
    }

    private static string Name(Random random)
    {
        var name = new StringBuilder();
        for (int i = random.Next(1, 3); i > 0; i--)
        {
            name.Append(s_letters[random.Next(s_letters.Length)]);
        }

        return name.ToString();
    }

    private static (string Name, string Value)[] Query(Random random, string[] names) =>
        [.. Enumerable.Range(0, random.Next(1, 5)).Select(_ => (names[random.Next(names.Length)], random.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    /// <summary>The same pairs, each name spelled with another member of its ordinal-ignore-case class where there is one.</summary>
    private static (string Name, string Value)[] Respell(Random random, (string Name, string Value)[] pairs) =>
        [.. pairs.Select(p => (string.Concat(EnumerateLetters(p.Name).Select(letter =>
        {
            string[] twins = [.. s_letters.Where(l => string.Equals(l, letter, StringComparison.OrdinalIgnoreCase))];
            return random.Next(2) == 0 ? twins[random.Next(twins.Length)] : s_letters[random.Next(s_letters.Length)];
        })), p.Value))];

    private static IEnumerable<string> EnumerateLetters(string name)
    {
        for (int i = 0; i < name.Length; i += char.IsSurrogatePair(name, i) ? 2 : 1)
        {
            yield return char.IsSurrogatePair(name, i) ? name.Substring(i, 2) : name.Substring(i, 1);
        }
    }

    private static DefaultHttpContext Context((string Name, string Value)[] pairs)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("h");
        context.Request.Path = "/p";
        context.Request.QueryString = new QueryString("?" + Text(pairs));
        return context;
    }

    private static string Text((string Name, string Value)[] pairs) =>
        string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Name) + "=" + p.Value));

    private static bool IcuKnowsCase(string text)
    {
        Rune rune = Rune.GetRuneAt(text, 0);
        return Rune.ToUpperInvariant(rune) != rune || Rune.ToLowerInvariant(rune) != rune;
    }

    private static string Hex(string text) => string.Join(" ", text.EnumerateRunes().Select(r => $"U+{r.Value:X4}"));
}
