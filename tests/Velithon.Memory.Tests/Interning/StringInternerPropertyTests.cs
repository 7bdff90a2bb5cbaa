using System.Text;
using CsCheck;

namespace Velithon.Memory.Tests.Interning;

public class StringInternerPropertyTests
{
    // Any Unicode scalar value (so every plane, surrogate pairs included, but no lone surrogates).
    private static readonly Gen<string> UnicodeStrings = Gen.Int[0, 0x10FFFF]
        .Where(cp => cp is < 0xD800 or > 0xDFFF)
        .Array[0, 40]
        .Select(codePoints => string.Concat(codePoints.Select(char.ConvertFromUtf32)));

    [Fact]
    public void String_span_and_utf8_intern_to_the_same_instance_equal_to_the_input()
    {
        var interner = new StringInterner();

        UnicodeStrings.Sample(s =>
        {
            string fromString = interner.Intern(new string(s.AsSpan()));
            string fromSpan = interner.Intern(s.AsSpan());
            string fromUtf8 = interner.InternUtf8(Encoding.UTF8.GetBytes(s));

            Assert.Equal(s, fromString);
            Assert.Same(fromString, fromSpan);
            Assert.Same(fromString, fromUtf8);
        }, iter: 2000);
    }

    [Fact]
    public void Arbitrary_bytes_intern_like_Encoding_UTF8_decodes_them()
    {
        var interner = new StringInterner();

        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            string expected = Encoding.UTF8.GetString(bytes);

            string fromUtf8 = interner.InternUtf8(bytes);

            Assert.Equal(expected, fromUtf8);
            Assert.Same(fromUtf8, interner.Intern(expected.AsSpan()));
            Assert.True(interner.TryGet(bytes, out string? found));
            Assert.Same(fromUtf8, found);
        }, iter: 2000);
    }
}
