using System.Text;

namespace Velithon.Generators.Tests.Interning;

/// <summary>The generated members of <see cref="FileTable"/> (two constants and a 3,000-line file), compiled into this assembly.</summary>
public sealed class InternedFileRuntimeTests
{
    /// <summary>The constants, then the file's values as the test reads them (its only quoted lines are plain "...").</summary>
    private static readonly string[] Expected = [FileTable.Method, FileTable.Empty, .. ReadVocabulary()];

    private static readonly string[] Misses =
        ["method", "accept-typ", "accept-type ", "Accept-type", "ACCEPT-TYPE", "#not-a-comment ", "padded", "cafe", "东京", "🚁", "tag-", "ZZZZ", " "];

    private static IEnumerable<string> ReadVocabulary()
    {
        foreach (string line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Interning", "Vocab", "vocab3000.interned.txt")))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            yield return line[0] == '"' ? line[1..^1] : line;
        }
    }

    [Fact]
    public void Count_and_All_hold_the_constants_then_every_line_in_file_order()
    {
        Assert.Equal(3_002, Expected.Length);
        Assert.Equal(FileTable.Count, Expected.Length);
        Assert.Equal(Expected, FileTable.All);
        Assert.Contains("#not-a-comment", FileTable.All);
        Assert.Contains("  padded  ", FileTable.All);
    }

    [Fact]
    public void Generated_constants_are_named_after_their_values()
    {
        Assert.Equal("accept-type", FileTable.AcceptType);
        Assert.Equal("Accept-Type", FileTable.AcceptType_2);
        Assert.Equal("x-forwarded-for", FileTable.XForwardedFor);
        Assert.Equal("café", FileTable.Café);
        Assert.Equal("404", FileTable._404);
        Assert.Equal("#not-a-comment", FileTable.NotAComment);
        Assert.Equal(Encoding.UTF8.GetBytes("x-forwarded-for"), FileTable.XForwardedForUtf8.ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes("emoji-😀"), FileTable.EmojiUtf8.ToArray());
    }

    [Fact]
    public void Every_value_is_found_from_bytes_and_chars_as_the_instance_in_All()
    {
        for (int i = 0; i < Expected.Length; i++)
        {
            string canonical = FileTable.All[i];
            byte[] utf8 = Encoding.UTF8.GetBytes(Expected[i]);
            char[] chars = Expected[i].ToCharArray();

            Assert.True(FileTable.TryGet(utf8, out string? fromBytes), Expected[i]);
            Assert.Same(canonical, fromBytes);
            Assert.True(FileTable.TryGet(chars, out string? fromChars), Expected[i]);
            Assert.Same(canonical, fromChars);
            Assert.Same(canonical, FileTable.GetOrAdd(utf8));
        }

        Assert.Same(FileTable.AcceptType, FileTable.All[2]);
        Assert.True(FileTable.TryGet("🚀"u8, out string? rocket));
        Assert.Same(FileTable.All[Array.IndexOf(Expected, "🚀")], rocket);
    }

    [Fact]
    public void Non_members_are_not_found()
    {
        foreach (string miss in Misses)
        {
            Assert.False(FileTable.TryGet(Encoding.UTF8.GetBytes(miss), out string? fromBytes), miss);
            Assert.Null(fromBytes);
            Assert.False(FileTable.TryGet(miss.AsSpan(), out string? fromChars), miss);
            Assert.Null(fromChars);
        }
    }

    [Fact]
    public void Lookups_allocate_nothing()
    {
        byte[][] utf8 = [.. Expected.Concat(Misses).Select(Encoding.UTF8.GetBytes)];
        char[][] chars = [.. Expected.Concat(Misses).Select(s => s.ToCharArray())];
        int found = 0;
        int calls = 0;
        Allocations.AssertNone(
            () =>
            {
                found += Lookup(utf8, chars);
                calls++;
            },
            20);
        Assert.Equal(calls * Expected.Length * 2, found);
    }

    private static int Lookup(byte[][] utf8, char[][] chars)
    {
        int found = 0;
        for (int i = 0; i < utf8.Length; i++)
        {
            found += FileTable.TryGet(utf8[i], out _) ? 1 : 0;
            found += FileTable.TryGet(chars[i], out _) ? 1 : 0;
        }

        return found;
    }
}
