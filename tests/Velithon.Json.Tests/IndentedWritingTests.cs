using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Velithon.Json.Tests.Profiles;

namespace Velithon.Json.Tests;

/// <summary>
/// Indented writing at depth: deep recursive graphs with 127 indentation characters a level, through VelithonJson, the
/// resolver (the generated code continuing at STJ's depth, inside STJ's lists and dictionaries) and the converter,
/// against STJ; and the indentation settings validated as STJ validates them.
/// </summary>
public sealed class IndentedWritingTests
{
    private static readonly JsonSerializerOptions Stj = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        IndentSize = 127,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 1000,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonSerializerOptions Resolved = new(Stj)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()),
    };

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(120)]
    [InlineData(200)]
    public void Deep_graphs_are_indented_as_STJ_indents_them(int depth)
    {
        WideNode root = Build(depth);
        byte[] expected = JsonSerializer.SerializeToUtf8Bytes(root, Stj);
        var options = new VelithonJsonOptions { MaxDepth = 1000 };
        AssertSame(expected, VelithonJson.SerializeToUtf8Bytes(root, options), "VelithonJson");
        var stingy = new StingyBufferWriter();
        VelithonJson.Serialize(root, stingy, options);
        AssertSame(expected, stingy.WrittenBytes, "VelithonJson, stingy buffer");
        AssertSame(expected, JsonSerializer.SerializeToUtf8Bytes(root, Resolved), "resolver");

        // Inside STJ's own containers: the generated code starts at STJ's depth, after "[" / "," or a property name.
        var wrapped = new Dictionary<string, List<WideNode?>> { ["a"] = [root, null, new WideNode()], ["b"] = [] };
        AssertSame(JsonSerializer.SerializeToUtf8Bytes(wrapped, Stj), JsonSerializer.SerializeToUtf8Bytes(wrapped, Resolved), "resolver, inside STJ's dictionary of lists");

        // And read back, by Velithon and through the resolver, to the same graph (compared by what STJ writes for it:
        // the graph is deeper than DeepEqual goes).
        AssertSame(expected, JsonSerializer.SerializeToUtf8Bytes(VelithonJson.Deserialize<WideNode>(expected, options), Stj), "read back by VelithonJson");
        AssertSame(expected, JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize<WideNode>(expected, Resolved), Stj), "read back through the resolver");
    }

    [Fact]
    public void JsonIndentation_accepts_what_JsonSerializerOptions_accepts()
    {
        foreach ((char c, int size, string? newLine) in new (char, int, string?)[] { (' ', 0, "\n"), ('\t', 127, "\r\n"), (' ', 2, null) })
        {
            JsonIndentation indentation = JsonIndentation.Create(c, size, newLine);
            var stj = new JsonSerializerOptions { IndentCharacter = c, IndentSize = size };
            if (newLine is not null)
            {
                stj.NewLine = newLine;
            }

            Assert.Equal((stj.IndentCharacter, stj.IndentSize, stj.NewLine), (indentation.IndentCharacter, indentation.IndentSize, indentation.NewLine));
        }

        foreach ((char c, int size, string? newLine) in new (char, int, string?)[] { ('x', 2, "\n"), ('\0', 2, "\n"), (' ', -1, "\n"), (' ', 128, "\n"), (' ', 2, "\r"), (' ', 2, "\n\r"), (' ', 2, "") })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => JsonIndentation.Create(c, size, newLine));
            Assert.ThrowsAny<ArgumentException>(() => new JsonSerializerOptions { IndentCharacter = c, IndentSize = size, NewLine = newLine! });
        }
    }

    private static WideNode Build(int depth)
    {
        // A chain through Next, Items and ByName in turn, with empty and null containers on the way.
        var node = new WideNode { Level = depth, Items = [], ByName = [] };
        for (int level = depth - 1; level > 0; level--)
        {
            node = (level % 3) switch
            {
                0 => new WideNode { Level = level, Next = node, Items = level % 2 == 0 ? [] : null },
                1 => new WideNode { Level = level, Items = [null, node, new WideNode { Level = -level }] },
                _ => new WideNode { Level = level, ByName = new() { ["k" + level] = node, ["empty"] = new WideNode() } },
            };
        }

        return node;
    }

    private static void AssertSame(byte[] expected, byte[] actual, string what)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            int at = expected.AsSpan().CommonPrefixLength(actual);
            Assert.Fail($"{what}: differs from STJ at byte {at} of {expected.Length}/{actual.Length}: ...{Encoding.UTF8.GetString(expected.AsSpan(Math.Max(0, at - 40), Math.Min(80, expected.Length - Math.Max(0, at - 40))))}...");
        }
    }
}
