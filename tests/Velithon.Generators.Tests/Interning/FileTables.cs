namespace Velithon.Generators.Tests.Interning;

/// <summary>
/// A table of two constants plus the 3,000 lines of <c>Vocab/vocab3000.interned.txt</c> (an additional file of this
/// project), compiled by the generator, for the in-process tests of file-based tables.
/// </summary>
[InternedStrings(File = "vocab3000.interned.txt")]
internal static partial class FileTable
{
    public const string Method = "METHOD";
    public const string Empty = "";
}
