using System.Text;

namespace Velithon.Memory.Tests.Interning;

public class StringInternerEncodingTests
{
    public static TheoryData<string> Values => new()
    {
        "ascii",
        "Grüße aus Köln",
        "日本語のテキスト",
        "emoji 😀 and 𝄞 clef",   // surrogate pairs
        "😀",
        "\0control\u0001chars",
        "\uFFFD replacement char itself",
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void String_chars_and_utf8_return_the_same_instance(string text)
    {
        var interner = new StringInterner();
        string original = StringInternerApiTests.Fresh(text);

        string fromString = interner.Intern(original);
        string fromChars = interner.Intern(text.ToCharArray().AsSpan());
        string fromUtf8 = interner.InternUtf8(Encoding.UTF8.GetBytes(text));

        Assert.Same(original, fromString);
        Assert.Same(original, fromChars);
        Assert.Same(original, fromUtf8);
        Assert.Equal(1, interner.Count);
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Utf8_first_then_string_and_chars_return_the_same_instance(string text)
    {
        var interner = new StringInterner();

        string fromUtf8 = interner.InternUtf8(Encoding.UTF8.GetBytes(text));

        Assert.Equal(text, fromUtf8);
        Assert.Same(fromUtf8, interner.Intern(StringInternerApiTests.Fresh(text)));
        Assert.Same(fromUtf8, interner.Intern(text.AsSpan()));
        Assert.True(interner.TryGet(Encoding.UTF8.GetBytes(text), out string? found));
        Assert.Same(fromUtf8, found);
    }

    [Theory]
    [InlineData(new byte[] { 0x80 })]                               // lone continuation byte
    [InlineData(new byte[] { 0xC0, 0xAF })]                         // overlong encoding
    [InlineData(new byte[] { 0x61, 0xE2, 0x82 })]                   // truncated 3-byte sequence at the end
    [InlineData(new byte[] { 0xE2, 0x82, 0x61 })]                   // truncated sequence in the middle
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]                   // encoded surrogate
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]             // above U+10FFFF
    [InlineData(new byte[] { 0xF5, 0xFF, 0xFE })]                   // never-valid bytes
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98 })]                   // truncated 4-byte sequence
    [InlineData(new byte[] { 0x41, 0xF0, 0x9F, 0x98, 0x80, 0xFF })] // valid pair then garbage
    public void Invalid_utf8_decodes_like_Encoding_UTF8_and_never_throws(byte[] utf8)
    {
        var interner = new StringInterner();
        string expected = Encoding.UTF8.GetString(utf8);

        string interned = interner.InternUtf8(utf8);

        Assert.Equal(expected, interned);
        Assert.Same(interned, interner.Intern(expected));
        Assert.True(interner.TryGet(utf8, out string? found));
        Assert.Same(interned, found);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(3000)]
    public void Utf8_of_every_buffer_size_matches_chars(int length)
    {
        var interner = new StringInterner(new StringInternerOptions { MaxStringLength = 4096 });
        string text = string.Create(length, 0, static (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        });

        string fromUtf8 = interner.InternUtf8(Encoding.UTF8.GetBytes(text));

        Assert.Equal(text, fromUtf8);
        Assert.Same(fromUtf8, interner.Intern(text.AsSpan()));
        Assert.True(interner.TryGet(Encoding.UTF8.GetBytes(text), out string? found));
        Assert.Same(fromUtf8, found);
    }

    [Fact]
    public void Multibyte_utf8_near_the_buffer_limits_decodes_correctly()
    {
        var interner = new StringInterner(new StringInternerOptions { MaxStringLength = 4096 });
        foreach (int count in new[] { 21, 22, 170, 171, 400 })
        {
            string text = string.Concat(Enumerable.Repeat("€", count)); // 3 UTF-8 bytes, 1 char each
            string fromUtf8 = interner.InternUtf8(Encoding.UTF8.GetBytes(text));

            Assert.Equal(text, fromUtf8);
            Assert.Same(fromUtf8, interner.Intern(text));
        }
    }
}
